"""GET /healthz: 200 with the data version and counts once the data has loaded and validated (for load balancers),
and the state of this worker's image renderer (exports.renderer): "status" is "degraded" while it has failed and
not yet been replaced (the page works; the next image export starts a fresh renderer)."""

from __future__ import annotations

from flask import jsonify

from data.load import default_bundle

PATH = "/healthz"


def health() -> dict:
    """What /healthz reports: the data is loaded (it is validated at start; a bad file stops the app)."""
    from exports.renderer import RENDERER

    bundle = default_bundle()
    renderer = RENDERER.status()
    return {
        "status": "degraded" if renderer["state"] == "failed" else "ok",
        "renderer": renderer,
        "data_version": bundle.version,
        "events": int(bundle.events["event_id"].nunique()),
        "movements": int(bundle.movements["movement_id"].nunique()),
        "sources": len(bundle.sources),
    }


def install(app) -> None:
    def healthz():
        response = jsonify(health())
        response.headers["Cache-Control"] = "no-store"
        return response

    app.server.add_url_rule(PATH, endpoint="camps_atlas_healthz", view_func=healthz, methods=["GET"])
