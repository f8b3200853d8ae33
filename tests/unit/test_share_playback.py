"""Export links and citation for a view; playback window steps."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.playback import start_window, step
from components.share import citation, export_links
from data.select import View, full_view


def test_export_links_carry_the_view():
    html = str(export_links("?from=2013-01&to=2013-12&place=ashraf"))
    for figure in ("map", "casualties", "relocations", "population"):
        for fmt in ("png", "svg", "pdf"):
            assert f"/export/{figure}.{fmt}?from=2013-01&to=2013-12&place=ashraf" in html
    assert "/export/data.csv?from=2013-01&to=2013-12&place=ashraf" in html
    assert "/export/data.geojson?" in html


def test_citation_names_app_version_date_and_url():
    text = citation("http://127.0.0.1:8050/?from=2013-09&to=2013-09", "abc1234567", "Sep 2013", date(2026, 11, 23))
    assert text == (
        "Camps Atlas (data version abc1234567), view: Sep 2013. Accessed 23 Nov 2026. "
        "http://127.0.0.1:8050/?from=2013-09&to=2013-09"
    )


def test_playback_slides_and_stops_at_the_end():
    assert start_window([0, 89], 89) == [0, 11]  # whole period selected: start a 12-month window
    assert start_window([10, 20], 89) == [10, 20]
    assert step([10, 20], 89) == ([11, 21], False)
    assert step([77, 88], 89) == ([78, 89], True)
    assert step([78, 89], 89) == ([78, 89], True)


def test_camera_png_is_not_named_like_the_captioned_export(bundle):
    """The toolbar camera's PNG (no caption) and the captioned /export PNG of the same view get different names."""
    from components.charts import graph_config
    from exports import FIGURES
    from exports.params import filename

    for view in (full_view(bundle), View(pd.Period("2013-09", "M"), pd.Period("2013-09", "M"), "ashraf", "seeds")):
        for figure in FIGURES:
            camera = graph_config("/t/", view.file_stem(figure, captioned=False))["toImageButtonOptions"]["filename"]
            assert f"{camera}.png" != filename(figure, view, "png")
            assert camera.startswith(filename(figure, view, "png").removesuffix(".png"))  # same view in the name


def test_every_chart_is_in_the_export_menu():
    from exports import FIGURES

    html = str(export_links("?from=2013-01&to=2013-12"))
    assert "context" in FIGURES
    for figure in FIGURES:
        assert f"/export/{figure}.png?from=2013-01&to=2013-12" in html
