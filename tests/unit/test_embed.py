"""Embeddable charts: one chart with its caption and a link back; only /embed/… may be framed."""

from __future__ import annotations

import json
import re

import pytest

from serving.security import content_security_policy
from serving.settings import SettingsError, from_env


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def _figure(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="figure">(.*?)</script>', page, re.S).group(1))


@pytest.mark.parametrize("chart", ["map", "casualties", "relocations", "population", "context"])
def test_embed_is_one_chart_with_caption_and_link_back(client, chart):
    response = client.get(f"/embed/{chart}?from=2013-09&to=2013-09&lens=independent")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert len(_figure(page)["data"]) > 0
    assert "Lens: Independent" in page and "Claimants (" in page
    assert 'href="http://127.0.0.1:8050/?from=2013-09&amp;to=2013-09&amp;lens=independent"' in page
    assert page.count('id="chart"') == 1 and "react-entry-point" not in page  # nothing of the dashboard
    assert re.search(r'<script src="/assets/vendor/plotly-[\d.]+-partial\.[0-9a-f]{12}\.min\.js">', page)
    assert "<script>" not in page  # no inline script: the CSP allows none


def test_only_embeds_may_be_framed(client):
    embed = client.get("/embed/casualties")
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    page = client.get("/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    export = client.get("/export/data.csv")
    assert "frame-ancestors 'none'" in export.headers["Content-Security-Policy"]


def test_bad_embed_requests_say_what_is_wrong(client):
    unknown = client.get("/embed/pie")
    assert unknown.status_code == 404 and "charts: map, casualties" in unknown.get_data(as_text=True)
    bad = client.get("/embed/map?from=2013-13")
    assert bad.status_code == 400 and "from" in bad.get_data(as_text=True)


def test_a_setting_narrows_who_may_frame_the_embeds():
    settings = from_env({"CAMPS_ATLAS_EMBED_ANCESTORS": "https://example.org https://*.example.net"})
    assert settings.embed_ancestors == ("https://example.org", "https://*.example.net")
    csp = content_security_policy([], settings.embed_ancestors)
    assert "frame-ancestors https://example.org https://*.example.net;" in csp
    assert from_env({}).embed_ancestors == ("*",)
    with pytest.raises(SettingsError, match="EMBED_ANCESTORS"):
        from_env({"CAMPS_ATLAS_EMBED_ANCESTORS": "javascript:alert(1)"})


@pytest.mark.parametrize("chart", ["relocations", "context"])
def test_a_chart_with_written_labels_also_comes_laid_out_for_a_narrow_frame(client, chart):
    """Relocations and context carry a second figure whose labels fit a 640-px frame (embed.js picks it in a frame
    narrower than the page's layout): the relocation labels wrap, the context strip takes more lanes."""
    page = client.get(f"/embed/{chart}?from=2013-01&to=2016-12").get_data(as_text=True)
    narrow = json.loads(re.search(r'id="figure-narrow">(.*?)</script>', page, re.S).group(1))
    wide = _figure(page)
    assert 'data-narrow-px="640"' in page and "data-wide-px=" in page
    assert narrow["layout"]["height"] > wide["layout"]["height"]


def test_the_share_bars_resize_script_listens_for_the_key_embeds_post():
    from components.callbacks import share
    from exports import embed

    assert share.MESSAGE_KEY == embed.MESSAGE_KEY
