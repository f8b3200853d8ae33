"""Issue 14 (Hardening II): each defect the probe of `make serve` found, reproduced through the app's own routes."""

from __future__ import annotations

import pandas as pd
import pytest

from benchmarks import dash_protocol as dp
from components.view_state import parse_search
from data import timeline


@pytest.fixture(scope="module")
def client():
    from app import server

    c = server.test_client()
    c.get("/")  # Dash's first-request setup
    return c


@pytest.fixture(scope="module")
def protocol(client):
    cbs = dp.callbacks(client.get("/_dash-dependencies").get_json())
    values = dp.initial_values(client.get("/_dash-layout").get_json())
    values[("view-store", "data")] = {"from": "2013-09", "to": "2013-09", "place": None, "lens": "all"}
    return cbs, values


def send_to_readers(client, protocol, prop, value) -> list[int]:
    """The value to every callback that reads prop (input or state); the statuses."""
    cbs, values = protocol
    readers = dp.with_input(cbs, prop) + [cb for cb in cbs if prop in cb.state]
    assert readers, f"no callback reads {prop}"
    statuses = []
    for cb in readers:
        r = client.post(dp.UPDATE_PATH, json=dp.body(cb, {**values, prop: value}, [prop]))
        assert b"Traceback" not in r.data
        statuses.append(r.status_code)
    return statuses


# ---- 1. year 0000 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["data.csv", "data.geojson", "map.png", "casualties.svg", "population.pdf"])
@pytest.mark.parametrize("param", ["from", "to"])
def test_year_zero_in_an_export_is_a_400_naming_it(client, name, param):
    r = client.get(f"/export/{name}?{param}=0000-01")
    assert r.status_code == 400, r.data
    assert f"{param}='0000-01'" in r.get_data(as_text=True)


@pytest.mark.parametrize("search", ["?from=0000-01", "?to=0000-12", "?from=0000-01&to=0000-02"])
def test_year_zero_in_the_page_url_is_ignored_with_a_notice(client, protocol, bundle, search):
    assert set(send_to_readers(client, protocol, ("url", "search"), search)) <= {200, 204}
    axis = timeline.months(bundle)
    view, notices = parse_search(search, axis, set(bundle.places.index))
    assert any("0000-" in n for n in notices), notices
    assert axis[0] <= view.start <= view.end <= axis[-1]


# ---- 10c. non-ASCII digits: accepted and normalised -----------------------------------------------------------


@pytest.mark.parametrize("digits", ["٢٠١٣-٠٩", "۲۰۱۳-۰۹", "２０１３-０９", "٢٠١٣-09"])  # Arabic, Persian, full-width
def test_non_ascii_digits_in_months_mean_the_same_month(client, bundle, digits):
    """A Persian/Arabic UI will come: its digits are read as the month they spell, and the URL is normalised."""
    axis = timeline.months(bundle)
    view, notices = parse_search(f"?from={digits}&to={digits}", axis, set(bundle.places.index))
    assert notices == []
    assert (view.start, view.end) == (pd.Period("2013-09", "M"), pd.Period("2013-09", "M"))
    r = client.get(f"/export/data.csv?from={digits}&to={digits}")
    assert r.status_code == 200
    assert 'filename="camps-atlas-data-2013-09_2013-09.csv"' in r.headers["Content-Disposition"]
    ascii_rows = client.get("/export/data.csv?from=2013-09&to=2013-09").data
    assert r.data == ascii_rows


def test_the_view_store_takes_ascii_months_only(client, protocol):
    """The store is written by the app (always ASCII); other digits there are not from the page: 400."""
    statuses = send_to_readers(
        client, protocol, ("view-store", "data"), {"from": "2013-01", "to": "20١٣-09", "place": None, "lens": "all"}
    )
    assert set(statuses) == {400}


# ---- 2. odd clickData --------------------------------------------------------------------------------------------

ODD_CUSTOMDATA = [
    ["place", "x", ["ashraf"]],
    ["place", "x", {"a": 1}],
    [["place"], "x", "ashraf"],
    [{"k": "event"}, ["ev"], "ashraf"],
    ["event", {"id": 1}, "ashraf"],
    [["ev-1"]],
    ["event", ["x"], ["y"], {"z": 1}],
]


@pytest.mark.parametrize("graph", ["map", "casualty-chart", "relocation-chart"])
@pytest.mark.parametrize("custom", ODD_CUSTOMDATA)
def test_odd_click_data_never_answers_500(client, protocol, graph, custom):
    statuses = send_to_readers(client, protocol, (graph, "clickData"), {"points": [{"customdata": custom}]})
    assert all(s < 500 for s in statuses), statuses
