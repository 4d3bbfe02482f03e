"""The common edits to a content file as one command each: update, correct, resolve, cancel, schedule.

Each changes the front matter in place with ruamel.yaml's round trip, so the editor's comments, key
order and quoting stay as they were and the diff holds only the lines the edit means to change. Times
are written the way editors write them ("2026-11-25 09:30", in the site's time) from the site clock.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import PlainScalarString

from frontmatter.clock import now
from frontmatter.model import FOLDERS, KIND_OF_FOLDER, Area
from frontmatter.schema import Invalid, moment
from frontmatter.source import FENCE
from frontmatter.validate import AREAS_FILE, check_content, read_areas

#: How a time is written in front matter, as in every example in the README.
TIME_FORMAT = "%Y-%m-%d %H:%M"


class EditError(Exception):
    """The edit cannot be made; the message says why and what to do instead."""


def round_trip() -> YAML:
    """YAML that writes back what it read: quotes, comments, order, no line wrapping, README indentation."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def stamp(at: datetime, timezone: str) -> PlainScalarString:
    """``at`` as an editor writes it, in the site's time."""
    return PlainScalarString(at.astimezone(ZoneInfo(timezone)).strftime(TIME_FORMAT))


def find_entry(content: Path, name: str, project: Path | None = None) -> Path:
    """The content file ``name`` means: a path (from the project or here), or a file name without ``.md``."""
    project = project or content.parent
    for candidate in (Path(name), project / name):
        if candidate.suffix == ".md" and candidate.is_file():
            return candidate.resolve()
    stem = Path(name).stem
    found = sorted(path for folder in FOLDERS.values() for path in (content / folder).rglob(f"{stem}.md"))
    if len(found) == 1:
        return found[0].resolve()
    if found:
        listed = ", ".join(str(p.relative_to(project)) for p in found)
        raise EditError(f"{name}: more than one file has that name ({listed}); give the path instead")
    raise EditError(f"{name}: no content file has that name; give a path such as content/notices/{stem}.md "
                    "(or its file name without .md)")


@dataclass(frozen=True)
class Change:
    """One field changed by an edit, printed for the editor."""

    field: str
    before: str | None
    after: str

    def __str__(self) -> str:
        if self.before is None:
            return f"{self.field}: added {self.after}"
        return f"{self.field}: {self.before} -> {self.after}"


@dataclass
class FrontMatter:
    """A content file split into its front matter (editable) and everything else (kept byte for byte)."""

    path: Path
    data: CommentedMap
    body: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> FrontMatter:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE), None)
        if not lines or lines[0].strip() != FENCE or closing is None:
            raise EditError(f"{path}:1: front matter: the file must start with '---' fields '---'; "
                            "run `invoke check` to see what is wrong")
        try:
            data = round_trip().load("".join(lines[1:closing]))
        except YAMLError as exc:
            raise EditError(f"{path}: the front matter is not valid YAML ({exc}); run `invoke check`") from None
        if not isinstance(data, CommentedMap):
            raise EditError(f"{path}:2: front matter: expected fields such as 'title: ...'; run `invoke check`")
        return cls(path, data, "".join(lines[closing:]))

    @property
    def kind(self) -> str:
        return KIND_OF_FOLDER.get(self.path.parent.name, "page")

    def require_kind(self, kind: str, command: str) -> None:
        if self.kind != kind:
            raise EditError(f"{self.path.name}: `{command}` is for a {kind}, and this file is a {self.kind}")

    def set(self, name: str, value: object, after: tuple[str, ...] = (), shown: str | None = None) -> None:
        """Set field ``name``; a new field goes after the first of ``after`` present, else at the end."""
        before = self.data.get(name)
        if name in self.data:
            self.data[name] = value
        else:
            anchor = next((key for key in after if key in self.data), None)
            position = list(self.data).index(anchor) + 1 if anchor else len(self.data)
            self.data.insert(position, name, value)
        self.changes.append(Change(name, None if before is None else str(before), shown or str(value)))

    def save(self) -> None:
        out = io.StringIO()
        round_trip().dump(self.data, out)
        self.path.write_text(f"{FENCE}\n{out.getvalue()}{self.body}", encoding="utf-8")


def _timed(text: str, at: datetime, timezone: str) -> CommentedMap:
    if not text.strip():
        raise EditError('write what has changed, such as "The road has reopened."')
    return CommentedMap([("at", stamp(at, timezone)), ("text", text.strip())])


def _published(entry: FrontMatter, timezone: str) -> datetime | None:
    try:
        return moment(entry.data.get("date"), ZoneInfo(timezone))
    except Invalid:
        return None


