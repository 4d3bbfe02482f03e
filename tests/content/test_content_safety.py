"""Content safety: a body's scripts, frames and javascript: links never reach a page; titles,
summaries, updates and corrections are text in every output (pages, feeds, CAP, JSON-LD, calendars,
social posts); control characters are refused with file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
from icalendar import Calendar
from lxml import etree, html

from conftest import NOW
from frontmatter.cache import ContentCache
from frontmatter.clock import now
from frontmatter.validate import check_content

XSS_BODY = """Residents should read this.

<script>alert(4)</script>

[click](javascript:alert(5)) and [write to us](mailto:roads@riverford.example)

<iframe src="https://evil.example/frame"></iframe>

<img src="/images/x.png" alt="a sign" onerror="alert(6)">
"""

#: Markup an editor might paste into a one-line field: it must show as these characters, never run.
MARKUP = '<script>alert("pwn")</script><i class="pwn">&amp; Bold</i>'
HOSTILE_NOTICE = f"""---
title: 'Road closed {MARKUP}'
date: 2026-11-25 08:00
summary: 'Summary {MARKUP}'
notice_type: road_closure
severity: warning
starts: 2026-11-25 08:00
ends: 2026-11-30 18:00
areas: [riverside]
updates:
  - at: 2026-11-25 08:20
    text: 'Update {MARKUP}'
correction:
  at: 2026-11-25 08:30
  text: 'Correction {MARKUP}'
---
The body.
"""


def check(content: Path):
    return check_content(content, content.parent, "Europe/London", now({"NOTICEBOARD_NOW": NOW}),
                         ContentCache(None, {"extensions": ["extra"], "output_format": "html5"}))


def test_scripts_frames_and_javascript_links_are_removed_and_check_warns_where(content_copy, site_builder, tmp_path):
    (content_copy / "notices" / "pwned.md").write_text(HOSTILE_NOTICE.split("The body.")[0] + XSS_BODY)
    warnings = [str(p) for p in check(content_copy).warnings if p.path == "content/notices/pwned.md"]
    assert site_builder(content_copy) == 0

    page = (tmp_path / "output" / "notices" / "pwned" / "index.html").read_text()
    assert "alert(4)" not in page and "alert(5)" not in page and "alert(6)" not in page
    assert "<iframe" not in page and "javascript:" not in page and "onerror" not in page
    details = html.fromstring(page).cssselect("section.details")[0]
    assert "Residents should read this." in details.text_content()
    assert [a.get("href") for a in details.iter("a")] == [None, "mailto:roads@riverford.example"]
    assert details.cssselect("img")[0].get("alt") == "a sign"
    body_line = HOSTILE_NOTICE.count("\n") - 1 + XSS_BODY.count("\n", 0, XSS_BODY.index("<script>")) + 1
    assert f"content/notices/pwned.md:{body_line}: body: warning: <script> is removed from the page" in \
        "\n".join(warnings)
    assert any('href="javascript:alert(5)" on <a> is removed' in w for w in warnings)
    assert any("<iframe> is removed" in w for w in warnings)
    assert any("onerror on <img> is removed" in w for w in warnings)


def test_a_council_can_allow_an_embed_by_name(content_copy, site_builder, tmp_path):
    (content_copy / "notices" / "pwned.md").write_text(HOSTILE_NOTICE.split("The body.")[0] + XSS_BODY)
    assert site_builder(content_copy, SANITISER_EXTRA_TAGS={"iframe": ["src", "title"]}) == 0

    page = (tmp_path / "output" / "notices" / "pwned" / "index.html").read_text()
    assert '<iframe src="https://evil.example/frame"></iframe>' in page
    assert "alert(4)" not in page and "javascript:" not in page


def visible_text_has_no_markup(document: html.HtmlElement, where: str) -> None:
    assert not document.cssselect("i.pwn"), f"{where}: the <i> of a title was run as markup"
    for script in document.iter("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.text)
        else:
            assert "pwn" not in (script.text or ""), f"{where}: a title became a script"


def test_markup_in_titles_summaries_updates_and_corrections_is_text_everywhere(content_copy, site_builder, tmp_path,
                                                                             publisher):
    (content_copy / "notices" / "pwned.md").write_text(HOSTILE_NOTICE)
    assert site_builder(content_copy) == 0
    site = tmp_path / "output"

    pages = sorted(site.rglob("*.html"))
    for path in pages:
        visible_text_has_no_markup(html.fromstring(path.read_bytes()), str(path))
    notice = html.fromstring((site / "notices" / "pwned" / "index.html").read_bytes())
    text = notice.text_content()
    for field in ("Road closed", "Summary", "Update", "Correction"):
        assert f"{field} {MARKUP}" in text, field
    [graph] = [json.loads(s.text) for s in notice.iter("script") if s.get("type") == "application/ld+json"]
    assert graph["@graph"][0]["name"] == f"Road closed {MARKUP}"

    feeds = [*site.glob("feeds/**/*.atom.xml"), *site.glob("feeds/**/*.rss.xml")]
    titled = 0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        assert not parsed.bozo, path
        for entry in parsed.entries:
            if "pwned" in entry.link:
                assert entry.title == f"Road closed {MARKUP}", path
                titled += 1
            parts = [entry.get("summary_detail"), *entry.get("content", [])]
            for part in [p.value for p in parts if p and p.type == "text/html" and p.value.strip()]:
                visible_text_has_no_markup(html.fragment_fromstring(part, create_parent="div"), str(path))
    assert titled >= 2
    for path in site.glob("feeds/**/*.json"):
        for item in json.loads(path.read_bytes())["items"]:
            if "pwned" in item["url"]:
                assert item["title"] == f"Road closed {MARKUP}"
            if item.get("content_html"):
                visible_text_has_no_markup(html.fragment_fromstring(item["content_html"], create_parent="div"),
                                           str(path))

    cap = etree.parse(str(site / "alerts" / "pwned.xml")).getroot()
    cap_ns = "{urn:oasis:names:tc:emergency:cap:1.2}"
    assert cap.findtext(f"{cap_ns}info/{cap_ns}headline").startswith("Road closed <script>")
    assert f"Summary {MARKUP}" in cap.findtext(f"{cap_ns}info/{cap_ns}description")

    calendar = Calendar.from_ical((site / "notices" / "pwned" / "notice.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(MARKUP)

    result = publisher.run(site)
    assert result.returncode == 0, result.stdout + result.stderr
    posts = [json.loads(p.read_text()) for p in publisher.outbox.glob("*.json")]
    texts = [p["text"] for p in posts if p["entry"] == "notices/pwned"]
    assert len(texts) == 3 and all(MARKUP in t for t in texts)


def test_control_characters_in_each_text_field_are_refused_with_line_and_field(content_copy):
    bell = HOSTILE_NOTICE.replace(MARKUP, "bad\\x07 text").replace("'", '"')
    (content_copy / "notices" / "pwned.md").write_text(bell)
    errors = [str(p) for p in check(content_copy).errors if p.path == "content/notices/pwned.md"]
    lines = {"title": 2, "summary": 4, "updates": 10, "correction": 13}
    for field, line in lines.items():
        assert any(e.startswith(f"content/notices/pwned.md:{line}: {field}: has an invisible control "
                                "character (U+0007)") for e in errors), (field, errors)
