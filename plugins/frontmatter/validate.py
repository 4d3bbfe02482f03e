"""Check every content file against the schema and against each other, collecting every problem.

The result is a :class:`Catalogue`: the checked entries, the areas, and all problems at once, so
that an editor fixes everything in one go rather than one error per build.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ruamel.yaml.comments import CommentedMap

from frontmatter.cache import ContentCache
from frontmatter.groups import GROUPS_FILE, Group, read_groups
from frontmatter.model import FOLDERS, KINDS, Area, Entry, Faq, Post, Social, TimedText
from frontmatter.problems import Problem, did_you_mean
from frontmatter.reader import resolved
from frontmatter.sanitise import sanitised
from frontmatter.schema import SCHEDULED_TYPES, SCHEMAS, SLUG, TITLE_FIELD, Invalid
from frontmatter.source import SourceFile, yaml_loader
from frontmatter.translation import check_translation, language_of_file

AREAS_FILE = "areas.yaml"
#: Addresses the site's own sections use, which a standalone page must not take.
RESERVED_PAGE_SLUGS = ("news", "notices", "faq", "areas", "topics", "groups", "subscribe", "feeds", "alerts", "theme",
                       "images", "search", "pagefind")


@dataclass
class Catalogue:
    """Everything in content/, checked."""

    entries: list[Entry] = field(default_factory=list)
    #: Entries in the site's other languages, each the original merged with its translated words.
    translations: list[Entry] = field(default_factory=list)
    areas: dict[str, Area] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: The files as read for this catalogue (the reader takes their text, as HTML, from here).
    sources: ContentCache = field(default_factory=lambda: ContentCache(None, {}))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @cached_property
    def by_path(self) -> dict[str, Entry]:
        """Entries by the path check reports them under; read once the catalogue is complete."""
        return {entry.source_path: entry for entry in self.entries + self.translations}


@dataclass(frozen=True)
class Context:
    """What checking a file needs beyond the file: the content folder, the site's zone, the areas, now."""

    content: Path
    project: Path
    timezone: ZoneInfo
    areas: Mapping[str, Area]
    now: datetime
    #: The files as read (and their bodies rendered) for this check: see Catalogue.sources.
    sources: ContentCache | None = None
    #: The SANITISER_EXTRA_TAGS setting: tag -> attributes a council allows beyond the safe list.
    extra_tags: Mapping[str, Any] = field(default_factory=dict)
    #: The site's languages, its default first (DEFAULT_LANG, then the rest of LANGUAGES).
    languages: Sequence[str] = ("en-GB",)

    def display(self, path: Path) -> str:
        """The path as the editor sees it in the repository (content/notices/x.md)."""
        try:
            return str(path.relative_to(self.project))
        except ValueError:
            return str(path)


def _per_language(value: Any, languages: Sequence[str]) -> tuple[str, dict[str, str]] | None:
    """A name written once (``Riverside``) or per language (``{en-GB: Riverside, cy: Glan yr Afon}``)."""
    if isinstance(value, str):
        return value, {}
    if not isinstance(value, dict):
        return None
    by_code = {str(code).lower(): str(text) for code, text in value.items()}
    if languages[0].lower() not in by_code:
        return None
    return by_code[languages[0].lower()], {lang: by_code[lang.lower()] for lang in languages[1:] if lang.lower() in by_code}


