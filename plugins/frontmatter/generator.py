"""A Pelican generator for one folder of checked entries (notices, FAQ), shared by their plugins."""

from __future__ import annotations

from typing import Any

from languages.site import root_of, translation_in
from pelican.contents import Content
from pelican.generators import Generator
from pelican.utils import process_translations

from frontmatter.reader import CLOCK_SETTING


class EntriesGenerator(Generator):
    """Reads ``<KIND>_PATHS`` with ``content_class`` and keeps the entries published at the build clock.

    Translations (same slug, another ``lang``) are linked to their original as Pelican does for articles:
    ``read_entries`` returns the originals, ``self.translations`` holds the rest.
    """

    content_class: type[Content]
    paths_setting: str
    translations: list[Content]

    def read_entries(self) -> list[Content]:
        clock = self.settings[CLOCK_SETTING]
        entries = []
        for path in self.get_files(self.settings[self.paths_setting]):
            content = self.readers.read_file(
                base_path=self.path, path=path, content_class=self.content_class, context=self.context
            )
            self.add_source_path(content)
            self.add_static_links(content)
            if content.record.is_published(clock):
                entries.append(content)
        originals, self.translations = process_translations(entries, translation_id="slug")
        return originals

    def write_list(self, writer, save_as: str, template: str, items_name: str, items: list, **context: Any) -> None:
        """Write a list page in every language, paginated when its template is in PAGINATED_TEMPLATES.

        Each language's list has each entry in that language where it is translated, in the original's
        words where it is not yet, so no one misses a notice for want of a translation.
        """
        for lang in self.settings["LANGUAGES"]:
            localised = [translation_in(item, lang) for item in items]
            self.write_page(writer, save_as, template, lang, paginated={items_name: localised},
                            template_name=template, **{items_name: localised}, **context)

    def write_page(self, writer, save_as: str, template: str, lang: str, **context: Any) -> None:
        """Write one page in ``lang``, under that language's root (/cy/...) unless it is the default."""
        path = root_of(lang, self.settings["LANGUAGES"]) + save_as
        writer.write_file(path, self.get_template(template), self.context, url=path.removesuffix("index.html"),
                          relative_urls=self.settings["RELATIVE_URLS"], page_lang=lang, **context)

    def write_entry(self, writer, content: Content, name: str) -> None:
        writer.write_file(
            content.save_as,
            self.get_template(content.template),
            self.context,
            url=content.url,
            relative_urls=self.settings["RELATIVE_URLS"],
            **{name: content, "page_title": content.title},
        )
