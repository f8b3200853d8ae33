"""Server-side exports of a view: chart images with a caption (PNG/SVG/PDF), the view's rows (CSV/GeoJSON).

Used by the Flask routes (exports.routes, `/export/<figure>.<format>`) and the batch CLI (`python -m exports`).
"""

FIGURES = ("map", "casualties", "relocations", "population", "context")
IMAGE_FORMATS = ("png", "svg", "pdf")
DATA_FORMATS = ("csv", "geojson")
