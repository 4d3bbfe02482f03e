"""Turn checked notices into pages and into the lists every other page reads (banner, current)."""

from __future__ import annotations

from pelican.contents import Content

from frontmatter.generator import EntriesGenerator
from frontmatter.reader import CATALOGUE_SETTING, CLOCK_SETTING
from frontmatter.schema import NOTICE_TYPES


class Notice(Content):
    """A notice as Pelican content; the checked record is ``self.record`` (frontmatter.model.Notice)."""

    mandatory_properties = ("title", "date")
    default_template = "notice"


def by_urgency(notices: list[Notice]) -> list[Notice]:
    """Most severe first, then the soonest to start, then the newest."""
    return sorted(notices, key=lambda n: (-n.record.severity_rank, n.record.starts or n.date, -n.date.timestamp()))


class NoticesGenerator(EntriesGenerator):
    content_class = Notice
    paths_setting = "NOTICE_PATHS"

    def generate_context(self) -> None:
        clock = self.settings[CLOCK_SETTING]
        notices = self.read_entries()
        for notice in notices + self.translations:
            # Whether it is in force at the build clock: the page says so without reading the clock
            # itself, so the page memo renders it again only when this changes.
            notice.in_force = notice.record.is_active(clock)
        current = by_urgency([n for n in notices if n.record.is_active(clock)])
        archived = sorted((n for n in notices if not n.record.is_active(clock)), key=lambda n: n.date, reverse=True)
        self.notices = notices
        self.context.update(
            now=clock,
            notices=sorted(notices, key=lambda n: n.date, reverse=True),
            current_notices=current,
            archived_notices=archived,
            banner_notices=[n for n in current if n.record.shows_banner(clock)],
            areas=self.settings[CATALOGUE_SETTING].areas,
            notice_types=NOTICE_TYPES,
        )

    def generate_output(self, writer) -> None:
        current, archived = self.context["current_notices"], self.context["archived_notices"]
        for notice in self.notices + self.translations:
            self.write_entry(writer, notice, "notice")
        self.write_list(writer, "notices/index.html", "notices", "notices", current)
        self.write_list(writer, "notices/archive/index.html", "notices_archive", "notices", archived)
        for notice_type in NOTICE_TYPES:
            self.write_list(
                writer, f"notices/type/{notice_type}/index.html", "notice_type", "notices",
                [n for n in current + archived if n.record.notice_type == notice_type],
                notice_type=notice_type, current=[n for n in current if n.record.notice_type == notice_type],
            )
        areas = self.context["areas"]
        for lang in self.settings["LANGUAGES"]:
            self.write_page(writer, "areas/index.html", "areas", lang)
        for slug, area in areas.items():
            self.write_list(
                writer, f"areas/{slug}/index.html", "area", "notices",
                [n for n in current + archived if slug in n.record.areas],
                area=area, current=[n for n in current if slug in n.record.areas],
            )
