"""Keep the output folder between builds instead of deleting it first (DELETE_OUTPUT_DIRECTORY).

A page whose bytes are the same as last time is not written again: a rebuild after one notice
changed touches only the files that show it, and deleting and rewriting thousands of unchanged
files was a large part of every build. Other plugins change a page in memory before the comparison
(links makes addresses relative, minify shrinks it) through :func:`add_page_filter`, so the
comparison is with the file as published.

A page whose inputs are the same as when it was last written is not rendered at all (memo.py).

At the end, a file this build neither wrote nor kept is removed (an entry deleted from content/ must
leave the site): kept means compared and found unchanged here, or copied as a static file; written
means changed since the build started, whichever plugin or tool wrote it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.generators import Generator
from pelican.writers import FileOverwriteFailedError, Writer

from changed_files.memo import (
    Digests,
    PageMemo,
    ReadingContext,
    code_digest,
    entries_in,
    file_digest,
    reading,
)
from changed_files.slots import PageFilter, Slots, fill, replace_parts
from frontmatter.forked import forked, sent_by
from publish.files import write_over

logger = logging.getLogger(__name__)
STARTED_SETTING = "NOTICEBOARD_BUILD_STARTED"
KEPT_SETTING = "NOTICEBOARD_KEPT_FILES"
#: Functions (html, page's path in the output folder) -> html, applied in turn to every page written.
PAGE_FILTERS_SETTING = "NOTICEBOARD_PAGE_FILTERS"
MEMO_SETTING = "NOTICEBOARD_PAGE_MEMO"
#: The HTML pages of the built site ("news/x/index.html"), as the removal of stale files left the output
#: folder: the sitemap takes them from here rather than walking its 20,000 folders again.
SITE_PAGES_SETTING = "NOTICEBOARD_SITE_PAGES"
#: Pages a process takes at a time, and the most batches a build is cut into (their tokens must fit a pipe).
BATCH, MAX_BATCHES = 20, 10_000
#: Libraries whose output is in a page: a new version renders every page again.
RENDERING_LIBRARIES = ("pelican", "jinja2", "markdown", "babel", "nh3", "minify-html", "markupsafe")


class _Unchanged(str):
    """What a memoised render returns: the file already holds this page."""


class _Filtered(str):
    """A page as it is to be written: its filters have run already (slots.replace_parts)."""


UNCHANGED = _Unchanged()


def add_page_filter(settings: dict[str, Any], page_filter: PageFilter) -> None:
    """Have ``page_filter`` change every HTML page before it is compared and written (call it from a
    plugin's handler of Pelican's initialized signal; filters run in the order of PLUGINS)."""
    settings.setdefault(PAGE_FILTERS_SETTING, []).append(page_filter)


def start_build(pelican) -> None:
    """Pelican's initialized signal: note when the build started and that no file is kept yet."""
    pelican.settings[STARTED_SETTING] = time.time_ns()
    pelican.settings[KEPT_SETTING] = set()


def write_if_changed(path: str, data: bytes, kept: set[str]) -> bool:
    """Write ``data`` to ``path`` unless the file already holds exactly those bytes; True when written."""
    try:
        with open(path, "rb") as existing:
            if existing.read() == data:
                kept.add(os.path.abspath(path))
                return False
    except FileNotFoundError:
        pass
    write_over(path, data)
    return True


def keep_if_holds(path: str, digest: str, kept: set[str]) -> bool:
    """Keep the file at ``path`` (as :func:`write_if_changed` keeps one) when its bytes' digest is ``digest``."""
    try:
        with open(path, "rb") as existing:
            if file_digest(existing.read()) != digest:
                return False
    except FileNotFoundError:
        return False
    kept.add(os.path.abspath(path))
    return True


class _ChangedFile:
    """A text file opened by Pelican's writer: collected in memory, then written if its bytes differ."""

    def __init__(self, path: str, filters: list[PageFilter], kept: set[str], memo: PageMemo | None) -> None:
        self.path, self.filters, self.kept, self.memo = path, filters, kept, memo
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def __enter__(self) -> _ChangedFile:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if exc_info[0] is not None or self.path == os.devnull:
            return
        if self.parts and self.parts[0] is UNCHANGED:
            self.kept.add(os.path.abspath(self.path))
            return
        if self.parts and isinstance(self.parts[0], _Filtered):  # a new banner in the page as written: changed
            data = self.parts[0].encode("utf-8")
            write_over(self.path, data)
        else:
            text = "".join(self.parts)
            if self.path.endswith(".html"):
                for page_filter in self.filters:
                    text = page_filter(text, self.path)
            data = text.encode("utf-8")
            write_if_changed(self.path, data, self.kept)
        if self.memo is not None:
            self.memo.wrote(self.path, data)


