"""Collect every published entry after the other generators have read them, and write the manifest."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from languages.plugin import CATALOGUES_SETTING
from pelican.generators import Generator

from frontmatter.reader import CATALOGUE_SETTING, CLOCK_SETTING
from manifest.records import MANIFEST_VERSION, entry_record, post_words

MANIFEST_NAME = "entries.json"
#: Where the manifest leaves each entry's last change for the sitemap, written in the same build: reading
#: the manifest back (10 MB at 10,000 entries) took 45 MB more than the rest of the build at its peak.
LAST_CHANGES_SETTING = "NOTICEBOARD_LAST_CHANGES"


def last_changes(records: list[dict]) -> dict[str, str]:
    """Address -> last change (ISO date-time) of each entry record and its translations."""
    every = records + [translation for record in records for translation in record.get("translations", {}).values()]
    return {record["url"]: record.get("updated") or record["date"] for record in every}


class ManifestGenerator(Generator):
    def generate_output(self, writer) -> None:
        """The manifest is written while the pages are written (in other processes)."""
        writer.alongside(self.write_manifest)

    def write_manifest(self) -> None:
        settings = self.settings
        siteurl = settings["SITEURL"].rstrip("/")
        content = Path(settings["PATH"]).resolve()
        entries = [
            *self.context.get("articles", []),
            *self.context.get("notices", []),
            *self.context.get("faqs", []),
        ]

        catalogue = settings[CATALOGUE_SETTING]

        def record(item) -> dict:
            source = item.record.source_path
            return entry_record(item.record, f"{siteurl}/{item.url}",
                                catalogue.sources.content_digest(source, content.parent / source),
                                siteurl, catalogue.areas, settings.get("TOPIC_HASHTAGS", {}))

        items = sorted(entries, key=lambda item: (item.record.date, item.record.id))
        changes: dict[str, str] = {}

        def records() -> Iterator[dict]:
            for item in items:
                entry = {**record(item), "translations": {other.record.lang: record(other)
                                                          for other in sorted(item.translations, key=lambda t: t.lang)}}
                changes.update(last_changes([entry]))
                yield entry

        catalogues = settings.get(CATALOGUES_SETTING, {})
        languages = settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]]
        manifest = {
            "version": MANIFEST_VERSION,
            "generated_at": settings[CLOCK_SETTING].isoformat(),
            "site": {"name": settings["SITENAME"], "url": siteurl, "timezone": settings["TIMEZONE"]},
            "languages": list(languages),
            "words": {lang: post_words(catalogues[lang.lower()].gettext if lang.lower() in catalogues else str)
                      for lang in languages},
        }
        write_manifest_file(Path(self.output_path) / MANIFEST_NAME, manifest, records())
        settings[LAST_CHANGES_SETTING] = changes


def write_manifest_file(path: Path, manifest: dict, entries: Iterable[dict]) -> None:
    """Write ``manifest`` with its ``entries`` as ``json.dumps(sort_keys=True, ensure_ascii=False)`` would,
    one entry at a time: the whole list and its text at once (10 MB at 10,000 entries, twice over) were
    the build's largest moment in memory. Not indented, so each entry is written by the C encoder. Written
    beside the manifest and renamed over it, so a reader never finds half of one."""
    before, after = json.dumps({**manifest, "entries": []}, sort_keys=True, ensure_ascii=False).split('"entries": []', 1)
    partial = path.with_name(f".{path.name}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)  # written before any page, which would make the folder
    with open(partial, "w", encoding="utf-8") as file:
        file.write(f'{before}"entries": [')
        for number, entry in enumerate(entries):
            file.write(", " if number else "")
            file.write(json.dumps(entry, sort_keys=True, ensure_ascii=False))
        file.write(f"]{after}\n")
    os.replace(partial, path)
