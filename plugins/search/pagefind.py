"""Run Pagefind (the binary shipped by the ``pagefind[bin]`` package) over the built site.

It writes ``<output>/pagefind/``: a static index and the search UI, loaded only by /search/ and only
with JavaScript. Nothing is fetched from the network, at build time or in the browser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why and how to fix it."""


#: The kinds of page that carry ``data-pagefind-body`` (entries and pages): their ``<KIND>_SAVE_AS`` and
#: ``<KIND>_LANG_SAVE_AS`` settings say where they are written, and only those are indexed.
INDEXED_PAGES = ("ARTICLE", "NOTICE", "FAQ", "PAGE")


def indexed_pages_glob(settings: dict) -> str:
    """The glob of the pages Pagefind reads, from the settings: ``news/{slug}/index.html`` gives
    ``news/*/index.html``, and ``{lang}/news/{slug}/index.html`` gives ``cy/news/*/index.html``. At 10,000
    entries a third of the HTML is lists (areas, topics, pages of news), which Pagefind would read only
    to skip: 3 s and 400 MB of its time and memory."""
    others = [lang for lang in settings.get("LANGUAGES", ()) if lang != settings.get("DEFAULT_LANG")]
    patterns = {settings.get(f"{kind}_SAVE_AS") for kind in INDEXED_PAGES}
    patterns |= {(settings.get(f"{kind}_LANG_SAVE_AS") or "").replace("{lang}", lang)
                 for kind in INDEXED_PAGES for lang in others}
    patterns -= {None, ""}
    if not patterns:
        return "**/*.{html}"
    return "{" + ",".join(sorted(re.sub(r"\{[^}]*\}", "*", pattern) for pattern in patterns)) + "}"


def run_pagefind(site: Path, glob: str = "**/*.{html}") -> str:
    """Index the pages of ``site`` that ``glob`` matches, in place; Pagefind's summary on success."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"search index: could not run {' '.join(command)}: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError(
            f"search index: pagefind exited with status {result.returncode}: {' / '.join(detail)}. "
            "Install it with `pip install -r requirements.txt`, or set SEARCH_INDEX = False."
        )
    return result.stdout


def index_site(pelican) -> None:
    """Pelican's finalized signal (after minifying, so the index reads the pages as published).

    The output folder is kept between builds and Pagefind does not rewrite files it already has, so
    the last index is removed first: its fragments of pages that are gone would stay otherwise.
    """
    if pelican.settings.get("SEARCH_INDEX"):
        output = Path(pelican.settings["OUTPUT_PATH"])
        shutil.rmtree(output / "pagefind", ignore_errors=True)
        run_pagefind(output, indexed_pages_glob(pelican.settings))
        steady_entry(output / "pagefind" / "pagefind-entry.json")


def steady_entry(entry: Path) -> None:
    """Pagefind lists the languages of a site in several languages in any order; sorted, the same site
    gives the same bytes (the build rewrites only changed files, and a warm build equals a cold one)."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
