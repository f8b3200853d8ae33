"""The renderer process: kaleido and its Chromium, apart from the web worker that started it (exports.renderer).

Protocol on stdin/stdout, one request at a time: a frame is a 4-byte big-endian length and a JSON (requests) or a
status byte plus payload (answers: b"0" + image bytes, or b"1" + an error message).

It exits, taking Chromium with it, when
- its parent closes the pipe or dies (EOF on stdin, or the parent pid changes): no Chromium outlives a worker;
- Chromium (the browser process kaleido started) dies: the parent sees EOF and starts a fresh renderer;
- one of Chromium's page (`--type=renderer`) processes that had lived RENDERER_SETTLED_S dies: the page crashed (or
  was killed), and kaleido would wait for its answer until the timeout; the parent sees EOF and retries the render
  once on a fresh renderer (exports.renderer);
- SIGTERM.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import struct
import sys
import threading
import time
from pathlib import Path

WATCH_S = 0.25
NICE = 10
PLOTLY_BUNDLE = "plotly-*-partial.*.min.js"  # the partial plotly.js build, named by its content (build.sh)
BROWSER_DIED, PAGE_DIED = 3, 4  # exit codes the parent (exports.renderer) names in its error
RENDERER_SETTLED_S = 1.0  # Chromium starts and ends a short-lived page process at start-up: not a crash


def _parents() -> dict[int, int]:
    """Every living process: pid -> parent pid (from /proc)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                out[int(entry.name)] = int(fields[1])
    return out


def _children(pid: int, parents: dict[int, int] | None = None) -> set[int]:
    """Direct children of pid."""
    return {child for child, parent in (parents or _parents()).items() if parent == pid}


def page_processes(root: int, parents: dict[int, int] | None = None) -> set[int]:
    """Chromium's page (`--type=renderer`) processes below pid `root`."""
    parents = parents or _parents()
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    pages = set()
    for pid in found:
        with contextlib.suppress(OSError):
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                pages.add(pid)
    return pages


def _kill_browsers(pids: set[int]) -> None:
    """Kill the browser sessions (choreographer starts each in a session of its own: pgid == pid)."""
    for pid in pids:
        for kill in (os.killpg, os.kill):
            with contextlib.suppress(OSError):
                kill(pid, signal.SIGKILL)


def _exit(browsers: set[int], code: int) -> None:
    _kill_browsers(browsers | _children(os.getpid()))
    os._exit(code)


def _read_exact(stream, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _answer(status: bytes, payload: bytes) -> None:
    out = sys.stdout.buffer
    out.write(struct.pack(">I", len(payload) + 1) + status + payload)
    out.flush()


def plotly_bundle() -> Path:
    """The page's own plotly.js (components/assets/vendor): images are drawn by the same code as the charts on the
    page, with its Persian calendar's month names (components/plotly_bundle/entry.js), not by plotly.py's copy."""
    return next((Path(__file__).resolve().parent.parent / "components" / "assets" / "vendor").glob(PLOTLY_BUNDLE))


def main() -> None:
    import logging

    import kaleido

    for name in ("choreographer", "kaleido", "logistro"):  # one INFO line per browser step and render otherwise
        logging.getLogger(name).setLevel(logging.WARNING)

    os.nice(NICE)  # Chromium inherits it: page requests of the workers get the CPU first
    parent = os.getppid()
    browsers: set[int] = set()
    signal.signal(signal.SIGTERM, lambda *_: _exit(browsers, 0))
    kaleido.start_sync_server(
        mathjax=False,
        plotlyjs=str(plotly_bundle()),
        timeout=float(os.environ.get("CAMPS_ATLAS_RENDER_TIMEOUT", 45)),
    )

    pages: dict[int, float] = {}  # page process -> when first seen

    def watch() -> None:
        while True:
            time.sleep(WATCH_S)
            if os.getppid() != parent:
                _exit(browsers, 0)
            parents = _parents()
            alive = _children(os.getpid(), parents)
            if browsers and not browsers <= alive:
                print("renderer: the browser process died", file=sys.stderr, flush=True)
                _exit(browsers, BROWSER_DIED)
            if not browsers and alive:
                browsers.update(alive)
            now, living = time.monotonic(), page_processes(os.getpid(), parents)
            if any(now - seen >= RENDERER_SETTLED_S for pid, seen in pages.items() if pid not in living):
                print("renderer: a page process of the browser died", file=sys.stderr, flush=True)
                _exit(browsers, PAGE_DIED)  # its page would never answer: the parent retries on a fresh renderer
            for pid in list(pages):
                if pid not in living:
                    del pages[pid]
            for pid in living:
                pages.setdefault(pid, now)

    threading.Thread(target=watch, daemon=True).start()
    stdin = sys.stdin.buffer
    while True:
        head = _read_exact(stdin, 4)
        if head is None:
            _exit(browsers, 0)
        body = _read_exact(stdin, struct.unpack(">I", head)[0])
        if body is None:
            _exit(browsers, 0)
        request = json.loads(body)
        try:
            data = kaleido.calc_fig_sync(request["spec"], opts=request["opts"], topojson=request["topojson"])
        except Exception as err:  # sent to the parent, which raises RendererUnavailable
            time.sleep(WATCH_S)  # a wrapper that just lost its browser is a zombie by now
            if browsers and not browsers <= _children(os.getpid()):
                # the browser died under this render: the parent retries on a new renderer
                _exit(browsers, BROWSER_DIED)
            _answer(b"1", f"{type(err).__name__}: {err}".encode())
            continue
        _answer(b"0", data)


if __name__ == "__main__":
    main()
