"""One renderer process per web worker (exports.render_server: kaleido + Chromium), restarted when it fails, with a
bounded queue in front of it.

- One render at a time per process; at most MAX_WAITING more requests wait for it. Beyond that `RendererBusy` is
  raised at once (the route answers 503 with Retry-After), so image exports never hold all of a worker's threads
  and pages stay fast.
- A renderer that dies (Chromium or one of its page processes killed or crashed: the renderer watches both), hangs
  past RENDER_TIMEOUT_S or answers garbage is killed with its Chromium and replaced: a render interrupted by a crash
  is retried once on the fresh renderer, so the export that met the crash works too.
- `status()` is what /healthz reports; `stop()` (also at exit) ends the renderer and its Chromium.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from exports.render_server import BROWSER_DIED, PAGE_DIED

REPO = Path(__file__).resolve().parent.parent
RENDER_TIMEOUT_S = 45.0  # one render, start-up included
START_TIMEOUT_S = 30.0
MAX_WAITING = 1  # requests queued behind the one rendering, per worker process
RETRY_AFTER_S = 5


class RendererUnavailable(RuntimeError):
    """Kaleido or its browser failed, timed out or is missing; the message says which."""


class RendererBusy(RendererUnavailable):
    """The render queue is full; try again after RETRY_AFTER_S."""


@dataclass
class Stats:
    state: str = "not started"  # not started | rendering | ready | failed (replaced on the next export)
    renders: int = 0
    restarts: int = 0
    refused_busy: int = 0
    last_error: str | None = None
    last_error_at: float | None = None


class Renderer:
    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._pid_owner: int | None = None
        self._lock = threading.Lock()  # one render at a time
        self._count_lock = threading.Lock()
        self._inflight = 0
        self._held = threading.local()  # .slot: this thread holds one (a report's charts render in the report's)
        self.limit = MAX_WAITING + 1  # rendering + waiting
        self.stats = Stats()

    # ---- process ------------------------------------------------------------------------------------------------

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None and self._pid_owner == os.getpid()

    def _spawn(self) -> None:
        env = {**os.environ, "CAMPS_ATLAS_RENDER_TIMEOUT": str(RENDER_TIMEOUT_S)}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "exports.render_server"],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # its own process group: killed as a whole, never by a signal to the worker's
        )
        self._pid_owner = os.getpid()

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None or self._pid_owner != os.getpid():
            return  # inherited through fork: the parent's renderer is the parent's
        if proc.poll() is None:
            proc.terminate()  # it kills its Chromium, then exits
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(3)
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)  # anything left in its group
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(3)
        for stream in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError, AttributeError):
                stream.close()

    def _exchange(self, request: bytes, timeout: float) -> bytes:
        """Send one request, read one answer; RendererUnavailable on death, timeout or garbage."""
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(struct.pack(">I", len(request)) + request)
            proc.stdin.flush()
        except OSError as err:
            raise _Died(f"the renderer stopped ({err})") from None
        deadline = time.monotonic() + timeout
        fd = proc.stdout.fileno()
        chunks, need, head = [], 4, True
        while need:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RendererUnavailable(f"no image after {timeout:.0f} s")
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, min(need, 1 << 20))
            if not chunk:
                raise _Died(_death(proc))
            chunks.append(chunk)
            need -= len(chunk)
            if need == 0 and head:
                need, head, chunks = struct.unpack(">I", b"".join(chunks))[0], False, []
        answer = b"".join(chunks)
        if answer[:1] == b"0":
            return answer[1:]
        raise RendererUnavailable(answer[1:].decode("utf-8", "replace") or "the renderer answered nothing")

    # ---- public -------------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        """A place in the queue (rendering or waiting), taken before the figure is even built: RendererBusy at once
        when all `limit` places are taken, so refused requests cost the worker nothing. A thread that holds a place
        (a report, for all its charts) takes none again."""
        if getattr(self._held, "slot", False):  # the outer slot releases it
            yield
            return
        with self._count_lock:
            if self._inflight >= self.limit:
                self.stats.refused_busy += 1
                raise RendererBusy(f"{self.limit} image export(s) already rendering or waiting on this server process")
            self._inflight += 1
        self._held.slot = True
        try:
            yield
        finally:
            self._held.slot = False
            with self._count_lock:
                self._inflight -= 1

    def render(self, spec_json: str, opts: dict, topojson: str | None) -> bytes:
        """One image (callers hold a slot); serialised, the renderer (re)started as needed."""
        if not self._lock.acquire(timeout=RENDER_TIMEOUT_S * 2):
            raise RendererBusy(f"the export ahead did not finish within {RENDER_TIMEOUT_S * 2:.0f} s")
        try:
            return self._render_locked(spec_json, opts, topojson)
        finally:
            self._lock.release()

    def _render_locked(self, spec_json: str, opts: dict, topojson: str | None) -> bytes:
        request = json.dumps({"spec": "__SPEC__", "opts": opts, "topojson": topojson})
        request = request.replace('"__SPEC__"', spec_json, 1).encode()
        for attempt in (1, 2):
            timeout = RENDER_TIMEOUT_S
            if not self._alive():
                if self._proc is not None or self.stats.state == "failed":
                    self.stats.restarts += 1
                self._kill()
                self._spawn()
                timeout += START_TIMEOUT_S
            self.stats.state = "rendering"
            try:
                data = self._exchange(request, timeout)
            except _Died as err:
                self._failed(str(err))
                if attempt == 1:
                    continue  # a crash (Chromium killed): once more on a fresh renderer
                raise RendererUnavailable(str(err)) from None
            except RendererUnavailable as err:
                self._failed(str(err))
                raise
            self.stats.state, self.stats.renders = "ready", self.stats.renders + 1
            return data
        raise AssertionError("unreachable")

    def _failed(self, message: str) -> None:
        self._kill()  # hung or dead: replaced on the next render, its Chromium killed now
        self.stats.state, self.stats.last_error, self.stats.last_error_at = "failed", message, time.time()

    def status(self) -> dict:
        """For /healthz: the renderer's state (a dead idle renderer shows as failed until the next export)."""
        s = self.stats
        state = s.state
        if state in ("ready",) and self._proc is not None and not self._alive():
            state = "failed"
            if s.last_error is None or (s.last_error_at or 0) < time.time() - 1:
                s.last_error, s.last_error_at = "the renderer stopped while idle", time.time()
            s.state = state
        return {
            "state": state,
            "renders": s.renders,
            "restarts": s.restarts,
            "refused_busy": s.refused_busy,
            "queue_limit": self.limit,
            "last_error": s.last_error,
        }

    def pid(self) -> int | None:
        return self._proc.pid if self._alive() and self._proc else None

    def stop(self) -> None:
        with self._lock:
            self._kill()
            if self.stats.state != "failed":
                self.stats.state = "not started"


class _Died(RendererUnavailable):
    """The renderer process ended mid-request."""


def _death(proc: subprocess.Popen) -> str:
    """Why the renderer ended, from its exit code (exports.render_server)."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(2)  # it is exiting: EOF came first
    why = {BROWSER_DIED: "its Chromium died", PAGE_DIED: "a page process of its Chromium died (crashed or killed)"}
    code = proc.poll()
    return f"the renderer stopped: {why.get(code, f'exit {code}')}"


RENDERER = Renderer()
atexit.register(RENDERER.stop)
