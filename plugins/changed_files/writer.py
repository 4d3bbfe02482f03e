"""Keep the output folder between builds instead of deleting it first (DELETE_OUTPUT_DIRECTORY).

A page whose bytes are the same as last time is not written again: a rebuild after one notice
changed touches only the files that show it, and deleting and rewriting thousands of unchanged
files was a large part of every build. Other plugins change a page in memory before the comparison
(links makes addresses relative, minify shrinks it) through :func:`add_page_filter`, so the
comparison is with the file as published.

At the end, a file this build neither wrote nor kept is removed (an entry deleted from content/ must
leave the site): kept means compared and found unchanged here, or copied as a static file; written
means changed since the build started, whichever plugin or tool wrote it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any

from pelican.writers import FileOverwriteFailedError, Writer

logger = logging.getLogger(__name__)
STARTED_SETTING = "NOTICEBOARD_BUILD_STARTED"
KEPT_SETTING = "NOTICEBOARD_KEPT_FILES"
#: Functions (html, page's path in the output folder) -> html, applied in turn to every page written.
PAGE_FILTERS_SETTING = "NOTICEBOARD_PAGE_FILTERS"
PageFilter = Callable[[str, str], str]


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
                kept.add(os.path.realpath(path))
                return False
    except FileNotFoundError:
        pass
    with open(path, "wb") as target:
        target.write(data)
    return True


class _ChangedFile:
    """A text file opened by Pelican's writer: collected in memory, then written if its bytes differ."""

    def __init__(self, path: str, filters: list[PageFilter], kept: set[str]) -> None:
        self.path, self.filters, self.kept = path, filters, kept
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def __enter__(self) -> _ChangedFile:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if exc_info[0] is not None or self.path == os.devnull:
            return
        text = "".join(self.parts)
        if self.path.endswith(".html"):
            for page_filter in self.filters:
                text = page_filter(text, self.path)
        write_if_changed(self.path, text.encode("utf-8"), self.kept)


class ChangedFilesWriter(Writer):
    """Pelican's writer, writing through :class:`_ChangedFile`; the same rules on writing a file twice."""

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
        return _ChangedFile(filename, self.settings.get(PAGE_FILTERS_SETTING, []), self.settings[KEPT_SETTING])


def remove_stale_files(pelican) -> None:
    """Pelican's finalized signal (last): remove files from earlier builds that this one did not make."""
    settings = pelican.settings
    output = os.path.realpath(settings["OUTPUT_PATH"])
    started, kept = settings[STARTED_SETTING], settings[KEPT_SETTING]
    for folder, _, names in os.walk(output, topdown=False):
        for name in names:
            path = os.path.join(folder, name)
            if path not in kept and os.stat(path).st_ctime_ns < started:
                os.remove(path)
                logger.debug("removed %s: no longer part of the site", path)
        if folder != output and not os.listdir(folder):
            os.rmdir(folder)


def keep_static_files(generator) -> None:
    """Pelican's static_generator_finalized signal: static files (content/images/...) are part of the
    site even when Pelican finds them up to date and does not copy them again."""
    output = os.path.realpath(generator.output_path)
    generator.settings[KEPT_SETTING].update(os.path.join(output, item.save_as) for item in generator.staticfiles)
