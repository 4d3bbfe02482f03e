"""``invoke new``: start a content file that passes ``invoke check`` as created.

What the editor gives on the command line is checked against the schema before anything is written;
what they leave out gets a sensible default (said in the output, so it can be changed), except the
facts only they know (an FAQ's owner, topic and review date), left empty with a hint beside each so
``invoke check`` points at them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from frontmatter.edit import TIME_FORMAT
from frontmatter.model import FOLDERS
from frontmatter.schema import SCHEDULED_TYPES, SCHEMAS, TITLE_FIELD, Invalid

#: Free text fields, written quoted so that any text is valid YAML.
QUOTED = ("summary", "contact", "location")
#: Values a new notice gets when the editor does not choose one.
NOTICE_DEFAULTS = {"notice_type": "service_change", "severity": "info"}


class NewEntryError(ValueError):
    """The options cannot make a valid entry; the message names the option and what it accepts."""


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")


def quoted(text: str) -> str:
    """Any text as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text.strip(), ensure_ascii=False)


def entry_values(kind: str, title: str, at: datetime, options: Mapping[str, str | None], areas: Sequence[str],
                 known_areas: Sequence[str], timezone: str, contact: str | None) -> tuple[dict[str, str], list[str]]:
    """The fields to write (as YAML text) and the defaults chosen for the editor, checked against the schema."""
    fields = {f.name: f for f in SCHEMAS[kind]}
    zone = ZoneInfo(timezone)
    values = {TITLE_FIELD[kind]: quoted(title), "date": f"{at.astimezone(zone):{TIME_FORMAT}}"}
    defaults = []
    given = {name: value for name, value in options.items() if value}
    if kind == "notice":
        for name, value in NOTICE_DEFAULTS.items():
            if name not in given:
                given[name] = value
                defaults.append(f"{name}: {value}")
        unknown = [a for a in areas if a not in known_areas]
        if unknown:
            raise NewEntryError(f'--area: "{unknown[0]}" is not an area in content/areas.yaml; '
                                f"expected some of {', '.join(known_areas)}")
        if not areas:
            areas = known_areas
            defaults.append("areas: every area (the whole district)")
        values["areas"] = f"[{', '.join(areas)}]"
        if contact and "contact" not in given:
            given["contact"] = contact
            defaults.append(f"contact: {contact} (the council's, from the settings)")
        if given["notice_type"] in SCHEDULED_TYPES and "starts" not in given:
            given["starts"] = values["date"]
            defaults.append(f"starts: {values['date']} (now)")
    if "summary" not in given:
        given["summary"] = title
        defaults.append("summary: the title (write one or two sentences instead)")
    for name, value in given.items():
        if name not in fields:
            raise NewEntryError(f"--{name.replace('notice_', '')}: a {kind} has no {name} field")
        try:
            fields[name].parse(value, zone)
        except Invalid as exc:
            raise NewEntryError(f"--{name.replace('notice_', '')}: {exc}") from None
        values[name] = quoted(value) if name in QUOTED else value.strip()
    return values, defaults


def new_entry(content: Path, kind: str, title: str, at: datetime, timezone: str = "Europe/London",
              options: Mapping[str, str | None] | None = None, areas: Sequence[str] = (),
              known_areas: Sequence[str] = (), contact: str | None = None) -> tuple[Path, list[str]]:
    """Write content/<folder>/<slug>.md for ``kind``; its path and the defaults chosen."""
    if kind not in SCHEMAS:
        raise NewEntryError(f"--kind must be one of {', '.join(SCHEMAS)}, not {kind!r}")
    if not title.strip():
        raise NewEntryError('--title: give a title, such as --title "Mill Lane closed for resurfacing"')
    path = content / FOLDERS[kind] / f"{slugify(title)}.md"
    if path.exists():
        raise NewEntryError(f"{path} already exists; choose another title or edit that file")
    values, defaults = entry_values(kind, title, at, options or {}, areas, known_areas, timezone, contact)
    lines = ["---"]
    for field in SCHEMAS[kind]:
        if field.name in values:
            lines.append(f"{field.name}: {values[field.name]}")
        elif field.required:
            lines.append(f"{field.name}:  # {field.help} Example: {field.example}")
    lines += ["---", "Write the full text here, in Markdown.", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, defaults
