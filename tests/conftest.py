"""Shared fixtures: build the sample site (or fixture content) into a temporary folder at a fixed clock."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from frontmatter.build import build_site

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
#: The clock the sample content is written against: a flood is under way.
NOW = "2026-11-25T09:00:00+00:00"
SITEURL = "https://www.riverford.example"


def build(content: Path, output: Path, now: str = NOW, **override) -> int:
    """Build ``content`` into ``output`` with the site's settings, at ``now``; the exit status."""
    previous = os.environ.get("NOTICEBOARD_NOW")
    os.environ["NOTICEBOARD_NOW"] = now
    try:
        return build_site(
            ROOT / "pelicanconf.py",
            override={"PATH": str(content), "OUTPUT_PATH": str(output), "SITEURL": SITEURL, **override},
        )
    finally:
        if previous is None:
            del os.environ["NOTICEBOARD_NOW"]
        else:
            os.environ["NOTICEBOARD_NOW"] = previous


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample council site, built once per test session at NOW."""
    output = tmp_path_factory.mktemp("sample") / "output"
    assert build(SAMPLE_CONTENT, output) == 0
    return output


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
