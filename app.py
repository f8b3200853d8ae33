"""Camps Atlas: creates the Dash app and its WSGI `server`."""

import sys

from dash import Dash

from data.load import DataError, default_bundle
from data.story import default_key_events, default_stories

try:
    BUNDLE = default_bundle()
    default_stories(), default_key_events()  # stories.csv and key_events.csv are checked at start-up too
except DataError as err:
    sys.exit(f"Camps Atlas cannot start: {err}")

import components.callbacks  # noqa: F401  (registers the callbacks)
from components.first_paint import page_layout
from components.ids import Page
from components.index_page import INDEX_STRING
from components.index_page import install as declare_language
from exports.routes import register as register_exports
from serving import configure

app = Dash(__name__, title="Camps Atlas", assets_folder="components/assets", compress=True, index_string=INDEX_STRING)
app.layout = page_layout  # the page for the URL's view, its figures in it (components/first_paint.py)
declare_language(app)  # <html lang dir> of the URL's language
configure(
    app, view_store=Page.VIEW
)  # serving/: headers, request checks, /healthz, figure cache (see serving/__init__.py)
server = app.server
register_exports(server)  # /export/<figure>.<png|svg|pdf>, /export/data.<csv|geojson>

if __name__ == "__main__":  # `make run` (HOST=, PORT=): the development server on CAMPS_ATLAS_HOST:PORT
    from serving.settings import SettingsError, from_env

    try:
        settings = from_env()
    except SettingsError as err:
        sys.exit(f"Camps Atlas cannot start: {err}")
    app.run(host=settings.host, port=settings.port, debug=False)
