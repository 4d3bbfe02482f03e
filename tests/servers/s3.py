"""moto's S3 server on a loopback port, behind a proxy that records each request and can refuse
large uploads (as a store does when a quota runs out) or any request a test picks, so tests see what
reached the store and in which order."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from moto.server import ThreadedMotoServer

#: Uploads bigger than this are refused while the store is "full".
QUOTA_BYTES = 20_000
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


#: Looks at a request (method, path, headers, body) before it reaches the store; answers it instead
#: with (status, error code, message), or lets it through with None.
Intercept = Callable[[str, str, Message, bytes], "tuple[int, str, str] | None"]


@dataclass
class S3Server:
    """The store: ``url`` for boto3's endpoint, ``requests`` as (method, path) in the order they came."""

    url: str
    upstream: tuple[str, int]
    requests: list[tuple[str, str]] = field(default_factory=list)
    intercept: Intercept | None = None

    @contextmanager
    def intercepting(self, intercept: Intercept) -> Iterator[None]:
        self.intercept = intercept
        try:
            yield
        finally:
            self.intercept = None

    def quota_exceeded(self) -> AbstractContextManager[None]:
        """Uploads over QUOTA_BYTES are refused, as when the bucket's storage quota is used up."""
        return self.intercepting(lambda method, path, headers, body: (
            (403, "QuotaExceeded", "The bucket's storage quota is used up")
            if method == "PUT" and len(body) > QUOTA_BYTES else None))


def proxy_handler(server: S3Server) -> type[BaseHTTPRequestHandler]:
    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
            pass

        def forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            server.requests.append((self.command, self.path))
            refused = server.intercept and server.intercept(self.command, self.path, self.headers, body)
            if refused:
                status, code, message = refused
                error = f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>'
                self.answer(status, {"Content-Type": "application/xml"}, error.encode())
                return
            upstream = http.client.HTTPConnection(*server.upstream, timeout=30)
            upstream.request(self.command, self.path, body=body or None,
                             headers={k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP})
            reply = upstream.getresponse()
            data = reply.read()
            # Date and Server are the proxy's own (send_response adds them); the rest is the store's.
            headers = {k: v for k, v in reply.getheaders()
                       if k.lower() not in HOP_BY_HOP | {"content-length", "date", "server"}}
            upstream.close()
            self.answer(reply.status, headers, data)

        def answer(self, status: int, headers: dict[str, str], data: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = forward

    return Proxy


@contextmanager
def running_s3_server() -> Iterator[S3Server]:
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    try:
        server = S3Server(url="", upstream=moto.get_host_and_port())
        proxy = ThreadingHTTPServer(("127.0.0.1", 0), proxy_handler(server))
        server.url = f"http://127.0.0.1:{proxy.server_port}"
        thread = threading.Thread(target=proxy.serve_forever, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            proxy.shutdown()
            proxy.server_close()
    finally:
        moto.stop()
