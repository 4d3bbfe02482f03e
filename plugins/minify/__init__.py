"""Minify HTML and CSS as they are written, when MINIFY_OUTPUT is on (publishconf.py), with minify-html."""

from pelican import signals

from minify.minifier import minify_page, minify_stylesheets


def register() -> None:
    signals.content_written.connect(minify_page)
    signals.finalized.connect(minify_stylesheets)
