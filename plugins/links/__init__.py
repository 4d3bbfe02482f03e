"""Relative links in the built pages, so the site works opened as files or served from any folder; each
entry's address worked out once."""

from functools import partial

from pelican import signals

from changed_files.writer import add_page_filter
from links.addresses import keep_addresses
from links.relative import relativise_page


def add_relative_links(pelican) -> None:
    """Pelican's initialized signal: with RELATIVE_LINKS on, every page is written with relative links."""
    if pelican.settings.get("RELATIVE_LINKS"):
        add_page_filter(pelican.settings, partial(relativise_page, settings=pelican.settings))


def register() -> None:
    signals.initialized.connect(add_relative_links)
    signals.all_generators_finalized.connect(keep_addresses)
