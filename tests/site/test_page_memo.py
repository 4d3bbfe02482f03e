"""A page is rendered again only when something it shows changed, and a rebuild is never different from
a build from scratch: after each kind of change an editor makes, the warm build and a cold build of the
same content write the same bytes, and the warm one rendered only the pages that show the change.
Built as `make publish` builds (publishconf.py: links made relative, pages minified) and as `make serve`
does (pelicanconf.py), since a page the memo keeps has its banner replaced in the file as written. The
warm builds write their pages in three processes, the cold ones in one."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from conftest import NOW, ROOT, SAMPLE_CONTENT, site_files
from conftest import build as build_with

#: The emergency notice `make bench` adds to measure the emergency path.
EMERGENCY = (ROOT / "bench" / "emergency-notice.md").read_text(encoding="utf-8")


SETTINGS = {"publishconf.py": {"RELATIVE_LINKS": True}, "pelicanconf.py": {}}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rendered(capsys) -> tuple[int, int]:
    """How many pages the last build rendered, of how many, as it told the editor."""
    found = re.findall(r"built (\d+) pages \((\d+) rendered, the rest unchanged\)", capsys.readouterr().out)
    assert found, "the build did not say how many pages it rendered"
    return int(found[-1][1]), int(found[-1][0])


def png(width: int, height: int) -> bytes:
    """A plain white PNG of the given size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\xff" * 3 * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


CHANGES = {
    "one notice's text": (NOW, lambda c: edit(c / "notices" / "mill-lane-resurfacing.md",
                                               "The road will be closed day and night.",
                                               "The road will be closed day and night, with a signed diversion.")),
    "a question another answer links to": (NOW, lambda c: edit(
        c / "faq" / "bin-collection-day.md", "question: ", "question: Please tell me, ")),
    "a Welsh translation of a notice": (NOW, lambda c: edit(
        c / "notices" / "christmas-bin-collections.cy.md", "\n---\n", "\n---\nDiolch am ailgylchu.\n")),
    "an emergency notice added (the banner on every page)": (NOW, lambda c: (c / "notices" / "gas-leak-station-road.md").write_text(
        EMERGENCY, encoding="utf-8")),
    "an image replaced by one of another size (its width and height are on the page)": (
        NOW, lambda c: (c / "images" / "recycling-bins.png").write_bytes(png(37, 23))),
    "the clock passing a notice's end": ("2026-11-27T19:00:00+00:00", lambda c: None),
}


@pytest.fixture(scope="module", params=list(SETTINGS))
def warm_site(tmp_path_factory, request):
    """The sample content built once into a site whose memo and cache later builds use; and how to build it."""
    folder = tmp_path_factory.mktemp("memo")
    content = folder / "content"
    shutil.copytree(SAMPLE_CONTENT, content)

    def build(content: Path, output: Path, now: str = NOW, processes: int = 3, **override) -> int:
        return build_with(content, output, now, settings=ROOT / request.param, SEARCH_INDEX=False,
                          BUILD_PROCESSES=processes, **SETTINGS[request.param], **override)

    assert build(content, folder / "site") == 0
    return folder, build


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_rebuild_after_a_change_writes_what_a_build_from_scratch_writes(warm_site, change, capsys):
    now, apply = CHANGES[change]
    warm_site, build = warm_site
    content = warm_site / "content"
    assert build(content, warm_site / "site") == 0  # the site as it stood
    apply(content)
    capsys.readouterr()
    assert build(content, warm_site / "site", now=now) == 0
    count, pages = rendered(capsys)
    assert build(content, warm_site / f"cold-{change}", now=now, processes=1, CONTENT_CACHE_PATH=None) == 0

    warm, cold = site_files(warm_site / "site"), site_files(warm_site / f"cold-{change}")
    assert warm.keys() == cold.keys()
    assert [name for name in warm if warm[name] != cold[name]] == []
    assert 0 < count < pages / 4, f"{count} of {pages} pages rendered for {change}"


def test_a_rebuild_with_nothing_changed_renders_nothing(warm_site, capsys):
    warm_site, build = warm_site
    assert build(warm_site / "content", warm_site / "site") == 0
    capsys.readouterr()
    assert build(warm_site / "content", warm_site / "site") == 0
    assert rendered(capsys)[0] == 0


def test_a_site_restored_with_new_file_times_is_not_rendered_again(warm_site, capsys):
    """CI restores the output folder from its cache with the files' times changed: same bytes, no render."""
    warm_site, build = warm_site
    assert build(warm_site / "content", warm_site / "site") == 0
    for page in (warm_site / "site").rglob("*.html"):
        os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    capsys.readouterr()
    assert build(warm_site / "content", warm_site / "site") == 0
    assert rendered(capsys)[0] == 0
