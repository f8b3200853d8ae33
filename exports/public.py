"""The app's public root URL, the base of every absolute link the server writes (embed pages, image captions, the
report): CAMPS_ATLAS_PUBLIC_URL, or the bound address (serving.settings). Never the request's Host header, which any
client sets: copied into links, it would let a request put another site's address in a caption, and a varying Host
would split the image cache."""

from __future__ import annotations

from flask import current_app

from serving.settings import PUBLIC_URL_CONFIG, Settings, SettingsError, from_env


def public_root() -> str:
    """The root URL ending in "/" (set on the Flask app by serving.configure; else read from the environment)."""
    configured = current_app.config.get(PUBLIC_URL_CONFIG)
    if configured:
        return configured
    try:
        return from_env().public_url
    except SettingsError:  # checked at start-up; a server started without serving.configure falls back
        return Settings().public_url