class _MemoisedTemplate:
    """A template that renders only when the page's memo says its inputs changed, with its slots filled."""

    def __init__(self, template: Any, memo: PageMemo, slots: Slots, output_path: str,
                 filters: list[PageFilter]) -> None:
        self.template, self.memo, self.slots, self.output_path = template, memo, slots, output_path
        self.filters = filters

    def render(self, context: dict[str, Any]) -> str:
        page = context["output_file"]
        path = os.path.abspath(os.path.join(self.output_path, page))
        parts = self.slots.for_page(context, self.template.environment)
        if self.memo.unchanged(page, path, context):
            written = self.memo.parts_of(page)
            if written == parts:
                return UNCHANGED
            with open(path, encoding="utf-8") as file:
                replaced = replace_parts(file.read(), written, parts, path, self.filters)
            if replaced is not None:
                self.memo.keep_parts(page, parts)
                return _Filtered(replaced)
        with reading() as names:
            text = self.template.render(context)
        self.memo.remember(page, names, context, parts)
        return fill(text, parts)


class ChangedFilesWriter(Writer):
    """Pelican's writer, writing through :class:`_ChangedFile` and rendering through the page memo;
    the same rules on writing a file twice.

    Pages are rendered and written at the end of the build, in BUILD_PROCESSES processes (default: one
    per core): rendering every page was most of a cold build, and an emergency notice's banner goes into
    every page. The generators hand in each page as before, and what is not a page (feeds, the manifest)
    as a job through :meth:`alongside`; :meth:`write_pages` runs the jobs in this process while the
    others write pages, then joins them. Each process takes the next batch of pages when it is free.
    """

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._pages: list[tuple[Any, ...]] = []
        self._jobs: list[Callable[[], None]] = []
        self._writing = False

    def write_file(self, name, template, context, *args, **kwargs):
        """Queue a page (or a paginated list) for :meth:`write_pages`. Its context is Pelican's shared one,
        which every generator completes before any writes a page, so it is not copied. A page a job
        writes is written at once."""
        if name:
            self._pages.append((name, template, context, args, kwargs))
            if self._writing:
                self._write([self._pages.pop()])

    @property
    def written(self) -> set[str]:
        """The files written through this writer in this build (absolute paths)."""
        return self._written_files

    def alongside(self, job: Callable[[], None]) -> None:
        """Run ``job`` (which writes files of its own, and may write pages) in this process while the
        pages are written; it is done before :meth:`write_pages` returns."""
        self._jobs.append(job)

    def write_pages(self) -> None:
        """Run the jobs and write every queued page, shared out between processes; all in this one when a
        page must be written in order (one that may override another's file) or there are too few to share."""
        pages, self._pages = self._pages, []
        jobs, self._jobs = self._jobs, []
        processes = min(int(self.settings.get("BUILD_PROCESSES") or os.cpu_count() or 1), len(pages))
        ordered = any(kwargs.get("override_output") or (len(args) > 3 and args[3]) for *_, args, kwargs in pages)
        self._writing = True
        try:
            if processes <= 1 or ordered or not hasattr(os, "fork"):
                self._write(pages)
                for job in jobs:
                    job()
            else:
                self._write_in_processes(pages, jobs, processes)
        finally:
            self._writing = False

    def _write_in_processes(self, pages: list[tuple[Any, ...]], jobs: list[Callable[[], None]],
                            processes: int) -> None:
        memo = self._memo(pages[0][2])  # one memo, made before the fork, so every process has it
        memo.digests.share_out(entries_in(pages[0][2]), processes)
        size = max(BATCH, len(pages) // MAX_BATCHES + 1)
        batches = [pages[start:start + size] for start in range(0, len(pages), size)]
        tokens, filler = os.pipe()  # one token per batch: whichever process is free reads the next
        os.write(filler, b"".join(number.to_bytes(4, "little") for number in range(len(batches))))
        os.close(filler)
        children = [self._fork(batches, tokens) for _ in range(processes - 1)]
        rendered = self.settings[MEMO_SETTING].rendered
        try:
            for job in jobs:
                job()
            written_here = self._write_batches(batches, tokens)
        finally:  # every child is waited for, even when a page here failed
            os.close(tokens)
            outcomes = [_outcome(pid, pipe) for pid, pipe in children]
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
            self._take(outcome, rendered, written_here)

    def _write_batches(self, batches: list[list[tuple[Any, ...]]], tokens: int) -> set[str]:
        """Write batches of pages as long as there are tokens left; the files written."""
        written: set[str] = set()
        while token := os.read(tokens, 4):
            written |= self._write(batches[int.from_bytes(token, "little")])
        return written

    def _write(self, pages: list[tuple[Any, ...]]) -> set[str]:
        """Write ``pages`` in this process; the files written."""
        before = set(self._written_files)
        for name, template, context, args, kwargs in pages:
            memoised = _MemoisedTemplate(template, self._memo(context), self._slots, self.output_path,
                                         self.settings.get(PAGE_FILTERS_SETTING, []))
            super().write_file(name, memoised, context, *args, **kwargs)
        return self._written_files - before

    def _memo(self, context: dict[str, Any]) -> PageMemo:
        """The build's page memo, made for the site's context on first use."""
        if self.settings.get(MEMO_SETTING) is None:
            self.settings[MEMO_SETTING] = PageMemo(memo_path(self.settings), rendering_code(self.settings),
                                                   Digests(skipped=(self.settings, context)), context)
            self._slots = Slots(self.settings.get("PAGE_SLOTS", {}))
        return self.settings[MEMO_SETTING]

    def _fork(self, batches: list[list[tuple[Any, ...]]], tokens: int) -> tuple[int, int]:
        """Write batches of pages in a child process; its pid, and the pipe its outcome comes back on."""
        return forked(lambda: self._outcome_of_writing(batches, tokens))

    def _outcome_of_writing(self, batches: list[list[tuple[Any, ...]]], tokens: int) -> bytes:
        """Write batches (in a child process); what the parent takes in (:meth:`_take`), or the exception
        it raises as if the page had been written there, pickled."""
        try:
            memo, kept = self.settings[MEMO_SETTING], self.settings[KEPT_SETTING]
            seen, kept_before = memo.seen(), set(kept)
            with signals.content_written.muted():  # the parent reports them (progress)
                written = self._write_batches(batches, tokens)
            return pickle.dumps({"memo": memo.export(memo.seen() - seen), "kept": kept - kept_before,
                                 "written": written})
        except BaseException as exc:
            try:
                data = pickle.dumps(exc)
                pickle.loads(data)
                return data
            except Exception:  # an exception that does not survive pickling: its message and traceback do
                return pickle.dumps(RuntimeError("".join(traceback.format_exception(exc))))

    def _take(self, outcome: dict[str, Any], rendered_before: int, written_here: set[str]) -> None:
        """Take in what a child process wrote: its pages' memo records, the files it kept and wrote."""
        twice = outcome["written"] & written_here
        if twice:
            raise FileOverwriteFailedError(f'Failed to overwrite "{min(twice)}" as it was already written')
        written_here |= outcome["written"]
        self._written_files |= outcome["written"]
        self.settings[KEPT_SETTING] |= outcome["kept"]
        self.settings[MEMO_SETTING].merge(outcome["memo"], rendered_before)
        for path in sorted(outcome["written"]):
            signals.content_written.send(path, context=None)

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            filename = os.devnull  # Pelican keeps the overriding write and skips later ones
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as it was already written')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _ChangedFile(filename, self.settings.get(PAGE_FILTERS_SETTING, []), self.settings[KEPT_SETTING],
                            self.settings.get(MEMO_SETTING))


