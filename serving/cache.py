"""Figure cache: built figures memoised by their inputs, in Redis (shared) or in the process.

The callbacks (components/callbacks.py) call the figure builders of `components.view_model` through
`memoised(name, builder)`; `install()` (called by `serving.configure`) only chooses the backend. components.view_model
itself is plain (its unit tests and exports/ call it directly).

- With CAMPS_ATLAS_CACHE_URL (redis://…) the cache is flask-caching's RedisCache: every gunicorn worker, and every
  machine behind a load balancer pointed at the same Redis, shares the figures built by any of them.
- Without it, flask-caching's SimpleCache: one cache per worker process (bounded).
- Keys: `camps-atlas:<function>:<code fingerprint>:<data version>:<from>:<to>:<place>:<lens>[:<highlight>]`. The
  data version is the sha of the data files (`Bundle.version`); the code fingerprint is a sha of the .py files of
  components/, data/ and geo/, so a deploy with changed figure code never reads figures built by the old code.
- Values: what the builder returns — figures are `FigureDict`s (components/figures/spec.py: the plain dict Dash
  sends, pickled as such), `Rendered` (panels) is the dataclass holding them. A hit returns the same types.
- The cache is an optimisation only: if Redis is down or slow (0.5 s timeouts) the figure is built and served, and
  the failure is logged (at most once a minute). A circuit breaker (`Breaker`): after a failure the cache is not
  asked at all for OPEN_S seconds (a frozen Redis costs one timeout per 10 s per worker, not two per figure), then
  one request tries it again and a success closes the breaker.
- Each response that used the cache carries `X-Cache: HIT` (all cached renders hit) or `X-Cache: MISS`.

`cached_render(name, key_fn)` is the decorator for any other pure figure builder: `key_fn(*args, **kwargs)` returns
a string that identifies the inputs (or None: do not cache this call).
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
from flask_caching import Cache

from serving.settings import Settings, redacted

log = logging.getLogger("camps_atlas")

REPO = Path(__file__).resolve().parent.parent
KEY_PREFIX = "camps-atlas:"
TIMEOUT_S = 24 * 3600  # in Redis; keys also carry the data version and code fingerprint
LOCAL_THRESHOLD = 1024  # SimpleCache entries per worker
REDIS_TIMEOUT_S = 0.5
HEADER = "X-Cache"

cache = Cache()
_backend: Any = None  # the cachelib backend in use (set by install)
_last_error_log = 0.0


def code_fingerprint(folders: tuple[str, ...] = ("components", "data", "geo")) -> str:
    """sha256 (10 hex) of the Python sources that build figures: part of every key."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((REPO / folder).rglob("*.py")):
            digest.update(path.relative_to(REPO).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


FINGERPRINT = code_fingerprint()


def cache_config(settings: Settings) -> dict:
    """flask-caching configuration for the settings."""
    if settings.cache_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": settings.cache_url,
            "CACHE_KEY_PREFIX": KEY_PREFIX,
            "CACHE_DEFAULT_TIMEOUT": TIMEOUT_S,
            "CACHE_OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_S,
                "socket_timeout": REDIS_TIMEOUT_S,
                "health_check_interval": 30,
            },
        }
    return {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_KEY_PREFIX": KEY_PREFIX,
        "CACHE_DEFAULT_TIMEOUT": 0,
        "CACHE_THRESHOLD": LOCAL_THRESHOLD,
    }


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

    @property
    def is_open(self) -> bool:
        return self._clock() < self._open_until


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


# ---- keys for components.view_model -------------------------------------------------------------------------------


def view_key(bundle, view, *extra) -> str | None:
    """`<data version>:<View.cache_key>[:extra…]`, or None when the arguments are not (Bundle, View)."""
    try:
        parts = [bundle.version, view.cache_key]
    except AttributeError:
        return None
    parts += ["-" if e is None else str(e) for e in extra]
    return ":".join(parts)


def _map_key(bundle, view, highlight=None, *rest, **kwargs) -> str | None:
    if rest or kwargs.keys() - {"highlight"}:
        return None
    return view_key(bundle, view, kwargs.get("highlight", highlight))


def _view_only_key(bundle, view, *rest, **kwargs) -> str | None:
    return None if rest or kwargs else view_key(bundle, view)


# function name in components.view_model -> key function
CACHED_RENDERS: dict[str, Callable[..., str | None]] = {
    "render_panels": _view_only_key,
    "render_map": _map_key,
    "render_population": _view_only_key,
    "render_context": _view_only_key,
}


def memoised(name: str, fn: Callable) -> Callable:
    """fn (a figure builder of components.view_model named `name` in CACHED_RENDERS) memoised in the configured
    cache. Until install() has run (unit tests, exports) it simply calls fn."""
    return cached_render(name, CACHED_RENDERS[name])(fn)


def install(app, settings: Settings) -> Cache:
    """Initialise flask-caching on the server and wire the cached figure builders."""
    global _backend
    server = app.server
    cache.init_app(server, config=cache_config(settings))
    _backend = server.extensions["cache"][cache]

    @server.after_request
    def _cache_header(response):
        outcomes = g.pop("camps_atlas_cache", None)
        if outcomes:
            response.headers[HEADER] = "HIT" if all(o == "HIT" for o in outcomes) else "MISS"
        return response

    log.info("figure cache: %s (%s)", redacted(settings.cache_url), ", ".join(CACHED_RENDERS))
    return cache


def clear() -> None:
    """Empty the configured cache (tests)."""
    if _backend is not None:
        _backend.clear()
