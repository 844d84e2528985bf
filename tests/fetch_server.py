"""A local HTTP server standing in for news sites in the fetcher tests.

Routes are plain functions of an `Exchange`, registered per test, so each test
states exactly what "the site" does. Every request is recorded with its
headers and arrival time (time.monotonic) before its route runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Exchange"], None]


@dataclass(frozen=True)
class Seen:
    path: str
    headers: Mapping[str, str]  # lower-case names
    at: float  # time.monotonic() on arrival


class Exchange:
    """One request as a route sees it, with helpers to answer."""

    def __init__(self, handler: BaseHTTPRequestHandler, seen: Seen) -> None:
        self._handler = handler
        self.path = seen.path
        self.headers = seen.headers

    def send(
        self, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None
    ) -> None:
        """A complete response; Content-Length is added unless given."""
        merged = {"Content-Length": str(len(body)), **(headers or {})}
        self.send_head(status, merged)
        self.write(body)

    def send_head(self, status: int, headers: Mapping[str, str] | None = None) -> None:
        handler = self._handler
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.flush()

    def write(self, data: bytes) -> bool:
        """Send part of the body; False once the client has gone away."""
        try:
            self._handler.wfile.write(data)
            self._handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return False
        return True


class LocalServer:
    """A threaded HTTP/1.0 server on 127.0.0.1 (a free port) with per-test routes.

    Paths without a route answer 404, so /robots.txt is absent unless a test adds it.
    """

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen = Seen(
                    self.path,
                    {name.lower(): value for name, value in self.headers.items()},
                    time.monotonic(),
                )
                server.requests.append(seen)
                route = server.routes.get(self.path.split("?", 1)[0])
                exchange = Exchange(self, seen)
                try:
                    if route is None:
                        exchange.send(404, b"not found")
                    else:
                        route(exchange)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.port = self._httpd.server_address[1]
        self.host = "127.0.0.1"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def route(self, path: str) -> Callable[[Route], Route]:
        """Decorator: answer `path` with the decorated function."""

        def register(function: Route) -> Route:
            self.routes[path] = function
            return function

        return register

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path.split("?", 1)[0] == path]

    @contextmanager
    def running(self) -> Iterator[LocalServer]:
        self._thread.start()
        try:
            yield self
        finally:
            self._httpd.shutdown()
            self._httpd.server_close()