def _outcome(pid: int, pipe: int) -> Any:
    """What the child process ``pid`` sent on ``pipe`` once it ended: its pages' records, or its exception."""
    data, status = sent_by(pid, pipe)
    if not data:
        return RuntimeError(f"a process writing pages ended without a word (status {status}); build again")
    return pickle.loads(data)


def cache_folder(settings: dict[str, Any]) -> Path | None:
    """The content cache folder (CONTENT_CACHE_PATH beside content/), if there is one."""
    name = settings.get("CONTENT_CACHE_PATH")
    return Path(settings["PATH"]).resolve().parent / name if name else None


def memo_path(settings: dict[str, Any]) -> Path | None:
    """The page memo, in the content cache folder."""
    folder = cache_folder(settings)
    return folder / "pages.json" if folder else None


def keep_compiled_templates(pelican) -> None:
    """Pelican's initialized signal: templates compiled once are kept in the content cache folder (Jinja's
    bytecode cache), for every generator and process and the next build. Each generator has its own Jinja
    environment, and compiling the theme's templates again in each was a quarter of a second of every build.

    Jinja keys its cache on each template's source only, so the files are named by a digest of the
    environment's settings too (its extensions and options change what a template compiles to); files
    named for other settings are removed."""
    folder = cache_folder(pelican.settings)
    if folder is None:
        return
    environment = pelican.settings.get("JINJA_ENVIRONMENT", {})
    digest = hashlib.blake2b(repr((sorted(environment.items(), key=repr), importlib.metadata.version("jinja2"),
                                   sys.version)).encode(), digest_size=8).hexdigest()
    templates = folder / "templates"
    try:
        templates.mkdir(parents=True, exist_ok=True)
        for compiled in templates.iterdir():
            if not compiled.name.startswith(digest):
                compiled.unlink(missing_ok=True)
    except OSError:
        return  # the content cache says it cannot be saved; the templates are compiled as if there were none
    pelican.settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": _CompiledTemplates(
        str(templates), pattern=f"{digest}-%s.cache")}


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's bytecode cache in a folder; a template it cannot keep is compiled again next time, and the
    build goes on."""

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def rendering_code(settings: dict[str, Any]) -> str:
    """The digest of what renders a page besides its context: templates, catalogues, plugins, libraries
    and the settings plugins read outside the context (a filter's time zone)."""
    theme = Path(settings["THEME"])
    versions = {name: importlib.metadata.version(name) for name in RENDERING_LIBRARIES}
    versions["settings"] = json.dumps({key: value for key, value in settings.items()
                                       if not key.startswith(("NOTICEBOARD_", "JINJA_"))},
                                      sort_keys=True, default=lambda value: type(value).__qualname__)
    return code_digest([theme / "templates", theme / "translations", *map(Path, settings["PLUGIN_PATHS"])],
                       versions)


def track_reads(generator) -> None:
    """Pelican's generator_init signal: templates note what they read, for the page memo."""
    generator.env.context_class = ReadingContext


class StaleFilesRemover(Generator):
    """The last generator: once every page is written, keep the page memo and remove the files of earlier
    builds that this one did not make (a deleted entry's page, a list's last page that is no longer needed),
    before the finalized signal's handlers read the folder: the sitemap and the search index list only
    pages of this build."""

    def generate_output(self, writer) -> None:
        settings = self.settings
        writer.write_pages()
        if settings.get(MEMO_SETTING) is not None:
            settings[MEMO_SETTING].save()
        settings[SITE_PAGES_SETTING] = self._remove_stale_files(writer.written)

    def _remove_stale_files(self, written: set[str]) -> list[str]:
        """Remove the files that are neither kept nor written since the build started, and the folders
        left empty; the HTML pages that remain. A file this build wrote is known without asking the file
        system, and a folder is empty when none of what the walk found in it remains."""
        output = os.path.abspath(self.settings["OUTPUT_PATH"])
        started, kept = self.settings[STARTED_SETTING], self.settings[KEPT_SETTING]
        pages: list[str] = []
        removed_folders: set[str] = set()
        for folder, folders, names in os.walk(output, topdown=False):
            prefix = "" if folder == output else folder[len(output) + 1:].replace(os.sep, "/") + "/"
            remaining = sum(os.path.join(folder, name) not in removed_folders for name in folders)
            for name in names:
                path = os.path.join(folder, name)
                if path in kept or path in written or os.stat(path).st_ctime_ns >= started:
                    remaining += 1
                    if name.endswith(".html"):
                        pages.append(prefix + name)
                else:
                    os.remove(path)
                    logger.debug("removed %s: no longer part of the site", path)
            if folder != output and not remaining:
                os.rmdir(folder)
                removed_folders.add(folder)
        return pages


def keep_static_files(generator) -> None:
    """Pelican's static_generator_finalized signal: static files (content/images/...) are part of the
    site even when Pelican finds them up to date and does not copy them again."""
    output = os.path.abspath(generator.output_path)
    generator.settings[KEPT_SETTING].update(os.path.join(output, item.save_as) for item in generator.staticfiles)
