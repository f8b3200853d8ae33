"""Every chart is a valid plotly figure, and a range patched in the browser equals the figure served for it.

The builders write plain dicts (figures/plain.py): plotly validates none of it as it is built, so go.Figure checks
every chart here over many views (a misspelt property or a bad value raises).
"""

from __future__ import annotations

import base64
import copy
import json
import random

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import present
from data import timeline
from data.load import default_bundle
from data.select import LENSES, View
from figures import style
from figures.plain import figure, with_changes


def _views(n: int) -> list[View]:
    bundle = default_bundle()
    months = timeline.months(bundle)
    places = [None, *bundle.places.index]
    rng = random.Random(6)
    views = [View(bundle.first_month, bundle.last_month, None, lens) for lens in LENSES]
    views += [View(bundle.first_month, bundle.last_month, place, lang="fa") for place in (None, "ashraf", "alb")]
    for _ in range(n):
        low = rng.randrange(len(months))
        high = min(len(months) - 1, low + rng.choice([0, 1, 5, 11, 35, 120]))
        views.append(
            View(pd.Period(months[low], "M"), pd.Period(months[high], "M"), rng.choice(places), rng.choice(LENSES))
        )
    return views


def _figures(bundle, view: View) -> dict[str, object]:
    for cached in (present.in_view, present.history._population_whole, present.history._context_whole):
        cached.cache_clear()
    panels = present.render_panels.__wrapped__(bundle, view)  # not the memoised figures (present.memo)
    return {
        "map": present.render_map.__wrapped__(bundle, view, "E2013_ASHRAF"),
        "casualties": panels.casualties,
        "relocations": panels.relocations,
        "population": present.history._population_whole(bundle, view.place, view.lens, view.grades, view.lang),
        "context": present.history._context_whole(bundle, view.place, view.lens, 900, view.lang),
    }


def _plain(value):
    """JSON with plotly's typed arrays ({"dtype", "bdata"}, what go.Figure makes of numpy arrays) as plain lists."""
    if isinstance(value, dict):
        if set(value) == {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _json(fig) -> dict:
    return _plain(json.loads(pio.to_json(fig, validate=False)))


def test_every_chart_is_valid_plotly():
    """For 60 views (all lenses, places, 1-month to whole-period ranges), every chart passes plotly's validation,
    as served (the range changes applied) and as the whole-period base the page patches."""
    bundle = default_bundle()
    checked = 0
    views = _views(55)
    for view in views:
        figures = _figures(bundle, view) | {
            "population (served)": present.render_population.__wrapped__(bundle, view),
            "context (served)": present.render_context.__wrapped__(bundle, view),
        }
        for name, fig in figures.items():
            assert isinstance(fig, dict) and set(fig) == {"data", "layout"}, name
            go.Figure(fig)  # raises on an unknown property or a bad value
            checked += 1
    go.Figure(style.empty_figure("A title", "Nothing here"))
    assert checked == 7 * len(views) == 7 * 63


def test_validation_catches_a_misspelt_property():
    """The check above can fail: a trace with a misspelt property is refused."""
    with pytest.raises(ValueError, match="markr"):
        go.Figure(figure([{"type": "scatter", "x": [1], "y": [2], "markr": {"color": "red"}}], {}))


def test_plain_figures_encode_as_json_types():
    """Timestamps, Series and numpy values become ISO strings and lists; None leaves a property unset."""
    fig = figure(
        [{"type": "scatter", "x": pd.Series(pd.to_datetime(["2013-09-01"])), "y": np.array([3]), "name": None}],
        {"title": {"text": "t", "x": None}},
    )
    assert fig["data"] == [{"type": "scatter", "x": ["2013-09-01T00:00:00"], "y": [3]}]
    assert fig["layout"]["title"] == {"text": "t"}
    json.dumps(fig)  # no custom encoder needed


def _patched(figure: dict, changes: dict[tuple, object]) -> dict:
    """What the browser does with the Dash Patch the callback sends for these changes: each operation of the
    Patch (as sent) applied to a deep copy of the figure on the page."""
    from components.callbacks.panels import as_patch

    out = copy.deepcopy(dict(figure))
    for op in as_patch(changes).to_plotly_json()["operations"]:
        assert op["operation"] == "Assign"
        *path, last = op["location"]
        node = out
        for key in path:
            node = node[key]
        node[last] = op["params"]["value"]
    return out


def test_range_patches_equal_a_full_redraw():
    """Moving only the range: the population and context figures drawn for the old range, patched in the browser
    with the new range's changes, are exactly the figures the app serves for the new range (every lens and place,
    40 range pairs)."""
    bundle = default_bundle()
    views = _views(40)
    rng = random.Random(9)
    checked = 0
    for new in views:
        old = rng.choice(views)
        old = View(old.start, old.end, new.place, new.lens, lang=new.lang)  # another range, same place, lens, language
        assert present.drawn_base(bundle, old) == present.drawn_base(bundle, new)
        for render, changes in (
            (present.render_population.__wrapped__, present.population_range_changes),
            (present.render_context.__wrapped__, present.context_range_changes),
        ):
            patched = _patched(render(bundle, old), changes(bundle, new))
            assert _json(patched) == _json(render(bundle, new)), f"{render.__name__}: {old} -> {new}"
            checked += 1
    assert checked == 2 * len(views)
    whole = present.render_context(bundle, views[0])
    before = _json(whole)
    with_changes(whole, present.context_range_changes(bundle, views[1]))
    assert _json(whole) == before  # with_changes copies what it changes: a cached figure is never altered
    assert present.drawn_base(bundle, View(old.start, old.end, None, "seeds")) != present.drawn_base(
        bundle, View(old.start, old.end, None, "all")
    )
