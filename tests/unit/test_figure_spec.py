"""Figures built as plain dicts (figures/spec.py) are exactly what go.Figure would build."""

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
from figures import casualties, context, population, relocations, style
from figures import map as map_module
from figures.spec import FigureDict, merge

BUILDER_MODULES = (casualties, context, map_module, population, relocations, style)


def _views(n: int) -> list[View]:
    bundle = default_bundle()
    months = timeline.months(bundle)
    places = [None, *bundle.places.index]
    rng = random.Random(6)
    views = [View(bundle.first_month, bundle.last_month, None, lens) for lens in LENSES]
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
        "population": present.history._population_whole(bundle, view.place, view.lens),
        "context": present.history._context_whole(bundle, view.place, view.lens),
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


def test_dict_figures_equal_plotly_figures(monkeypatch):
    """For 60 views (all lenses, places, 1-month to whole-period ranges), every chart as a dict serialises to the
    same JSON as the same builder run on go.Figure."""
    bundle = default_bundle()
    views = _views(57)
    as_dicts = [_figures(bundle, v) for v in views]
    for module in BUILDER_MODULES:
        monkeypatch.setattr(module, "new_figure", lambda: go.Figure(_validate=False))
    as_plotly = [_figures(bundle, v) for v in views]
    compared = 0
    for view, mine, theirs in zip(views, as_dicts, as_plotly, strict=True):
        for name in mine:
            assert isinstance(mine[name], FigureDict) and isinstance(theirs[name], go.Figure)
            assert _json(mine[name]) == _json(theirs[name]), f"{name} differs for {view}"
            compared += 1
    assert compared == 5 * len(views)


def test_dict_figures_are_valid_plotly():
    """Every chart of the whole period passes plotly's validation (go.Figure(dict) raises on a bad property)."""
    bundle = default_bundle()
    for fig in _figures(bundle, View(bundle.first_month, bundle.last_month)).values():
        go.Figure(dict(fig))


def test_attribute_access_builds_a_go_figure():
    fig = FigureDict()
    fig.add_bar(x=[1, 2], y=[3, 4], marker_color="red", opacity=None)
    assert fig.data[0].marker.color == "red" and fig.data[0].opacity is None
    fig.update_layout(title_text="t")
    assert fig.layout.title.text == "t"  # rebuilt after a change


def test_merge_follows_plotly_paths():
    assert merge({}, {"marker_pattern_shape": "/", "error_x": {"width": 0}, "line": None}) == {
        "marker": {"pattern": {"shape": "/"}},
        "error_x": {"width": 0},
    }
    with pytest.raises(ValueError):
        go.Figure(dict(FigureDict().add_scatter(markr_color="red")))  # a typo is caught by validation


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
        old = View(old.start, old.end, new.place, new.lens)  # another range, same place and lens
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
    whole.with_changes(present.context_range_changes(bundle, views[1]))
    assert _json(whole) == before  # with_changes copies what it changes: a cached figure is never altered
    assert present.drawn_base(bundle, View(old.start, old.end, None, "seeds")) != present.drawn_base(
        bundle, View(old.start, old.end, None, "all")
    )
