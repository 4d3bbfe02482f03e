"""Run Pagefind (the binary shipped by the ``pagefind[bin]`` package) over the built site.

It writes ``<output>/pagefind/``: a static index and the search UI, loaded only by /search/ and only
with JavaScript. Nothing is fetched from the network, at build time or in the browser.

``invoke build`` indexes the site as the build's last step. ``invoke publish`` deploys and posts first
and indexes meanwhile, then deploys the new index: in an emergency the notice is live seconds sooner
(at 10,000 entries Pagefind takes 8 s), and search finds it a deploy later.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from changed_files.writer import KEPT_SETTING


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why and how to fix it."""


#: The kinds of page that carry ``data-pagefind-body`` (entries and pages): their ``<KIND>_SAVE_AS`` and
#: ``<KIND>_LANG_SAVE_AS`` settings say where they are written, and only those are indexed.
INDEXED_PAGES = ("ARTICLE", "NOTICE", "FAQ", "PAGE")


def indexed_pages_glob(settings: Mapping[str, Any]) -> str:
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


#: Set by ``invoke publish``: the build keeps the last index, and the new one is made while the site is
#: deployed and posted (:class:`SearchIndexRun`), so a notice is live without waiting for the index.
INDEX_AFTER_DEPLOY_SETTING = "NOTICEBOARD_SEARCH_INDEX_AFTER_DEPLOY"


class SearchIndexRun:
    """Pagefind indexing a built site into a folder beside it; :meth:`finish` puts the index in the site.

    Pagefind writes into a folder of its own, not the site, so the site (with its last index) can be
    deployed meanwhile, and a failed run leaves the last index whole. It runs at the lowest priority: on
    a runner with two cores it would otherwise slow the deploy it overlaps (2.9 s at 10,000 entries,
    7.9 s without).
    """

    def __init__(self, site: Path, glob: str) -> None:
        self.site = site
        self.folder = Path(tempfile.mkdtemp(prefix=".search-index-", dir=site.parent))
        self.command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob,
                        "--output-path", str(self.folder)]
        try:
            self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                            preexec_fn=lambda: os.nice(19))
        except OSError as exc:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise SearchIndexError(f"search index: could not run {' '.join(self.command)}: {exc}") from exc

    @classmethod
    def start(cls, settings: Mapping[str, Any]) -> SearchIndexRun:
        return cls(Path(settings["OUTPUT_PATH"]), indexed_pages_glob(settings))

    def finish(self) -> str:
        """Wait for Pagefind and put its index at ``<site>/pagefind/``; Pagefind's summary."""
        try:
            stdout, stderr = self.process.communicate(timeout=300)
        except subprocess.TimeoutExpired as exc:
            self.process.kill()
            self.process.communicate()
            shutil.rmtree(self.folder, ignore_errors=True)
            raise SearchIndexError(f"search index: {' '.join(self.command)} took over 300 s and was stopped") from exc
        try:
            if self.process.returncode != 0:
                detail = (stderr or stdout).strip().splitlines()[-5:]
                raise SearchIndexError(
                    f"search index: pagefind exited with status {self.process.returncode}: {' / '.join(detail)}. "
                    "Install it with `pip install -r requirements.txt`, or set SEARCH_INDEX = False."
                )
            steady_entry(self.folder / ENTRY)
            install_index(self.folder, self.site / "pagefind")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
        return stdout

    def stop(self) -> None:
        """Stop Pagefind if it still runs (the publish failed), and remove what it wrote."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        shutil.rmtree(self.folder, ignore_errors=True)


#: The file that names the rest of an index (its languages and their files).
ENTRY = "pagefind-entry.json"


def install_index(new: Path, index: Path) -> None:
    """Move the index in ``new`` to ``index``. Pagefind names most files by a digest of their bytes, so a
    file ``index`` holds already stays as it is (unchanged files are not deployed again); the entry
    file comes last, so the index is whole at every moment, and then the files it no longer uses go."""
    names = {path.relative_to(new) for path in new.rglob("*") if path.is_file()}
    for name in sorted(names, key=lambda name: str(name) == ENTRY):
        source, target = new / name, index / name
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    if index.is_dir():
        for path in sorted(index.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(index) not in names:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def index_site(pelican) -> None:
    """Pelican's finalized signal (after minifying, so the index reads the pages as published)."""
    if pelican.settings.get("SEARCH_INDEX") and not pelican.settings.get(INDEX_AFTER_DEPLOY_SETTING):
        SearchIndexRun.start(pelican.settings).finish()


def keep_last_index(generators: list) -> None:
    """Pelican's all_generators_finalized signal: the last index stays in the site (the files a build did
    not write are removed otherwise) until the new one replaces it, after the build or after the deploy."""
    settings = generators[0].settings
    if settings.get("SEARCH_INDEX"):
        index = Path(settings["OUTPUT_PATH"]).resolve() / "pagefind"
        settings[KEPT_SETTING].update(str(path) for path in index.rglob("*") if path.is_file())


def steady_entry(entry: Path) -> None:
    """Pagefind lists the languages of a site in several languages in any order; sorted, the same site
    gives the same bytes (the build rewrites only changed files, and a warm build equals a cold one)."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