def read_areas(path: Path, display: str, languages: Sequence[str] = ("en-GB",)) -> tuple[dict[str, Area], list[Problem]]:
    """content/areas.yaml: ``slug: {name, description, hashtag, geocodes, polygons}``; name and description
    may be given per language."""
    if not path.exists():
        return {}, [Problem(display, 1, "areas", "the file is missing; list the council's areas here (see README)")]
    try:
        data = yaml_loader().load(path.read_text(encoding="utf-8"))
    except Exception as exc:  # ruamel raises several unrelated types for broken YAML
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(display, mark.line + 1 if mark else 1, "areas", f"this is not valid YAML: {exc}")]
    if not isinstance(data, CommentedMap) or not data:
        return {}, [Problem(display, 1, "areas", "expected one entry per area, such as 'riverside: {name: Riverside}'")]
    areas, problems = {}, []
    for key, spec in data.items():
        line = data.lc.key(key)[0] + 1
        if not isinstance(key, str) or not SLUG.match(key):
            problems.append(Problem(display, line, str(key), "an area key must be lowercase words joined by hyphens"))
            continue
        name = _per_language(spec.get("name"), languages) if isinstance(spec, dict) else None
        description = _per_language(spec.get("description", ""), languages) if isinstance(spec, dict) else None
        if name is None or description is None:
            problems.append(Problem(display, line, key, 'expected at least a name, such as {name: "Riverside"}, or a '
                                                        f'name per language such as {{name: {{{languages[0]}: '
                                                        'Riverside, cy: Glan yr Afon}}'))
            continue
        unknown = [lang for field_value in (spec.get("name"), spec.get("description")) if isinstance(field_value, dict)
                   for lang in field_value if str(lang).lower() not in {code.lower() for code in languages}]
        if unknown:
            problems.append(Problem(display, line, key, f'"{unknown[0]}" is not one of the site\'s languages '
                                                        f'({", ".join(languages)}), so it is not shown; see LANGUAGES in '
                                                        "pelicanconf.py", level="warning"))
        geocodes = tuple((str(k), str(v)) for item in spec.get("geocodes", []) for k, v in dict(item).items())
        areas[key] = Area(
            slug=key,
            name=name[0],
            description=description[0],
            names=name[1],
            descriptions=description[1],
            hashtag=spec.get("hashtag"),
            geocodes=geocodes,
            polygons=tuple(str(p) for p in spec.get("polygons", [])),
        )
    return areas, problems


def check_file(source: SourceFile, kind: str, file_slug: str, ctx: Context) -> tuple[Entry | None, list[Problem]]:
    """The entry in ``source``, or None and the reasons it cannot be one."""
    fields = {f.name: f for f in SCHEMAS[kind]}
    data, path = source.data, source.path
    values: dict[str, Any] = {}
    problems: list[Problem] = []

    def problem(line: int, name: str, message: str, level: str = "error") -> None:
        problems.append(Problem(path, line, name, message, level))

    for key in data:
        if key not in fields:
            hint = did_you_mean(key, fields) or f" Fields of a {kind}: {', '.join(fields)}."
            problem(source.line_of(key), str(key), f"is not a field of a {kind}.{hint}")
            continue
        if data[key] in (None, "") and not fields[key].required:
            continue  # an optional field left empty (as the web editor writes a cleared one) is not set
        try:
            values[key] = fields[key].parse(data[key], ctx.timezone)
        except Invalid as exc:
            problem(source.line_of(key), key, str(exc))
    for spec in fields.values():
        if spec.required and spec.name not in data:
            problem(1, spec.name, f'is required; add a line such as "{spec.name}: {spec.example}"')

    slug = values.get("slug", file_slug)
    if "slug" not in data and not SLUG.match(file_slug):
        problem(1, "file name", f'"{file_slug}" cannot be a web address; rename the file to lowercase words '
                                "joined by hyphens, such as mill-lane-closure.md")
    if kind == "page" and slug in RESERVED_PAGE_SLUGS:
        problem(1, "slug", f'"/{slug}/" is one of the site\'s own sections; give the page another file name (or slug)')
    if kind in ("post", "faq") and not source.body.strip():
        what = "answer" if kind == "faq" else "text"
        problem(source.yaml_first_line + len(data) + 1, "body", f"the {what} is missing; write it below the closing ---")

    problems += _kind_rules(kind, source, values, ctx)
    if ctx.sources is not None:
        problems += _markup_problems(source, ctx.sources.html(source.path), ctx)
    if any(p.level == "error" for p in problems):
        return None, problems

    common = dict(
        kind=kind,
        slug=slug,
        source_path=path,
        title=values[TITLE_FIELD[kind]],
        summary=values["summary"],
        date=values["date"],
        social=Social(
            enabled=values.get("social", kind in ("post", "notice")),
            text=values.get("social_text", {}),
            platforms=values.get("social_platforms"),
        ),
    )
    specific = {
        name: value for name, value in values.items()
        if name in KINDS[kind].__dataclass_fields__ and name not in common
    }
    if kind == "notice":
        specific["updates"] = tuple(TimedText(at, said) for at, said in values.get("updates", []))
        if "correction" in values:
            specific["correction"] = TimedText(*values["correction"])
    entry = KINDS[kind](**common, **specific)
    if isinstance(entry, Faq) and entry.review_overdue(ctx.now):
        problem(source.line_of("review_by"), "review_by",
                f"the answer was due for review on {entry.review_by}; check it with {entry.owner}, "
                "then set a new review_by date", level="warning")
    return entry, problems


