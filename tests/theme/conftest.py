"""Fixtures for the theme tests: the sample site as published (minified), served on a loopback port, and
one headless Chromium (the system's, never a downloaded one) for the whole session.

A test that needs a system tool (chromium, java, the Nu HTML Checker) skips outside CI when the tool is
missing and fails under CI=true, where .ci/run installs it.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import NOW, ROOT, SAMPLE_CONTENT, SITE_PAGES_ONLY, require
from frontmatter.build import build_site

SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
VNU_JAR = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def chromium_path() -> str:
    return require(shutil.which("chromium") or shutil.which("chromium-browser"), "chromium")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's signature
        pass


@dataclass(frozen=True)
class ServedSite:
    url: str
    output: Path

    def at(self, path: str) -> str:
        return f"{self.url}/{path}"


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The sample site built with publishconf.py as `make publish` builds it (minified; SITE_PAGES_ONLY), at a
    loopback address; its search index in parts of ten pages, as a site of thousands of entries has it."""
    output = tmp_path_factory.mktemp("served") / "output"
    output.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(output)))
    url = f"http://127.0.0.1:{server.server_port}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTICEBOARD_NOW", NOW)
        status = build_site(ROOT / "publishconf.py",
                            override={"PATH": str(SAMPLE_CONTENT), "OUTPUT_PATH": str(output), "SITEURL": url,
                                      "SEARCH_INDEX_PART_PAGES": 10, **SITE_PAGES_ONLY})
    assert status == 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ServedSite(url, output)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser):
    """One tab per test module, 1280 px wide, with JavaScript."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
