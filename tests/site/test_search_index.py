"""The search index is made beside the site and then put in it: a failed run leaves the last index whole,
and a new index rewrites only the files that changed (so a deploy sends only those). It is made in parts,
and a build indexes again only the parts whose pages changed."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from search.pagefind import ENTRY, SearchIndexError, SearchIndexRun, install_index
from search.parts import recent_pages

from conftest import NOW, ROOT, SITE_PAGES_ONLY, SITEURL
from frontmatter.build import build_site_apart

PATTERNS = {"en-GB": ["news/*/index.html"], "cy": ["cy/news/*/index.html"]}


def write_page(site: Path, path: str, text: str, banner: str = "", body: str = " data-pagefind-body") -> None:
    """An entry's page, its main element marked for Pagefind; a list's with ``body=""``."""
    lang = "cy" if path.startswith("cy/") else "en-GB"
    page = site / path / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<!doctype html><html lang="{lang}"><head><title>{path}</title></head><body>'
                    f'<div id="urgent-notices">{banner}</div>'
                    f"<nav>Menu</nav><main{body}><h1>{path}</h1><p>{text}</p></main></body></html>")


@pytest.fixture
def site(tmp_path) -> Path:
    """Eleven English pages and three Welsh ones: in parts of four, three English parts and one Welsh."""
    site = tmp_path / "site"
    for number in range(11):
        write_page(site, f"news/n{number}", f"River levels report number {number}.")
    for number in range(3):
        write_page(site, f"cy/news/n{number}", f"Adroddiad lefelau afonydd rhif {number}.")
    return site


def index_parts(site: Path, part_pages: int = 4, recent: frozenset[str] = frozenset()) -> tuple[str, list[dict]]:
    """Index the site in parts of four pages, with the banner's slot and a cache folder as a build has them."""
    digests = site.parent / ".noticeboard-cache" / "search-parts.json"
    summary = SearchIndexRun(site, PATTERNS, part_pages, slots=("urgent-notices",), digests=digests,
                             recent=recent).finish()
    return summary, json.loads((site / "pagefind" / "parts.json").read_text())["parts"]


def pages_of(index: Path) -> dict[str, str]:
    """The pages one part of the index holds (from Pagefind's fragments): their addresses and texts."""
    fragments = (json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in (index / "fragment").iterdir())
    return {fragment["url"]: fragment["content"] for fragment in fragments}


def files(index: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(index)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in index.rglob("*") if p.is_file()}


def test_each_page_is_in_one_part_and_the_first_part_holds_every_language(site):
    summary, parts = index_parts(site)

    assert summary == "search index: 3 of 3 parts indexed again (14 pages read)"
    assert [part["path"] for part in parts] == ["", "parts/1/", "parts/2/"]
    assert parts[0]["languages"] == ["cy", "en-gb"] and parts[1]["languages"] == parts[2]["languages"] == ["en-gb"]
    held = [pages_of(site / "pagefind" / part["path"]) for part in parts]
    addresses = [url for part in held for url in part]
    assert sorted(addresses) == sorted({f"/news/n{n}/" for n in range(11)} | {f"/cy/news/n{n}/" for n in range(3)})
    assert all(held), "no part is empty"
    assert held[0]["/cy/news/n0/"] == "cy/news/n0. Adroddiad lefelau afonydd rhif 0.", "the text of the page's body"


def test_a_build_indexes_again_only_the_parts_whose_pages_changed(site):
    _, parts = index_parts(site)
    index = site / "pagefind"
    first = files(index)

    assert index_parts(site)[0] == "search index: 0 of 3 parts indexed again (0 pages read)"
    assert files(index) == first, "nothing changed, nothing rewritten"

    changed = next(url for url in pages_of(index / "parts/2/") if url.startswith("/news/"))
    write_page(site, changed.strip("/"), "Flood defences raised on Mill Lane.")
    os.utime(site / changed.strip("/") / "index.html", ns=(1, 1))  # a time of its own, however coarse the clock
    summary, after = index_parts(site)

    assert summary.startswith("search index: 1 of 3 parts indexed again")
    assert "Mill Lane" in pages_of(index / "parts/2/")[changed]
    untouched = {name: stat for name, stat in first.items() if not name.startswith(("parts/2/", "parts.json"))}
    assert {name: stat for name, stat in files(index).items() if name in untouched} == untouched
    assert [part["content"] for part in after][:2] == [part["content"] for part in parts][:2]


def test_a_new_page_joins_one_part_and_leaves_the_others_as_they_were(site):
    index_parts(site)
    before = {part["path"]: set(pages_of(site / "pagefind" / part["path"])) for part in index_parts(site)[1]}

    write_page(site, "news/n11", "A new page about gritting.")
    summary, parts = index_parts(site)

    assert summary.startswith("search index: 1 of 3 parts indexed again")
    after = {part["path"]: set(pages_of(site / "pagefind" / part["path"])) for part in parts}
    [grown] = [path for path in after if after[path] != before[path]]
    assert after[grown] == before[grown] | {"/news/n11/"}


