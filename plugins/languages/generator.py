"""The pages Pelican writes once from DIRECT_TEMPLATES (home, news, search, not found), in every other language."""

from __future__ import annotations

from pelican.generators import Generator

from languages.site import root_of, translation_in


class LanguagePagesGenerator(Generator):
    """Writes ``/<lang>/`` versions of the direct templates, with news in that language where translated."""

    def generate_output(self, writer) -> None:
        languages = self.settings["LANGUAGES"]
        for lang in languages[1:]:
            root = root_of(lang, languages)
            localised = [translation_in(article, lang) for article in self.context["articles"]]
            for template in self.settings["DIRECT_TEMPLATES"]:
                save_as = self.settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
                if not save_as:
                    continue
                paginated = {"articles": localised} if template in self.settings["PAGINATED_TEMPLATES"] else {}
                writer.write_file(
                    root + save_as, self.get_template(template), self.context, paginated=paginated,
                    template_name=template, url=root + save_as.removesuffix("index.html"),
                    relative_urls=self.settings["RELATIVE_URLS"], page_lang=lang, articles=localised,
                    dates=localised,
                )
