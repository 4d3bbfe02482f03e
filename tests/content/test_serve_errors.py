"""`make serve` shows content errors in the browser, on whichever page is open, until the file is fixed."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from conftest import NOW, ROOT
from frontmatter.preview import rebuild


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
        pass


@pytest.fixture
def preview(tmp_path):
    """The output folder a preview is served from, on a loopback port."""
    output = tmp_path / "output"
    output.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield output, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_an_error_replaces_every_page_and_the_fixed_file_brings_the_site_back(preview, content_copy, monkeypatch):
    output, url = preview
    monkeypatch.setenv("NOTICEBOARD_NOW", NOW)
    settings = {"PATH": str(content_copy), "OUTPUT_PATH": str(output), "SITEURL": url}
    assert rebuild(ROOT / "pelicanconf.py", settings) == 0
    assert "Quay Street closed" in httpx.get(f"{url}/notices/quay-street-closure/").text

    notice = content_copy / "notices" / "quay-street-closure.md"
    good = notice.read_text()
    notice.write_text(good.replace("severity: warning", "severity: urgent"))
    assert rebuild(ROOT / "pelicanconf.py", settings) == 1
    for page in ("", "notices/quay-street-closure/", "faq/"):
        shown = httpx.get(f"{url}/{page}").text
        assert "The site was not rebuilt: 1 problem(s)" in shown
        assert ('content/notices/quay-street-closure.md:6: severity: &quot;urgent&quot; is not one of info, advisory, '
                'warning, emergency. Did you mean &quot;emergency&quot;?') in shown

    notice.write_text(good)
    assert rebuild(ROOT / "pelicanconf.py", settings) == 0
    page = httpx.get(f"{url}/notices/quay-street-closure/").text
    assert "Quay Street closed" in page and "not rebuilt" not in page
