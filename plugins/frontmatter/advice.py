"""Warnings about what a citizen would trip over, beyond the schema: a social post cut short, an image
without alt text, a notice without a contact, a link to a page that does not exist, an ``http://`` link.

They do not stop a build; ``invoke check --strict`` (the pre-commit hook, CI on pull requests) makes
them errors.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

from frontmatter.cache import ContentCache
from frontmatter.model import Entry, Notice, Post
from frontmatter.problems import Problem
from frontmatter.source import SourceFile
from frontmatter.validate import Catalogue

#: The URL setting of each kind, as Pelican names them.
URL_SETTINGS = {"post": "ARTICLE_URL", "notice": "NOTICE_URL", "faq": "FAQ_URL", "page": "PAGE_URL"}
#: Site sections every site has, besides one page per entry (their URL settings, or the path itself).
SECTIONS = ("", "news/", "notices/", "notices/archive/", "faq/", "areas/", "topics/", "subscribe/", "search/")
#: Folders of generated files (feeds, calendars, alerts, theme, search) an editor may link to.
GENERATED = ("feeds/", "calendar/", "alerts/", "theme/", "pagefind/")
MARKDOWN_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"<(a|img)\b[^>]*?\b(href|src)=\"([^\"]+)\"[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt=\"[^\"]+\"", re.IGNORECASE)
#: The content cache's store of each file's post-length warnings.
SOCIAL_ADVICE = "social-advice"


def entry_url(entry: Entry, settings: Mapping[str, Any]) -> str:
    """The entry's path in the site, such as ``notices/quay-street-closure/``."""
    return settings[URL_SETTINGS[entry.kind]].format(slug=entry.slug)


def site_paths(catalogue: Catalogue, settings: Mapping[str, Any]) -> set[str]:
    """Every page path the build writes (without a leading slash; folders end with a slash)."""
    paths = set(SECTIONS) | {entry_url(e, settings) for e in catalogue.entries}
    paths |= {f"areas/{slug}/" for slug in catalogue.areas}
    paths |= {f"notices/type/{t}/" for t in {e.notice_type for e in catalogue.entries if isinstance(e, Notice)}}
    topics = {t for e in catalogue.entries for t in getattr(e, "topics", ())}
    topics |= {e.topic for e in catalogue.entries if getattr(e, "topic", "")}
    paths |= {f"topics/{t}/" for t in topics}
    return paths


def _cached_links(source: SourceFile, cache: ContentCache | None) -> list[tuple[int, bool, str, str]]:
    """:func:`_links`, kept in the content cache under the body and the patterns that find them (finding
    the links of 10,000 bodies took half a second of every check)."""
    if cache is None:
        return list(_links(source))
    patterns = "\0".join(pattern.pattern for pattern in (MARKDOWN_LINK, HTML_LINK, HTML_ALT))
    key = hashlib.sha256(f"{patterns}\0{source.body_first_line}\0{source.body}".encode()).hexdigest()
    return cache.made("links", key, lambda: list(_links(source)))


def _links(source: SourceFile) -> Iterator[tuple[int, bool, str, str]]:
    """(line, is_image, text or alt, address) of every Markdown and HTML link in the body."""
    for number, line in enumerate(source.body.splitlines(), start=source.body_first_line):
        for match in MARKDOWN_LINK.finditer(line):
            yield number, match.group(1) == "!", match.group(2).strip(), match.group(3)
        for match in HTML_LINK.finditer(line):
            is_image = match.group(1).lower() == "img"
            yield number, is_image, "alt" if HTML_ALT.search(match.group(0)) or not is_image else "", match.group(3)


def _internal_target(address: str, siteurl: str) -> str | None:
    """The site path a link means, or None for a link elsewhere (other sites, mail, phone, anchors)."""
    if siteurl and address.startswith(siteurl.rstrip("/") + "/"):
        address = address[len(siteurl.rstrip("/")):]
    if not address.startswith("/") or address.startswith("//"):
        return None
    return re.split(r"[?#]", address, maxsplit=1)[0].lstrip("/")


def link_problems(source: SourceFile, pages: set[str], content: Path, siteurl: str,
                  cache: ContentCache | None = None) -> list[Problem]:
    """Images without alt text, http:// links and links to site pages that do not exist, in the body."""
    problems = []
    for line, is_image, text, address in _cached_links(source, cache):
        if is_image and not text:
            problems.append(Problem(source.path, line, "body", f"the image {address} has no alt text; describe what "
                                    "it shows in the brackets, such as ![Flooded footpath by the river](...)",
                                    "warning"))
        if address.startswith("http://"):
            problems.append(Problem(source.path, line, "body", f"{address} is an http:// link; use https:// "
                                    "(browsers warn about, or block, pages that are not secure)", "warning"))
        target = _internal_target(address, siteurl)
        if target is None or target.startswith(GENERATED):
            continue
        known = target in pages or (target + "/") in pages or (content / target).is_file()
        if not known:
            problems.append(Problem(source.path, line, "body", f"the link /{target} goes to a page that does not "
                                    "exist on this site; check the address (web addresses come from file names)",
                                    "warning"))
    return problems


