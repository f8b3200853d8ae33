"""The app's public root URL, the base of every absolute link the server writes (embed pages, image captions, the
report): CAMPS_ATLAS_PUBLIC_URL, or the bound address (serving.settings reads it; serving.configure sets it on the
Flask app under PUBLIC_URL_CONFIG). Never the request's Host header, which any client sets: copied into links, it
would let a request put another site's address in a caption, and a varying Host would split the image cache."""

from __future__ import annotations

from flask import current_app

from exports.caption import DEFAULT_BASE_URL

PUBLIC_URL_CONFIG = "CAMPS_ATLAS_PUBLIC_URL"  # the Flask config key


def public_root() -> str:
    """The root URL ending in "/" (make run's address when the app was not configured by serving)."""
    return current_app.config.get(PUBLIC_URL_CONFIG) or DEFAULT_BASE_URL
