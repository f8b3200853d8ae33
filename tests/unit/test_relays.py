"""Relayed by a party: an independent claimant's figure that reached us only through a site or outlet of one of the
parties is marked so in the frames, the table, the CSV, the detail panel, the hovers and the captions."""

from __future__ import annotations

import csv
import io

from data import schema
from data.load import DATA_DIR
from data.select import full_view
from data.table import table
from exports.caption import caption_lines
from exports.data import to_csv
from present.detail import item_detail

PARTIES = {"group", "iran_state"}


def _read(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _expected() -> dict[tuple[str, int], str]:
    """(file, row) -> the party it reached us through, derived here from the CSV files alone."""
    kind = {r["claimant_id"]: r["kind"] for r in _read("claimants.csv")}
    site_kind = {r["site"]: kind[r["claimant_id"]] for r in _read("sites.csv")}
    sources = {r["source_id"]: r for r in _read("sources.csv")}
    out = {}
    for name in ("events.csv", "movements.csv", "populations.csv", "context.csv", "distances.csv"):
        for i, row in enumerate(_read(name)):
            src = sources[row["source_id"]]
            party = ""
            if kind[row["claimant_id"]] not in PARTIES:
                if src["publisher_kind"] in PARTIES:
                    party = src["publisher_kind"]
                elif site_kind.get(src["read_at"]) in PARTIES:
                    party = site_kind[src["read_at"]]
            out[name, i] = party
    return out


def test_every_row_is_marked_as_the_files_say(bundle):
    expected = _expected()
    frames = {"events.csv": bundle.events, "movements.csv": bundle.movements, "populations.csv": bundle.populations,
              "context.csv": bundle.context, "distances.csv": bundle.distances}  # fmt: skip
    for name, frame in frames.items():
        got = frame["relayed_by_party"].tolist()
        assert got == [expected[name, i] for i in range(len(frame))], name
        party_rows = frame["claimant_kind"].isin(schema.PARTY_KINDS)
        assert (frame.loc[party_rows, "relayed_by_party"] == "").all()  # a party's own claim is never a relay
    assert sum(v != "" for v in expected.values()) >= 40  # the Habilian and Nejat copies of UN statements, …


def test_a_un_figure_read_on_nejat_is_marked_everywhere(bundle):
    rows = bundle.events.loc[(bundle.events["event_id"] == "E2015_LIB_OCT") & (bundle.events["claimant_id"] == "unhcr")]
    relayed = rows.loc[rows["relayed_via"] == "nejatngo.org"]
    assert len(relayed) == 1 and relayed["relayed_by_party"].iat[0] == "iran_state"
    detail = item_detail(bundle, "event", "E2015_LIB_OCT")
    lines = [line for line in detail.sources if line.relay]
    assert any("nejatngo.org" in line.relay and "Iranian state" in line.relay for line in lines)
    shown = table(bundle, full_view(bundle))
    marked = shown.loc[(shown["item_id"] == "E2015_LIB_OCT") & (shown["relayed_via"] == "nejatngo.org")]
    assert list(marked["relayed_by_party"]) == ["iran_state"]
    exported = list(csv.DictReader(io.StringIO(to_csv(bundle, full_view(bundle)).decode())))
    assert {"relayed_by_party", "relayed_via"} <= set(exported[0])
    assert (
        sum(r["relayed_by_party"] == "iran_state" for r in exported)
        == (shown["relayed_by_party"] == "iran_state").sum()
    )


def test_hover_and_caption_say_so(bundle):
    import json

    from present.panels import render_panels

    fig = json.loads(json.dumps(render_panels(bundle, full_view(bundle)).casualties, default=str))
    hovers = [h for t in fig["data"] for h in (t.get("hovertext") or []) if isinstance(h, str)]
    assert any("reached us only via nejatngo.org" in h for h in hovers)
    lines = caption_lines(bundle, full_view(bundle), "casualties", "Casualties", 1200)
    assert any("reached us only through a party's site" in line for line in lines)


def test_actors_own_accounts_are_derived_from_the_files(bundle):
    state = {r["claimant_id"]: r["state"] for r in _read("claimants.csv")}
    actor = {r["item_id"]: (r["actor_state"], r["actor_role"]) for r in _read("items.csv")}
    expected = [
        actor[r["event_id"]][1]
        if actor[r["event_id"]][0] and actor[r["event_id"]][0] == state[r["claimant_id"]]
        else ""
        for r in _read("events.csv")
    ]
    assert bundle.events["own_account"].tolist() == expected
    assert {"carried_out", "accused"} <= set(expected)  # the 2009 and 2011 raids; 1 Sep 2013


def test_the_iraqi_governments_toll_of_its_own_raid_is_marked(bundle):
    detail = item_detail(bundle, "event", "E2009_ASHRAF")
    marked = [line for line in detail.sources if line.own_account]
    assert sorted(line.publisher for line in marked) == [
        "Iraqi government officials, per Associated Press",
        "Iraqi government officials, per Reuters",
    ]
    assert all("carried it out" in line.own_account for line in marked)
    shown = table(bundle, full_view(bundle))
    rows = shown.loc[shown["item_id"] == "E2009_ASHRAF"]
    assert rows["own_account"].tolist().count("carried_out") == 2
    sept = item_detail(bundle, "event", "E2013_ASHRAF")
    assert any("accused" in line.own_account for line in sept.sources)


def test_a_headlines_attribution_marks_relayed_figures(bundle):
    from present.panels import render_panels

    killed = render_panels(bundle, full_view(bundle)).killed
    assert "reached us only via" in killed.attribution and "the actor's own account" in killed.attribution
