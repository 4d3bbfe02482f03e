"""Split a content file into its YAML front matter and Markdown body, keeping line numbers.

YAML is read with ruamel.yaml as YAML 1.2 (so ``no`` stays the word "no") and timestamps stay
text: the schema parses dates itself, with the site's timezone and a message an editor can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from frontmatter.problems import Problem

FENCE = "---"


class _TextTimestamps(RoundTripConstructor):
    """Leave timestamps as the text the editor wrote."""


_TextTimestamps.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def yaml_loader() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextTimestamps
    yaml.version = (1, 2)
    return yaml


@dataclass
class SourceFile:
    """A content file read and parsed: its front matter as a mapping that knows its lines."""

    path: str
    data: CommentedMap
    body: str
    yaml_first_line: int
    body_first_line: int = 0

    def line_of(self, node: Any, key: Any = None) -> int:
        """The file line of ``key`` in mapping ``node`` (or of item ``key`` in a list)."""
        try:
            if isinstance(node, CommentedSeq):
                return node.lc.item(key)[0] + self.yaml_first_line
            if key is None:
                return node.lc.line + self.yaml_first_line
            return node.lc.key(key)[0] + self.yaml_first_line
        except (AttributeError, KeyError, TypeError, IndexError):
            return self.yaml_first_line - 1


def _closing_fence(lines: list[str]) -> int | None:
    """Index of the line that ends the front matter, or None when the file has no front matter."""
    if not lines or lines[0].strip() != FENCE:
        return None
    return next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE), None)


def read_body(path: Path) -> str:
    """The Markdown below the front matter of an already checked file, without parsing the YAML again."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[_closing_fence(lines) + 1:])


def read_source(path: Path, display: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse ``path``; on failure, the problems say where and how to fix the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(display, 1, "file", f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(display, 1, "front matter",
                              "the file must start with a line '---', then the YAML fields, then a line '---'")]
    closing = _closing_fence(lines)
    if closing is None:
        return None, [Problem(display, 1, "front matter",
                              "no closing '---' line: add one after the last YAML field, before the text")]
    problems = [
        Problem(display, number, "front matter",
                "the line is indented with a tab; YAML indentation uses spaces (replace the tab with two spaces)")
        for number, line in enumerate(lines[1:closing], start=2)
        if line[: len(line) - len(line.lstrip())].count("\t")
    ]
    if problems:
        return None, problems
    try:
        data = yaml_loader().load("\n".join(lines[1:closing]) + "\n")
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        reason = exc.problem or exc.context or "could not be read"
        return None, [Problem(display, line, "front matter",
                              f"this is not valid YAML: {reason}. Check the colon after each field name and "
                              "put text containing ': ' or starting with a quote in double quotes")]
    except YAMLError as exc:
        return None, [Problem(display, 2, "front matter", f"this is not valid YAML: {exc}")]
    if not isinstance(data, CommentedMap):
        return None, [Problem(display, 2, "front matter", "expected fields such as 'title: ...', one per line")]
    body = "\n".join(lines[closing + 1:])
    return SourceFile(display, data, body, yaml_first_line=2, body_first_line=closing + 2), []
