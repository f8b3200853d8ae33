"""Validation of Dash callback requests (POST /_dash-update-component) before Dash runs any callback.

Everything in an update request comes from the client, so it is checked against what the page can really send:

1. the body is a JSON object (at most MAX_CONTENT_LENGTH, see serving.security) naming a registered callback, and
   its `outputs`, `inputs` and `state` are exactly that callback's declared dependencies, in order
   (pattern-matching ids: the fixed keys must match, wildcard values must be short strings or numbers);
   `changedPropIds` name only the callback's inputs;
2. each value fits its component, derived from the layout: a slider value is numbers within the slider's min/max,
   a radio/dropdown/checklist value is one of its options, n_clicks a whole number, a URL part a short string,
   a graph's click/hover/selection data has Plotly's shape ({"points": [{…}, …]}), the view store holds a view the
   app can draw (data.view.View.from_store: every key it may hold); anything else is bounded JSON.

A request that fails gets `400 Bad request: <what is wrong>` (plain text) and never reaches a callback, so garbage
from the network cannot turn into a 500. The URL's query string itself is validated by the app (data.view.View.
parse: unknown or malformed parameters are ignored with a notice).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from typing import Any

from flask import Response, request

ROUTE_SUFFIX = "_dash-update-component"
MAX_STRING = 2048
MAX_POINTS = 1000
MAX_DEPTH = 12
MAX_ITEMS = 5000  # list/dict entries in one generic value
WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")
POINT_DATA_PROPS = ("clickData", "hoverData", "selectedData", "clickAnnotationData")
URL_PROPS = ("search", "pathname", "hash", "href")


class Invalid(ValueError):
    """The request does not fit the page; the message says what, in a few words (sent to the client)."""


Validator = Callable[[Any], None]


# ---- value checks ------------------------------------------------------------------------------------------------


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _walk_json(value: Any, depth: int = 0, budget: list[int] | None = None) -> None:
    """Bounded generic JSON: depth, entry count and string length."""
    budget = budget if budget is not None else [MAX_ITEMS]
    if depth > MAX_DEPTH:
        raise Invalid("value nested too deeply")
    if isinstance(value, str):
        if len(value) > MAX_STRING * 8:
            raise Invalid("string too long")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise Invalid("number not finite")
    elif isinstance(value, list | dict):
        budget[0] -= len(value)
        if budget[0] < 0:
            raise Invalid("value too large")
        for item in value.values() if isinstance(value, dict) else value:
            _walk_json(item, depth + 1, budget)


def any_json(value: Any) -> None:
    _walk_json(value)


def n_clicks(value: Any) -> None:
    if value is not None and not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53):
        raise Invalid("n_clicks must be a whole number >= 0")


def url_part(value: Any) -> None:
    if value is not None and not (isinstance(value, str) and len(value) <= MAX_STRING):
        raise Invalid(f"URL parts must be text of at most {MAX_STRING} characters")


def point_data(value: Any) -> None:
    """Plotly's event data: {"points": [ {curveNumber, pointNumber, x, y, lon, lat, customdata, …}, … ], …}."""
    if value is None:
        return
    if not isinstance(value, dict) or not isinstance(value.get("points"), list):
        raise Invalid('graph event data must be {"points": [...]}')
    points = value["points"]
    if len(points) > MAX_POINTS:
        raise Invalid("too many points")
    for point in points:
        if not isinstance(point, dict):
            raise Invalid("each point must be an object")
        custom = point.get("customdata")
        if isinstance(custom, list) and not custom:
            raise Invalid("customdata must not be an empty list")
        if isinstance(custom, dict):
            raise Invalid("customdata must be a value or a list of values")
    _walk_json(value)


def numbers_in(low: float | None, high: float | None, count: int | None) -> Validator:
    """A slider value: one number, or a list of `count` numbers, each within [low, high]."""

    def check(value: Any) -> None:
        if value is None:
            return
        if count is not None and not isinstance(value, list):
            raise Invalid(f"expected a list of {count} slider values")
        values = value if isinstance(value, list) else [value]
        if count is not None and len(values) != count:
            raise Invalid(f"expected {count} slider values")
        for v in values:
            if not _is_number(v):
                raise Invalid("slider values must be numbers")
            if (low is not None and v < low) or (high is not None and v > high):
                raise Invalid(f"slider value out of range [{low}, {high}]")

    return check


