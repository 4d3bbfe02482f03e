"""The content cache makes a build faster, never different: warm and cold builds write the same bytes,
and a changed file is read again (the page, and the check, see the change)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from pelican.settings import read_settings

import frontmatter.cache
from conftest import NOW, ROOT, build, site_files
from frontmatter.check import check_settings
from frontmatter.clock import now

CACHE = ".noticeboard-cache"


def test_a_warm_build_writes_the_same_bytes_as_a_cold_one(content_copy, tmp_path):
    assert build(content_copy, tmp_path / "cold") == 0
    cache = content_copy.parent / CACHE
    assert {p.name.split("-")[0] for p in cache.iterdir()} == {"feed", "front", "html", "links",
                                                               "pages.json", "sanitised", "search", "social",
                                                               "templates"}
    assert build(content_copy, tmp_path / "warm") == 0
    cold, warm = site_files(tmp_path / "cold"), site_files(tmp_path / "warm")
    assert cold.keys() == warm.keys()
    assert [name for name in cold if cold[name] != warm[name]] == []


def test_a_new_file_rewrites_one_part_of_each_store_it_joins(content_copy, tmp_path):
    """Each store is kept in 16 files by key: a new notice adds to one of them, the rest stay as they were."""
    assert build(content_copy, tmp_path / "site") == 0
    cache = content_copy.parent / CACHE
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("front-matter-*.pickle")}
    assert len(before) > 8
    notice = content_copy / "notices" / "mill-lane-resurfacing.md"
    (content_copy / "notices" / "mill-lane-again.md").write_text(notice.read_text().replace("Mill Lane", "Mill Row"))
    assert build(content_copy, tmp_path / "site") == 0
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("front-matter-*.pickle")}
    assert len([name for name in after if after[name] != before.get(name)]) == 1


def test_a_changed_file_is_read_again_by_the_check_and_the_build(content_copy, tmp_path):
    assert build(content_copy, tmp_path / "first") == 0
    notice = content_copy / "notices" / "mill-lane-resurfacing.md"
    original = notice.read_text()
    notice.write_text(original.replace("title:", "titel:", 1))
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content_copy)})
    errors = [str(p) for p in check_settings(settings, now({"NOTICEBOARD_NOW": NOW})).errors]
    assert 'content/notices/mill-lane-resurfacing.md:2: titel: is not a field of a notice. Did you mean "title"?' \
        in errors

    notice.write_text(original.replace("Mill Lane closed for resurfacing", "Mill Lane works moved to spring")
                      + "\nThe resurfacing has moved to March because of the floods.\n")
    assert build(content_copy, tmp_path / "second") == 0
    page = (tmp_path / "second" / "notices" / "mill-lane-resurfacing" / "index.html").read_text()
    assert "Mill Lane works moved to spring" in page
    assert "The resurfacing has moved to March because of the floods." in page


def test_files_read_in_several_processes_are_checked_and_kept_as_if_read_in_one(content_copy, tmp_path,
                                                                              monkeypatch):
    """A cold check shares the files the cache lacks out between BUILD_PROCESSES processes: the same
    problems and entries as one process finds, and a cache the next check reads without parsing a file."""
    post = (content_copy / "posts" / "budget-consultation-results.md").read_text()
    for number in range(240):
        text = post.replace("next year's budget", f"the budget, part {number}")
        if number % 100 == 7:
            text = text.replace("title:", "titel:", 1)
        if number % 50 == 3:  # a summary too long for a post: a warning made in whichever process
            text = re.sub(r"summary: .*", "summary: " + "Every household in the district had its say. " * 6, text)
        (content_copy / "posts" / f"budget-part-{number}.md").write_text(text)
    parsed_in = tmp_path / "parsed-in"
    real_parse = frontmatter.cache.parse_source

    def parse_source(raw, display):
        with open(parsed_in, "a") as record:  # from whichever process parses
            record.write(f"{os.getpid()}\n")
        return real_parse(raw, display)

    monkeypatch.setattr(frontmatter.cache, "parse_source", parse_source)
    read_in = tmp_path / "read-in"
    real_read = Path.read_bytes

    def read_bytes(path):
        if path.suffix == ".md":
            with open(read_in, "a") as record:
                record.write(f"{path.name}\n")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)

    def check(processes: int, cache: str):
        settings = read_settings(str(ROOT / "pelicanconf.py"), override={
            "PATH": str(content_copy), "BUILD_PROCESSES": processes, "CONTENT_CACHE_PATH": cache})
        return check_settings(settings, now({"NOTICEBOARD_NOW": NOW}))

    alone = check(1, "cache-alone")
    read_in.unlink()
    shared = check(2, "cache-shared")
    assert len(set(parsed_in.read_text().split())) == 2  # this process, and one more for the shared check
    reads = read_in.read_text().split()
    assert len(reads) == len(set(reads)) > 240  # each file read once, in whichever process
    assert [str(p) for p in shared.problems] == [str(p) for p in alone.problems]
    assert 'content/posts/budget-part-107.md:2: titel: is not a field of a post. Did you mean "title"?' in \
        [str(p) for p in shared.errors]
    assert [(e.source_path, e.title, e.summary) for e in shared.entries] == \
        [(e.source_path, e.title, e.summary) for e in alone.entries]
    assert len(shared.entries) == len(alone.entries) > 240
    assert "content/posts/budget-part-53.md:4: summary: warning: the post to x would be" in \
        "\n".join(str(p) for p in shared.warnings)

    parsed_in.unlink()
    warm = check(2, "cache-shared")
    assert not parsed_in.exists()
    assert [str(p) for p in warm.problems] == [str(p) for p in alone.problems]


def test_the_cache_folder_is_ignored_by_git():
    result = subprocess.run(["git", "check-ignore", "-q", f"{CACHE}/html-0.pickle"], cwd=ROOT)
    assert result.returncode == 0


def test_ci_keeps_the_cache_folder_the_settings_name(tmp_path):
    cached = {".github/workflows/publish.yml", ".github/workflows/pr.yml", ".gitlab-ci.yml"}
    setting = read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_CACHE_PATH"]
    assert {name for name in cached if f"path: {setting}\n" in (ROOT / name).read_text()
            or f"path: |\n            {setting}\n            output\n" in (ROOT / name).read_text()
            or f"paths: [{setting}/, output/]" in (ROOT / name).read_text()} == cached


def test_a_cache_from_other_code_is_dropped_not_read(content_copy, tmp_path):
    cache = content_copy.parent / CACHE
    cache.mkdir()
    (cache / "html-0000000000000000.pickle").write_bytes(b"not a pickle")
    assert build(content_copy, tmp_path / "output") == 0
    assert not (cache / "html-0000000000000000.pickle").exists()
    assert len({p.name.rsplit("-", 1)[1] for p in cache.glob("html-*.pickle")}) == 1, "one cache: this code's"


def test_a_cache_that_cannot_be_written_never_stops_the_build(content_copy, tmp_path, caplog):
    (content_copy.parent / CACHE).write_text("a file where the cache folder would go")
    assert build(content_copy, tmp_path / "output") == 0
    assert (tmp_path / "output" / "notices" / "mill-lane-resurfacing" / "index.html").is_file()
    assert "content cache: could not save" in caplog.text


def test_a_feed_missing_or_changed_in_the_output_folder_is_made_again(content_copy, tmp_path):
    """The cache keeps what each feed and calendar held, not its bytes: one the folder lost is made again."""
    output = tmp_path / "output"
    assert build(content_copy, output) == 0
    made = site_files(output)
    (output / "feeds" / "all.atom.xml").unlink()
    (output / "feeds" / "all.rss.xml").write_text("edited by hand")
    (output / "cy" / "feeds" / "all.json").write_bytes(b"")
    (output / "calendar" / "all.ics").unlink()
    next(output.glob("notices/*/notice.ics")).write_text("edited by hand")
    assert build(content_copy, output) == 0
    assert site_files(output) == made
