"""Figure cache backend: flask-caching's RedisCache (shared) or SimpleCache (per process), handed to present.memo.

- With CAMPS_ATLAS_CACHE_URL (redis://…) the cache is flask-caching's RedisCache: every gunicorn worker, and every
  machine behind a load balancer pointed at the same Redis, shares the figures built by any of them.
- Without it, flask-caching's SimpleCache: one cache per worker process (bounded).
- What is cached and how it is keyed is present.memo's: the builders of present/, so the page and the exports share
  the figures. Redis timeouts are 0.5 s; present.memo's circuit breaker skips a failing cache.
- Each response that used the cache carries `X-Cache: HIT` (all cached renders hit) or `X-Cache: MISS`.
"""

from __future__ import annotations

import logging

from flask import g
from flask_caching import Cache

from present import memo
from serving.settings import Settings, redacted

log = logging.getLogger("camps_atlas")

KEY_PREFIX = "camps-atlas:"
TIMEOUT_S = 24 * 3600  # in Redis; keys also carry the data version and code fingerprint
LOCAL_THRESHOLD = 1024  # SimpleCache entries per worker
REDIS_TIMEOUT_S = 0.5
HEADER = "X-Cache"

cache = Cache()


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


def install(app, settings: Settings) -> Cache:
    """Initialise flask-caching on the server and hand its backend to present.memo."""
    server = app.server
    cache.init_app(server, config=cache_config(settings))
    memo.use(server.extensions["cache"][cache])

    @server.after_request
    def _cache_header(response):
        outcomes = g.pop("camps_atlas_cache", None)
        if outcomes:
            response.headers[HEADER] = "HIT" if all(o == "HIT" for o in outcomes) else "MISS"
        return response

    log.info("figure cache: %s", redacted(settings.cache_url))
    return cache
