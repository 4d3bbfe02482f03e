"""Write /groups/, /groups/area/<area>/ and /groups/topic/<topic>/ from the checked content/groups.yaml.

The filters are plain links to pages written here, so they work without JavaScript. The context
gets ``groups_by_area`` and ``groups_by_topic`` for the area and topic pages (and their feeds).
Every page is written in each of the site's languages (/cy/groups/ ...), with area and topic names
in that language; the groups themselves are described as content/groups.yaml says.
"""

from __future__ import annotations

from collections.abc import Iterable

from languages.plugin import CATALOGUES_SETTING

from frontmatter.display import N_
from frontmatter.generator import EntriesGenerator
from frontmatter.groups import Group
from frontmatter.reader import CATALOGUE_SETTING
from topics.generator import topic_names

#: The groups pages' titles, in each language through the theme's catalogues.
TITLES = {
    "all": N_("Community groups"),
    "area": N_("Community groups in %(area)s"),
    "topic": N_("Community groups about %(topic)s"),
}


def by_key(groups: Iterable[Group], keys_of) -> dict[str, list[Group]]:
    found: dict[str, list[Group]] = {}
    for group in groups:
        for key in keys_of(group):
            found.setdefault(key, []).append(group)
    return found


class GroupsGenerator(EntriesGenerator):
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
            group_topic_filters=sorted(((slug, topic_names(slug, names, self.settings["DEFAULT_LANG"])[0])
                                        for slug in by_topic), key=lambda t: t[1].lower()),
        )

    def generate_output(self, writer) -> None:
        areas = self.settings[CATALOGUE_SETTING].areas
        names = self.settings.get("TOPIC_NAMES", {})
        catalogues = self.settings.get(CATALOGUES_SETTING, {})
        for lang in self.settings.get("LANGUAGES") or [self.settings.get("DEFAULT_LANG", "en-GB")]:
            words = catalogues[lang.lower()].gettext if lang.lower() in catalogues else str
            area_filters = [(slug, areas[slug].name_in(lang) if slug in areas else name)
                            for slug, name in self.context["group_area_filters"]]
            topic_filters = sorted(((slug, topic_names(slug, names, self.settings["DEFAULT_LANG"])[1].get(lang.lower(), name))
                                    for slug, name in self.context["group_topic_filters"]), key=lambda t: t[1].lower())
            pages = [("groups/", self.groups, words(TITLES["all"]), None)]
            pages += [(f"groups/area/{slug}/", self.context["groups_by_area"][slug],
                       words(TITLES["area"]) % {"area": name}, name) for slug, name in area_filters]
            pages += [(f"groups/topic/{slug}/", self.context["groups_by_topic"][slug],
                       words(TITLES["topic"]) % {"topic": name.lower()}, name) for slug, name in topic_filters]
            for url, groups, title, filtered_by in pages:
                self.write_page(writer, f"{url}index.html", "groups", lang, page_title=title, listed_groups=groups,
                                active_filter=url, filtered_by=filtered_by, group_area_filters=area_filters,
                                group_topic_filters=topic_filters)
