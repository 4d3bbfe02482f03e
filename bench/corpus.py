"""The one generator of benchmark content: N entries in Noticeboard's format, and the same texts as plain
Pelican Markdown and as a Hugo site, so every build is timed on the same words.

40 % news, 40 % notices, 20 % FAQ; bodies of about 300 words (headings, lists, links), front matter as
an editor writes it (topics, areas, updates, corrections, review dates). The same ``count`` and
``seed`` always give the same files.
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

AREAS = ("district-wide", "riverside", "old-town", "millbrook", "northgate", "eastfield")
TOPICS = ("roads", "waste", "recycling", "housing", "parking", "libraries", "leisure", "planning",
          "council-tax", "flooding", "schools", "transport", "environment", "health", "budget", "events")
NOTICE_TYPES = ("event", "road_closure", "waste_collection", "service_change", "consultation", "emergency")
SEVERITY_OF = {"event": "info", "road_closure": "advisory", "waste_collection": "info",
               "service_change": "info", "consultation": "info", "emergency": "warning"}
STREETS = ("Mill Lane", "Quay Street", "Station Road", "Weir Lane", "Church Street", "Hill Top", "Market Square",
           "Northgate Road", "Eastfield Avenue", "the Meadows", "Bridge Street", "Maltings Way")
TEAMS = ("Highways team", "Waste services", "Customer services", "Housing team", "Leisure services",
         "Planning team", "Communications team", "Emergency planning")
WORDS = ("the council will residents can please road service team week from until because work area "
         "collection notice local centre library park access bus route closed open update information "
         "contact online phone visit school parking permit waste recycling garden bin green blue "
         "repair surface drain water river flood warning safety community meeting plan budget").split()
ROOT = Path(__file__).resolve().parent.parent
#: The clock the generated content is written against (also the clock of every benchmark build).
NOW = datetime(2026, 11, 25, 9, 0)


@dataclass(frozen=True)
class Entry:
    """One generated entry, before it is written in any format."""

    kind: str  # post, notice, faq
    slug: str
    title: str
    summary: str
    date: datetime
    body: str
    fields: dict  # the rest of our front matter, already as YAML lines' values
    tags: tuple[str, ...]


def entry_sizes(default: str = "1000,10000") -> list[int]:
    """The site sizes to measure: BENCH_ENTRIES, such as "1000,10000" or "3000"."""
    return [int(size) for size in os.environ.get("BENCH_ENTRIES", default).split(",") if size.strip()]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, words: int = 230) -> str:
    """About ``words`` words of Markdown: paragraphs, a heading, a list and a link."""
    parts, count = [], 0
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))
        parts.append(paragraph)
        count += len(paragraph.split())
        if len(parts) == 2:
            parts.append(f"## What happens on {rng.choice(STREETS)}")
        if len(parts) == 4:
            parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(3)))
            count += 30
    parts.append(f"Read more on [our contact page](/contact-us/) or call 01632 960{rng.randint(100, 999)}.")
    return "\n\n".join(parts)


def _moment(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M}"


def generate(count: int, seed: int = 16) -> list[Entry]:
    """``count`` entries: 2 in 5 news, 2 in 5 notices, 1 in 5 FAQ, dated over the ten years before NOW."""
    rng = random.Random(seed)
    entries = []
    for i in range(count):
        kind = ("post", "notice", "post", "notice", "faq")[i % 5]
        date = NOW - timedelta(minutes=rng.randint(60, 10 * 365 * 24 * 60))
        street = rng.choice(STREETS)
        title = f"{street}: {_sentence(rng)[:-1]} ({i})"
        summary = _sentence(rng)[:150]  # one sentence, as a post to X and Bluesky has room for
        topics = tuple(rng.sample(TOPICS, 2))
        fields: dict = {}
        if kind == "post":
            fields = {"topics": f"[{', '.join(topics)}]", "author": rng.choice(TEAMS)}
        elif kind == "notice":
            notice_type = NOTICE_TYPES[(i // 5) % len(NOTICE_TYPES)]
            starts = date + timedelta(hours=rng.randint(1, 72))
            fields = {
                "notice_type": notice_type,
                "severity": SEVERITY_OF[notice_type],
                "starts": _moment(starts),
                "ends": _moment(starts + timedelta(days=rng.randint(1, 30))),
                "areas": f"[{', '.join(rng.sample(AREAS, rng.randint(1, 2)))}]",
                "location": f"{street}, {rng.choice(AREAS).replace('-', ' ').title()}",
                "contact": f"{rng.choice(TEAMS)}, 01632 960{rng.randint(100, 999)}",
            }
            if rng.random() < 0.5:
                fields["updates"] = [(_moment(date + timedelta(hours=h)), _sentence(rng))
                                     for h in sorted(rng.sample(range(2, 96), rng.randint(1, 3)))]
            if rng.random() < 0.1:
                fields["correction"] = (_moment(date + timedelta(hours=1)), _sentence(rng))
        else:
            title = f"How do I {_sentence(rng)[:-1].lower()} ({i})?"
            fields = {"topic": topics[0], "owner": rng.choice(TEAMS), "review_by": "2030-03-31"}
            if i >= 10:
                fields["related"] = f"[entry-{i - 5}]"
        entries.append(Entry(kind, f"entry-{i}", title, summary, date, _body(rng), fields, topics))
    return entries


FOLDER = {"post": "posts", "notice": "notices", "faq": "faq"}
AREAS_YAML = "".join(f"{a}:\n  name: {a.replace('-', ' ').title()}\n  description: The {a} area.\n" for a in AREAS)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def noticeboard_file(entry: Entry) -> str:
    """The entry as Noticeboard writes it: YAML front matter between --- lines, then Markdown."""
    title_field = "question" if entry.kind == "faq" else "title"
    lines = ["---", f"{title_field}: {_quoted(entry.title)}", f"date: {_moment(entry.date)}",
             f"summary: {_quoted(entry.summary)}"]
    for name, value in entry.fields.items():
        if name == "updates":
            lines.append("updates:")
            lines += [f"  - at: {at}\n    text: {_quoted(said)}" for at, said in value]
        elif name == "correction":
            lines.append(f"correction:\n  at: {value[0]}\n  text: {_quoted(value[1])}")
        else:
            lines.append(f"{name}: {value}")
    return "\n".join([*lines, "---", entry.body, ""])


def plain_pelican_file(entry: Entry) -> str:
    """The same text as Pelican's own Markdown metadata, each kind a category, topics as tags."""
    return (f"Title: {entry.title}\nDate: {_moment(entry.date)}\nSummary: {entry.summary}\n"
            f"Category: {FOLDER[entry.kind]}\nTags: {', '.join(entry.tags)}\nSlug: {entry.slug}\n\n{entry.body}\n")


