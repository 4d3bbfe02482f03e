"""A notice created in the web editor, on decap-server's local backend (what `make cms` runs), is a file
that passes `invoke check`."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from functools import partial
from http.server import ThreadingHTTPServer

import httpx
import pytest
from pelican.settings import read_settings

from conftest import NOW, ROOT, SAMPLE_CONTENT, require
from frontmatter.build import build_site
from frontmatter.check import check_settings
from webeditor.conftest import DECAP, DECAP_SERVER

from .conftest import QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """A council folder with the sample content; its site (with /admin/) served, and decap-server writing into it."""
    require(str(DECAP) if DECAP.is_file() else None, "decap-cms (npm, make test installs it)")
    server = require(str(DECAP_SERVER) if DECAP_SERVER.exists() else None, "decap-server (npm)")
    shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    site_port, backend_port = free_port(), free_port()
    site = f"http://127.0.0.1:{site_port}"
    monkeypatch.setenv("NOTICEBOARD_NOW", NOW)
    assert build_site(ROOT / "pelicanconf.py", override={
        "PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output"), "SITEURL": site, "CMS_ADMIN": True,
        "CMS_LOCAL_BACKEND": f"http://127.0.0.1:{backend_port}/api/v1", "CMS_EDITORIAL_WORKFLOW": False}) == 0
    web = ThreadingHTTPServer(("127.0.0.1", site_port), partial(QuietHandler, directory=str(tmp_path / "output")))
    threading.Thread(target=web.serve_forever, daemon=True).start()
    backend = subprocess.Popen([server], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PORT": str(backend_port), "BIND_HOST": "127.0.0.1"})
    deadline = time.monotonic() + 30
    while True:  # wait until decap-server answers (start-up, not a measurement)
        try:
            httpx.post(f"http://127.0.0.1:{backend_port}/api/v1", json={"action": "info"}).raise_for_status()
            break
        except httpx.HTTPError:
            assert time.monotonic() < deadline, "decap-server did not start"
            time.sleep(0.2)
    yield tmp_path, site
    backend.terminate()
    backend.wait(timeout=10)
    web.shutdown()
    web.server_close()


def test_a_notice_made_in_the_web_editor_is_a_file_that_passes_check(browser, editor):
    folder, site = editor
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(f"{site}/admin/")
    tab.get_by_role("button", name="Login").click()
    tab.get_by_role("link", name="Notices").first.click()
    tab.locator("a[href$='/collections/notices/new']").click()  # "＋ Notice"
    def field(label: str):
        """The input a label of the editor's form names (its text, case aside)."""
        name = tab.locator("label", has_text=re.compile(f"^{re.escape(label)}$", re.IGNORECASE)).first
        return tab.locator(f"[id='{name.get_attribute('for')}']")

    field("Title").fill("Footpath closed at Millbrook Weir")
    field("Date").fill("2026-11-25T08:30")
    field("Summary").fill("The footpath over Millbrook Weir is closed for repairs until 4 December.")
    for label, choice in (("Notice type", "road_closure"), ("Severity", "advisory"), ("Areas", "Millbrook")):
        field(label).fill(choice)
        tab.keyboard.press("Enter")
    field("Starts (optional)").fill("2026-11-26T07:00")
    field("Contact (optional)").fill("Countryside team, 01632 960456")
    tab.get_by_role("button", name="Publish").first.click()
    tab.get_by_text("Publish now").click()
    tab.wait_for_url("**/collections/notices/entries/footpath-closed-at-millbrook-weir")
    tab.close()

    written = folder / "content" / "notices" / "footpath-closed-at-millbrook-weir.md"
    lines = written.read_text().splitlines()
    for line in ("title: Footpath closed at Millbrook Weir", "date: 2026-11-25 08:30", "notice_type: road_closure",
                 "severity: advisory", "starts: 2026-11-26 07:00", "  - millbrook",
                 "contact: Countryside team, 01632 960456"):
        assert line in lines
    catalogue = check_settings(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(folder / "content")}))
    assert [str(p) for p in catalogue.problems if p.path == "content/notices/footpath-closed-at-millbrook-weir.md"] == []
    assert "content/notices/footpath-closed-at-millbrook-weir.md" in catalogue.by_path
