"""The presentation's figure cache: the builders of present/ (render_map, render_panels, render_population,
render_context) memoised by their inputs, so the page's callbacks and the exports share every figure built.

serving.cache.install chooses the backend (Redis shared by every worker and machine, or one cache per process) and
calls `use(backend)`; until then (unit tests, the command line) the builders simply run.

- Keys: `<function>:<code fingerprint>:<data version>:<View.cache_key>[:<further arguments>]`. The data version is the
  sha of the data files (`Bundle.version`); the code fingerprint is a sha of the .py files that build figures, so a
  deploy with changed figure code never reads figures built by the old code.
- The cache is an optimisation only: if the backend fails or is slow, the figure is built and served, and the
  failure is logged (at most once a minute). A circuit breaker (`Breaker`): after a failure the cache is not asked
  at all for OPEN_S seconds (a frozen Redis costs one timeout per 10 s per worker, not two per figure), then one
  call tries it again and a success closes the breaker.
- Each request that used the cache records HIT or MISS in flask's `g` (serving.cache turns it into `X-Cache`).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import g, has_request_context

log = logging.getLogger("camps_atlas")

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("data", "figures", "geo", "present")  # the code a figure depends on
_backend: Any = None  # the cachelib backend in use (set by use())
_last_error_log = 0.0


def code_fingerprint(folders: tuple[str, ...] = SOURCES) -> str:
    """sha256 (10 hex) of the Python sources that build figures: part of every key."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((REPO / folder).rglob("*.py")):
            digest.update(path.relative_to(REPO).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


FINGERPRINT = code_fingerprint()


def use(backend: Any) -> None:
    """Memoise in this cachelib backend from now on (None: do not cache)."""
    global _backend
    _backend = backend


def clear() -> None:
    """Empty the cache in use."""
    if _backend is not None:
        _backend.clear()


class Breaker:
    """Circuit breaker for the cache: open (skip the cache) for OPEN_S after a failure, then let one call try."""

    OPEN_S = 10.0

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._open_until = 0.0
        self._lock = threading.Lock()

    def allow(self) -> bool:
        """True when the cache may be asked: closed, or the pause is over (this caller is the one that tries)."""
        with self._lock:
            now = self._clock()
            if now < self._open_until:
                return False
            if self._open_until:  # half-open: one trial; the others keep skipping until it succeeds or fails
                self._open_until = now + self.OPEN_S
            return True

    def failed(self) -> None:
        with self._lock:
            self._open_until = self._clock() + self.OPEN_S

    def succeeded(self) -> None:
        with self._lock:
            self._open_until = 0.0


BREAKER = Breaker()


def _note(outcome: str) -> None:
    if has_request_context():
        g.setdefault("camps_atlas_cache", []).append(outcome)


def _log_failure(action: str, err: Exception) -> None:
    global _last_error_log
    now = time.monotonic()
    if now - _last_error_log > 60:
        _last_error_log = now
        log.warning(
            "figure cache %s failed (%s: %s); serving without the cache, retrying it in %g s",
            action,
            type(err).__name__,
            err,
            Breaker.OPEN_S,
        )


def cached_render(
    name: str,
    key_fn: Callable[..., str | None],
) -> Callable[[Callable], Callable]:
    """Memoise a pure figure builder in the configured cache.

    name: the function's part of the key; key_fn(*args, **kwargs): the inputs' part, or None to skip the cache.
    Hits and misses are reported in X-Cache.
    """

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            backend = _backend
            key = key_fn(*args, **kwargs) if backend is not None else None
            if key is None:
                return fn(*args, **kwargs)
            if not BREAKER.allow():  # the cache failed moments ago: build without waiting on it
                _note("MISS")
                return fn(*args, **kwargs)
            full_key = f"{name}:{FINGERPRINT}:{key}"
            try:
                value = backend.get(full_key)
            except Exception as err:  # a cache outage must not take the page down
                BREAKER.failed()
                _log_failure("read", err)
                _note("MISS")
                return fn(*args, **kwargs)
            if value is not None:
                BREAKER.succeeded()
                _note("HIT")
                return value
            value = fn(*args, **kwargs)
            try:
                backend.set(full_key, value)
                BREAKER.succeeded()
            except Exception as err:
                BREAKER.failed()
                _log_failure("write", err)
            _note("MISS")
            return value

        return wrapper

    return decorate


def view_key(bundle, view, *args, **kwargs) -> str | None:
    """`<data version>:<View.cache_key>[:further arguments…]`, or None when the arguments are not (Bundle, View)."""
    try:
        parts = [bundle.version, view.cache_key]
    except AttributeError:
        return None
    extra = [*args, *(kwargs[k] for k in sorted(kwargs))]
    return ":".join(parts + ["-" if e is None else str(e) for e in extra])


def memoised(fn: Callable) -> Callable:
    """A builder `fn(bundle, view, …)` memoised by view_key under its own name."""
    return cached_render(fn.__name__, view_key)(fn)
