"""Keep the output folder between builds instead of deleting it first (DELETE_OUTPUT_DIRECTORY).

A page whose bytes are the same as last time is not written again: a rebuild after one notice
changed touches only the files that show it, and deleting and rewriting thousands of unchanged
files was a large part of every build. Pages are minified in memory before the comparison
(MINIFY_OUTPUT), so the comparison is with the file as published.

At the end, a file this build neither wrote nor kept is removed (an entry deleted from content/ must
leave the site): kept means compared and found unchanged here, or copied as a static file; written
means changed since the build started, whichever plugin or tool wrote it.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from pelican.writers import FileOverwriteFailedError, Writer

from minify.minifier import minify_html_text

logger = logging.getLogger(__name__)
STARTED_SETTING = "NOTICEBOARD_BUILD_STARTED"
KEPT_SETTING = "NOTICEBOARD_KEPT_FILES"


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

    def __init__(self, path: str, minify: bool, kept: set[str]) -> None:
        self.path, self.minify, self.kept = path, minify, kept
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
        if self.minify and self.path.endswith(".html"):
            text = minify_html_text(text)
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
        return _ChangedFile(filename, bool(self.settings.get("MINIFY_OUTPUT")), self.settings[KEPT_SETTING])


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
