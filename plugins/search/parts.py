"""The search index in parts: each language's pages split into parts of at most SEARCH_INDEX_PART_PAGES.

Pagefind has no incremental mode, and indexing 10,000 pages in one run takes 12 s and 1 GB of memory
(more pages, more memory: Pagefind/pagefind#842). Each part is a Pagefind index of its own, made only
when one of its pages changed, and the search page merges the parts (Pagefind's ``mergeIndex``). A page
keeps its part from build to build: its part is a digest of its path, so a new entry does not move others.

On a site of more than one part, the pages of the entries first published this month or last have parts
of their own (``parts/recent-N/``): a new entry, such as an emergency notice, makes Pagefind read those
few hundred pages again, not a part of 2,000 in each language (5 s at 10,000 entries, after the notice
is live). On the first build of a month, the entries of the month before last go back to their parts,
which are all made again once.

The first part is the index's own folder (``pagefind/``), so a site small enough for one part has the
index it always had; it holds every language, because each language's pages are split on their own.
``pagefind/parts.json`` lists the parts, the languages each holds and what it was made from, which
tells the next build what changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from changed_files.slots import without_parts
from manifest.generator import MANIFEST_NAME

logger = logging.getLogger(__name__)

#: The list of parts, in the index's folder, written last: the search page reads it to merge the parts.
PARTS_FILE = "parts.json"
#: The folder of every part but the first, in the index's folder.
PARTS_FOLDER = "parts"
#: The file that names the rest of an index (its languages and their files).
ENTRY = "pagefind-entry.json"
#: The attribute that marks what Pagefind indexes of a page; it skips pages without it, if any page has it.
BODY_MARK = "data-pagefind-body"
#: The name the parts of recent entries' pages start with, in PARTS_FOLDER.
RECENT = "recent"
#: The content digests of the parts (:class:`ContentDigests`), in the content cache folder.
DIGESTS_FILE = "search-parts.json"

#: The kinds of page that carry ``data-pagefind-body`` (entries and pages): their ``<KIND>_SAVE_AS`` and
#: ``<KIND>_LANG_SAVE_AS`` settings say where they are written, and only those are indexed.
INDEXED_PAGES = ("ARTICLE", "NOTICE", "FAQ", "PAGE")


def indexed_page_patterns(settings: Mapping[str, Any]) -> dict[str, list[str]]:
    """The globs of the pages Pagefind reads, by language, from the settings: ``news/{slug}/index.html``
    gives ``news/*/index.html``, and ``{lang}/news/{slug}/index.html`` gives ``cy/news/*/index.html``. At
    10,000 entries a third of the HTML is lists (areas, topics, pages of news), which Pagefind would read
    only to skip: 3 s and 400 MB of its time and memory. Other languages come first, as their patterns
    are the narrower ones."""
    default = settings.get("DEFAULT_LANG", "")
    others = [lang for lang in settings.get("LANGUAGES", ()) if lang != default]
    patterns = {lang: {(settings.get(f"{kind}_LANG_SAVE_AS") or "").replace("{lang}", lang) for kind in INDEXED_PAGES}
                for lang in others}
    patterns[default] = {settings.get(f"{kind}_SAVE_AS") or "" for kind in INDEXED_PAGES}
    globs = {lang: sorted({re.sub(r"\{[^}]*\}", "*", pattern) for pattern in found if pattern})
             for lang, found in patterns.items()}
    if not any(globs.values()):
        return {default: ["**/*.html"]}
    return {lang: found for lang, found in globs.items() if found}


def indexed_pages(site: Path, patterns: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The pages of the built site to index, by language: paths in the site, each in one language."""
    seen: set[str] = set()
    pages: dict[str, list[str]] = {}
    for lang, globs in patterns.items():
        found = {path.relative_to(site).as_posix() for pattern in globs for path in site.glob(pattern) if path.is_file()}
        pages[lang] = sorted(found - seen)
        seen |= found
    return pages


@dataclass(frozen=True)
class Part:
    """One part of the index: where it goes in the index's folder, the pages it is made from, and a
    digest of their paths, sizes and modification times (the build rewrites only pages whose bytes
    changed, so an unchanged page keeps its time)."""

    path: str
    pages: tuple[str, ...]
    files: str

    def content(self, site: Path, slots: tuple[str, ...]) -> str:
        """A digest of what Pagefind reads: the pages' paths and bytes, without the page slots (the alert
        banner, outside the part of the page that is indexed), which a new emergency notice changes on
        every page. Where some of the part's pages mark their body for Pagefind, it skips the others
        (lists such as notices/index.html, which a new entry changes): their paths alone count."""
        pages = []
        for page in self.pages:
            html = without_parts((site / page).read_text(encoding="utf-8", errors="surrogateescape"), slots)
            pages.append((page, BODY_MARK in html, hashlib.sha256(html.encode("utf-8", errors="surrogateescape"))))
        marked = any(has_body for _, has_body, _ in pages)
        digest = hashlib.sha256()
        for page, has_body, page_digest in pages:
            digest.update(f"{page}\n{page_digest.hexdigest() if has_body or not marked else '-'}\n".encode())
        return digest.hexdigest()


