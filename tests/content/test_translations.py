"""Translations (<file>.cy.md): checked against their original, merged with it, and areas named per language."""

from __future__ import annotations

from pathlib import Path

from conftest import NOW, ROOT
from frontmatter.clock import now
from frontmatter.validate import check_content

LANGUAGES = ("en-GB", "cy")
FLOOD = "content/notices/flood-warning-river-ford"


def check(content: Path, languages=LANGUAGES):
    return check_content(content, content.parent, "Europe/London", now({"NOTICEBOARD_NOW": NOW}), languages=languages)


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_translation_shares_the_original_facts_and_carries_its_own_words():
    catalogue = check(ROOT / "content")
    welsh = catalogue.by_path[f"{FLOOD}.cy.md"]
    english = catalogue.by_path[f"{FLOOD}.md"]
    assert (welsh.lang, english.lang) == ("cy", "en-GB")
    assert welsh.id == english.id and welsh.slug == english.slug
    assert (welsh.date, welsh.severity, welsh.areas, welsh.status) == (english.date, "emergency", english.areas, "active")
    assert welsh.title.startswith("Rhybudd llifogydd")
    assert [u.at for u in welsh.updates] == [u.at for u in english.updates]
    assert all(u.lang is None for u in welsh.updates)
    assert welsh.translation_of == f"{FLOOD}.md"
    assert welsh not in catalogue.entries and welsh in catalogue.translations


def test_a_repeated_shared_field_is_a_warning_and_a_contradiction_an_error(content_copy):
    rewrite(content_copy / "notices" / "flood-warning-river-ford.cy.md", "lang: cy\n",
            "lang: cy\nseverity: emergency\nareas: [riverside]\n")
    catalogue = check(content_copy)
    problems = [str(p) for p in catalogue.problems if p.path == f"{FLOOD}.cy.md"]
    assert problems == [
        f"{FLOOD}.cy.md:3: severity: warning: repeats the original ({FLOOD}.md); remove it: a translation takes it "
        "from the original",
        f"{FLOOD}.cy.md:4: areas: is [riverside] here but [riverside, millbrook] in the original ({FLOOD}.md); "
        "a translation shares it, so remove it here and change the original if it is wrong",
    ]


def test_an_update_missing_from_the_translation_is_a_warning_and_shows_in_the_original_words(content_copy):
    welsh_file = content_copy / "notices" / "flood-warning-river-ford.cy.md"
    text = welsh_file.read_text(encoding="utf-8")
    start = text.index("  - at: 2026-11-25 01:30")
    welsh_file.write_text(text[:start] + text[text.index("---\n", start):], encoding="utf-8")
    catalogue = check(content_copy)
    assert catalogue.errors == []
    assert [str(p) for p in catalogue.warnings if p.path.endswith(".cy.md")] == [
        f"{FLOOD}.cy.md:7: updates: warning: the update at 2026-11-25 01:30 in {FLOOD}.md is not translated "
        "(emergency notice); until it is, this language shows it in the original's words",
    ]
    last = catalogue.by_path[f"{FLOOD}.cy.md"].updates[-1]
    assert (last.lang, last.text.startswith("Council teams")) == ("en-GB", True)


def test_an_update_at_a_time_the_original_does_not_have_is_an_error(content_copy):
    rewrite(content_copy / "notices" / "flood-warning-river-ford.cy.md", "at: 2026-11-24 17:45", "at: 2026-11-24 17:50")
    errors = [str(p) for p in check(content_copy).errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"{FLOOD}.cy.md:12: updates: the original ({FLOOD}.md) has no update at 2026-11-24 17:50")


def test_a_translation_without_its_original_or_its_title_is_an_error(content_copy):
    (content_copy / "posts" / "no-such-post.cy.md").write_text("---\nlang: cy\ntitle: Dim\nsummary: Dim\n---\nTestun\n")
    rewrite(content_copy / "faq" / "sandbags.cy.md", 'question: "Ble alla i gael bagiau tywod?"\n', "")
    errors = [str(p) for p in check(content_copy).errors]
    assert "content/posts/no-such-post.cy.md:1: file name: a cy translation of content/posts/no-such-post.md, which " \
           "is missing; a translation sits beside its original with the same name" in errors
    assert 'content/faq/sandbags.cy.md:1: question: is required in a translation; add a line such as ' \
           '"question: ... (the question in this language)"' in errors


def test_a_site_in_one_language_does_not_take_cy_files_for_translations(content_copy):
    catalogue = check(content_copy, languages=("en-GB",))
    assert catalogue.translations == []
    assert f"{FLOOD}.cy.md" in {p.path for p in catalogue.errors}


def test_areas_have_a_name_per_language():
    areas = check(ROOT / "content").areas
    assert (areas["riverside"].name, areas["riverside"].name_in("cy")) == ("Riverside", "Glan yr Afon")
    assert areas["millbrook"].name_in("cy") == "Millbrook"
    assert areas["riverside"].description_in("cy").startswith("Coridor yr afon")


def test_an_area_named_in_a_language_the_site_does_not_have_is_a_warning(content_copy):
    rewrite(content_copy / "areas.yaml", "cy: Yr ardal gyfan", "fr: Tout le district")
    catalogue = check(content_copy)
    assert catalogue.errors == []
    assert 'content/areas.yaml:5: district-wide: warning: "fr" is not one of the site\'s languages (en-GB, cy), so it ' \
           "is not shown; see LANGUAGES in pelicanconf.py" in [str(p) for p in catalogue.warnings]
