"""Site search: index the built site with Pagefind when SEARCH_INDEX is on, so /search/ can find pages."""

from pelican import signals

from search.pagefind import index_site


def register() -> None:
    signals.finalized.connect(index_site)