def add_update(path: Path, text: str, at: datetime, timezone: str) -> FrontMatter:
    """Append ``{at, text}`` to a notice's updates (the list is created when it has none)."""
    entry = FrontMatter.open(path)
    entry.require_kind("notice", "update")
    published = _published(entry, timezone)
    if published and published > at:
        raise EditError(f"{path.name}: the notice is dated {published:{TIME_FORMAT}}, after now; "
                        "edit its text instead, it has not been published yet")
    item = _timed(text, at, timezone)
    said = f"{item['at']}: {item['text']}"
    updates = entry.data.get("updates")
    if isinstance(updates, CommentedSeq) and updates:
        updates.append(item)
        entry.changes.append(Change("updates", None, said))
    else:
        entry.set("updates", CommentedSeq([item]), after=("contact",), shown=said)
    entry.save()
    return entry


def set_correction(path: Path, text: str, at: datetime, timezone: str) -> FrontMatter:
    """Set a notice's correction to ``{at, text}``; it replaces an earlier one, which the change shows."""
    entry = FrontMatter.open(path)
    entry.require_kind("notice", "correct")
    previous = entry.data.get("correction")
    item = _timed(text, at, timezone)
    said = f"{item['at']}: {item['text']}"
    if isinstance(previous, CommentedMap):
        entry.changes.append(Change("correction", f"{previous.get('at')}: {previous.get('text')}", said))
        previous["at"], previous["text"] = item["at"], item["text"]
    else:
        entry.set("correction", item, after=("updates", "contact", "location"), shown=said)
    entry.save()
    return entry


def close_notice(path: Path, status: str, at: datetime, timezone: str) -> FrontMatter:
    """Set a notice's status to resolved or cancelled and end it now (unless it had already ended)."""
    entry = FrontMatter.open(path)
    entry.require_kind("notice", "resolve" if status == "resolved" else "cancel")
    if entry.data.get("status") == status:
        raise EditError(f"{path.name}: the notice is already {status}")
    zone = ZoneInfo(timezone)
    entry.set("status", PlainScalarString(status), after=("severity", "notice_type"))
    try:
        ends = moment(entry.data["ends"], zone) if "ends" in entry.data else None
        starts = moment(entry.data["starts"], zone) if "starts" in entry.data else None
    except Invalid as exc:
        raise EditError(f"{path.name}: {exc}; run `invoke check`") from None
    if starts is not None and starts > at:
        entry.notes.append(f"ends: left out, the notice had not started (starts {starts:{TIME_FORMAT}})")
    elif ends is None or ends > at:
        entry.set("ends", stamp(at, timezone), after=("starts", "status"))
    entry.save()
    return entry


def schedule(path: Path, when: str, timezone: str) -> FrontMatter:
    """Set the entry's ``date``: it is published with the first publish after that time."""
    try:
        moment(when, ZoneInfo(timezone))
    except Invalid as exc:
        raise EditError(f"schedule: {exc}") from None
    entry = FrontMatter.open(path)
    entry.set("date", PlainScalarString(when.strip()))
    entry.save()
    return entry


@dataclass(frozen=True)
class Site:
    """What editing needs from the site's settings."""

    content: Path
    timezone: str
    areas: dict[str, Area]
    contact: str | None = None


def site_of(settings_file: Path) -> Site:
    """The content folder, time zone and areas of the site ``settings_file`` describes."""
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    content = Path(settings["PATH"]).resolve()
    areas, _ = read_areas(content / AREAS_FILE, AREAS_FILE)
    routes = [settings.get("CONTACT_PHONE"), settings.get("CONTACT_EMAIL")]
    contact = " or ".join(route for route in routes if route) or None
    return Site(content, settings["TIMEZONE"], areas, contact)


def report_edit(entry: FrontMatter, site: Site, project: Path, out: TextIO = sys.stdout) -> int:
    """Say what changed, what ``invoke check`` finds in the file now, and what to do next; 1 on errors."""
    display = str(entry.path.relative_to(project)) if entry.path.is_relative_to(project) else str(entry.path)
    print(f"changed {display}:", file=out)
    for change in entry.changes:
        print(f"  {change}", file=out)
    for note in entry.notes:
        print(f"  {note}", file=out)
    catalogue = check_content(site.content, site.content.parent, site.timezone, now())
    problems = [p for p in catalogue.problems if Path(project / p.path).resolve() == entry.path]
    for problem in problems:
        print(problem, file=out)
    if any(p.level == "error" for p in problems):
        print("fix the error(s) above, then run `make check`", file=out)
        return 1
    print("next: `make publish` (or commit and open a pull request; the checks show the social posts)", file=out)
    return 0
