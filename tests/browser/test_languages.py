"""The page in a right-to-left language (issue 13): declared, mirrored, and nothing pushed out of view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pagehelpers import settled, wait_ready


@pytest.fixture
def persian(monkeypatch):
    """Persian offered (the test server runs in this process), as it will be once its catalogue is complete."""
    from data import languages

    monkeypatch.setattr(languages, "AVAILABLE", ("en", "fa"))


def test_the_persian_page_reads_right_to_left_and_opens_on_its_content(page: Page, persian) -> None:
    """The skip link was parked at left: -9999px: in a right-to-left page that side scrolls, so the page was 11,424 px
    wide and opened on an empty screen. Parked on the start side (inset-inline-start), it never widens the page."""
    page.goto("/?from=2013-09&to=2013-09&lang=fa")
    wait_ready(page)
    settled(page)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, f"the page is {width[0]} px wide in a {width[1]} px window"
    title = page.locator("label[for='date-range']")
    expect(title).to_have_text("بازهٔ زمانی")
    expect(title).to_be_in_viewport()
    box, lede = title.bounding_box(), page.locator(".lede").bounding_box()
    assert box["x"] + box["width"] > 1000 and lede["x"] + lede["width"] > 1000  # at the right: the start of the line
    page.keyboard.press("Tab")  # the skip link comes into view at the start side when focused
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
