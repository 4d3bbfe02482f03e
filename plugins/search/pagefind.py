"""Run Pagefind (the binary shipped by the ``pagefind[bin]`` package) over the built site.

It writes ``<output>/pagefind/``: a static index and the search UI, loaded only by /search/ and only
with JavaScript. Nothing is fetched from the network, at build time or in the browser. The index is in
parts (parts.py), and only the parts whose pages changed are made again.

``invoke build`` indexes the site as the build's last step. ``invoke publish`` deploys and posts first
and indexes meanwhile, then deploys the new index: in an emergency the notice is live seconds sooner
(when every page changed, as the alert banner does, Pagefind takes 10 s at 10,000 entries), and search
finds it a deploy later.
"""

from __future__ import annotations

import filecmp
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from changed_files.writer import KEPT_SETTING
from frontmatter.clock import now
from frontmatter.reader import CLOCK_SETTING
from search.parts import (
    DIGESTS_FILE,
    ENTRY,
    PARTS_FILE,
    PARTS_FOLDER,
    ContentDigests,
    Part,
    indexed_page_patterns,
    indexed_pages,
    last_parts,
    parts_file,
    plan_parts,
    recent_pages,
)

logger = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why and how to fix it."""


#: Set by the commands that build in a process of their own (frontmatter/build.py) and by ``invoke
#: publish``: the build keeps the last index, and the caller makes the new one (:class:`SearchIndexRun`),
#: after the build's process has ended, or while the site is deployed and posted.
INDEX_BY_CALLER_SETTING = "NOTICEBOARD_SEARCH_INDEX_BY_CALLER"
#: Pagefind's pages a part (see parts.py): at 10,000 entries, six parts of about 1,670 pages, Pagefind
#: takes about 2 s and at most about 200 MB a part, against 12 s and 1.06 GB for all of them in one.
PART_PAGES_SETTING = "SEARCH_INDEX_PART_PAGES"
DEFAULT_PART_PAGES = 2000
#: The characters Pagefind's globs (the wax crate) give a meaning, escaped in a page's path.
GLOB_SPECIAL = re.compile(r"[*?$:<>()\[\]{},]")
#: The index's folder in the site; ``invoke publish`` deploys it alone after the pages (``--in-place``).
INDEX_FOLDER = "pagefind"
#: The longest one Pagefind run may take before it is stopped.
TIMEOUT_SECONDS = 300


class SearchIndexRun:
    """Pagefind indexing the parts of a built site whose pages changed, into a folder beside the site;
    :meth:`finish` puts the new index in the site.

    The parts are made one after another in a thread, so the site (with its last index) can be deployed
    meanwhile, and Pagefind's memory is one part's. Pagefind writes into a folder of its own, not the
    site, so a failed run leaves the last index whole. It runs at the lowest priority: on a runner with
    two cores it would otherwise slow the deploy it overlaps (2.9 s at 10,000 entries, 7.9 s without).
    """

    def __init__(self, site: Path, patterns: Mapping[str, list[str]], part_pages: int = DEFAULT_PART_PAGES,
                 slots: tuple[str, ...] = (), digests: Path | None = None, recent: Collection[str] = ()) -> None:
        self.site = site
        self.index = site / INDEX_FOLDER
        self.parts = plan_parts(site, indexed_pages(site, patterns), part_pages, frozenset(recent))
        self.slots = slots
        self.digests = ContentDigests(digests)
        self.contents: dict[str, str] = {}
        self.stale: list[Part] = []
        self.folder = Path(tempfile.mkdtemp(prefix=".search-index-", dir=site.parent))
        self.config = Path(tempfile.mkdtemp(prefix=".search-config-", dir=site.parent))  # pagefind.json, per part
        self.process: subprocess.Popen | None = None
        self.stopped = False
        self.error: SearchIndexError | None = None
        self.thread = threading.Thread(target=self._make_parts, name="search index", daemon=True)
        self.thread.start()

    @classmethod
    def start(cls, settings: Mapping[str, Any]) -> SearchIndexRun:
        cache, site = settings.get("CONTENT_CACHE_PATH"), Path(settings["OUTPUT_PATH"])
        recent = recent_pages(site, settings["SITEURL"], settings.get(CLOCK_SETTING) or now(), settings["TIMEZONE"])
        return cls(site, indexed_page_patterns(settings),
                   int(settings.get(PART_PAGES_SETTING) or DEFAULT_PART_PAGES), tuple(settings.get("PAGE_SLOTS", {})),
                   Path(settings["PATH"]).resolve().parent / cache / DIGESTS_FILE if cache else None, recent)

    def _make_parts(self) -> None:
        """Index each part whose pages changed since the last index was made; the others stay as they are.

        A helper thread reads the next part's pages (for its digest) while Pagefind indexes this part,
        which keeps about one of two cores busy. Both threads run at the lowest priority, as Pagefind
        does, beside the deploy.
        """
        _lowest_priority()
        made = last_parts(self.index)
        parts = sorted(self.parts, key=lambda part: len(part.pages))  # the first, read before Pagefind starts, small
        try:
            with ThreadPoolExecutor(max_workers=1, initializer=_lowest_priority) as helper:
                upcoming = helper.submit(self._changed, parts[0], made) if parts else None
                for number, part in enumerate(parts):
                    changed = upcoming.result()
                    if self.stopped:
                        return
                    if number + 1 < len(parts):
                        upcoming = helper.submit(self._changed, parts[number + 1], made)
                    if changed:
                        self.stale.append(part)
                        self._index(part)
        except SearchIndexError as exc:
            self.error = exc
        except OSError as exc:
            self.error = SearchIndexError(f"search index: {exc}")

    def _changed(self, part: Part, made: Mapping[str, str]) -> bool:
        """Whether the part's pages changed since its index was made (False once the run is stopped)."""
        if self.stopped:
            return False
        self.contents[part.path] = self.digests.of(part, self.site, self.slots)
        return made.get(part.path) != self.contents[part.path]

    def _index(self, part: Part) -> None:
        """Run Pagefind over the part's pages, picked from the site by a glob of their paths.

        The glob is too long for a command line (a part has 2,000 paths), so it goes in Pagefind's
        configuration file (``pagefind.json``), which Pagefind reads from its working folder. The pages used to be linked into a
        folder of their own, each in its own subfolder: at 10,000 entries that made and removed 20,000
        folders and links, and Pagefind's files then took longer to make (ext4 looks past the places of
        files removed in the minutes before).
        """
        (self.config / "pagefind.json").write_text(json.dumps({
            "site": str(self.site), "output_path": str(self.folder / part.path), "glob": page_glob(part.pages)}))
        command = [sys.executable, "-m", "pagefind"]
        try:
            self.process = subprocess.Popen(command, cwd=self.config, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            text=True, preexec_fn=lambda: os.nice(19))
        except OSError as exc:
            raise SearchIndexError(f"search index: could not run {' '.join(command)}: {exc}") from exc
        if self.stopped:
            self.process.kill()
        try:
            stdout, stderr = self.process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            self.process.kill()
            self.process.communicate()
            raise SearchIndexError(f"search index: {' '.join(command)} took over {TIMEOUT_SECONDS} s "
                                   "and was stopped") from exc
        if self.process.returncode != 0 and not self.stopped:
            detail = (stderr or stdout).strip().splitlines()[-5:]
            raise SearchIndexError(
                f"search index: pagefind exited with status {self.process.returncode}: {' / '.join(detail)}. "
                "Install it with `pip install -r requirements.txt`, or set SEARCH_INDEX = False."
            )
        steady_entry(self.folder / part.path / ENTRY)

    def finish(self) -> str:
        """Wait for Pagefind and put the parts it made at ``<site>/pagefind/``, the first part after the
        others and the list of parts last; what was indexed."""
        try:
            self.thread.join()
            if self.error is not None:
                raise self.error
            for part in sorted(self.stale, key=lambda part: part.path == ""):
                install_index(self.folder / part.path, self.index / part.path,
                              keep=(PARTS_FOLDER, PARTS_FILE) if part.path == "" else ())
            languages = {part.path: sorted(json.loads((self.index / part.path / ENTRY).read_text(encoding="utf-8"))
                                           ["languages"]) for part in self.parts}
            write_over_if_changed(self.index / PARTS_FILE, parts_file(self.parts, languages, self.contents))
            for folder in (self.index / PARTS_FOLDER).glob("*"):
                if f"{PARTS_FOLDER}/{folder.name}/" not in languages:
                    shutil.rmtree(folder)
            if len(self.parts) == 1 and (self.index / PARTS_FOLDER).is_dir():
                (self.index / PARTS_FOLDER).rmdir()
            self.digests.save(self.parts)
        finally:
            self._remove_folders()
        pages = sum(len(part.pages) for part in self.stale)
        return (f"search index: {len(self.stale)} of {len(self.parts)} part{'s' if len(self.parts) > 1 else ''} "
                f"indexed again ({pages} page{'s' if pages != 1 else ''} read)")

    def stop(self) -> None:
        """Stop Pagefind if it still runs (the publish failed), and remove what it wrote."""
        self.stopped = True
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        self.thread.join()
        self._remove_folders()

    def _remove_folders(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.rmtree(self.config, ignore_errors=True)


def _lowest_priority() -> None:
    """This thread at the lowest priority (Linux gives each thread its own)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


def page_glob(pages: Collection[str]) -> str:
    """A glob Pagefind matches to exactly these paths (with its metacharacters escaped)."""
    odd = [page for page in pages if "\\" in page]
    if odd:
        raise SearchIndexError(f"search index: the page {odd[0]!r} has a backslash in its path, which Pagefind's "
                               "globs cannot name; change the SAVE_AS setting that makes it")
    return "{" + ",".join(GLOB_SPECIAL.sub(r"\\\g<0>", page) for page in sorted(pages)) + "}"


def write_over_if_changed(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless it holds it already, through a file beside it (never half written)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def install_index(new: Path, index: Path, keep: tuple[str, ...] = ()) -> None:
    """Move the index in ``new`` to ``index``. Pagefind names most files by a digest of their bytes, so a
    file ``index`` holds already stays as it is (unchanged files are not deployed again); the entry
    file comes last, so the index is whole at every moment, and then the files it no longer uses go,
    but for those under the names in ``keep`` (the other parts, in the first part's folder). A part
    the index did not have yet is moved whole, in one step (a cold build at 10,000 entries moved
    20,000 files one by one)."""
    if not index.exists():
        index.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, index)
        return
    names = {path.relative_to(new) for path in new.rglob("*") if path.is_file()}
    for name in sorted(names, key=lambda name: str(name) == ENTRY):
        source, target = new / name, index / name
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    for top in sorted(index.iterdir()) if index.is_dir() else ():
        if top.name in keep:
            continue
        for path in sorted([top, *top.rglob("*")], reverse=True):
            if path.is_file() and path.relative_to(index) not in names:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def index_site(pelican) -> None:
    """Pelican's finalized signal (after minifying, so the index reads the pages as published)."""
    if pelican.settings.get("SEARCH_INDEX") and not pelican.settings.get(INDEX_BY_CALLER_SETTING):
        logger.info(SearchIndexRun.start(pelican.settings).finish())


def keep_last_index(generators: list) -> None:
    """Pelican's all_generators_finalized signal: the last index stays in the site (the files a build did
    not write are removed otherwise) until the new one replaces it, after the build or after the deploy."""
    settings = generators[0].settings
    if settings.get("SEARCH_INDEX"):
        index = Path(settings["OUTPUT_PATH"]).resolve() / INDEX_FOLDER
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
