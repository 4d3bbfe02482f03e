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
