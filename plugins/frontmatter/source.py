"""Split a content file into its YAML front matter and Markdown body, keeping line numbers.

YAML is read as YAML 1.2 (so ``no`` stays the word "no") and timestamps stay text: the schema parses
dates itself, with the site's timezone and a message an editor can act on.

Reading is the largest cost of a build, so a file is read once, by libyaml (PyYAML's C parser, with
YAML 1.2's core schema). Only when a file has a problem to report is it read again with ruamel.yaml's
round-trip loader, which knows the line of every field, and which words the YAML error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from frontmatter.problems import Problem

FENCE = "---"
#: Larger than any page an editor writes: such a file is a mistake (a pasted export, a binary), not content.
MAX_BYTES = 2_000_000
#: UTF-8, with the byte order mark some Windows editors start a file with.
ENCODING = "utf-8-sig"


class _TextTimestamps(RoundTripConstructor):
    """Leave timestamps as the text the editor wrote."""


_TextTimestamps.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def yaml_loader() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextTimestamps
    yaml.version = (1, 2)
    return yaml


class DuplicateField(yaml.YAMLError):
    """A field given twice; the round-trip loader then says where."""


class _Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml with YAML 1.2's core schema: only true/false are booleans, timestamps stay text."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=True) for key, _ in node.value]
        if len(keys) != len({repr(key) for key in keys}):
            raise DuplicateField("a field is given twice")
        return super().construct_mapping(node, deep=deep)


def _core_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    value = loader.construct_scalar(node)
    if value.startswith(("0x", "0o")):
        return int(value[2:], 16 if value[1] == "x" else 8)
    return int(value)


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))
_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _core_int)
_Yaml12Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


@dataclass
class SourceFile:
    """A content file read and parsed: its front matter, and the lines of its fields when asked."""

    path: str
    data: dict
    body: str
    yaml_text: str
    yaml_first_line: int = 2
    #: The file line the Markdown body starts on.
    body_first_line: int = 0

    @cached_property
    def _located(self) -> CommentedMap:
        """The front matter read again by the round-trip loader, which keeps every field's line."""
        return yaml_loader().load(self.yaml_text)

    def line_of(self, field: str, item: int | None = None) -> int:
        """The file line of ``field`` (or of list item ``item`` in that field)."""
        try:
            node = self._located
            if item is not None:
                items = node[field]
                if isinstance(items, CommentedSeq):
                    return items.lc.item(item)[0] + self.yaml_first_line
            return node.lc.key(field)[0] + self.yaml_first_line
        except YAMLError:  # what libyaml reads and the round-trip loader does not (a tab inside a key)
            lines = self.yaml_text.splitlines()
            return next((number + self.yaml_first_line for number, line in enumerate(lines)
                         if line.startswith(f"{field}:")), self.yaml_first_line - 1)
        except (AttributeError, KeyError, TypeError, IndexError):
            return self.yaml_first_line - 1

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (in the content cache) without the line map, which is rebuilt when needed."""
        return {name: value for name, value in self.__dict__.items() if name != "_located"}


def _closing_fence(lines: list[str]) -> int | None:
    """Index of the line that ends the front matter, or None when the file has no front matter."""
    if not lines or lines[0].strip() != FENCE:
        return None
    return next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE), None)


def parse_source(raw: bytes, display: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse a content file's bytes; on failure, the problems say where and how to fix the file."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, "file", f"is {len(raw) / 1e6:.1f} MB; a page's text is far smaller (at most "
                                                  f"{MAX_BYTES / 1e6:g} MB): put large files in content/images/ and link to them")]
    try:
        text = raw.decode(ENCODING)
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return None, [Problem(display, line, "file", f"is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                                                     "save it as UTF-8 (in most editors: Save as, Encoding: UTF-8)")]
    if "\x00" in text:
        return None, [Problem(display, text[:text.index("\x00")].count("\n") + 1, "file",
                              "has a NUL character: it is not a text file; content files are Markdown text")]
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
    yaml_text = "\n".join(lines[1:closing]) + "\n"
    body = "\n".join(lines[closing + 1:])
    try:
        data = yaml.load(yaml_text, Loader=_Yaml12Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return _parse_slowly(yaml_text, body, closing + 2, display)
    if not isinstance(data, dict):
        return None, [Problem(display, 2, "front matter", "expected fields such as 'title: ...', one per line")]
    return SourceFile(display, data, body, yaml_text, body_first_line=closing + 2), []


def _parse_slowly(yaml_text: str, body: str, body_first_line: int,
                  display: str) -> tuple[SourceFile | None, list[Problem]]:
    """The round-trip loader's reading of front matter libyaml refused, for its line and its words."""
    try:
        data = yaml_loader().load(yaml_text)
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
    return SourceFile(display, data, body, yaml_text, body_first_line=body_first_line), []

