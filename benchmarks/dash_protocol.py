"""Speaking Dash's callback protocol like the browser does, from the app's own /_dash-dependencies and /_dash-layout.

Used by the benchmark, the fuzz test and the Redis test, so that none of them hard-codes the page's callbacks: a
callback added, removed or re-wired in components/ is picked up from the dependencies the app serves.

- `callbacks(deps)`: the callbacks (pattern-matching ones are skipped: their inputs depend on rendered children).
- `initial_values(layout)`: every (id, property) -> value of the initial layout.
- `body(cb, values, changed)`: the POST body the browser sends (inputs/state without a value omit "value").
- `apply(values, response)`: the outputs of a response written back into the values; returns what changed.
- `Chain`: one user action as the renderer runs it: the callbacks of the changed input, then every callback fed by
  their outputs (in parallel, as the browser does), and so on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

UPDATE_PATH = "/_dash-update-component"
Prop = tuple[str, str]


@dataclass(frozen=True)
class Callback:
    key: str
    outputs: tuple[Prop, ...]
    inputs: tuple[Prop, ...]
    state: tuple[Prop, ...]
    single_output: bool
    prevent_initial_call: bool

    @property
    def name(self) -> str:
        """A short label: the first output (and how many more)."""
        first = ".".join(self.outputs[0])
        return first + (f" (+{len(self.outputs) - 1})" if len(self.outputs) > 1 else "")


def _props(entries: Iterable[dict]) -> tuple[Prop, ...]:
    return tuple((e["id"], e["property"]) for e in entries)


def callbacks(deps: list[dict]) -> list[Callback]:
    """Server-side callbacks with plain string ids, from /_dash-dependencies."""
    out = []
    for dep in deps:
        if dep.get("clientside_function") or "{" in dep["output"]:
            continue
        if any(str(e["id"]).startswith("{") for e in dep["inputs"] + dep.get("state", [])):
            continue
        key = dep["output"]
        single = not key.startswith("..")
        parts = [key] if single else key[2:-2].split("...")
        outputs = tuple(tuple(p.rsplit(".", 1)) for p in parts)
        out.append(
            Callback(
                key=key,
                outputs=outputs,
                inputs=_props(dep["inputs"]),
                state=_props(dep.get("state", [])),
                single_output=single,
                prevent_initial_call=bool(dep.get("prevent_initial_call")),
            )
        )
    return out


def with_input(cbs: list[Callback], prop: Prop) -> list[Callback]:
    return [cb for cb in cbs if prop in cb.inputs]


def initial_values(layout: dict) -> dict[Prop, Any]:
    """(id, property) -> value for every component with a string id in /_dash-layout."""
    values: dict[Prop, Any] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props") if "namespace" in node else None
            if isinstance(props, dict):
                cid = props.get("id")
                for name, value in props.items():
                    if isinstance(cid, str):
                        values[(cid, name)] = value
                    walk(value)

    walk(layout)
    return values


def body(cb: Callback, values: dict[Prop, Any], changed: Iterable[Prop]) -> dict:
    """The JSON body the browser POSTs for this callback."""

    def entry(prop: Prop) -> dict:
        e = {"id": prop[0], "property": prop[1]}
        if prop in values:
            e["value"] = values[prop]
        return e

    outputs = [{"id": i, "property": p} for i, p in cb.outputs]
    changed_ids = [f"{i}.{p}" for i, p in changed if (i, p) in cb.inputs]
    out = {
        "output": cb.key,
        "outputs": outputs[0] if cb.single_output else outputs,
        "inputs": [entry(p) for p in cb.inputs],
        "changedPropIds": changed_ids,
        "parsedChangedPropsIds": changed_ids,
    }
    if cb.state:
        out["state"] = [entry(p) for p in cb.state]
    return out


def apply(values: dict[Prop, Any], response: dict) -> list[Prop]:
    """Write a callback response ({"multi": true, "response": {id: {prop: value}}}) into values."""
    changed = []
    for cid, props in (response.get("response") or {}).items():
        for prop, value in props.items():
            values[(cid, prop)] = value
            changed.append((cid, prop))
    return changed


Post = Callable[[dict], tuple[int, dict | None, dict]]  # body -> (status, json or None, headers)


@dataclass
class Step:
    callback: Callback
    status: int
    seconds: float
    cache: str | None


@dataclass
class ChainResult:
    seconds: float
    steps: list[Step] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(200 <= s.status < 300 for s in self.steps)


class Chain:
    """Runs user actions against a server the way dash-renderer does, keeping the page's values."""

    def __init__(self, cbs: list[Callback], values: dict[Prop, Any], post: Post, max_depth: int = 4):
        self.cbs = cbs
        self.values = values
        self.post = post
        self.max_depth = max_depth
        self.pool = ThreadPoolExecutor(max_workers=8)

    def _one(self, cb: Callback, changed: list[Prop]) -> tuple[Step, list[Prop]]:
        import time

        t0 = time.perf_counter()
        status, data, headers = self.post(body(cb, self.values, changed))
        step = Step(cb, status, time.perf_counter() - t0, headers.get("X-Cache"))
        return step, (apply(self.values, data) if data else [])

    def run(self, trigger: Prop, value: Any) -> ChainResult:
        import time

        t0 = time.perf_counter()
        self.values[trigger] = value
        result = ChainResult(0.0)
        changed, done = [trigger], set()
        for _ in range(self.max_depth):
            due = [cb for cb in self.cbs if cb.key not in done and any(p in cb.inputs for p in changed)]
            if not due:
                break
            done.update(cb.key for cb in due)
            outcomes = list(self.pool.map(lambda cb, ch=changed: self._one(cb, ch), due))
            changed = []
            for step, new in outcomes:
                result.steps.append(step)
                changed += new
        result.seconds = time.perf_counter() - t0
        return result

    def close(self) -> None:
        self.pool.shutdown(wait=False)


def dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))
