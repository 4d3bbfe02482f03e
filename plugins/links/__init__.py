"""Relative links in the built pages, so the site works opened as files or served from any folder."""

from pelican import signals

from links.relative import relativise_page


def register() -> None:
    signals.content_written.connect(relativise_page)
