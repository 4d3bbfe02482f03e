"""content/groups.yaml: the community groups and networks the council points citizens to.

Checked like every content file: each problem names the line, the field and the fix, and an area
or topic that does not exist gets a did-you-mean. The file is optional; without it there are no
groups and no /groups/ page entries.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from frontmatter.problems import Problem, did_you_mean
from frontmatter.schema import SLUG
from frontmatter.source import yaml_loader

GROUPS_FILE = "groups.yaml"
FIELDS = {
    "name": "the group's name, such as \"Riverside Flood Wardens\"",
    "description": "a sentence on what the group does",
    "areas": "the areas it serves, keys of content/areas.yaml, such as [riverside]",
    "topics": "topics it is about, such as [flooding, community]",
    "link": "its web address, starting with https://",
    "contact": "how to reach it: an email address, a phone number or a person",
    "meets": "when and where it meets, such as \"First Tuesday of the month, 7pm, Quay Street Community Room\"",
}
REQUIRED = ("name", "description", "areas")


@dataclass(frozen=True)
class Group:
    slug: str
    name: str
    description: str
    areas: tuple[str, ...]
    topics: tuple[str, ...] = ()
    link: str | None = None
    contact: str | None = None
    meets: str | None = None


def read_groups(path: Path, display: str, areas: Collection[str],
                topics: Collection[str]) -> tuple[dict[str, Group], list[Problem]]:
    """The groups in ``path`` and every problem with them."""
    if not path.exists():
        return {}, []
    try:
        data = yaml_loader().load(path.read_text(encoding="utf-8"))
    except Exception as exc:  # ruamel raises several unrelated types for broken YAML
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(display, mark.line + 1 if mark else 1, "groups", f"this is not valid YAML: {exc}")]
    if data is None:
        return {}, []
    if not isinstance(data, CommentedMap):
        return {}, [Problem(display, 1, "groups", "expected one entry per group, such as "
                                                 "'riverside-flood-wardens: {name: ..., description: ..., areas: [riverside]}'")]
    groups: dict[str, Group] = {}
    problems: list[Problem] = []
    for slug, spec in data.items():
        line = data.lc.key(slug)[0] + 1
        if not isinstance(slug, str) or not SLUG.match(slug):
            problems.append(Problem(display, line, str(slug), "a group's key must be lowercase words joined by hyphens, "
                                                              "such as riverside-flood-wardens"))
            continue
        if not isinstance(spec, CommentedMap):
            problems.append(Problem(display, line, slug, f"expected the group's fields: {', '.join(REQUIRED)} at least"))
            continue
        group, found = _group(slug, spec, line, display, areas, topics)
        problems += found
        if group:
            groups[slug] = group
    return groups, problems


def _group(slug: str, spec: CommentedMap, line: int, display: str, areas: Collection[str],
           topics: Collection[str]) -> tuple[Group | None, list[Problem]]:
    problems: list[Problem] = []

    def at(name: str) -> int:
        return spec.lc.key(name)[0] + 1

    def problem(where: int, name: str, message: str, level: str = "error") -> None:
        problems.append(Problem(display, where, name, f"{slug}: {message}", level))

    for key in spec:
        if key not in FIELDS:
            hint = did_you_mean(key, FIELDS) or f" Fields of a group: {', '.join(FIELDS)}."
            problem(at(key), str(key), f"is not a field of a group.{hint}")
    for name in REQUIRED:
        if name not in spec:
            problem(line, name, f"is required: {FIELDS[name]}")
    texts = {}
    for name in ("name", "description", "contact", "meets", "link"):
        if name in spec:
            value = spec[name]
            if not isinstance(value, str) or not value.strip():
                problem(at(name), name, f"expected text: {FIELDS[name]}")
            else:
                texts[name] = value.strip()
    if "link" in texts and not texts["link"].startswith(("https://", "http://")):
        problem(at("link"), "link", f'"{texts["link"]}" is not a web address; write it in full, such as https://{texts["link"]}')
    lists = {name: _slugs(spec, name, known, problem) for name, known in (("areas", areas), ("topics", topics))}
    if any(p.level == "error" for p in problems):
        return None, problems
    return Group(slug=slug, name=texts["name"], description=texts["description"], areas=lists["areas"],
                 topics=lists["topics"], link=texts.get("link"), contact=texts.get("contact"),
                 meets=texts.get("meets")), problems


def _slugs(spec: CommentedMap, name: str, known: Collection[str], problem: Any) -> tuple[str, ...]:
    """A list field of slugs, each one checked against what exists (areas.yaml, the site's topics)."""
    if name not in spec:
        return ()
    value = spec[name]
    line = spec.lc.key(name)[0] + 1
    if isinstance(value, str):
        value = CommentedSeq([value])
    if not isinstance(value, list) or not value:
        problem(line, name, f"expected a list: {FIELDS[name]}")
        return ()
    # An unknown area is a mistake; a topic no entry uses yet (or any more, once its last post is gone)
    # is only a warning: the group is still listed, under a topic with no page of its own.
    where, level = (("an area in content/areas.yaml", "error") if name == "areas"
                    else ("a topic of any news post or FAQ page", "warning"))
    for index, item in enumerate(value):
        item_line = value.lc.item(index)[0] + 1 if isinstance(value, CommentedSeq) and value.lc.data else line
        if item not in known:
            hint = did_you_mean(item, known) or f" Known: {', '.join(sorted(known))}."
            problem(item_line, name, f'"{item}" is not {where}.{hint}', level)
    return tuple(str(item) for item in value)
