"""Real-browser fixtures: the app served in-process, Debian chromium driven by Playwright, offline checks.

Every test gets a fresh browser context. The `page` fixture records every request and every console error or page
error; after the test it fails on any console error and on any request that left loopback. A test opts out with
`@pytest.mark.allow_console_errors` or `@pytest.mark.allow_external_requests`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS
from tests.browser.pagehelpers import ERRORS_SO_FAR, READY_TIMEOUT_MS

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Schemes that never touch the network (e.g. the PNG export is a data:/blob: URL made by the page itself).
LOCAL_SCHEMES = {"data", "blob", "about"}
HERE = Path(__file__).resolve().parent

expect.set_options(timeout=READY_TIMEOUT_MS)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "allow_console_errors: the test expects console errors (not checked)")
    config.addinivalue_line("markers", "allow_external_requests: the test may make requests that leave loopback")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the browser: mark it, so that `-m "not browser"` deselects them all."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The real app (app.server) on a free loopback port, served by werkzeug in a daemon thread."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    from app import server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs) -> None:  # one line per request would drown pytest's output
            pass

    httpd = make_server("127.0.0.1", 0, server, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, name="camps-atlas-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)
        httpd.server_close()


@pytest.fixture(autouse=True)
def links_under_the_test_server(base_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """During a browser test the app writes its links under the test server's address, as CAMPS_ATLAS_PUBLIC_URL
    would in production (restored after each test: the unit tests in the same run expect the default)."""
    from app import server
    from exports.public import PUBLIC_URL_CONFIG

    monkeypatch.setitem(server.config, PUBLIC_URL_CONFIG, base_url + "/")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's chromium, headless, with the flags that keep it from reaching the internet."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the browser tests need Debian's chromium. Run `make system-deps` "
            "(or `apt-get install -y chromium`), or set CAMPS_ATLAS_CHROMIUM to another chromium binary.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLog:
    """What the page did: requests, responses (URL, status), failed requests, console errors, page errors."""

    requests: list[str] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def external_requests(self) -> list[str]:
        """Requests whose host is not loopback (ignoring data:/blob: URLs, which never leave the page)."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.hostname not in LOOPBACK:
                out.append(url)
        return out


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser, base_url: str, page_log: PageLog, request: pytest.FixtureRequest) -> Iterator:
    """A fresh context and page per test (1440x1000, downloads accepted), recording requests and console errors.

    After the test: no console errors or page errors, and no request left loopback (unless the test opts out).
    """
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True, base_url=base_url)
    context.set_default_timeout(READY_TIMEOUT_MS)
    page = context.new_page()
    page.on("request", lambda req: page_log.requests.append(req.url))
    page.on("response", lambda resp: page_log.responses.append((resp.url, resp.status)))
    page.on("requestfailed", lambda req: page_log.failed.append(f"{req.url} ({req.failure})"))
    page.on(
        "console",
        lambda msg: page_log.console_errors.append(f"{msg.text} @ {msg.location}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda err: page_log.page_errors.append(str(err)))
    ERRORS_SO_FAR[page] = lambda: page_log.console_errors + page_log.page_errors
    try:
        yield page
    finally:
        context.close()
    if not request.node.get_closest_marker("allow_console_errors"):
        errors = page_log.console_errors + page_log.page_errors
        assert not errors, "console errors on the page:\n" + "\n".join(errors)
    if not request.node.get_closest_marker("allow_external_requests"):
        external = page_log.external_requests()
        assert not external, "requests left loopback (the app must work offline):\n" + "\n".join(external)