def _kind_rules(kind: str, source: SourceFile, values: dict[str, Any], ctx: Context) -> list[Problem]:
    """Rules between fields of one file."""
    data, path = source.data, source.path
    problems = []

    def at(name: str) -> int:
        return source.line_of(name)

    if kind == "post" and "image" in values:
        if "image_alt" not in values:
            problems.append(Problem(path, at("image"), "image_alt",
                                    'an image needs image_alt: describe what it shows, such as "image_alt: Flooded '
                                    'footpath by the river"'))
        if not (ctx.content / values["image"]).is_file():
            problems.append(Problem(path, at("image"), "image",
                                    f'"{values["image"]}" is not a file in content/; put the image in content/images/ '
                                    'and write its path, such as "images/mill-lane.jpg"'))
    if kind != "notice":
        return problems
    for area in values.get("areas", ()):
        if area not in ctx.areas:
            hint = did_you_mean(area, ctx.areas) or f" Areas: {', '.join(ctx.areas)}."
            problems.append(Problem(path, at("areas"), "areas", f'"{area}" is not an area in content/areas.yaml.{hint}'))
    starts, ends, published = values.get("starts"), values.get("ends"), values.get("date")
    if values.get("notice_type") in SCHEDULED_TYPES and "starts" not in data:
        problems.append(Problem(path, 1, "starts",
                                f'a {values["notice_type"].replace("_", " ")} needs starts: when it begins, '
                                'such as "starts: 2026-12-01 07:00"'))
    if starts and ends and ends < starts:
        problems.append(Problem(path, at("ends"), "ends", f"is before starts ({starts:%Y-%m-%d %H:%M}); "
                                                           "check the two dates"))
    if published:
        for index, (moment, _) in enumerate(values.get("updates", [])):
            if moment < published:
                problems.append(Problem(path, source.line_of("updates", index), "updates",
                                        f"an update at {moment:%Y-%m-%d %H:%M} is before the notice's date "
                                        f"({published:%Y-%m-%d %H:%M}); check its time"))
        if "correction" in values and values["correction"][0] < published:
            problems.append(Problem(path, at("correction"), "correction",
                                    f"is dated before the notice ({published:%Y-%m-%d %H:%M}); check its time"))
    return problems


def _markup_problems(source: SourceFile, html: str, ctx: Context) -> list[Problem]:
    """A warning for each piece of markup the body (rendered as ``html``) loses to the sanitiser; what is lost
    is kept in the content cache under the HTML, as comparing every body before and after takes seconds."""
    _, lost = sanitised(html, ctx.extra_tags, ctx.sources)
    lines = source.body.splitlines()
    problems = []
    for what in lost:
        needle = what.split('"')[1] if '"' in what else what.split(" on ")[0].strip("<>")
        index = next((i for i, line in enumerate(lines) if needle.lower() in line.lower()), 0)
        problems.append(Problem(source.path, source.body_first_line + index, "body",
                                f"{what} is removed from the page: only safe markup is published (links to "
                                "http, https, mailto or tel; no scripts, frames, forms, styles or on... attributes). "
                                "Allow a tag for embeds with SANITISER_EXTRA_TAGS in pelicanconf.py",
                                level="warning"))
    return problems