def one_of(allowed: list, multi: bool) -> Validator:
    """A radio/dropdown/checklist value: one of its options (a list of them when multi)."""
    allowed_set = {json.dumps(a, sort_keys=True) for a in allowed}

    def check(value: Any) -> None:
        if value is None:
            return
        values = value if multi and isinstance(value, list) else [value]
        for v in values:
            if json.dumps(v, sort_keys=True) not in allowed_set:
                raise Invalid("value is not one of the options")

    return check


def view_store(value: Any, required: bool = False) -> None:
    """The page's view, as data.view.View.to_store writes it (View.from_store checks every key).

    As a callback *input* the view is required (the figure callbacks draw it); as *state* it may be missing (the
    first request of a page, before any view exists)."""
    if value is None:
        if required:
            raise Invalid("the view is missing")
        return
    if not isinstance(value, dict):
        raise Invalid("the view must be an object")
    _walk_json(value)
    from data.view import ParamError, View, default_choices

    try:
        View.from_store(value, default_choices())
    except ParamError as err:
        raise Invalid(str(err)) from None


# ---- validators from the layout ----------------------------------------------------------------------------------


def _option_values(options: Any) -> list:
    if isinstance(options, dict):
        return list(options)
    out = []
    for option in options or []:
        out.append(option.get("value") if isinstance(option, dict) else option)
    return out


def _components(node: Any) -> Iterator[Any]:
    """Every Dash component in a layout tree (children and component-valued props)."""
    if isinstance(node, list | tuple):
        for child in node:
            yield from _components(child)
        return
    if not hasattr(node, "_prop_names"):
        return
    yield node
    for name in node._prop_names:
        value = getattr(node, name, None)
        if isinstance(value, list | tuple) or hasattr(value, "_prop_names"):
            yield from _components(value)


def layout_validators(layout: Any) -> dict[tuple[str, str], Validator]:
    """(component id, property) -> value check, for the components of the initial layout."""
    checks: dict[tuple[str, str], Validator] = {}
    for comp in _components(layout):
        cid = getattr(comp, "id", None)
        if not isinstance(cid, str):
            continue
        kind = type(comp).__name__
        if kind in ("RangeSlider", "Slider"):
            count = (
                len(comp.value) if kind == "RangeSlider" and isinstance(getattr(comp, "value", None), list) else None
            )
            checks[(cid, "value")] = numbers_in(getattr(comp, "min", None), getattr(comp, "max", None), count)
        elif kind in ("RadioItems", "Dropdown", "Checklist"):
            multi = kind == "Checklist" or bool(getattr(comp, "multi", False))
            checks[(cid, "value")] = one_of(_option_values(getattr(comp, "options", None)), multi)
    return checks


def by_property(prop: str) -> Validator:
    """Checks that follow from a property's name alone (any component, pattern-matching ones too)."""
    if prop in ("n_clicks", "n_clicks_timestamp", "n_submit", "n_blur"):
        return n_clicks
    if prop in URL_PROPS:
        return url_part
    if prop in POINT_DATA_PROPS:
        return point_data
    return any_json


# ---- request structure -------------------------------------------------------------------------------------------


def _split_output_key(key: str) -> list[tuple[str, str]] | None:
    """'..a.b...c.d..' -> [(a, b), (c, d)]; 'a.b' -> [(a, b)]; None for pattern-matching outputs."""
    if "{" in key:
        return None
    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    return [tuple(p.rsplit(".", 1)) for p in parts]


def _id_matches(spec_id: Any, sent_id: Any) -> bool:
    if not isinstance(spec_id, dict):
        return sent_id == spec_id
    if not isinstance(sent_id, dict) or set(sent_id) != set(spec_id):
        return False
    for k, want in spec_id.items():
        got = sent_id[k]
        if isinstance(want, list) and len(want) == 1 and want[0] in WILDCARDS:
            if not (isinstance(got, str) and len(got) <= 200) and not _is_number(got):
                return False
        elif got != want:
            return False
    return True


def _spec_id(raw: str) -> Any:
    if raw.startswith("{"):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


