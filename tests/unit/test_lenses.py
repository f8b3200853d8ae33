"""The lenses keep rows by their CLAIMANT's kind, through the same selection path the page uses, in every view."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import present
from data import schema
from data import select as selection
from data.select import LENSES, View, full_view, lens_keeps, select

PARTY_TAGS = {f"[{schema.SOURCE_KIND_LABELS[k]}]" for k in schema.PARTY_KINDS}  # how a hover names a party's figure
KEEPS = {
    "all": lambda kinds, seeds: pd.Series(True, index=kinds.index),
    "independent": lambda kinds, seeds: ~kinds.isin({"group", "iran_state"}),
    "group": lambda kinds, seeds: kinds == "group",
    "iran_state": lambda kinds, seeds: kinds == "iran_state",
    "seeds": lambda kinds, seeds: seeds,
}


def _strings(value) -> list[str]:
    """Every string inside a figure dict, KPI or dataclass (hover texts, names, customdata)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _views(bundle, lens):
    whole = dataclasses.replace(full_view(bundle), lens=lens)
    years = [View(pd.Period(f"{y}-01", "M"), pd.Period(f"{y}-12", "M"), None, lens) for y in range(2009, 2017)]
    return [whole, *years, dataclasses.replace(whole, place="liberty"), dataclasses.replace(whole, place="ashraf")]


@pytest.mark.parametrize("lens", LENSES)
def test_each_lens_keeps_exactly_the_rows_of_its_claimant_kinds(bundle, lens):
    """Every row of every data file, through the one selection (data.select: masks and rows) and the lens rule."""
    for name in (*selection.FRAMES, "distances"):
        frame = getattr(bundle, name)
        kinds = frame["claimant_id"].map(bundle.claimants["kind"])
        seeds = frame["source_id"].map(bundle.sources["seed_file"]).ne("")
        want = KEEPS[lens](kinds, seeds).to_numpy()
        assert (lens_keeps(frame, bundle, lens).to_numpy() == want).all(), name
        if name in selection.FRAMES:
            assert (selection.base_mask(bundle, name, lens, None) == want).all(), name
            kept = selection.rows(bundle, dataclasses.replace(full_view(bundle), lens=lens), name).positions
            every_in_range = selection.rows(bundle, full_view(bundle), name).positions
            assert set(kept) == {p for p in every_in_range if want[p]}, name


def test_independent_views_hold_no_claim_of_either_party(bundle):
    """No chart, KPI, map, table row or caption of an independent view carries a group or Iranian-state figure."""
    party_ids = set(bundle.claimants.index[bundle.claimants["kind"].isin(schema.PARTY_KINDS)])
    for view in _views(bundle, "independent"):
        sel = select(bundle, view)
        for frame in (sel.events, sel.movements, sel.populations, sel.context):
            assert not set(frame["claimant_id"]) & party_ids
        table = present.table(bundle, view)
        assert not set(table["source_kind"]) & {schema.SOURCE_KIND_LABELS[k] for k in schema.PARTY_KINDS}
        shown = [
            *_strings(present.render_panels(bundle, view)),
            *_strings(present.render_map(bundle, view)),
            *_strings(present.render_population(bundle, view)),
            *_strings(present.render_context(bundle, view)),
        ]
        assert not [s for s in shown if any(tag in s for tag in PARTY_TAGS)], view
        assert not {schema.SOURCE_KIND_LABELS[k] for k in schema.PARTY_KINDS} & set(shown), view
    # The map's border check lists only the distances the lens keeps (both stated distances are the group's).
    assert present.border_check(bundle, "all").claims
    assert present.border_check(bundle, "independent").claims == ()


@pytest.mark.parametrize("lens", ["group", "iran_state"])
def test_a_party_lens_shows_only_that_party(bundle, lens):
    label = schema.SOURCE_KIND_LABELS[lens]
    table = present.table(bundle, dataclasses.replace(full_view(bundle), lens=lens))
    assert len(table) and set(table["source_kind"]) == {label}
    other = [f"[{schema.SOURCE_KIND_LABELS[k]}]" for k in schema.SOURCE_KINDS if k != lens]
    shown = _strings(present.render_panels(bundle, dataclasses.replace(full_view(bundle), lens=lens)))
    assert not [s for s in shown if any(tag in s for tag in other)]


def test_lens_reads_the_claimant_not_the_publisher(bundle):
    """A UN text read on a group site stays independent; a wire story carrying the group's figure does not."""
    rows = pd.concat([bundle.events, bundle.movements, bundle.populations, bundle.context])
    by_source = rows.set_index("source_id")
    assert bundle.sources.at["unami-press-release-2011-12-25", "publisher_kind"] == "un"
    assert bundle.sources.at["unami-press-release-2011-12-25", "read_at"] == "delistmek.com"
    for sid in ("unami-press-release-2011-12-25", "unhcr-update-no", "unhcr-statement", "afp-2016-09"):
        assert not by_source.loc[[sid], "claimant_kind"].isin(schema.PARTY_KINDS).any(), sid
    for sid in ("washington-post-2009-07-29", "reuters-2015-10-29", "bbc-2015", "associated-press-2015-10-30"):
        assert bundle.sources.at[sid, "publisher_kind"] == "news"
        assert (by_source.loc[[sid], "claimant_kind"] == "group").all(), sid
    independent = select(bundle, dataclasses.replace(full_view(bundle), lens="independent"))
    assert "washington-post-2009-07-29" not in set(independent.events["source_id"])
    assert "unhcr-update-no" in set(independent.context["source_id"])


def test_unknown_lens_is_refused(bundle):
    with pytest.raises(ValueError, match="unknown lens"):
        lens_keeps(bundle.events, bundle, "mine")