def check_content(content: Path, project: Path, timezone: str, now: datetime,
                  sources: ContentCache | None = None, *, extra_tags: Mapping[str, Any] | None = None,
                  languages: Sequence[str] = ("en-GB",), processes: int = 1) -> Catalogue:
    """Read (through ``sources``, the content cache, when given) and check every file under ``content``;
    ``extra_tags`` is the site's SANITISER_EXTRA_TAGS; ``languages`` are the site's, its default first;
    files the cache does not hold are read in ``processes`` processes."""
    catalogue = Catalogue(sources=sources) if sources else Catalogue()
    tz = ZoneInfo(timezone)
    areas_path = content / AREAS_FILE
    base_ctx = Context(content, project, tz, {}, now, languages=languages)
    catalogue.areas, catalogue.problems = read_areas(areas_path, base_ctx.display(areas_path), languages)
    ctx = Context(content, project, tz, catalogue.areas, now, catalogue.sources, extra_tags or {}, languages)
    seen: dict[str, Entry] = {}
    translations: list[tuple[str, Path, str, str]] = []
    files = []
    for kind, folder in FOLDERS.items():
        linked = (content / folder).is_symlink()
        for path in sorted((content / folder).rglob("*.md")):
            outside = _outside(path, content, linked)
            if outside:
                catalogue.problems.append(Problem(ctx.display(path), 1, "file", outside))
            else:
                files.append((kind, path))
    if sources is not None:
        sources.read_ahead([(path, ctx.display(path)) for _, path in files], processes,
                           also=lambda html: sanitised(html, ctx.extra_tags, sources))
    for kind, path in files:
        file_slug, lang = language_of_file(path, languages)
        if lang:
            translations.append((kind, path, file_slug, lang))
            continue
        source, problems = catalogue.sources.source(path, ctx.display(path))
        catalogue.problems += problems
        if source is None:
            continue
        entry, problems = check_file(source, kind, file_slug, ctx)
        catalogue.problems += problems
        if entry is None:
            continue
        if entry.slug in seen:
            catalogue.problems.append(Problem(entry.source_path, 1, "slug",
                                              f'"{entry.slug}" is already used by {seen[entry.slug].source_path}; '
                                              "give one of them another file name (or slug)"))
            continue
        seen[entry.slug] = entry
        catalogue.entries.append(entry)
    _check_translations(catalogue, translations, ctx)
    catalogue.problems += _related_problems(catalogue.entries)
    groups_path = content / GROUPS_FILE
    catalogue.groups, problems = read_groups(groups_path, ctx.display(groups_path), catalogue.areas,
                                             _topics(catalogue.entries))
    catalogue.problems += problems
    catalogue.problems.sort()
    return catalogue


def _topics(entries: list[Entry]) -> set[str]:
    """Every topic a news post or an FAQ page is filed under: the site's topic pages."""
    found: set[str] = set()
    for entry in entries:
        if isinstance(entry, Post):
            found.update(entry.topics)
        elif isinstance(entry, Faq) and entry.topic:
            found.add(entry.topic)
    return found


def _outside(path: Path, content: Path, folder_is_link: bool) -> str | None:
    """Why ``path`` must not be read: a link leading out of content/ (it would publish that file), or no file.
    Only a link can lead out (rglob does not enter linked folders below the kind's own), so only a link
    is followed to its end: resolving every path was a third of a second at 10,000 entries."""
    if not folder_is_link and not path.is_symlink():
        return None if path.is_file() else "is not a file (a folder named .md); remove it or rename it"
    real, top = path.resolve(), resolved(str(content))
    if not real.is_relative_to(top):
        return (f"is a link to {real}, outside content/; it would publish that file. Copy the text into "
                "content/ instead of linking to it")
    if not real.is_file():
        return "is not a file (a broken link or a folder named .md); remove it or give it a file to point to"
    return None


def _check_translations(catalogue: Catalogue, files: list[tuple[str, Path, str, str]], ctx: Context) -> None:
    """Check each ``<file>.<lang>.md`` against the original beside it; add it to the catalogue when usable."""
    originals = catalogue.by_path
    for kind, path, file_slug, lang in files:
        display = ctx.display(path)
        original_path = path.with_name(f"{file_slug}.md")
        original = originals.get(ctx.display(original_path))
        source, problems = catalogue.sources.source(path, display)
        catalogue.problems += problems
        if source is None:
            continue
        if original is None and original_path.exists():
            continue  # the original's own errors are reported and stop the build; fixing them checks this
        if original is None:
            catalogue.problems.append(Problem(display, 1, "file name",
                                              f"a {lang} translation of {ctx.display(original_path)}, which is "
                                              "missing; a translation sits beside its original with the same name"))
            continue
        entry, problems = check_translation(source, kind, original, lang, ctx)
        if ctx.sources is not None:
            problems += _markup_problems(source, ctx.sources.html(source.path), ctx)
        catalogue.problems += problems
        if entry is not None:
            catalogue.translations.append(entry)
    catalogue.__dict__.pop("by_path", None)


def _related_problems(entries: list[Entry]) -> list[Problem]:
    faq_slugs = {e.slug for e in entries if isinstance(e, Faq)}
    return [
        Problem(e.source_path, 1, "related", f'"{slug}" is not an FAQ page.{did_you_mean(slug, faq_slugs)}')
        for e in entries if isinstance(e, Faq) for slug in e.related if slug not in faq_slugs
    ]