class RequestValidator:
    """Checks one update request against the app's callbacks and the value checks."""

    def __init__(self, app, view_store_id: str):
        self.app = app
        self.view_store_id = view_store_id
        self._values: dict[tuple[str, str], Validator] | None = None

    def values(self) -> dict[tuple[str, str], Validator]:
        if self._values is None:
            layout = self.app.layout() if callable(self.app.layout) else self.app.layout
            self._values = layout_validators(layout)
        return self._values

    def check_value(self, cid: Any, prop: str, entry: dict, role: str) -> None:
        value = entry.get("value")
        try:
            if (cid, prop) == (self.view_store_id, "data"):
                view_store(value, required=role == "inputs")
                return
            if "value" not in entry:
                return
            check = self.values().get((cid, prop)) if isinstance(cid, str) else None
            (check or by_property(prop))(value)
        except Invalid as err:
            label = cid if isinstance(cid, str) else "pattern-matching id"
            raise Invalid(f"{label}.{prop}: {err}") from None

    def _dependencies(self, sent: Any, specs: list[dict], what: str) -> set[str]:
        """Check a list of sent inputs/state against the declared ones; return their 'id.prop' names."""
        if not isinstance(sent, list) or len(sent) != len(specs):
            raise Invalid(f"{what} do not match the callback")
        names = set()
        for entry, spec in zip(sent, specs, strict=True):
            spec_id, prop = _spec_id(spec["id"]), spec["property"]
            entries = entry if isinstance(entry, list) and isinstance(spec_id, dict) else [entry]
            if len(entries) > MAX_POINTS:
                raise Invalid(f"too many {what}")
            for item in entries:
                if (
                    not isinstance(item, dict)
                    or item.get("property") != prop
                    or not _id_matches(spec_id, item.get("id"))
                ):
                    raise Invalid(f"{what} do not match the callback")
                self.check_value(item["id"], prop, item, what)
                sent_id = item["id"]
                names.add(
                    f"{json.dumps(sent_id, sort_keys=True, separators=(',', ':')) if isinstance(sent_id, dict) else sent_id}.{prop}"
                )
        return names

    def check(self, body: Any) -> None:
        if not isinstance(body, dict):
            raise Invalid("the body must be a JSON object")
        key = body.get("output")
        callback = self.app.callback_map.get(key) if isinstance(key, str) else None
        if callback is None:
            raise Invalid("no such callback")
        outputs = body.get("outputs")
        expected = _split_output_key(key)
        if expected is not None:
            sent = outputs if isinstance(outputs, list) else [outputs]
            if not key.startswith("..") and not isinstance(outputs, dict):
                raise Invalid("outputs do not match the callback")
            if len(sent) != len(expected) or any(
                not isinstance(o, dict) or (o.get("id"), o.get("property")) != e
                for o, e in zip(sent, expected, strict=True)
            ):
                raise Invalid("outputs do not match the callback")
        elif not isinstance(outputs, list | dict):
            raise Invalid("outputs do not match the callback")
        inputs = self._dependencies(body.get("inputs"), callback.get("inputs", []), "inputs")
        self._dependencies(body.get("state", []), callback.get("state", []), "state")
        for field in ("changedPropIds", "parsedChangedPropsIds"):
            changed = body.get(field, [])
            if not isinstance(changed, list) or len(changed) > len(inputs) + 1:
                raise Invalid(f"{field} must list the changed inputs")
            for name in changed:
                if isinstance(name, dict):  # parsedChangedPropsIds: a pattern-matching id as an object
                    name = json.dumps(name, sort_keys=True, separators=(",", ":"))
                    if not any(i.rpartition(".")[0] == name for i in inputs):
                        raise Invalid(f"{field} names an id that is not an input")
                elif not isinstance(name, str) or (name not in inputs and not _pattern_name_ok(name, inputs)):
                    raise Invalid(f"{field} names a property that is not an input")


def _pattern_name_ok(name: str, inputs: set[str]) -> bool:
    """A changed pattern-matching id as the browser writes it (JSON keys in any order) that is one of the inputs."""
    if not name.startswith("{"):
        return False
    raw, _, prop = name.rpartition(".")
    try:
        parsed = json.loads(raw)
    except ValueError:
        return False
    return f"{json.dumps(parsed, sort_keys=True, separators=(',', ':'))}.{prop}" in inputs


def install(app, view_store_id: str) -> RequestValidator:
    validator = RequestValidator(app, view_store_id)
    route = app.config.routes_pathname_prefix + ROUTE_SUFFIX

    @app.server.before_request
    def _validate_update() -> Response | None:
        if request.path != route or request.method != "POST":
            return None
        try:
            body = json.loads(request.get_data(cache=True) or b"null")
        except (ValueError, RecursionError):
            return _bad("the body is not JSON")
        try:
            validator.check(body)
        except Invalid as err:
            return _bad(str(err))
        except RecursionError:
            return _bad("value nested too deeply")
        return None

    return validator


def _bad(reason: str) -> Response:
    return Response(f"Bad request: {reason}\n", status=400, mimetype="text/plain")
