"""The content model: what a post, a notice, an FAQ and a page are once their files are checked.

Plain data with the rules citizens notice (is a notice current? does it raise the banner?), so
that generators, feeds and the manifest all ask the same question the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

SEVERITY_ORDER = ("info", "advisory", "warning", "emergency")
BANNER_SEVERITIES = ("emergency", "warning")


@dataclass(frozen=True)
class Area:
    slug: str
    name: str
    description: str = ""
    hashtag: str | None = None
    geocodes: tuple[tuple[str, str], ...] = ()
    polygons: tuple[str, ...] = ()
    #: The name and description in other languages, by language code (content/areas.yaml).
    names: dict[str, str] = field(default_factory=dict, compare=False)
    descriptions: dict[str, str] = field(default_factory=dict, compare=False)

    def name_in(self, lang: str) -> str:
        return self.names.get(lang, self.name)

    def description_in(self, lang: str) -> str:
        return self.descriptions.get(lang, self.description)


@dataclass(frozen=True)
class TimedText:
    """An update or a correction on a notice: when it was said, and what."""

    at: datetime
    text: str
    #: Set when the text is not in its entry's language (a translation that has not caught up yet).
    lang: str | None = None


@dataclass(frozen=True)
class Social:
    """What the editor asked of cross-posting (front matter social, social_text, social_platforms)."""

    enabled: bool
    text: dict[str, str] = field(default_factory=dict)
    platforms: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Entry:
    """Fields every kind of content has."""

    kind: str
    slug: str
    source_path: str
    title: str
    summary: str
    date: datetime
    social: Social
    #: The language it is written in (a code from LANGUAGES); a translation has the original's id and slug.
    lang: str = "en-GB"
    #: For a translation, the source path of the original it translates.
    translation_of: str | None = None

    @property
    def is_translation(self) -> bool:
        return self.translation_of is not None

    @property
    def id(self) -> str:
        """Permanent id: the content folder and the file name, which never change once published."""
        return f"{FOLDERS[self.kind]}/{self.slug}"

    def is_published(self, at: datetime) -> bool:
        """Entries dated in the future wait for a build after their date."""
        return self.date <= at

    def as_metadata(self) -> dict[str, Any]:
        """The fields as Pelican metadata (attributes on the content object)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values["record"] = self
        return values


@dataclass(frozen=True)
class Post(Entry):
    topics: tuple[str, ...] = ()
    author: str | None = None
    image: str | None = None
    image_alt: str | None = None


@dataclass(frozen=True)
class Notice(Entry):
    notice_type: str = "service_change"
    severity: str = "info"
    status: str = "active"
    starts: datetime | None = None
    ends: datetime | None = None
    areas: tuple[str, ...] = ()
    location: str | None = None
    updates: tuple[TimedText, ...] = ()
    correction: TimedText | None = None
    contact: str | None = None

    def is_active(self, at: datetime) -> bool:
        """Still in force: not resolved or cancelled, and not past its end."""
        return self.status == "active" and (self.ends is None or self.ends > at)

    def shows_banner(self, at: datetime) -> bool:
        return self.is_published(at) and self.is_active(at) and self.severity in BANNER_SEVERITIES

    @property
    def severity_rank(self) -> int:
        """Higher is more severe, for sorting the banner and lists."""
        return SEVERITY_ORDER.index(self.severity)

    @property
    def updated(self) -> datetime:
        """The latest moment anything was said on this notice."""
        moments = [self.date, *(u.at for u in self.updates)]
        if self.correction:
            moments.append(self.correction.at)
        return max(moments)

    @property
    def updates_newest_first(self) -> tuple[TimedText, ...]:
        return tuple(sorted(self.updates, key=lambda update: update.at, reverse=True))


@dataclass(frozen=True)
class Faq(Entry):
    topic: str = ""
    owner: str = ""
    review_by: date | None = None
    related: tuple[str, ...] = ()

    @property
    def question(self) -> str:
        return self.title

    def review_overdue(self, at: datetime) -> bool:
        return self.review_by is not None and self.review_by < at.date()


@dataclass(frozen=True)
class Page(Entry):
    """A standalone page such as "Contact us" (content/pages/)."""


KINDS: dict[str, type[Entry]] = {"post": Post, "notice": Notice, "faq": Faq, "page": Page}
FOLDERS = {"post": "posts", "notice": "notices", "faq": "faq", "page": "pages"}
KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