def test_a_new_banner_on_every_page_leaves_the_index_as_it_was(site):
    index_parts(site)
    index = site / "pagefind"
    first = files(index)
    for page in site.glob("**/n*/index.html"):
        path = str(page.parent.relative_to(site))
        text = page.read_text().split("<p>")[1].split("</p>")[0]
        write_page(site, path, text, banner='<a href="/notices/gas-leak/">Emergency: gas leak</a>')
        os.utime(page, ns=(1, 1))

    assert index_parts(site)[0] == "search index: 0 of 3 parts indexed again (0 pages read)"
    assert files(index) == first
    kept = {str(p.relative_to(index)): p.read_bytes() for p in index.rglob("*") if p.is_file()}
    for cache in (index, site.parent / ".noticeboard-cache"):
        shutil.rmtree(cache)
    assert index_parts(site)[0].startswith("search index: 3 of 3 parts")
    assert {str(p.relative_to(index)): p.read_bytes() for p in index.rglob("*") if p.is_file()} == kept, (
        "the same index as one made from scratch: the banner is not indexed")


def test_a_list_that_pagefind_skips_changes_no_part_unless_no_page_is_marked(site):
    """A new entry changes the lists that name it, which Pagefind skips where other pages mark their body."""
    write_page(site, "news/latest", "Latest: River levels report number 10.", body="")
    index_parts(site)
    write_page(site, "news/latest", "Latest: Gas leak on Station Road.", body="")
    os.utime(site / "news/latest/index.html", ns=(1, 1))
    assert index_parts(site)[0] == "search index: 0 of 3 parts indexed again (0 pages read)"

    unmarked = site.parent / "unmarked"
    for number in range(2):
        write_page(unmarked, f"news/n{number}", f"Report {number}.", body="")
    summary = SearchIndexRun(unmarked, PATTERNS, 4).finish()
    assert summary == "search index: 1 of 1 part indexed again (2 pages read)"
    write_page(unmarked, "news/n1", "Gas leak on Station Road.", body="")
    os.utime(unmarked / "news/n1/index.html", ns=(1, 1))
    assert SearchIndexRun(unmarked, PATTERNS, 4).finish() == summary
    assert "Station Road" in pages_of(unmarked / "pagefind")["/news/n1/"]


def test_recent_pages_have_parts_of_their_own_so_a_new_entry_is_indexed_with_them_alone(site):
    recent = frozenset({"news/n9/index.html", "news/n10/index.html", "cy/news/n2/index.html"})
    summary, parts = index_parts(site, recent=recent)

    # Nine settled English pages in three parts, the two recent ones apart; three Welsh pages fit in one
    # part, so they stay in the first whatever their age.
    assert summary == "search index: 4 of 4 parts indexed again (14 pages read)"
    assert [part["path"] for part in parts] == ["", "parts/1/", "parts/2/", "parts/recent-0/"]
    assert set(pages_of(site / "pagefind" / "parts/recent-0/")) == {"/news/n9/", "/news/n10/"}
    assert "/cy/news/n2/" in pages_of(site / "pagefind")
    settled = {part["path"]: part["content"] for part in parts[:3]}

    write_page(site, "news/n11", "Emergency: gas leak on Station Road.")
    summary, parts = index_parts(site, recent=recent | {"news/n11/index.html"})

    assert summary == "search index: 1 of 4 parts indexed again (3 pages read)"
    assert {part["path"]: part["content"] for part in parts[:3]} == settled
    assert "Station Road" in pages_of(site / "pagefind" / "parts/recent-0/")["/news/n11/"]


def test_recent_pages_are_those_of_entries_first_published_this_month_or_last(tmp_path):
    siteurl = "https://www.riverford.example"

    def record(path: str, date: str, **translations) -> dict:
        return {"url": f"{siteurl}/{path}", "date": date, "translations": translations}

    entries = [
        {**record("notices/gas-leak/", "2026-11-25T08:40:00+00:00"),
         "translations": {"cy": record("cy/notices/gas-leak/", "2026-11-25T08:40:00+00:00")}},
        record("news/october/", "2026-10-01T00:30:00+01:00"),  # 1 October in London, 30 September in UTC
        record("news/september/", "2026-09-30T23:00:00+01:00"),
        record("faq/bins.html", "2026-11-02T10:00:00+00:00"),
        {"url": "https://elsewhere.example/news/x/", "date": "2026-11-02T10:00:00+00:00"},
    ]
    (tmp_path / "entries.json").write_text(json.dumps({"entries": entries}))
    clock = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    assert recent_pages(tmp_path, siteurl, clock, "Europe/London") == {
        "notices/gas-leak/index.html", "cy/notices/gas-leak/index.html", "news/october/index.html",
        "faq/bins.html"}
    assert recent_pages(tmp_path, siteurl, datetime(2026, 12, 1, 0, 30, tzinfo=UTC), "Europe/London") == {
        "notices/gas-leak/index.html", "cy/notices/gas-leak/index.html", "faq/bins.html"}
    assert recent_pages(tmp_path / "nowhere", siteurl, clock, "Europe/London") == set()


