"""Validators for every kind of feed file, against the published schemas in tests/schemas/."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import feedparser
import xmlschema
from icalendar import Calendar
from jsonschema import Draft202012Validator
from lxml import etree, html

from conftest import SITEURL

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
ATOM_NS = "http://www.w3.org/2005/Atom"
CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
A = f"{{{ATOM_NS}}}"
C = f"{{{CAP_NS}}}"


@cache
def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


@cache
def cap_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "CAP-v1.2.xsd"))


@cache
def json_feed_validator() -> Draft202012Validator:
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def atom_problems(path: Path) -> list[str]:
    """RFC 4287's RELAX NG schema, plus its two Schematron rules (which RELAX NG cannot express)."""
    tree = etree.parse(str(path))
    schema = atom_schema()
    problems = [] if schema.validate(tree) else [str(error) for error in schema.error_log]
    feed = tree.getroot()
    for entry in feed.iter(f"{A}entry"):
        entry_id = entry.findtext(f"{A}id")
        if feed.find(f"{A}author") is None and entry.find(f"{A}author") is None:
            problems.append(f"{entry_id}: no atom:author in the entry or the feed")
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        if not alternates and entry.find(f"{A}content") is None:
            problems.append(f"{entry_id}: neither an alternate link nor content")
        kinds = [(link.get("type"), link.get("hreflang")) for link in alternates]
        if len(kinds) != len(set(kinds)):
            problems.append(f"{entry_id}: two alternate links with the same type and hreflang")
    return problems


def parse_feed(path: Path) -> feedparser.FeedParserDict:
    """feedparser's reading of a feed; fails the test if feedparser found anything wrong (bozo)."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def cap_problems(path: Path) -> list[str]:
    return [str(error) for error in cap_schema().iter_errors(str(path))]


def json_feed_problems(path: Path) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}"
            for error in json_feed_validator().iter_errors(json.loads(path.read_bytes()))]


def read_calendar(path: Path) -> Calendar:
    """Parse an .ics file and check it writes back to the same bytes (a lossless round trip)."""
    data = path.read_bytes()
    calendar = Calendar.from_ical(data)
    assert calendar.to_ical() == data, f"{path} changed on a round trip through icalendar"
    return calendar


def links_in(fragment: str) -> list[str]:
    """Every href and src in an HTML fragment."""
    if not fragment.strip():
        return []
    tree = html.fragment_fromstring(fragment, create_parent="div")
    return [link for _, _, link, _ in tree.iterlinks()]


def is_absolute(link: str) -> bool:
    return link.startswith((f"{SITEURL}/", "https://", "http://", "mailto:", "tel:"))


def feed_files(site: Path) -> dict[str, list[Path]]:
    """Every feed file in a built site, by format."""
    return {
        "atom": sorted([*site.glob("feeds/**/*.atom.xml"), site / "alerts" / "index.atom.xml"]),
        "rss": sorted(site.glob("feeds/**/*.rss.xml")),
        "json": sorted(site.glob("feeds/**/*.json")),
        "ics": sorted([*site.glob("calendar/**/*.ics"), *site.glob("notices/*/notice.ics")]),
        "cap": sorted(p for p in site.glob("alerts/*.xml") if p.name != "index.atom.xml"),
        "opml": sorted(site.glob("feeds/*.opml")),
    }


def atom_entries(path: Path) -> dict[str, etree._Element]:
    """The entries of an Atom file by id."""
    return {entry.findtext(f"{A}id"): entry for entry in etree.parse(str(path)).getroot().iter(f"{A}entry")}


def cap_alert(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()
