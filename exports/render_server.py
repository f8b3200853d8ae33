"""The renderer process: kaleido and its Chromium, apart from the web worker that started it (exports.renderer).

Protocol on stdin/stdout, one request at a time: a frame is a 4-byte big-endian length and a JSON (requests) or a
status byte plus payload (answers: b"0" + image bytes, or b"1" + an error message).

It exits, taking Chromium with it, when
- its parent closes the pipe or dies (EOF on stdin, or the parent pid changes): no Chromium outlives a worker;
- Chromium (the browser process kaleido started) dies: the parent sees EOF and starts a fresh renderer;
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


def _children(pid: int) -> set[int]:
    """Direct children of pid (from /proc)."""
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                out.add(int(entry.name))
    return out


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


def main() -> None:
    import logging

    import kaleido

    for name in ("choreographer", "kaleido", "logistro"):  # one INFO line per browser step and render otherwise
        logging.getLogger(name).setLevel(logging.WARNING)

    os.nice(NICE)  # Chromium inherits it: page requests of the workers get the CPU first
    parent = os.getppid()
    browsers: set[int] = set()
    signal.signal(signal.SIGTERM, lambda *_: _exit(browsers, 0))
    kaleido.start_sync_server(mathjax=False, timeout=float(os.environ.get("CAMPS_ATLAS_RENDER_TIMEOUT", 45)))

    def watch() -> None:
        while True:
            time.sleep(WATCH_S)
            if os.getppid() != parent:
                _exit(browsers, 0)
            alive = _children(os.getpid())
            if browsers and not browsers <= alive:
                print("renderer: the browser process died", file=sys.stderr, flush=True)
                _exit(browsers, 3)
            if not browsers and alive:
                browsers.update(alive)

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
                _exit(browsers, 3)  # the browser died under this render: the parent retries on a new renderer
            _answer(b"1", f"{type(err).__name__}: {err}".encode())
            continue
        _answer(b"0", data)


if __name__ == "__main__":
    main()