def test_larger_parts_leave_no_part_behind(site):
    index_parts(site)
    summary, parts = index_parts(site, part_pages=20)

    assert summary == "search index: 1 of 1 part indexed again (14 pages read)"
    assert [part["path"] for part in parts] == [""] and not (site / "pagefind" / "parts").exists()
    assert len(pages_of(site / "pagefind")) == 14


def test_an_index_from_before_the_parts_is_made_again_whole(site):
    stale = site / "pagefind" / "fragment" / "en_old.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_text("from the last index")
    (site / "pagefind" / ENTRY).write_text('{"version": "the last index"}')

    summary, parts = index_parts(site)

    assert summary.startswith("search index: 3 of 3 parts")
    assert not stale.exists() and json.loads((site / "pagefind" / ENTRY).read_text())["version"] != "the last index"


def test_a_failed_index_leaves_the_last_one_whole(tmp_path):
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / ENTRY).write_text('{"version": "the last index"}')

    with pytest.raises(SearchIndexError, match="pagefind exited with status 1: .*not able to build an index"):
        SearchIndexRun(site, {"en-GB": ["**/*.html"]}).finish()  # a site with no page to index
    assert (site / "pagefind" / ENTRY).read_text() == '{"version": "the last index"}'
    assert [path.name for path in tmp_path.iterdir()] == ["site"], "nothing left beside the site"


def test_a_run_leaves_nothing_beside_the_site_when_the_index_is_made_or_stopped(site):
    summary, _ = index_parts(site)
    assert summary.startswith("search index: 3 of 3 parts")
    assert sorted(path.name for path in site.parent.iterdir()) == [".noticeboard-cache", "site"]

    shutil.rmtree(site / "pagefind")
    SearchIndexRun(site, PATTERNS, 4).stop()  # as a failed deploy stops it, at whichever part it is
    assert sorted(path.name for path in site.parent.iterdir()) == [".noticeboard-cache", "site"]
    assert not (site / "pagefind").exists()


def test_pagefind_reads_the_pages_of_its_part_whatever_their_paths_hold(tmp_path):
    """Pagefind picks a part's pages by a glob of their paths: its own signs in a path are taken as written."""
    site = tmp_path / "site"
    odd = ["news/a,b", "news/[draft]", "news/{x}", "news/why?", "news/all*", "news/10:30", "news/£5 (off)",
           "news/$cost", "news/<tag>", "news/ŵyl-y-môr"]
    for path in [*odd, "news/a", "news/draft", "news/x", "news/why", "news/all-of-it", "news/cost"]:
        write_page(site, path, f"River levels report {path}.")

    SearchIndexRun(site, {"en-GB": ["news/*/index.html"]}, part_pages=6).finish()  # odd ones with plain ones

    parts = json.loads((site / "pagefind" / "parts.json").read_text())["parts"]
    indexed = {url for part in parts for url in pages_of(site / "pagefind" / part["path"])}
    assert len(parts) > 1 and sorted(indexed) == sorted(f"/{path}/" for path in [*odd, "news/a", "news/draft",
                                                                                 "news/x", "news/why",
                                                                                 "news/all-of-it", "news/cost"])
    assert sum(len(pages_of(site / "pagefind" / part["path"])) for part in parts) == 16, "each page in one part"


def test_a_new_index_keeps_the_files_it_shares_with_the_last(tmp_path):
    index, new = tmp_path / "site" / "pagefind", tmp_path / "new"
    for folder, files_and_texts in ((index, {"fragment/en_1.pf_fragment": "one", "fragment/en_2.pf_fragment": "two",
                                             ENTRY: "last"}),
                                    (new, {"fragment/en_1.pf_fragment": "one", "fragment/en_3.pf_fragment": "three",
                                           ENTRY: "new"})):
        for name, text in files_and_texts.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    kept = (index / "fragment" / "en_1.pf_fragment").stat()

    install_index(new, index)

    assert {str(p.relative_to(index)): p.read_text() for p in index.rglob("*") if p.is_file()} == {
        "fragment/en_1.pf_fragment": "one", "fragment/en_3.pf_fragment": "three", ENTRY: "new"}
    after = (index / "fragment" / "en_1.pf_fragment").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns), "an unchanged file is not rewritten"


def test_a_build_in_its_own_process_makes_the_index_once_that_process_has_ended(content_copy, tmp_path, capfd,
                                                                                monkeypatch):
    """`invoke build` (build_site_apart): the build's process writes the pages, and the index is made
    after it has ended, so the two never hold their memory at once."""
    monkeypatch.setenv("NOTICEBOARD_NOW", NOW)
    output = tmp_path / "output"
    override = {"PATH": str(content_copy), "OUTPUT_PATH": str(output), "SITEURL": SITEURL, **SITE_PAGES_ONLY}

    assert build_site_apart(ROOT / "pelicanconf.py", override) == 0

    said = capfd.readouterr().out.splitlines()
    assert said[-2].startswith("built ") and said[-1].startswith("search index: 1 of 1 part indexed again")
    assert "/faq/sandbags/" in pages_of(output / "pagefind")
