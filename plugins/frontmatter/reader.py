"""The Pelican reader for Markdown with YAML front matter.

It does not check anything itself: the plugin checks all content first (see ``__init__``) and the
reader turns the checked entry into Pelican metadata, so there is one schema and one set of rules.
Nor does it read the file again: the text comes from the check's reading, through the content cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader

from frontmatter.model import Post

CATALOGUE_SETTING = "NOTICEBOARD_CATALOGUE"
CLOCK_SETTING = "NOTICEBOARD_CLOCK"


class FrontMatterReader(MarkdownReader):
    file_extensions = ["md", "markdown"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        catalogue = self.settings[CATALOGUE_SETTING]
        content = Path(self.settings["PATH"]).resolve()
        display = str(Path(source_path).resolve().relative_to(content.parent))
        entry = catalogue.by_path[display]
        self._source_path = source_path
        html = catalogue.sources.html(display, self._convert)
        metadata = entry.as_metadata()
        if isinstance(entry, Post):
            metadata["author"] = self.process_metadata("author", entry.author or self.settings.get("AUTHOR", ""))
            metadata["category"] = self.process_metadata("category", "news")
            if not entry.is_published(self.settings[CLOCK_SETTING]):
                metadata["status"] = "draft"
        return html, metadata

    def _convert(self, text: str) -> str:
        """Markdown to HTML with one converter per build (set up once, reset between files)."""
        if getattr(self, "_md", None) is None:
            self._md = Markdown(**self.settings["MARKDOWN"])
        return self._md.reset().convert(text)
