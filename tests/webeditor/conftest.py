"""The web editor's tests: Decap CMS from .tools/ (installed by the Makefile with npm); they skip outside CI
without it and fail under CI=true."""

from __future__ import annotations

from pathlib import Path

import pytest
from theme.conftest import QuietHandler, browser  # noqa: F401 - the theme tests' one headless Chromium

from conftest import ROOT, require

DECAP = ROOT / ".tools" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
DECAP_SERVER = ROOT / ".tools" / "node_modules" / ".bin" / "decap-server"


@pytest.fixture(scope="session")
def decap() -> Path:
    return Path(require(str(DECAP) if DECAP.is_file() else None, "decap-cms (npm, make test installs it)"))
