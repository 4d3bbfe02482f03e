"""Translations: ``<file>.<lang>.md`` beside its original, checked against it and merged with it.

A translation carries only what is said in words (title, summary, text, location, contact, updates,
correction); everything that is a fact about the entry (its id, dates, type, severity, areas, status)
comes from the original, so the two can never disagree. The checks say so when a translation repeats
or contradicts a shared field, and when it has not caught up with the original's updates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from frontmatter.model import Entry, Notice, Social, TimedText
from frontmatter.problems import Problem, did_you_mean
from frontmatter.schema import SCHEMAS, TITLE_FIELD, Invalid
from frontmatter.source import SourceFile

#: Fields a translation may carry, per kind; every other field is shared with the original.
TRANSLATED_FIELDS = {
    "post": ("title", "summary", "social_text", "author", "image_alt"),
    "notice": ("title", "summary", "social_text", "location", "contact", "updates", "correction"),
    "faq": ("question", "summary", "social_text", "owner"),
    "page": ("title", "summary", "social_text"),
}
LANG_FIELD = "lang"
#: Severities whose updates matter most; a translation missing one of their updates is reported first.
URGENT_SEVERITIES = ("warning", "emergency")


def language_of_file(path: Path, languages: Sequence[str]) -> tuple[str, str | None]:
    """The file's slug and, for ``<slug>.<lang>.md`` with a second language of the site, that language."""
    stem, dot, suffix = path.stem.rpartition(".")
    if not dot:
        return path.stem, None
    lang = next((code for code in languages[1:] if code.lower() == suffix.lower()), None)
    return (stem, lang) if lang else (path.stem, None)


def _shared_value(original: Entry, name: str) -> Any:
    """The original's value of a field the translation must not change."""
    if name == "social":
        return original.social.enabled
    if name == "social_platforms":
        return original.social.platforms
    return getattr(original, name)


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"{value:%Y-%m-%d %H:%M}" if hasattr(value, "hour") else str(value)


def check_translation(source: SourceFile, kind: str, original: Entry, lang: str, ctx: Any) -> tuple[Entry | None, list[Problem]]:
    """The original as it reads in ``lang``, or None and why the translation cannot be used."""
    fields = {f.name: f for f in SCHEMAS[kind]}
    translated = TRANSLATED_FIELDS[kind]
    data, path = source.data, source.path
    values: dict[str, Any] = {}
    problems: list[Problem] = []

    def problem(line: int, name: str, message: str, level: str = "error") -> None:
        problems.append(Problem(path, line, name, message, level))

    for key in data:
        line = source.line_of(key)
        if key == LANG_FIELD:
            if str(data[key]).lower() != lang.lower():
                problem(line, key, f'is "{data[key]}" but the file name says {lang}; make them the same')
            continue
        if key not in fields:
            hint = did_you_mean(key, translated) or f" A translation carries: {', '.join(translated)}."
            problem(line, str(key), f"is not a field of a {kind}.{hint}")
            continue
        try:
            value = fields[key].parse(data[key], ctx.timezone)
        except Invalid as exc:
            problem(line, key, str(exc))
            continue
        if key in translated:
            values[key] = value
            continue
        shared = _shared_value(original, key)
        if value == shared:
            problem(line, key, f"repeats the original ({original.source_path}); remove it: a translation "
                               "takes it from the original", level="warning")
        else:
            problem(line, key, f"is {_shown(value)} here but {_shown(shared)} in the original "
                               f"({original.source_path}); a translation shares it, so remove it here and "
                               "change the original if it is wrong")
    for name in (TITLE_FIELD[kind], "summary", LANG_FIELD):
        if name not in data:
            example = lang if name == LANG_FIELD else f"... (the {name} in this language)"
            problem(1, name, f'is required in a translation; add a line such as "{name}: {example}"')
    if kind in ("post", "faq") and not source.body.strip():
        problem(source.yaml_first_line + len(data) + 1, "body", "the translated text is missing; write it below "
                                                                 "the closing ---")
    if isinstance(original, Notice):
        problems += _timed_problems(source, original, values)
    if any(p.level == "error" for p in problems):
        return None, problems
    return _merged(original, path, lang, kind, values), problems


def _timed_problems(source: SourceFile, original: Notice, values: dict[str, Any]) -> list[Problem]:
    """Each update and the correction carry the original's ``at``; a missing one is a warning."""
    data, path = source.data, source.path
    problems = []
    known = {update.at for update in original.updates}
    given = set()
    for index, (moment, _) in enumerate(values.get("updates", [])):
        given.add(moment)
        if moment not in known:
            times = ", ".join(f"{at:%Y-%m-%d %H:%M}" for at in sorted(known)) or "none"
            problems.append(Problem(path, source.line_of("updates", index), "updates",
                                    f"the original ({original.source_path}) has no update at {moment:%Y-%m-%d %H:%M}; "
                                    f"give each update the same at as in the original (its updates: {times})"))
    urgency = f" ({original.severity} notice)" if original.severity in URGENT_SEVERITIES else ""
    for at in sorted(known - given):
        problems.append(Problem(path, source.line_of("updates") if "updates" in data else 1, "updates",
                                f"the update at {at:%Y-%m-%d %H:%M} in {original.source_path} is not translated"
                                f"{urgency}; until it is, this language shows it in the original's words",
                                level="warning"))
    if "correction" in values and (original.correction is None or values["correction"][0] != original.correction.at):
        expected = f"at: {original.correction.at:%Y-%m-%d %H:%M}" if original.correction else "no correction"
        problems.append(Problem(path, source.line_of("correction"), "correction",
                                f"does not match the original ({original.source_path} has {expected}); "
                                "translate the original's correction with the same at"))
    elif original.correction and "correction" not in values:
        problems.append(Problem(path, 1, "correction", f"the correction in {original.source_path} is not translated"
                                                       f"{urgency}; until it is, this language shows it in the "
                                                       "original's words", level="warning"))
    return problems


def _merged(original: Entry, path: str, lang: str, kind: str, values: dict[str, Any]) -> Entry:
    """The original with the translated words; anything not yet translated stays in the original's words."""
    changes: dict[str, Any] = {
        "source_path": path,
        "lang": lang,
        "translation_of": original.source_path,
        "title": values[TITLE_FIELD[kind]],
        "summary": values["summary"],
        "social": Social(original.social.enabled, values.get("social_text", {}), original.social.platforms),
    }
    changes.update({name: value for name, value in values.items()
                    if name in TRANSLATED_FIELDS[kind] and name not in ("title", "question", "summary", "social_text",
                                                                        "updates", "correction")})
    if isinstance(original, Notice):
        said = dict(values.get("updates", []))
        changes["updates"] = tuple(TimedText(u.at, said[u.at]) if u.at in said else
                                   TimedText(u.at, u.text, original.lang) for u in original.updates)
        if original.correction:
            correction = values.get("correction")
            changes["correction"] = (TimedText(*correction) if correction else
                                     TimedText(original.correction.at, original.correction.text, original.lang))
    return dataclasses.replace(original, **changes)
