"""moto's S3 server on a loopback port, behind a proxy that records each request and can refuse
large uploads (as a store does when a quota runs out), so tests see what reached the store and in
which order."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from moto.server import ThreadedMotoServer

#: Uploads bigger than this are refused while the store is "full".
QUOTA_BYTES = 20_000
QUOTA_ERROR = (b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>QuotaExceeded</Code>'
               b"<Message>The bucket's storage quota is used up</Message></Error>")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


@dataclass
class S3Server:
    """The store: ``url`` for boto3's endpoint, ``requests`` as (method, path) in the order they came."""

    url: str
    upstream: tuple[str, int]
    requests: list[tuple[str, str]] = field(default_factory=list)
    full: bool = False

    @contextmanager
    def quota_exceeded(self) -> Iterator[None]:
        self.full = True
        try:
            yield
        finally:
            self.full = False


def proxy_handler(server: S3Server) -> type[BaseHTTPRequestHandler]:
    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
            pass

        def forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            server.requests.append((self.command, self.path))
            if server.full and self.command == "PUT" and len(body) > QUOTA_BYTES:
                self.answer(403, {"Content-Type": "application/xml"}, QUOTA_ERROR)
                return
            upstream = http.client.HTTPConnection(*server.upstream, timeout=30)
            upstream.request(self.command, self.path, body=body or None,
                             headers={k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP})
            reply = upstream.getresponse()
            data = reply.read()
            headers = {k: v for k, v in reply.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}}
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
