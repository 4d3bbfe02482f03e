"""Show how far a long build has got (files read, pages written) on a terminal; nothing in logs.

The line itself is drawn by ``publish/progress.py``, which the deploy shares.
"""

from pelican import signals

from publish.progress import Progress

_progress = Progress()


def _file_read(content) -> None:
    _progress.add("files read")


def _page_written(path, context) -> None:
    _progress.add("pages written")


def _finished(pelican) -> None:
    _progress.finish()


def register() -> None:
    signals.content_object_init.connect(_file_read)
    signals.content_written.connect(_page_written)
    signals.finalized.connect(_finished)
