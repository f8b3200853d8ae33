"""The guided story's data file: validated like the rest, and every figure in its texts filled from the rows."""

from __future__ import annotations

import csv
import io
import re

import pytest

from data.load import DataError
from data.select import LENSES
from data.story import PLACEHOLDER, QUANTITIES, item_spread, load_stories, render

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}}(–\d{{1,2}})? (?:{MONTHS})\b|\b(19|20)\d\d\b")


def test_the_camps_story_has_ten_steps_each_setting_a_view(bundle, data_copy):
    steps = load_stories(bundle, data_copy)["camps"]
    assert 8 <= len(steps) <= 12
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    for step in steps:
        assert bundle.first_month <= step.start <= step.end <= bundle.last_month
        assert step.place is None or step.place in bundle.places.index


def test_our_own_words_carry_no_figure_only_placeholders_do(bundle, data_copy):
    for step in load_stories(bundle, data_copy)["camps"]:
        words = DATE.sub("", PLACEHOLDER.sub("", step.text))
        assert not re.search(r"\d", words), f"step {step.number}: a number outside a placeholder: {words!r}"


@pytest.mark.parametrize("lens", LENSES)
def test_every_number_in_a_rendered_step_is_a_figure_of_its_rows(bundle, data_copy, lens):
    for step in load_stories(bundle, data_copy)["camps"]:
        allowed = set()
        for name, ref in PLACEHOLDER.findall(step.text):
            if name in QUANTITIES:
                allowed |= {f.value for f in item_spread(bundle, name, ref, lens).figures}
        text = DATE.sub("", render(bundle, step.text, lens))
        numbers = {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)}
        numbers -= {int(n) for n in re.findall(r"\d+", " ".join(bundle.sources["publisher"]))}  # "MDE 14/010/2013"
        assert numbers <= allowed, f"step {step.number} under {lens}: {sorted(numbers - allowed)} in no row"


def test_a_rendered_figure_is_the_range_with_who_gives_its_extremes(bundle):
    s = item_spread(bundle, "killed", "E2011_ASHRAF", "all")
    text = render(bundle, "{killed:E2011_ASHRAF}", "all")
    assert text.startswith(f"{s.low}–{s.high} (lowest: ")
    for f in s.figures:
        if f.value in (s.low, s.high):
            assert f.publisher in text
    assert (
        render(bundle, "{source:unhcr-regional-office-2}", "all")
        == bundle.sources.at["unhcr-regional-office-2", "publisher"]
    )


@pytest.mark.parametrize(
    "column,value,message",
    [
        ("item_id", "E2099_NOWHERE", "no event 'E2099_NOWHERE'"),
        ("place", "atlantis", "unknown place 'atlantis'"),
        ("from", "2013-13", "not a month"),
        ("text", "Deaths: {killed:E2099_X}.", "no event 'E2099_X'"),
        ("text", "By {source:nobody-2020}.", "no source 'nobody-2020'"),
        ("lens", "mine", "unknown lens 'mine'"),
    ],
)
def test_a_broken_story_names_file_line_and_column(bundle, data_copy, column, value, message):
    path = data_copy / "stories.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    rows[3][header.index(column)] = value  # line 4 of the file
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_stories(bundle, data_copy)
    assert f"stories.csv, line 4, column '{column}'" in str(
        err.value
    ) or f"stories.csv, line 4, column {column}" in str(err.value)
    assert message in str(err.value)


def test_key_events_are_in_date_order_and_a_broken_one_is_named(bundle, data_copy):
    from data.story import load_key_events

    events = load_key_events(bundle, data_copy)
    assert [e.label for e in events][:2] == ["Jul 2009 raid", "Apr 2011 raid"]
    assert [e.start for e in events] == sorted(e.start for e in events)
    path = data_copy / "key_events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2011-04,2011-04,E2011_ASHRAF", "2011-04,2010-04,E2011_X"))
    with pytest.raises(DataError) as err:
        load_key_events(bundle, data_copy)
    assert "key_events.csv, line 3, column 'to': 2010-04 is before from=2011-04" in str(err.value)
    assert "key_events.csv, line 3, column 'item_id': no event or movement 'E2011_X' in the data" in str(err.value)


def test_a_steps_text_names_only_the_claimants_of_the_readers_lens(bundle):
    """Step 8 said "UNHCR reported no casualties" under every lens; now each figure comes from the lens's rows."""
    from data.story import default_stories, render

    step = default_stories()["camps"][7]
    figures = lambda lens: render(bundle, step.text, lens).split("claims.", 1)[1]  # noqa: E731 (after the intro)
    assert "UNHCR" not in figures("iran_state") and "no figure from the sources in this view" in figures("iran_state")
    assert "UNHCR" in figures("independent")
    assert "Antiwar.com" in render(bundle, step.text, "independent")  # the 40 wounded of 4 Jul 2016
