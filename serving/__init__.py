"""Production serving for Camps Atlas: settings, security headers, health check, figure cache, request validation.

`app.py` calls `configure(app, view_store=<the id of the page's view store>)` once, right after creating the Dash app
and its layout (serving knows nothing of the page's components but that one id, which it is given):

- serving.settings     CAMPS_ATLAS_* environment variables, validated
- serving.security     CSP and other headers, 1 MiB request limit, plain 500s (tracebacks only in the log)
- serving.validation   every callback request checked against the page before a callback runs (400 otherwise)
- serving.health       GET /healthz
- serving.cache        figure cache backend (Redis when CAMPS_ATLAS_CACHE_URL is set, else in-process) for
                       present.memo, which memoises present's figure builders
- serving.compression  static files compressed once per worker
- serving.static_cache fingerprinted assets (the partial plotly.js bundle) cached for a year
- serving.bench        the benchmark's no-op callback (CAMPS_ATLAS_BENCH=1 only)

`gunicorn -c serving/gunicorn_conf.py app:server` (`make serve`) runs it.
"""

from __future__ import annotations

import logging

from exports.public import PUBLIC_URL_CONFIG
from serving import cache, compression, health, security, static_cache, validation
from serving.settings import Settings, SettingsError, from_env

__all__ = ["Settings", "SettingsError", "configure"]


def configure(app, view_store: str, settings: Settings | None = None):
    """Harden and wire the app for production; returns it. Exits with a clear message on a bad environment."""
    if settings is None:
        try:
            settings = from_env()
        except SettingsError as err:
            raise SystemExit(f"Camps Atlas settings: {err}") from None
    if not logging.getLogger("camps_atlas").handlers and not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if settings.bench:
        from serving import bench

        bench.install(app)
    security.install(app, settings.embed_ancestors)
    validation.install(app, view_store)
    health.install(app)
    cache.install(app, settings)
    compression.install(app)
    static_cache.install(app)
    app.camps_atlas_settings = settings
    app.server.config[PUBLIC_URL_CONFIG] = settings.public_url  # links are written under it (exports.public)
    return app
