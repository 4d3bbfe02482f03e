"""The content cache: each file's parsed front matter and its Markdown as HTML, keyed on the file's bytes.

Reading YAML and Markdown is most of a build. ``invoke check`` and the build read every file once
through this cache, and the reader takes the text from it rather than opening the file again; a file
whose bytes have not changed since the last run is not parsed or converted at all.

The key is the SHA-256 of the bytes (never a file time, which a fresh clone resets), and the whole
cache is keyed on the code and settings that shape what it holds (the parser and Markdown versions,
MARKDOWN, this package's reading code), so it can only make a build faster, never different.
It lives in CONTENT_CACHE_PATH beside content/ (ignored by git); deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markdown import Markdown

from frontmatter.forked import forked, sent_by
from frontmatter.problems import Problem
from frontmatter.source import SourceFile, parse_source

#: Files whose code decides what the cache holds: a change to them starts a new cache.
CODE = (Path(__file__).with_name("source.py"), Path(__file__).with_name("problems.py"), Path(__file__))
Parsed = tuple[SourceFile | None, list[Problem]]
logger = logging.getLogger(__name__)


def fingerprint(markdown_settings: Mapping[str, Any]) -> str:
    """What the cached values depend on besides the files themselves."""
    digest = hashlib.sha256()
    for package in ("PyYAML", "ruamel.yaml", "Markdown"):
        digest.update(f"{package}=={version(package)}\n".encode())
    digest.update(repr(sorted(markdown_settings.items())).encode())
    for code in CODE:
        digest.update(code.read_bytes())
    return digest.hexdigest()[:16]


#: Files each store is kept in: a run that read one new file rewrites one of them, not the whole store
#: (at 10,000 entries each store is 20 to 30 MB, and writing them was half a second of an emergency build).
SHARDS = 16


#: Items each process takes at least (see ContentCache.share_out): fewer are made in one.
SHARE_MINIMUM = 100


def _source_key(display: str, digest: str) -> str:
    return f"{display}\0{digest}"


def _shard(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % SHARDS


class _Store:
    """One dictionary kept in SHARDS pickled files, loaded on first use; a file is saved only when the
    part of the dictionary it holds changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._items: dict[str, Any] | None = None
        self._loaded: list[set[str]] = [set() for _ in range(SHARDS)]
        self._used: set[str] = set()
        self._added: set[str] = set()

    def _file(self, shard: int) -> Path:
        assert self.path is not None
        kind, key = self.path.stem.rsplit("-", 1)
        return self.path.with_name(f"{kind}-{shard:x}-{key}{self.path.suffix}")

    @property
    def items(self) -> dict[str, Any]:
        if self._items is None:
            self._items = {}
            for shard in range(SHARDS if self.path else 0):
                try:
                    part = pickle.loads(self._file(shard).read_bytes())
                except Exception:  # a missing or unreadable file is a cold part of the cache, never an error
                    continue
                self._items.update(part)
                self._loaded[shard] = set(part)
        return self._items

    def holds(self, key: str) -> bool:
        return key in self.items

    def added(self, since: Collection[str] = ()) -> dict[str, Any]:
        """The items made in this run, but those ``since`` (what a process hands back, see
        ContentCache.share_out)."""
        return {key: self.items[key] for key in self._added if key not in since}

    def take(self, items: Mapping[str, Any]) -> None:
        """Items another process made, as if made and used here."""
        self.items.update(items)
        self._added.update(items)
        self._used.update(items)

    def use(self, key: str) -> Any:
        """The item under ``key``, which the store holds; kept when the store is saved."""
        self._used.add(key)
        return self.items[key]

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.items:
            self.items[key] = make()
            self._added.add(key)
        return self.use(key)

    def release(self) -> None:
        """Forget the loaded items (they are read from the files again if asked for)."""
        self._items, self._used, self._added = None, set(), set()
        self._loaded = [set() for _ in range(SHARDS)]

    def save(self) -> None:
        """Write each file whose part changed: items added, or items of files that are gone dropped."""
        if self.path is None or self._items is None:
            return
        used: list[set[str]] = [set() for _ in range(SHARDS)]
        for key in self._used:
            used[_shard(key)].add(key)
        for shard in range(SHARDS):
            if used[shard] == self._loaded[shard] and not used[shard] & self._added:
                continue
            self._write(self._file(shard), {key: self._items[key] for key in used[shard]})
            self._loaded[shard] = used[shard]
        self._added = set()

    def _write(self, path: Path, items: dict[str, Any]) -> None:
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
            # The site is built either way; the next build only reads more.
            logger.warning("content cache: could not save %s (%s); the next build reads every file", path, exc)
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)