def social_problems(entry: Entry, source: SourceFile, settings: Mapping[str, Any], catalogue: Catalogue,
                    made_by: str) -> list[Problem]:
    """Posts that a platform's limit would cut short, named by platform and by how much; kept in the content
    cache under the file's front matter and ``made_by`` (what else they depend on, see :func:`social_basis`),
    as composing every post of 10,000 entries for every platform takes seconds."""
    return catalogue.sources.made(SOCIAL_ADVICE, _social_key(source, made_by),
                                  lambda: _social_problems(entry, source, settings, catalogue))


def _social_key(source: SourceFile, made_by: str) -> str:
    return hashlib.sha256(f"{made_by}\0{source.path}\0{source.yaml_text}".encode()).hexdigest()


def social_basis(catalogue: Catalogue, settings: Mapping[str, Any]) -> str:
    """What the post-length warnings depend on besides each file: the settings, the areas, the code that
    composes posts and the libraries that count them (by version: importing twitter-text compiles its
    emoji pattern, a third of a second a build that has nothing new to compose need not spend)."""
    import publish

    code = b"".join(path.read_bytes() for folder in (Path(publish.__file__).parent, Path(__file__).parent.parent)
                    for path in sorted(folder.rglob("*.py")))
    return hashlib.sha256(b"\0".join([
        code, repr(sorted((slug, repr(area)) for slug, area in catalogue.areas.items())).encode(),
        json.dumps({k: v for k, v in settings.items() if not k.startswith(("NOTICEBOARD_", "JINJA_"))},
                   sort_keys=True, default=lambda value: type(value).__qualname__).encode(),
        version("twitter-text-parser").encode(),
    ])).hexdigest()


def _social_problems(entry: Entry, source: SourceFile, settings: Mapping[str, Any],
                     catalogue: Catalogue) -> list[Problem]:
    from manifest.records import entry_record
    from publish.compose import overflow
    from publish.events import entry_events
    from publish.platforms import PLATFORMS

    if not entry.social.enabled:
        return []
    siteurl = settings["SITEURL"].rstrip("/")
    digest = catalogue.sources.content_digest(entry.source_path, Path(settings["PATH"]).parent / entry.source_path)
    record = entry_record(entry, f"{siteurl}/{entry_url(entry, settings)}", digest, siteurl, catalogue.areas,
                          settings.get("TOPIC_HASHTAGS", {}))
    platforms = [p for name, p in PLATFORMS.items() if p.required_env
                 and (entry.social.platforms is None or name in entry.social.platforms)]
    problems = []
    for event in entry_events(record):
        field = {"entry": "social_text" if entry.social.text else "summary", "update": "updates"}.get(event.kind,
                                                                                                   event.kind)
        if field == "closing":
            continue
        for platform in platforms:
            over = overflow(event, platform.rules, platform.name, settings["TIMEZONE"])
            if over:
                problems.append(Problem(
                    source.path, _line_of_event(source, field, event.text), field,
                    f"the post to {platform.name} would be {over} too long ({platform.rules.name}), so it would be "
                    f"cut short with …; shorten the {field}, or set social_text: {{{platform.name}: ...}}", "warning"))
    return problems


def _line_of_event(source: SourceFile, field: str, text: str) -> int:
    """The line of the field an event's text comes from: for an update, the line of that update."""
    if field == "updates":
        said = [str(item.get("text", "")).strip() for item in source.data["updates"]]
        if text in said:
            return source.line_of("updates", said.index(text))
    return source.line_of(field)


def editorial_problems(catalogue: Catalogue, settings: Mapping[str, Any]) -> list[Problem]:
    """Every warning of this module for every checked entry."""
    content = Path(settings["PATH"]).resolve()
    pages = site_paths(catalogue, settings)
    basis = social_basis(catalogue, settings)
    sources = {entry.source_path: catalogue.sources.source(content.parent / entry.source_path, entry.source_path)[0]
               for entry in catalogue.entries}
    new = [entry for entry in catalogue.entries if isinstance(entry, Post | Notice) and sources[entry.source_path]
           and not catalogue.sources.has_made(SOCIAL_ADVICE, _social_key(sources[entry.source_path], basis))]
    catalogue.sources.share_out(  # composing each post for each platform: seconds at 10,000 entries
        new, lambda entry: social_problems(entry, sources[entry.source_path], settings, catalogue, basis),
        int(settings.get("BUILD_PROCESSES") or os.cpu_count() or 1))
    problems = []
    for entry in catalogue.entries:
        source = sources[entry.source_path]
        if source is None:
            continue
        problems += link_problems(source, pages, content, settings["SITEURL"], catalogue.sources)
        if isinstance(entry, Notice) and entry.contact is None:
            problems.append(Problem(entry.source_path, 1, "contact", "a notice should say who to contact about it; "
                                    'add a line such as "contact: Highways team, 01632 960123"', "warning"))
        if isinstance(entry, Post | Notice):
            problems += social_problems(entry, source, settings, catalogue, basis)
    return problems