def part_path(number: int) -> str:
    return "" if number == 0 else f"{PARTS_FOLDER}/{number}/"


def recent_part_path(number: int) -> str:
    return f"{PARTS_FOLDER}/{RECENT}-{number}/"


def plan_parts(site: Path, pages: Mapping[str, list[str]], part_pages: int,
               recent: Collection[str] = frozenset()) -> list[Part]:
    """Split each language's pages into ``ceil(pages / part_pages)`` parts by a digest of each page's path;
    where a language has more pages than one part takes, its ``recent`` pages (:func:`recent_pages`) go
    in parts of their own, split the same way."""
    members: dict[str, list[str]] = {part_path(0): []}
    for found in pages.values():
        fresh = [page for page in found if page in recent] if len(found) > part_pages else []
        settled = [page for page in found if page not in recent] if fresh else found
        if not settled:
            settled, fresh = found, []  # the first part holds every language
        for group, path in ((settled, part_path), (fresh, recent_part_path)):
            count = max(1, math.ceil(len(group) / max(1, part_pages)))
            for page in group:
                number = int.from_bytes(hashlib.blake2b(page.encode(), digest_size=8).digest(), "big") % count
                members.setdefault(path(number), []).append(page)
    return [Part(path, tuple(sorted(members[path])), files_digest(site, sorted(members[path])))
            for path in sorted(members, key=_part_order)]


def _part_order(path: str) -> tuple[bool, int]:
    """The first part, the numbered parts, then the recent ones, each by number."""
    number = path.rstrip("/").rsplit("-" if RECENT in path else "/", 1)[-1]
    return RECENT in path, int(number) if number.isdigit() else 0


def recent_pages(site: Path, siteurl: str, clock: datetime, timezone: str) -> set[str]:
    """The pages (paths in the site) of the entries and translations the manifest says were first published
    this month or last, in the site's time zone, at ``clock``; none without a manifest."""
    try:
        entries = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    first_of_month = clock.astimezone(ZoneInfo(timezone)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    since = (first_of_month - timedelta(days=1)).replace(day=1)
    pages = set()
    prefix = siteurl.rstrip("/") + "/"
    for record in (found for entry in entries for found in (entry, *entry.get("translations", {}).values())):
        url = record.get("url") or ""
        if url.startswith(prefix) and datetime.fromisoformat(record["date"]) >= since:
            path = url[len(prefix):]
            pages.add(path + "index.html" if path.endswith("/") or not path else path)
    return pages


def files_digest(site: Path, pages: list[str]) -> str:
    digest = hashlib.sha256()
    for page in pages:
        stat = (site / page).stat()
        digest.update(f"{page}\t{stat.st_size}\t{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return ""


def last_parts(index: Path) -> dict[str, str]:
    """What each part of the index in ``index`` was made from (:meth:`Part.content`), by its path, as its
    parts file says; nothing for an index without one or made by another version of Pagefind, nor for a
    part whose folder is gone."""
    try:
        listed = json.loads((index / PARTS_FILE).read_text(encoding="utf-8"))
        if listed["pagefind"] != pagefind_version():
            return {}
        made = {part["path"]: part["content"] for part in listed["parts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {path: content for path, content in made.items() if (index / path / ENTRY).is_file()}


def parts_file(parts: list[Part], languages: Mapping[str, list[str]], contents: Mapping[str, str]) -> str:
    """The parts file: Pagefind's version, and each part's path, the languages its index holds (the search
    page merges only the parts in its own language) and what it was made from. A warm build writes the
    same bytes as a cold one."""
    listed = [{"path": part.path, "languages": languages[part.path], "content": contents[part.path]}
              for part in parts]
    return json.dumps({"pagefind": pagefind_version(), "parts": listed}, ensure_ascii=False, separators=(",", ":"))


class ContentDigests:
    """The content digest of each part (:meth:`Part.content`) by the digest of its files' sizes and times,
    kept in the content cache folder: a build reads the pages of the parts whose files changed, not all
    (0.5 s at 10,000 entries). Without the file, every part is read."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        try:
            self.known: dict[str, str] = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            self.known = {}

    def of(self, part: Part, site: Path, slots: tuple[str, ...]) -> str:
        if part.files not in self.known:
            self.known[part.files] = part.content(site, slots)
        return self.known[part.files]

    def save(self, parts: list[Part]) -> None:
        """Keep the digests of these parts for the next build; a cache that cannot be written only costs
        the next build the reading."""
        if self.path is None:
            return
        kept = {part.files: self.known[part.files] for part in parts if part.files in self.known}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
        except OSError as exc:
            logger.warning("search index: could not save %s (%s); the next build reads every part's pages",
                           self.path, exc)
