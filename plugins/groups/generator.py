"""Write /groups/, /groups/area/<area>/ and /groups/topic/<topic>/ from the checked content/groups.yaml.

The filters are plain links to pages written here, so they work without JavaScript. The context
gets ``groups_by_area`` and ``groups_by_topic`` for the area and topic pages (and their feeds).
"""

from __future__ import annotations

from collections.abc import Iterable

from pelican.generators import Generator

from frontmatter.groups import Group
from frontmatter.reader import CATALOGUE_SETTING
from topics.generator import topic_name


def by_key(groups: Iterable[Group], keys_of) -> dict[str, list[Group]]:
    found: dict[str, list[Group]] = {}
    for group in groups:
        for key in keys_of(group):
            found.setdefault(key, []).append(group)
    return found


class GroupsGenerator(Generator):
    def generate_context(self) -> None:
        catalogue = self.settings[CATALOGUE_SETTING]
        self.groups = sorted(catalogue.groups.values(), key=lambda g: g.name.lower())
        names = self.settings.get("TOPIC_NAMES", {})
        by_area = by_key(self.groups, lambda g: g.areas)
        by_topic = by_key(self.groups, lambda g: g.topics)
        self.context.update(
            groups=self.groups,
            groups_by_area=by_area,
            groups_by_topic=by_topic,
            group_area_filters=[(slug, area.name) for slug, area in catalogue.areas.items() if slug in by_area],
            group_topic_filters=sorted(((slug, topic_name(slug, names)) for slug in by_topic), key=lambda t: t[1].lower()),
        )

    def generate_output(self, writer) -> None:
        pages = [("groups/", self.groups, "Community groups", None)]
        pages += [(f"groups/area/{slug}/", self.context["groups_by_area"][slug], f"Community groups in {name}", name)
                  for slug, name in self.context["group_area_filters"]]
        pages += [(f"groups/topic/{slug}/", self.context["groups_by_topic"][slug],
                   f"Community groups about {name.lower()}", name) for slug, name in self.context["group_topic_filters"]]
        for url, groups, title, filtered_by in pages:
            writer.write_file(f"{url}index.html", self.get_template("groups"), self.context, url=url,
                              relative_urls=self.settings["RELATIVE_URLS"], page_title=title, listed_groups=groups,
                              active_filter=url, filtered_by=filtered_by)