class ContentCache:
    """Parsed front matter by (path, bytes) and HTML by Markdown text, for one run."""

    def __init__(self, folder: Path | None, markdown_settings: Mapping[str, Any]) -> None:
        key = fingerprint(markdown_settings)
        self._folder, self._key = folder, key
        self._markdown_settings = dict(markdown_settings)
        self._markdown: Markdown | None = None
        self._sources = _Store(folder / f"front-matter-{key}.pickle" if folder else None)
        self._html = _Store(folder / f"html-{key}.pickle" if folder else None)
        self._bodies: dict[str, str] = {}
        self._read: dict[str, Parsed] = {}
        self._unparsed: dict[str, bytes] = {}
        self._digests: dict[str, str] = {}
        self._made: dict[str, _Store] = {}

    @classmethod
    def for_settings(cls, settings: Mapping[str, Any]) -> ContentCache:
        """The cache CONTENT_CACHE_PATH names, relative to the folder holding content/ (None: this run only)."""
        name = settings.get("CONTENT_CACHE_PATH")
        folder = Path(settings["PATH"]).resolve().parent / name if name else None
        return cls(folder, settings.get("MARKDOWN", {}))

    def source(self, path: Path, display: str) -> Parsed:
        """The parsed file (see :func:`frontmatter.source.parse_source`), its body kept for :meth:`html`;
        read once per run (the check and the advice after it see the same bytes)."""
        if display not in self._read:
            raw = self._unparsed.pop(display, None)
            if raw is None:
                raw = path.read_bytes()
            key = _source_key(display, self._digest_of(display, raw))
            self._read[display] = self._sources.get(key, lambda: parse_source(raw, display))
        source, problems = self._read[display]
        if source is not None:
            self._bodies[display] = source.body
        return source, problems

    def _digest_of(self, display: str, raw: bytes) -> str:
        self._digests[display] = digest = hashlib.sha256(raw).hexdigest()
        return digest

    def content_digest(self, display: str, path: Path) -> str:
        """SHA-256 of the bytes of the file read as ``display`` in this run (the manifest's content_hash),
        or of ``path`` now when this run has not read it."""
        digest = self._digests.get(display)
        return digest if digest is not None else hashlib.sha256(path.read_bytes()).hexdigest()

    def read_ahead(self, files: Sequence[tuple[Path, str]], processes: int,
                   also: Callable[[str], Any] | None = None) -> None:
        """Parse and convert (and ``also(html)``, such as sanitising) the ``files`` (path, display) this
        cache does not hold yet, shared out between ``processes`` processes (see :meth:`share_out`): a
        cold build read 10,000 files in one process, a third of the build. Each file is opened once: one
        the cache holds is read here and kept for :meth:`source`, one it does not is parsed from the bytes
        read here, in whichever process (a cold check at 10,000 entries read them three times)."""
        new = []
        for path, display in files:
            try:
                raw = path.read_bytes()
            except OSError:
                continue  # source() meets the same error where the check reports it
            key = _source_key(display, self._digest_of(display, raw))
            if not self._sources.holds(key):
                new.append((path, display))
                self._unparsed[display] = raw
            elif display not in self._read:
                self._read[display] = self._sources.use(key)

        def read(file: tuple[Path, str]) -> None:
            source, _ = self.source(*file)
            if source is not None:
                html = self.html(file[1])
                if also is not None:
                    also(html)

        self.share_out(new, read, processes)

    def share_out(self, items: Sequence[Any], make: Callable[[Any], Any], processes: int) -> None:
        """``make(item)`` for each item, which fills this cache's stores, shared out between ``processes``
        processes forked from this one; then what each made is taken into the stores here, as if made here.
        A process that fails hands back nothing: what it did not make is made here when next asked for."""
        processes = min(processes, len(items) // SHARE_MINIMUM)
        if processes < 2 or not hasattr(os, "fork"):
            return
        shares = [items[start::processes] for start in range(processes)]
        children = [forked(partial(self._made_in_child, share, make)) for share in shares[1:]]
        for item in shares[0]:
            make(item)
        for child, pipe in children:
            data, _ = sent_by(child, pipe)
            with contextlib.suppress(Exception):  # nothing usable: what it did not make is made here
                for name, made in pickle.loads(data).items():
                    self._store_named(name).take(made)

    def _made_in_child(self, items: Sequence[Any], make: Callable[[Any], Any]) -> bytes:
        """``make`` each item (in a child process); the stores' items it added, pickled."""
        before = {name: store.added() for name, store in self._stores().items()}
        for item in items:
            make(item)
        return pickle.dumps({name: store.added(since=before.get(name, {})) for name, store in self._stores().items()},
                            protocol=pickle.HIGHEST_PROTOCOL)

    def _stores(self) -> dict[str, _Store]:
        return {"front-matter": self._sources, "html": self._html, **{f"made:{kind}": store
                                                                      for kind, store in self._made.items()}}

    def _store_named(self, name: str) -> _Store:
        if name.startswith("made:"):
            return self._made_store(name.removeprefix("made:"))
        return self._stores()[name]

    def html(self, display: str) -> str:
        """The body of the file read as ``display`` in this run, as HTML, before sanitising (the check
        reports what the sanitiser removes; the reader publishes what it keeps)."""
        body = self._bodies[display]
        return self._html.get(hashlib.sha256(body.encode()).hexdigest(), lambda: self._convert(body))

    def _convert(self, text: str) -> str:
        """Markdown to HTML with one converter per run (set up once, reset between files)."""
        if self._markdown is None:
            self._markdown = Markdown(**self._markdown_settings)
        return self._markdown.reset().convert(text)

    def made(self, kind: str, key: str, make: Callable[[], Any]) -> Any:
        """Something made from content (one notice's calendar, one file's post-length warnings), cached
        under ``key``: a digest of everything it is made from, including the code that makes it."""
        return self._made_store(kind).get(key, make)

    def has_made(self, kind: str, key: str) -> bool:
        return self._made_store(kind).holds(key)

    def _made_store(self, kind: str) -> _Store:
        if kind not in self._made:
            self._made[kind] = _Store(self._folder / f"{kind}-{self._key}.pickle" if self._folder else None)
        return self._made[kind]

    def save_front_matter(self) -> None:
        """Keep the front matter read by the check, the bodies' HTML and what the check made (such as
        post-length warnings), so that `invoke check` alone keeps them too; then let the front matter go:
        building needs only the bodies."""
        for store in (self._sources, self._html, *self._made.values()):
            store.save()
        self._sources.release()
        self._read.clear()
        self._unparsed.clear()

    def finish_reading(self) -> None:
        """Keep what was read and made so far, then let it go: once every file is read, the pages need
        only the entries (at 10,000 entries the bodies, their HTML and the sanitised HTML held 60 MB
        through the writing of every page). A store asked again is read again from its files."""
        for store in (self._sources, self._html, *self._made.values()):
            store.save()
            store.release()
        self._bodies.clear()
        self._read.clear()
        self._unparsed.clear()

    def save(self) -> None:
        """Keep what this run read; drop caches left by other versions of the code or settings."""
        for store in (self._sources, self._html, *self._made.values()):
            store.save()
        if self._folder and self._folder.is_dir():
            for stale in self._folder.glob("*.pickle"):
                if not stale.name.endswith(f"-{self._key}.pickle"):
                    stale.unlink(missing_ok=True)
