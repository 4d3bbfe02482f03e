"""Each entry's address, worked out once.

Pelican formats an entry's ``url`` from the settings (``ARTICLE_URL`` and the entry's metadata, with a
relative path made through the file system) every time a template asks, and a list page asks once for
each entry it shows: 5 % of rendering every page at 10,000 entries. Once every generator has read its
entries, their addresses are final; Pelican's own ``override_url`` then holds each. (Not
``override_save_as``: Pelican takes that for a page that may write over another's file, which the
writer must write in order, in one process.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pelican.contents import Content, Static


def keep_addresses(generators: Iterable[Any]) -> None:
    """Pelican's all_generators_finalized signal: every entry's url, kept as it is now."""
    for entry in _entries(generators):
        if not hasattr(entry, "override_url"):
            entry.override_url = entry.url


def _entries(generators: Iterable[Any]) -> Iterator[Content]:
    """Every entry a generator holds in a list (published, hidden, drafts), and their translations. Not
    static files: one linked with {attach} moves beside the entry when the entry's text is first read,
    which Pelican refuses once the file's address has been asked for."""
    seen: set[int] = set()
    waiting = [item for generator in generators for value in vars(generator).values() if isinstance(value, list)
               for item in value if isinstance(item, Content) and not isinstance(item, Static)]
    while waiting:
        entry = waiting.pop()
        if id(entry) not in seen:
            seen.add(id(entry))
            yield entry
            waiting += getattr(entry, "translations", [])
