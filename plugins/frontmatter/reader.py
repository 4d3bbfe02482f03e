"""The Pelican reader for Markdown with YAML front matter.

It does not check anything itself: the plugin checks all content first (see ``__init__``) and the
reader turns the checked entry into Pelican metadata, so there is one schema and one set of rules.
Nor does it read the file again: the text comes from the check's reading, through the content cache,
and is sanitised here (plugins/frontmatter/sanitise.py).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader

from frontmatter.model import Post
from frontmatter.sanitise import EXTRA_TAGS_SETTING, sanitised

CATALOGUE_SETTING = "NOTICEBOARD_CATALOGUE"
CLOCK_SETTING = "NOTICEBOARD_CLOCK"


@functools.lru_cache
def resolved(path: str) -> Path:
    """The content folder's real path, looked up once rather than for each of 10,000 files."""
    return Path(path).resolve()


class FrontMatterReader(MarkdownReader):
    file_extensions = ["md", "markdown"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        catalogue = self.settings[CATALOGUE_SETTING]
        content = resolved(self.settings["PATH"])
        if not source_path.startswith(f"{content}{os.sep}"):  # PATH reached through a link
            source_path = str(Path(source_path).resolve())
        display = os.path.relpath(source_path, content.parent)  # as the check names it (content/notices/x.md)
        entry = catalogue.by_path[display]
        self._source_path = source_path
        html, _ = sanitised(catalogue.sources.html(display), self.settings.get(EXTRA_TAGS_SETTING), catalogue.sources)
        metadata = entry.as_metadata()
        metadata["lang"] = entry.lang.lower()  # Pelican compares it with DEFAULT_LANG in lower case
        if isinstance(entry, Post):
            metadata["author"] = self.process_metadata("author", entry.author or self.settings.get("AUTHOR", ""))
            metadata["category"] = self.process_metadata("category", "news")
            if not entry.is_published(self.settings[CLOCK_SETTING]):
                metadata["status"] = "draft"
        return html, metadata
