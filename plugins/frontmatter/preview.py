"""``make serve``: rebuild on every change and show content errors in the browser, not only the terminal.

When the check fails, every page of the preview is replaced by one page listing the problems (as
``path:line: field: message``), so whichever page the editor has open shows them when it reloads; the
next good build writes the site again.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican.settings import read_settings

from frontmatter.build import build_site
from frontmatter.check import check_settings
from frontmatter.problems import Problem


def error_page(problems: list[Problem], site_name: str) -> str:
    """A plain page that lists every problem and says what to do."""
    items = "\n".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in problems)
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Content errors | {html.escape(site_name)}</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
h1{{color:#a00}}li{{margin:.5rem 0}}code{{white-space:pre-wrap}}</style></head>
<body>
<h1>The site was not rebuilt: {len(problems)} problem(s) in the content</h1>
<p>Fix each file below and save it; this page reloads with the site when the check passes.</p>
<ol id="problems">
{items}
</ol>
</body>
</html>
"""


def show_problems(output: Path, problems: list[Problem], site_name: str) -> None:
    """Write the error page over every page of the preview in ``output`` (and as its home page)."""
    page = error_page(problems, site_name)
    output.mkdir(parents=True, exist_ok=True)
    for path in [*output.rglob("*.html"), output / "index.html"]:
        path.write_text(page, encoding="utf-8")


def rebuild(settings_file: Path, override: Mapping[str, Any] | None = None) -> int:
    """Check, then build the preview (0), or show the problems in it (1)."""
    settings = read_settings(str(settings_file), override=dict(override or {}))
    catalogue = check_settings(settings)
    if catalogue.errors:
        show_problems(Path(settings["OUTPUT_PATH"]), catalogue.errors, settings["SITENAME"])
    return build_site(settings_file, override)
