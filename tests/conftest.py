"""Shared fixtures: build the sample site (or fixture content) into a temporary folder at a fixed clock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from frontmatter.build import build_site
from publish.ledger import Ledger
from publish.targets.local import LocalTarget
from tests.reliability import figures

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
#: The clock the sample content is written against: a flood is under way.
NOW = "2026-11-25T09:00:00+00:00"
SITEURL = "https://www.riverford.example"

# The tests run inside CI services whose variables the product reads (the Pages address, the job
# summary, deploy and platform settings); each test sets the ones it means to.
for _name in [name for name in os.environ
              if name.startswith("NOTICEBOARD_") or name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI_PAGES_URL")]:
    del os.environ[_name]


def pytest_sessionstart(session) -> None:
    if not hasattr(session.config, "workerinput"):  # the main process, not an xdist worker
        figures.clear()


def pytest_terminal_summary(terminalreporter) -> None:
    """The reliability figures measured in this run (tests/reliability), when those tests ran."""
    lines = list(figures.summary())
    if lines:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)


#: The theme's own pages, as tests of pages read them: links with the public addresses, no web editor.
#: tests/theme/test_relative_links.py covers the relative links the real build writes (RELATIVE_LINKS),
#: tests/webeditor the web editor's /admin/ (CMS_ADMIN), each building the site with them.
SITE_PAGES_ONLY = {"RELATIVE_LINKS": False, "CMS_ADMIN": False}


def build(content: Path, output: Path, now: str = NOW, settings: Path = ROOT / "pelicanconf.py", **override) -> int:
    """Build ``content`` into ``output`` with the site's settings (SITE_PAGES_ONLY), at ``now``; the exit status."""
    previous = os.environ.get("NOTICEBOARD_NOW")
    os.environ["NOTICEBOARD_NOW"] = now
    try:
        return build_site(
            settings,
            override={"PATH": str(content), "OUTPUT_PATH": str(output), "SITEURL": SITEURL, **SITE_PAGES_ONLY, **override},
        )
    finally:
        if previous is None:
            del os.environ["NOTICEBOARD_NOW"]
        else:
            os.environ["NOTICEBOARD_NOW"] = previous


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path in the site, with its bytes: two builds compare equal or not."""
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample council site, built once per test session at NOW."""
    output = tmp_path_factory.mktemp("sample") / "output"
    assert build(SAMPLE_CONTENT, output) == 0
    return output


#: What a council's repository holds, as far as building and publishing go.
PROJECT_PARTS = ("content", "theme", "plugins", "publish", "pelicanconf.py", "publishconf.py", "tasks.py",
                 "Makefile", "requirements.txt", "requirements-dev.txt", "requirements")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to build and publish in, sharing this test run's virtual environment and npm
    tools (.tools/, when installed: else `make publish` in the copy would fetch the web editor from npm)."""
    copy = tmp_path / "council"
    copy.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / part)  # keeps the times make compares
    (copy / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    if (ROOT / ".tools").is_dir():
        (copy / ".tools").symlink_to((ROOT / ".tools").resolve(), target_is_directory=True)
    return copy


def require(tool: str | None, what: str) -> str:
    """The tool's path; without it, skip outside CI and fail in CI (where .ci/run installs it)."""
    if tool:
        return tool
    message = f"{what} is not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{message}, and CI must run this test (see .ci/run and the Makefile)")
    pytest.skip(message)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the sample content, for tests that add or break a file."""
    copy = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, copy)
    return copy


@pytest.fixture
def site_builder(tmp_path) -> Callable[..., int]:
    """build(content, output) bound to this test's folder: site_builder(content, now=...)."""

    def run(content: Path, now: str = NOW, **override) -> int:
        return build(content, tmp_path / "output", now=now, **override)

    return run


@dataclass
class Publisher:
    """One council's publishing set-up in a temporary folder: settings, deploy folder, outbox."""

    folder: Path

    @property
    def public(self) -> Path:
        return self.folder / "public"

    @property
    def outbox(self) -> Path:
        return self.folder / "outbox"

    def ledger(self) -> Ledger:
        """The ledger in the deploy folder, as the next publish will read it."""
        return Ledger.load(LocalTarget(self.public), read_only=True)

    def settings(self, **values) -> Path:
        settings = {
            "DEPLOY_TARGET": str(self.public), "OUTBOX_PATH": str(self.outbox), "DEFAULT_LANG": "en",
            "CROSSPOST_BACKOFF_SECONDS": 0.05, "PUBLISH_LOCK_WAIT_SECONDS": 1, **values,
        }
        path = self.folder / "publishconf.py"
        path.write_text("".join(f"{name} = {value!r}\n" for name, value in settings.items()))
        return path

    def run(self, site: Path, env: dict[str, str] | None = None, *args: str, **settings) -> subprocess.CompletedProcess:
        """``python -m publish`` with only ``env`` as its NOTICEBOARD_* variables."""
        return self.module("publish", site, env, *args, **settings)

    def module(self, module: str, site: Path, env: dict[str, str] | None = None, *args: str,
               **settings) -> subprocess.CompletedProcess:
        """``python -m <module> --settings .. --site .. args`` with only ``env`` as its NOTICEBOARD_* variables."""
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOARD_", "GITHUB_"))}
        return subprocess.run(
            [sys.executable, "-m", module, "--settings", str(self.settings(**settings)), "--site", str(site), *args],
            cwd=ROOT, env={**clean, **(env or {})}, capture_output=True, text=True, timeout=120,
        )


@pytest.fixture
def publisher(tmp_path) -> Publisher:
    folder = tmp_path / "council"
    folder.mkdir()
    return Publisher(folder)
