"""Site search: index the built site with Pagefind when SEARCH_INDEX is on, so /search/ can find pages."""

from pelican import signals

from search.pagefind import index_site, keep_last_index


def register() -> None:
    signals.all_generators_finalized.connect(keep_last_index)
    signals.finalized.connect(index_site)
