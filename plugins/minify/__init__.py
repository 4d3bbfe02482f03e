"""Minify HTML and CSS when MINIFY_OUTPUT is on (publishconf.py), with minify-html: each page before
it is written (a page filter of plugins/changed_files), the theme's stylesheets once the site is built."""

from pelican import signals

from changed_files.writer import add_page_filter
from minify.minifier import minify_page, minify_stylesheets


def add_minifier(pelican) -> None:
    """Pelican's initialized signal: with MINIFY_OUTPUT on, every page is written minified."""
    if pelican.settings.get("MINIFY_OUTPUT"):
        add_page_filter(pelican.settings, minify_page)


def register() -> None:
    signals.initialized.connect(add_minifier)
    signals.finalized.connect(minify_stylesheets)
