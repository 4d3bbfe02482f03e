"""Metadata for search engines and link previews: JSON-LD filters for the templates, sitemap.xml and robots.txt."""

from pelican import signals

from seo.jsonld import filters
from seo.sitemap import write_sitemap_and_robots


def add_filters(pelican) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(filters())


def register() -> None:
    signals.initialized.connect(add_filters)
    signals.finalized.connect(write_sitemap_and_robots)
