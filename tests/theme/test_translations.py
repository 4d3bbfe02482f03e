"""The theme's words in every language: each catalogue translates every word the theme and feeds use."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from languages.catalogues import CatalogueError, catalogue_path, compile_catalogue

from conftest import ROOT

LANGUAGES = ["cy"]


def words_in_use(tmp_path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "theme/babel.cfg", "-k", "N_",
                    "--no-location", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as source:
        return {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(source) if message.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_of_the_theme_is_translated(tmp_path, lang):
    with catalogue_path(ROOT / "theme", lang).open("rb") as source:
        catalogue = read_po(source)
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue
                  if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])}
    missing = sorted(words_in_use(tmp_path) - translated)
    assert missing == [], f"add these to {catalogue_path(ROOT / 'theme', lang)} (make messages lists them): {missing}"


def test_a_broken_catalogue_stops_the_build_naming_the_file_and_line(tmp_path):
    broken = tmp_path / "messages.po"
    broken.write_text('msgid "Search"\nmsgid "Other"\nmsgstr "Arall"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=f"{broken}: cannot be read as a gettext catalogue"):
        compile_catalogue(broken, "cy")
    broken.write_text('#, python-format\nmsgid "News from %(site)s"\nmsgstr "Newyddion gan %(safle)s"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=f"{broken}:2: 'News from %\\(site\\)s': .*safle"):
        compile_catalogue(broken, "cy")


def test_the_catalogue_is_compiled_at_build_time_not_committed():
    assert not list((ROOT / "theme" / "translations").rglob("*.mo"))
    assert compile_catalogue(catalogue_path(ROOT / "theme", "cy"), "cy").gettext("Search") == "Chwilio"


def test_templates_translate_each_page_in_its_language_as_jinja_newstyle_gettext_would():
    """The theme's gettext keeps Jinja's newstyle rules (escaped variables, %% for %, {% trans %}) and
    never gives one language's words, remembered from an earlier page, to a page in another."""
    import gettext

    from jinja2 import Environment
    from languages.plugin import CATALOGUES_SETTING, install_translations

    class Words(gettext.NullTranslations):
        def __init__(self, words: dict[str, str]) -> None:
            super().__init__()
            self.words = words

        def gettext(self, message: str) -> str:
            return self.words.get(message, message)

    class Generator:
        env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
        settings = {CATALOGUES_SETTING: {"en-gb": Words({}), "cy": Words({"News": "Newyddion", "%(n)s at 50%%": "%(n)s ar 50%%"})}}

    install_translations(Generator)
    template = Generator.env.from_string(
        '{{ _("News") }}|{{ _("%(n)s at 50%%", n="<b>") }}|{% trans n=2 %}{{ n }} items{% endtrans %}|{{ _("100%% sure") }}')
    pages = [template.render(page_lang=lang, LANGUAGES=["en-GB", "cy"]) for lang in ("cy", "en-GB", "cy")]
    assert pages == ["Newyddion|&lt;b&gt; ar 50%|2 items|100% sure", "News|&lt;b&gt; at 50%|2 items|100% sure",
                     "Newyddion|&lt;b&gt; ar 50%|2 items|100% sure"]
