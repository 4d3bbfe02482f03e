"""Bad input: whatever an editor (or a broken tool) puts in content/, `invoke check` answers with
``path:line: field: message`` lines and never a traceback; a checked body always renders and sanitises.

Property-based (hypothesis): front matter built from the schema's fields with random values, sample
files mutated byte by byte, and any text in the encodings editors save in. Then the cases a council
meets: huge files, binary files, UTF-16 and Latin-1, a byte order mark, CRLF line ends, links leading
out of content/, file names with spaces or capitals.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontmatter.cache import ContentCache
from frontmatter.problems import Problem
from frontmatter.sanitise import sanitise
from frontmatter.schema import SCHEMAS
from frontmatter.validate import check_content
from tests.conftest import NOW, SAMPLE_CONTENT
from tests.reliability import figures

MARKDOWN = {"extensions": ["extra", "toc", "sane_lists"], "output_format": "html5"}
CLOCK = datetime.fromisoformat(NOW)
FIELDS = sorted({f.name for fields in SCHEMAS.values() for f in fields} | {"at", "text", "titel", "tags"})
HOSTILE = ["<script>alert(1)</script>", "[x](javascript:alert(2))", "<iframe src=//x>", "{: onclick=alert(3) }",
           "<img src=x onerror=alert(4)>", "\x00", "\x07", "\ufeff", "\r\n", "---", ": ", "- ", "&#x6a;avascript:",
           "<!--", "```", "[^1]", "*[HTML]: x", "<details open>", "\t", "é", "🌊", "\u202e"]
EXAMPLES = 150
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
                    st.sampled_from(["2026-11-25 09:00", "2026-02-30", "25/11/2026", "emergency", "riverside",
                                     "[riverside]", "yes", "no", "~", "null", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(FIELDS), inner, max_size=3)),
                      max_leaves=8)
bodies = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), max_size=12).map("".join)


class Cases:
    """Counts what ran, for the figure `make reliability` prints."""

    cases = 0
    tracebacks = 0
    unlocated = 0


def well_formed(problem: Problem, lines: int) -> bool:
    return (str(problem).startswith(f"{problem.path}:{problem.line}: {problem.field}: ") and problem.message
            and problem.field and 0 <= problem.line <= lines + 1)


def check_bytes(content: Path, name: str, data: bytes) -> list[Problem]:
    """Check a content folder holding one file with ``data``: its problems, all well formed."""
    for old in (content / "notices").glob("*"):
        old.unlink()
    path = content / "notices" / name
    path.write_bytes(data)
    Cases.cases += 1
    try:
        catalogue = check_content(content, content.parent, "Europe/London", CLOCK, ContentCache(None, MARKDOWN))
        for entry in catalogue.entries:  # what the reader does with a checked file
            sanitise(catalogue.sources.html(entry.source_path))
    except Exception:
        Cases.tracebacks += 1
        raise
    mine = [p for p in catalogue.problems if p.path.endswith(name)]
    bad = [p for p in mine if not well_formed(p, data.count(b"\n") + 1)]
    Cases.unlocated += len(bad)
    assert not bad, [str(p) for p in bad]
    return mine


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    (folder / "notices").mkdir(parents=True)
    shutil.copy(SAMPLE_CONTENT / "areas.yaml", folder / "areas.yaml")
    return folder


@pytest.fixture(scope="module", autouse=True)
def count_cases():
    yield
    figures.record("bad-input", cases=Cases.cases, tracebacks=Cases.tracebacks, unlocated=Cases.unlocated)


@SETTINGS
@given(fields=st.dictionaries(st.sampled_from(FIELDS), values, max_size=12), body=bodies,
       crlf=st.booleans(), bom=st.booleans())
def test_random_front_matter_and_markdown_get_located_problems(content, fields, body, crlf, bom):
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
    text = f"---\n{front}\n---\n{body}\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    check_bytes(content, "random.md", ("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass"))


SAMPLES = sorted((SAMPLE_CONTENT / "notices").glob("*.md"))


@SETTINGS
@given(sample=st.sampled_from(SAMPLES),
       edits=st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.floats(0, 1),
                                st.one_of(st.sampled_from([s.encode() for s in HOSTILE]), st.binary(max_size=4))),
                      min_size=1, max_size=6))
def test_mutated_sample_files_get_located_problems(content, sample, edits):
    data = bytearray(sample.read_bytes())
    for operation, where, piece in edits:
        at = int(where * len(data))
        if operation == "insert":
            data[at:at] = piece
        elif operation == "delete":
            del data[at:at + len(piece) + 1]
        else:
            data[at:at + len(piece)] = piece
    check_bytes(content, sample.name, bytes(data))


@SETTINGS
@given(text=st.text(max_size=300), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252"]))
def test_any_text_in_any_encoding_gets_located_problems(content, text, encoding):
    check_bytes(content, "encoded.md", f"---\ntitle: {text}\n---\n{text}".encode(encoding, "replace"))


VALID = (SAMPLE_CONTENT / "notices" / "quay-street-closure.md").read_text()


def messages(problems: list[Problem]) -> str:
    return "\n".join(map(str, problems))


def test_the_files_councils_actually_meet(content, tmp_path):
    huge = check_bytes(content, "huge.md", VALID.encode() + b"x" * 3_000_000)
    assert "huge.md:1: file: is 3.0 MB" in messages(huge)
    binary = check_bytes(content, "photo.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    assert "photo.md:1: file: is not UTF-8 text" in messages(binary)
    assert "file: is not UTF-8 text" in messages(check_bytes(content, "utf16.md", VALID.encode("utf-16")))
    latin = VALID.replace("Quay Street", "Quay Stréet")
    assert "latin.md:2: file: is not UTF-8 text" in messages(check_bytes(content, "latin.md", latin.encode("latin-1")))
    nul = check_bytes(content, "nul.md", VALID.encode().replace(b"summary", b"sum\x00mary"))
    assert "nul.md:4: file: has a NUL character" in messages(nul)
    assert check_bytes(content, "bom.md", b"\xef\xbb\xbf" + VALID.encode()) == []
    tab = check_bytes(content, "tab.md", VALID.replace("severity:", "s\teverity:", 1).encode())  # libyaml reads it
    assert 'tab.md:6: s\teverity: is not a field of a notice. Did you mean "severity"?' in messages(tab)
    assert check_bytes(content, "crlf.md", VALID.replace("\n", "\r\n").encode()) == []
    assert 'file name: "Mill Lane Closure" cannot be a web address' in messages(
        check_bytes(content, "Mill Lane Closure.md", VALID.encode()))

    secret = tmp_path / "ci-secrets.md"
    secret.write_text(VALID.replace("Quay Street", "SECRET"))
    (content / "notices" / "linked.md").symlink_to(secret)
    Cases.cases += 1
    catalogue = check_content(content, content.parent, "Europe/London", CLOCK, ContentCache(None, MARKDOWN))
    assert f"content/notices/linked.md:1: file: is a link to {secret}, outside content/" in messages(catalogue.problems)
    assert not any(entry.slug == "linked" for entry in catalogue.entries)
    os.unlink(content / "notices" / "linked.md")

    (content / "notices" / "folder.md").mkdir()
    Cases.cases += 1
    catalogue = check_content(content, content.parent, "Europe/London", CLOCK, ContentCache(None, MARKDOWN))
    assert "content/notices/folder.md:1: file: is not a file" in messages(catalogue.problems)
    (content / "notices" / "folder.md").rmdir()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text(VALID.replace("Quay Street", "SECRET"))
    shutil.rmtree(content / "faq", ignore_errors=True)
    (content / "faq").symlink_to(elsewhere, target_is_directory=True)
    Cases.cases += 1
    catalogue = check_content(content, content.parent, "Europe/London", CLOCK, ContentCache(None, MARKDOWN))
    assert f"is a link to {elsewhere / 'secret.md'}, outside content/" in messages(catalogue.problems)
    assert not any(entry.slug == "secret" for entry in catalogue.entries)
    os.unlink(content / "faq")
