"""Front matter is read once, fast, as YAML 1.2; a problem still names its line as before."""

from __future__ import annotations

from frontmatter.source import parse_source

NOTICE = """---
title: no
date: 2026-11-24 09:30
summary: On
social: yes
areas: [riverside]
count: 010
---
Text.
"""


def test_yaml_1_2_words_stay_words_and_dates_stay_text():
    source, problems = parse_source(NOTICE.encode(), "content/notices/x.md")
    assert problems == []
    assert source.data["title"] == "no"
    assert source.data["summary"] == "On"
    assert source.data["social"] == "yes"
    assert source.data["date"] == "2026-11-24 09:30"
    assert source.data["count"] == 10  # not octal, as YAML 1.1 would have it
    assert source.line_of("social") == 5
    assert source.line_of("areas") == 6


def test_a_field_given_twice_is_an_error_at_its_line():
    text = NOTICE.replace("count: 010", "title: yes")
    source, problems = parse_source(text.encode(), "content/notices/x.md")
    assert source is None
    assert [(p.line, p.field) for p in problems] == [(7, "front matter")]
    assert "not valid YAML" in problems[0].message