def hugo_file(entry: Entry) -> str:
    """The same text as a Hugo page (YAML front matter)."""
    return (f"---\ntitle: {_quoted(entry.title)}\ndate: {entry.date:%Y-%m-%dT%H:%M:%S}Z\n"
            f"summary: {_quoted(entry.summary)}\ntags: [{', '.join(entry.tags)}]\n---\n{entry.body}\n")


def write_noticeboard_content(content: Path, count: int, seed: int = 16) -> list[Entry]:
    """content/ with areas.yaml and posts/, notices/, faq/; the entries written."""
    entries = generate(count, seed)
    content.mkdir(parents=True, exist_ok=True)
    (content / "areas.yaml").write_text(AREAS_YAML, encoding="utf-8")
    (content / "pages").mkdir(exist_ok=True)  # the page every body links to, as the sample's
    shutil.copy(ROOT / "content" / "pages" / "contact-us.md", content / "pages")
    for entry in entries:
        folder = content / FOLDER[entry.kind]
        folder.mkdir(exist_ok=True)
        (folder / f"{entry.slug}.md").write_text(noticeboard_file(entry), encoding="utf-8")
    return entries


def write_plain_pelican_content(content: Path, count: int, seed: int = 16) -> None:
    content.mkdir(parents=True, exist_ok=True)
    for entry in generate(count, seed):
        (content / f"{entry.slug}.md").write_text(plain_pelican_file(entry), encoding="utf-8")


def write_hugo_site(site: Path, count: int, seed: int = 16) -> None:
    """A Hugo site with a minimal theme of its own (list and single pages, RSS on), no network needed."""
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text('baseURL = "https://www.riverford.example/"\ntitle = "Riverford"\n'
                                    'disableKinds = ["sitemap"]\n', encoding="utf-8")
    (layouts / "baseof.html").write_text('<!doctype html><html lang="en"><head><title>{{ .Title }}</title></head>'
                                         '<body>{{ block "main" . }}{{ end }}</body></html>\n', encoding="utf-8")
    (layouts / "single.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
                                         encoding="utf-8")
    (layouts / "list.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}'
                                       '<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p>'
                                       '{{ end }}{{ end }}\n', encoding="utf-8")
    for entry in generate(count, seed):
        folder = site / "content" / FOLDER[entry.kind]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{entry.slug}.md").write_text(hugo_file(entry), encoding="utf-8")
