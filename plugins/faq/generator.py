"""Turn checked FAQ files into pages, the index by topic, and the home page's popular questions."""

from __future__ import annotations

from itertools import groupby

from pelican.contents import Content

from frontmatter.generator import EntriesGenerator


class Faq(Content):
    """An FAQ page as Pelican content; the checked record is ``self.record`` (frontmatter.model.Faq)."""

    mandatory_properties = ("title", "date")
    default_template = "faq"


class FaqGenerator(EntriesGenerator):
    content_class = Faq
    paths_setting = "FAQ_PATHS"

    def generate_context(self) -> None:
        faqs = sorted(self.read_entries(), key=lambda f: (f.record.topic, f.title.lower()))
        by_slug = {f.slug: f for f in faqs}
        popular = [by_slug[slug] for slug in self.settings.get("POPULAR_FAQ", []) if slug in by_slug]
        self.faqs = faqs
        self.context.update(
            faqs=faqs,
            faqs_by_slug=by_slug,
            faq_topics=[(topic, list(items)) for topic, items in groupby(faqs, key=lambda f: f.record.topic)],
            popular_faqs=popular or sorted(faqs, key=lambda f: f.date, reverse=True)[:5],
        )

    def generate_output(self, writer) -> None:
        for faq in self.faqs + self.translations:
            self.write_entry(writer, faq, "faq")
        for lang in self.settings["LANGUAGES"]:
            self.write_page(writer, "faq/index.html", "faq_index", lang)
