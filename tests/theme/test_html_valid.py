"""Every generated page is valid HTML for the Nu HTML Checker (vnu.jar), as built and as published (minified)."""

from __future__ import annotations

import shutil
import subprocess

from conftest import require

from .conftest import VNU_JAR


def test_every_page_is_valid_html(sample_site, served_site):
    java = require(shutil.which("java"), "java")
    jar = require(str(VNU_JAR) if VNU_JAR.is_file() else None, f"the Nu HTML Checker ({VNU_JAR}; `make test` installs it)")
    pages = sorted(p for site in (sample_site, served_site.output) for p in site.rglob("*.html")
                   if "pagefind" not in p.parts)
    assert len(pages) > 2 * 60
    result = subprocess.run([java, "-jar", jar, "--errors-only", "--format", "gnu", *map(str, pages)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr[:5000]
