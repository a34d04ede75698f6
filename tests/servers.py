"""Real HTTP servers on loopback ports, for tests that must cross a socket."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    """Keeps access lines out of test output."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@contextmanager
def serve(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve a WSGI app on a free loopback port in a thread; yield its base URL."""
    server = make_server(host, 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="test-http-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
