"""Pelican signal handlers: check every file before anything is written, then read with our reader."""

from __future__ import annotations

import sys

from frontmatter.check import check_settings, print_problems
from frontmatter.clock import now
from frontmatter.display import page_filters
from frontmatter.reader import CATALOGUE_SETTING, CLOCK_SETTING, FrontMatterReader


class ContentErrors(Exception):
    """The content has problems; they have been printed, one per line."""

    exitcode = 1


def check_before_build(pelican) -> None:
    """Stop the build on any content error, so a broken file never reaches the site.

    ``build_site`` checks before it starts Pelican and hands the result over; running ``pelican``
    directly checks here.
    """
    settings = pelican.settings
    if CATALOGUE_SETTING in settings:
        return
    clock = now()
    catalogue = check_settings(settings, clock)
    if print_problems(catalogue, strict=False, out=sys.stderr,
                      faq_review_strict=settings.get("FAQ_REVIEW_STRICT", False)):
        raise ContentErrors(f"{len(catalogue.errors)} content error(s); nothing was built")
    settings[CATALOGUE_SETTING] = catalogue
    settings[CLOCK_SETTING] = clock


def add_filters(pelican) -> None:
    """Jinja filters for dates and labels, in the site's timezone and the page's language."""
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(page_filters(pelican.settings["TIMEZONE"]))


def save_content_cache(pelican) -> None:
    """Keep what this build read and converted for the next one (CONTENT_CACHE_PATH)."""
    pelican.settings[CATALOGUE_SETTING].sources.save()


def finish_reading(generators) -> None:
    """Every file is read: keep the content cache's bodies and HTML for the next build, and free them."""
    generators[0].settings[CATALOGUE_SETTING].sources.finish_reading()


def use_reader(readers) -> None:
    """Our reader for Markdown files. Pelican's cache of what readers return is not used (the content
    cache is keyed on bytes, see docs/speed.md); without it, Pelican still took each file's time twice,
    to compare with nothing and to store nowhere, half a second of every build at 10,000 entries."""
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader
    if not readers.settings.get("CACHE_CONTENT"):
        readers.get_cached_data = lambda path, default=None: default
        readers.cache_data = lambda path, data: None
