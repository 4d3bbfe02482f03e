"""The web editor's tests: Decap CMS from .tools/ (installed by the Makefile with npm); they skip outside CI
without it and fail under CI=true."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_CONTENT, build, require

DECAP = ROOT / ".tools" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
DECAP_SERVER = ROOT / ".tools" / "node_modules" / ".bin" / "decap-server"


@pytest.fixture(scope="session")
def decap() -> Path:
    return Path(require(str(DECAP) if DECAP.is_file() else None, "decap-cms (npm, make test installs it)"))


@pytest.fixture(scope="session")
def site_with_editor(tmp_path_factory, decap) -> Path:
    """The sample site built with its web editor (/admin/)."""
    output = tmp_path_factory.mktemp("with-editor") / "output"
    assert build(SAMPLE_CONTENT, output, CMS_ADMIN=True) == 0
    return output
