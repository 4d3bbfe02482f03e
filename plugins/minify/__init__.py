"""Minify HTML and CSS when MINIFY_OUTPUT is on (publishconf.py), with minify-html: pages as the
output plugin writes them, the theme's stylesheets once the site is built."""

from pelican import signals

from minify.minifier import minify_stylesheets


def register() -> None:
    signals.finalized.connect(minify_stylesheets)
