"""A real HTTP server on a loopback address for the source-checking tests and benchmark.

Routes map a path to a `Reply`, a list of Replies (served in turn, the last one repeated), or a
function of the `Seen` request returning a Reply. A route ending in "/*" matches every path below it.
The server counts hits per path and the most requests it ever had in flight at once.

Import the fixture into a test module: `from http_server import web  # noqa: F401`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable, Union
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Reply:
    status: int = 200
    body: Union[bytes, str, Iterable[bytes]] = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    content_type: str | None = "text/html; charset=utf-8"


@dataclass
class Seen:
    """A request as the server saw it."""

    path: str
    query: dict
    headers: dict


Route = Union[Reply, list, Callable[[Seen], Reply]]


class LocalServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.seen: list[Seen] = []
        self.bytes_sent = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a slow reply still sleeping must not hold up the test
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self) -> "LocalServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, route: Route) -> str:
        """Serve `route` at `path`; returns the full URL."""
        self.routes[path] = route
        return self.url(path)

    # -- called from the handler threads

    def reply_for(self, seen: Seen) -> Reply:
        with self._lock:
            self.hits[seen.path] += 1
            self.seen.append(seen)
            route = self.routes.get(seen.path)
            if route is None:
                prefixes = [p for p in self.routes if p.endswith("/*") and seen.path.startswith(p[:-1])]
                route = self.routes[max(prefixes, key=len)] if prefixes else Reply(404, b"not found")
            if isinstance(route, list):
                route = route.pop(0) if len(route) > 1 else route[0]
        return route(seen) if callable(route) else route

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _handler_for(server: LocalServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection; a body may end at close

        def do_GET(self) -> None:
            server.enter()
            try:
                parts = urlsplit(self.path)
                seen = Seen(parts.path, parse_qs(parts.query), {k.lower(): v for k, v in self.headers.items()})
                reply = server.reply_for(seen)
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                if isinstance(body, bytes) and "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                for chunk in [body] if isinstance(body, bytes) else body:
                    self.wfile.write(chunk)
                    with server._lock:
                        server.bytes_sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: exactly what a size cap or a timeout does
            finally:
                server.leave()

        def log_message(self, format, *args) -> None:  # keep the test output quiet
            pass

    return Handler


def unused_port(host: str = "127.0.0.1") -> int:
    """A port that nothing listens on (bound by the OS, then released)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@pytest.fixture
def web():
    server = LocalServer().start()
    yield server
    server.stop()
