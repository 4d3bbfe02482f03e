"""Render a page only when something it shows changed since the build that last wrote it.

Rendering every page on every build was most of a rebuild: one notice edited meant 10,000 pages
rendered to find that 9,950 came out the same. Each page's record in the memo holds the names the
render read from its template context (its entry, the list on a list page, SITENAME, the banner's
notices...) and a digest of their values. The next build digests those values again and renders the
page only when one of them changed, the theme or plugins changed, or the file is gone.

What a template can see is what it reads from its context, and every read is recorded
(:class:`ReadingContext`), so a new use of a variable in a template is followed without a list to
keep up to date. Values are digested whole and deeply (an entry: its text, metadata, address and
the entries it links to), so the memo cannot keep a page whose inputs changed; a value it cannot
digest (an object with no stable form) makes its pages render every time, never wrongly kept. An
object that holds more than a page can show of it (the feed directory holds every entry, a page
shows only its feeds' names and addresses) says what a page can see in ``__page_state__()``.

The memo lives in the content cache folder (CONTENT_CACHE_PATH); without one, every page renders.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2.runtime import Context
from pelican.contents import Content
from pelican.paginator import Page, Paginator

from frontmatter.forked import forked, sent_by

logger = logging.getLogger(__name__)
#: The names read by the render in progress, or None outside a render.
_reads: set[str] | None = None
#: Marks a value whose digest cannot be known: a page that reads it always renders.
UNKNOWN = "unknown"
#: Values digested by what they say (their repr), never walked.
SCALARS = (type(None), bool, int, float, str, bytes, datetime.date, datetime.time, datetime.timedelta,
           datetime.tzinfo)


class ReadingContext(Context):
    """A template context that notes each name a template (or its includes, macros, filters and
    globals that take the context) reads, while :func:`reading` records."""

    def resolve_or_missing(self, key: str) -> Any:
        if _reads is not None:
            _reads.add(key)
        return super().resolve_or_missing(key)


#: How a file a page shows something of (an image's size) is named among the names its render read.
FILE_PREFIX = "file:"


def note_file(path: str) -> None:
    """For a filter that reads a file outside the template context (an image's size): the page that calls
    it depends on that file, and is rendered again when the file's bytes change."""
    if _reads is not None:
        _reads.add(FILE_PREFIX + path)


@contextmanager
def reading() -> Iterable[set[str]]:
    global _reads
    _reads = names = set()
    try:
        yield names
    finally:
        _reads = None


class Digests:
    """Digests of the values a build's templates read, each computed once per build.

    Values read by name are remembered with their digest (by id, holding a reference so the id is not
    reused), as the same entries, lists and settings are read by thousands of pages. An entry
    (Pelican's Content) is digested with everything it holds: its text, metadata and address, and the
    entries it names (translations, related questions) by their own fields, with the entries *they*
    name by source path: a page shows its neighbours' titles and links, never their neighbours'.
    """

    def __init__(self, skipped: Iterable[Any] = ()) -> None:
        self._known: dict[int, tuple[Any, str]] = {}
        self._references: dict[int, tuple[Any, str]] = {}
        self._parts: dict[int, tuple[Any, str]] = {}
        self._reference_parts: dict[int, tuple[Any, str]] = {}
        self._files: dict[str, str] = {}
        #: Objects never digested (the settings and the whole context an entry holds a reference to):
        #: what a page reads of them, it reads by name, and that is digested.
        self._skipped = {id(value) for value in skipped}

    def of_file(self, path: str) -> str:
        """The digest of a file's bytes, read once per build (see :func:`note_file`)."""
        if path not in self._files:
            try:
                with open(path, "rb") as file:
                    self._files[path] = file_digest(file.read())
            except OSError:
                self._files[path] = "missing"
        return self._files[path]

    def of(self, value: Any) -> str:
        """The digest of a value read by name from a page's context."""
        known = self._known.get(id(value))
        if known is None:
            if isinstance(value, Content):
                digest = self._walk(value, self._inside_entry)
            else:
                digest = self._walk(value, self.of)
            known = self._known[id(value)] = (value, digest)
        return known[1]

    def share_out(self, values: Sequence[Any], processes: int) -> None:
        """Digest ``values`` (the site's entries) now, shared out between ``processes`` processes forked from
        this one, before the pages are shared out: each process writing pages digested nearly every
        entry, as the lists reach them all, and that was a quarter of an emergency notice's build. A
        process that fails hands back nothing: its values are digested when a page reads them."""
        if processes < 2 or len(values) < processes:
            return
        shares = [values[start::processes] for start in range(processes)]
        children = [forked(lambda share=share: pickle.dumps([self.of(value) for value in share]))
                    for share in shares[1:]]
        for value in shares[0]:
            self.of(value)
        for (child, pipe), share in zip(children, shares[1:], strict=True):
            data, _ = sent_by(child, pipe)
            with contextlib.suppress(Exception):
                for value, digest in zip(share, pickle.loads(data), strict=True):
                    self._known.setdefault(id(value), (value, digest))

    def _inside_entry(self, value: Any) -> str:
        if isinstance(value, Content):
            return self._remembered(self._references, value, self._inside_reference)
        return self._remembered(self._parts, value, self._inside_entry)

    def _inside_reference(self, value: Any) -> str:
        if isinstance(value, Content):
            return _hash("entry", str(value.source_path), str(getattr(value, "lang", "")))
        return self._remembered(self._reference_parts, value, self._inside_reference)

    def _remembered(self, known: dict[int, tuple[Any, str]], value: Any, child: Callable[[Any], str]) -> str:
        """The digest of ``value`` walked with ``child``, once per build: an entry's record is also in its
        metadata, and the same dates, areas and lists turn up in many entries."""
        if isinstance(value, SCALARS):
            return _scalar(value)
        found = known.get(id(value))
        if found is None:
            found = known[id(value)] = (value, self._walk(value, child))
        return found[1]

    def _walk(self, value: Any, child: Callable[[Any], str]) -> str:
        """The digest of ``value``, its parts digested by ``child``; UNKNOWN when any part is."""
        if isinstance(value, SCALARS):
            return _scalar(value)
        if isinstance(value, (list, tuple)):  # before Mapping, whose check (an ABC's) is slower
            kind, parts = type(value).__qualname__, [child(item) for item in value]
        elif type(value) is dict or isinstance(value, Mapping):
            kind, parts = "map", sorted(f"{child(k)}={child(v)}" for k, v in value.items()
                                        if id(v) not in self._skipped)
        elif isinstance(value, (set, frozenset)):
            kind, parts = "set", sorted(child(item) for item in value)
        elif callable(value) and hasattr(value, "__qualname__"):  # code: the code digest covers it
            bound = getattr(value, "__self__", None)
            kind = f"callable:{getattr(value, '__module__', '')}.{value.__qualname__}"
            parts = [] if bound is None or isinstance(bound, type) else [child(bound)]
        else:
            state = _page_state(value)
            if state is None:
                return UNKNOWN
            kind = f"{type(value).__module__}.{type(value).__qualname__}"
            parts = [f"{name}={child(item)}" for name, item in sorted(state.items()) if id(item) not in self._skipped]
        if any(part.endswith(UNKNOWN) for part in parts):
            return UNKNOWN
        return _hash(kind, *parts)


def entries_in(context: Mapping[str, Any]) -> list[Content]:
    """Every entry in the lists of the site's context (news, notices, questions, pages, translations)."""
    found: dict[int, Content] = {}
    for value in context.values():
        if isinstance(value, (list, tuple)):
            found.update((id(item), item) for item in value if isinstance(item, Content))
    return list(found.values())


def _scalar(value: Any) -> str:
    if type(value) is str and len(value) > 64:
        return _hash("str", value)  # an entry's text: hashed as it is (its repr would be a copy with escapes)
    said = f"{type(value).__qualname__}:{value!r}"
    return said if len(said) <= 64 else _hash(said)  # short values stand for themselves: no hashing


def _page_state(value: Any) -> dict[str, Any] | None:
    """What a page can show of an object: what it says in ``__page_state__()``, else all its attributes.

    A page of a paginated list shows its own entries and the list's length, not the whole list (which
    Pelican's Page and Paginator hold): so one entry edited renders the list page it is on, not all of them.
    """
    if hasattr(value, "__page_state__"):
        return value.__page_state__()
    if isinstance(value, Paginator):
        return {"name": value.name, "url": value.url, "count": value.count, "per_page": value.per_page,
                "orphans": value.orphans}
    if isinstance(value, Page):
        return {"name": value.full_name, "url": value.url, "save_as": value.save_as, "number": value.number,
                "object_list": value.object_list, "paginator": value.paginator}
    return _state(value)


def _state(value: Any) -> dict[str, Any] | None:
    """An object's attributes: its __dict__ and __slots__; None for an object that shows neither."""
    state = dict(vars(value)) if hasattr(value, "__dict__") else {}
    for cls in type(value).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if hasattr(value, name) and not name.startswith("__"):
                state[name] = getattr(value, name)
    return state if state or hasattr(value, "__dict__") else None


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _file_state(path: str) -> list[int] | None:
    """The size and time of the file at ``path``, None when there is none."""
    try:
        state = os.stat(path)
    except OSError:
        return None
    return [state.st_size, state.st_mtime_ns]


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _key(parts: Mapping[str, str]) -> str:
    return json.dumps(sorted(parts.items()))


def code_digest(folders: Iterable[Path], versions: Mapping[str, str]) -> str:
    """The theme's templates and catalogues, the plugins' code and the libraries that render: a change to
    any of them renders every page again."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps(dict(versions), sort_keys=True).encode())
    digest.update(sys.version.encode())
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class PageMemo:
    """What each page's render read and the digest of it, kept between builds in ``path``."""

    def __init__(self, path: Path | None, code: str, digests: Digests, site: Mapping[str, Any]) -> None:
        """``site`` is the template context every page's is a copy of, with the page's own values added."""
        self.path, self.code, self.digests, self.site = path, code, digests, site
        self._site_digests: dict[tuple[str, ...], str] = {}
        self._pages: dict[str, dict[str, Any]] = {}
        self._names: list[list[str]] = []
        #: The slots' parts as each page was written (slots.py), shared between pages.
        self._parts: list[dict[str, str]] = []
        if path is not None:
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if stored.get("code") == code:
                self._names, self._parts, self._pages = stored["names"], stored["parts"], stored["pages"]
        self._name_index = {tuple(names): index for index, names in enumerate(self._names)}
        self._part_index = {_key(parts): index for index, parts in enumerate(self._parts)}
        self._part_keys: dict[int, tuple[Mapping[str, str], str]] = {}
        #: The pages this build wrote or kept, with their paths.
        self._seen: dict[str, str] = {}
        #: The digest of each file written (or found the same) in this build, by path.
        self._written: dict[str, str] = {}
        self.rendered = 0

    def digest(self, names: Iterable[str], context: Mapping[str, Any]) -> str:
        """The digest of the values of ``names`` in ``context``. Values the page shares with the whole site
        (SITENAME, the banner's notices) are digested once per build for each set of them that pages read."""
        site, shared, own = self.site, [], []
        for name in sorted(names):
            if name in context and name in site and context[name] is site[name]:
                shared.append(name)
            else:
                own.append(name)
        try:
            key = tuple(shared)
            if key not in self._site_digests:
                self._site_digests[key] = self._digest_of(key, site)
            values = [self._site_digests[key], self._digest_of(own, context)]
        except RecursionError:  # a value that holds itself through other objects: render each time
            return UNKNOWN
        return UNKNOWN if UNKNOWN in values else _hash(*values)

    def _digest_of(self, names: Iterable[str], context: Mapping[str, Any]) -> str:
        values = [f"{name}={self._value_digest(name, context)}" for name in names]
        return UNKNOWN if any(value.endswith(f"={UNKNOWN}") for value in values) else _hash(*values)

    def _value_digest(self, name: str, context: Mapping[str, Any]) -> str:
        if name.startswith(FILE_PREFIX):
            return self.digests.of_file(name.removeprefix(FILE_PREFIX))
        return self.digests.of(context[name]) if name in context else "missing"

    def unchanged(self, page: str, path: str, context: Mapping[str, Any]) -> bool:
        """True when ``page`` (its name in the output folder) is at ``path`` as this memo last saw it, and
        what its last render read is the same now."""
        self._seen[page] = path
        record = self._pages.get(page)
        if record is None or record["digest"] == UNKNOWN or not self._as_written(path, record.get("file")):
            return False  # never rendered, or the file is gone or was changed since (an error page in preview)
        return self.digest(self._names[record["names"]], context) == record["digest"]

    @staticmethod
    def _as_written(path: str, written: list | None) -> bool:
        """Whether the file at ``path`` holds what this memo last saw written there: same size and time, or,
        when only its time differs (the output folder restored from CI's cache), the same bytes."""
        state = _file_state(path)
        if state is None or written is None or state[0] != written[0]:
            return False
        if state[1] == written[1]:
            return True
        with open(path, "rb") as file:
            return file_digest(file.read()) == written[2]

    def wrote(self, path: str, data: bytes) -> None:
        """Note the bytes a page's file holds now (written, or found the same), for :meth:`_as_written`."""
        self._written[os.path.abspath(path)] = file_digest(data)

    def remember(self, page: str, names: set[str], context: Mapping[str, Any], parts: Mapping[str, str]) -> None:
        """Note what the render of ``page`` read, and the slots' parts it was written with."""
        ordered = tuple(sorted(names))
        index = self._name_index.get(ordered)
        if index is None:
            self._names.append(list(ordered))
            index = self._name_index[ordered] = len(self._names) - 1
        self.rendered += 1
        self._pages[page] = {"names": index, "digest": self.digest(ordered, context)}
        self.keep_parts(page, parts)

    def parts_of(self, page: str) -> dict[str, str]:
        """The slots' parts ``page`` was last written with."""
        index = self._pages[page].get("parts")
        return self._parts[index] if index is not None else {}

    def keep_parts(self, page: str, parts: Mapping[str, str]) -> None:
        known = self._part_keys.get(id(parts))
        if known is None or known[0] is not parts:  # the slots give each page of a language the same parts
            known = self._part_keys[id(parts)] = (parts, _key(parts))
        key = known[1]
        if key not in self._part_index:
            self._parts.append(dict(parts))
            self._part_index[key] = len(self._parts) - 1
        self._pages[page]["parts"] = self._part_index[key]

    def _file_record(self, page: str, path: str) -> list | None:
        state = _file_state(path)
        if state is None:
            return None
        digest = self._written.get(path) or (self._pages[page].get("file") or [None, None, None])[2]
        return [*state, digest]

    def seen(self) -> set[str]:
        """The pages this build wrote or kept so far."""
        return set(self._seen)

    def export(self, pages: Iterable[str]) -> dict[str, Any]:
        """What this process learnt of ``pages`` (rendered or kept), for :meth:`merge` in another: the
        build writes its pages in several processes (writer.py), and the memo is saved by the first."""
        records = {}
        for page in pages:
            record = dict(self._pages.get(page, {}))
            if "names" in record:
                record["names"] = self._names[record["names"]]
            if "parts" in record:
                record["parts"] = self._parts[record["parts"]]
            path = self._seen[page]
            records[page] = (path, record, self._written.get(path))
        return {"records": records, "rendered": self.rendered}

    def merge(self, exported: Mapping[str, Any], rendered_before: int) -> None:
        """Take in what :meth:`export` gave in a process forked when this one had rendered ``rendered_before``."""
        for page, (path, record, written) in exported["records"].items():
            if "names" in record:
                names = tuple(record["names"])
                if names not in self._name_index:
                    self._names.append(list(names))
                    self._name_index[names] = len(self._names) - 1
                record["names"] = self._name_index[names]
            parts = record.pop("parts", None)
            self._seen[page] = path
            if written is not None:
                self._written[path] = written
            if record:
                self._pages[page] = record
                if parts is not None:
                    self.keep_parts(page, parts)
        self.rendered += exported["rendered"] - rendered_before

    @property
    def pages(self) -> int:
        """How many pages this build wrote or kept."""
        return len(self._seen)

    def save(self) -> None:
        if self.path is None:
            return
        temporary = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            pages = {page: {**self._pages[page], "file": self._file_record(page, path)}
                     for page, path in self._seen.items() if page in self._pages}
            used = sorted({record["parts"] for record in pages.values() if "parts" in record})
            renumbered = {old: new for new, old in enumerate(used)}
            for record in pages.values():
                if "parts" in record:
                    record["parts"] = renumbered[record["parts"]]
            temporary.write_text(json.dumps({"code": self.code, "names": self._names, "pages": pages,
                                             "parts": [self._parts[index] for index in used]}), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:  # the site is built either way; the next build renders every page
            logger.warning("page memo: could not save %s (%s); the next build renders every page", self.path, exc)
