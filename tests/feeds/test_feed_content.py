"""What each feed carries: full text or summaries, the latest 50 entries, the settings that change it."""

from __future__ import annotations

import json

from feed_validation import A, atom_entries, feed_files

FLOOD = "tag:riverford.example,2026:notices/flood-warning-river-ford"
BODY = "What to do now"  # a heading in the flood notice's text
LATEST_UPDATE = "Council teams and the fire service are checking homes on Weir Lane."


def test_site_and_notice_feeds_carry_the_full_text(sample_site):
    for name in ("feeds/all.atom.xml", "feeds/notices.atom.xml"):
        flood = atom_entries(sample_site / name)[FLOOD]
        assert BODY in flood.findtext(f"{A}content") and LATEST_UPDATE in flood.findtext(f"{A}content")
        assert flood.findtext(f"{A}summary").startswith("The Environment Agency has issued")


def test_other_feeds_carry_the_summary_with_the_updates(sample_site):
    for name in ("feeds/area/riverside.atom.xml", "feeds/type/emergency.atom.xml"):
        flood = atom_entries(sample_site / name)[FLOOD]
        assert flood.find(f"{A}content") is None
        assert LATEST_UPDATE in flood.findtext(f"{A}summary") and BODY not in flood.findtext(f"{A}summary")


def test_feeds_hold_the_newest_entries_up_to_the_limit(sample_site, content_copy, site_builder, tmp_path):
    assert site_builder(content_copy, FEEDS_MAX_ENTRIES=3, FEEDS_FULL_CONTENT=["area"]) == 0
    site = tmp_path / "output"
    full = atom_entries(sample_site / "feeds/all.atom.xml")
    published = json.loads((sample_site / "entries.json").read_text())["entries"]
    assert set(full) == {f"tag:riverford.example,2026:{entry['id']}" for entry in published}  # all 40, under 50
    assert list(atom_entries(site / "feeds/all.atom.xml")) == list(full)[:3]
    assert all(len(atom_entries(path)) <= 3 for path in feed_files(site)["atom"])
    updated = [entry.findtext(f"{A}updated") for entry in full.values()]
    assert updated == sorted(updated, reverse=True)
    assert BODY in atom_entries(site / "feeds/area/riverside.atom.xml")[FLOOD].findtext(f"{A}content")
    assert atom_entries(site / "feeds/notices.atom.xml")[FLOOD].find(f"{A}content") is None
