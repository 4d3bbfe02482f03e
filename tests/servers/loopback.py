"""A small HTTP server on 127.0.0.1, run in a thread, that records requests and can be told to fail."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)
    #: When the answer went out (after any delay): requests overlap when one's at is before another's answered.
    answered: float | None = None

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Failure:
    path: str
    status: int
    times: int
    headers: dict[str, str]
    body: Any


#: How often the serving thread looks whether the server is being shut down.
SHUTDOWN_POLL_SECONDS = 0.02
#: A failure "status" that drops the connection with a TCP reset instead of answering.
RESET = 0


class LoopbackServer:
    """Subclasses implement ``respond(request) -> Response``; use as a context manager."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.failures: list[Failure] = []
        self.delays: dict[str, list[float]] = {}
        #: Seconds every answer waits, as a platform across the internet has it (concurrency tests).
        self.latency = 0.0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(self.command, url.path, parse_qs(url.query),
                                  {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
                with server.lock:
                    server.requests.append(request)
                    response = server._injected(request) or server.respond(request)
                    delay = server._delay(request) + server.latency
                time.sleep(delay)
                request.answered = time.monotonic()
                if response.status == RESET:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.close_connection = True
                    self.connection.close()
                    return
                body = response.body if isinstance(response.body, bytes) else json.dumps(response.body).encode()
                try:
                    self.send_response(response.status)
                    headers = {"Content-Type": "application/json; charset=utf-8", **response.headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test): the request was still served

            do_GET = do_POST = do_PUT = do_DELETE = _handle

            def finish(self) -> None:
                try:
                    super().finish()
                except OSError:
                    pass  # a reset connection (RESET)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> LoopbackServer:
        # serve_forever notices shutdown() once per poll interval: 0.5 s by default, paid by every test
        # on leaving each server it started (nine in a reliability run).
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
                         daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail(self, path: str, status: int, times: int = 1_000_000, headers: dict[str, str] | None = None,
             body: Any = None) -> None:
        """Answer the next ``times`` requests to ``path`` with ``status`` instead of serving them
        (``RESET``: drop the connection; a bytes ``body`` is sent as it is, such as broken JSON)."""
        with self.lock:
            self.failures.append(Failure(path, status, times, headers or {}, body or {"error": "injected failure"}))

    def slow(self, path: str, seconds: float, times: int = 1) -> None:
        """Serve the next ``times`` requests to ``path``, but answer only after ``seconds``:
        the platform accepted the request and the answer was lost to a timeout."""
        with self.lock:
            self.delays[path] = [seconds, times]

    def heal(self) -> None:
        with self.lock:
            self.failures.clear()
            self.delays.clear()

    def _delay(self, request: Request) -> float:
        seconds, times = self.delays.get(request.path, (0.0, 0))
        if times <= 0:
            return 0.0
        self.delays[request.path] = [seconds, times - 1]
        return seconds

    def _injected(self, request: Request) -> Response | None:
        for failure in self.failures:
            if failure.times > 0 and request.path == failure.path:
                failure.times -= 1
                return Response(failure.status, failure.body, failure.headers)
        return None

    def received(self, method: str, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path == path]

    def respond(self, request: Request) -> Response:
        raise NotImplementedError
