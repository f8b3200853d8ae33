"""Another site for browser tests: a loopback HTTP server on a free port (another origin than the app) that
answers every GET with the HTML a function makes of the path."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def other_site(page_for: Callable[[str], str]) -> Iterator[str]:
    """Serve page_for(path) as text/html at http://127.0.0.1:<port><path>; yields the site's root URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = page_for(self.path).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
