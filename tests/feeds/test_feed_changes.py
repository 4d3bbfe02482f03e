"""A notice that changes keeps its ids everywhere; feeds, calendars and CAP show the change, and
nothing else in any feed moves."""

from __future__ import annotations

from pathlib import Path

from feed_validation import A, C, atom_entries, cap_alert, cap_problems, feed_files, parse_feed, read_calendar
from lxml import etree

QUAY = "tag:riverford.example,2026:notices/quay-street-closure"
UPDATE_TEXT = "The water is going down. We expect to reopen the road this afternoon."


def add_update(content: Path) -> None:
    notice = content / "notices" / "quay-street-closure.md"
    notice.write_text(notice.read_text().replace(
        "contact:", f"updates:\n  - at: 2026-11-25 08:15\n    text: {UPDATE_TEXT}\ncontact:"))


def set_status(content: Path, slug: str, status: str) -> None:
    notice = content / "notices" / f"{slug}.md"
    notice.write_text(notice.read_text().replace("\nstarts:", f"\nstatus: {status}\nstarts:", 1))


def event(calendar_path: Path, uid: str):
    (found,) = [e for e in read_calendar(calendar_path).walk("VEVENT") if str(e["UID"]) == uid]
    return found


def test_an_update_changes_the_entry_and_keeps_its_id(sample_site, content_copy, site_builder, tmp_path):
    add_update(content_copy)
    assert site_builder(content_copy) == 0
    site = tmp_path / "output"

    before, after = atom_entries(sample_site / "feeds/notices.atom.xml"), atom_entries(site / "feeds/notices.atom.xml")
    assert list(before) != list(after) and set(before) == set(after)
    assert next(iter(after)) == QUAY, "the changed notice moves to the top"
    assert before[QUAY].findtext(f"{A}updated") == "2026-11-24T07:30:00+00:00"
    assert after[QUAY].findtext(f"{A}updated") == "2026-11-25T08:15:00+00:00"
    assert after[QUAY].findtext(f"{A}published") == before[QUAY].findtext(f"{A}published")
    assert UPDATE_TEXT in after[QUAY].findtext(f"{A}content")
    area = atom_entries(site / "feeds/area/riverside.atom.xml")[QUAY]
    assert area.find(f"{A}content") is None and UPDATE_TEXT in area.findtext(f"{A}summary")
    rss = {entry.id: entry for entry in parse_feed(site / "feeds/notices.rss.xml").entries}
    assert UPDATE_TEXT in rss[QUAY].content[0].value

    old, new = event(sample_site / "calendar/all.ics", QUAY), event(site / "calendar/all.ics", QUAY)
    assert (old["SEQUENCE"], new["SEQUENCE"]) == (0, 1)
    assert new["DTSTAMP"].dt.isoformat() == "2026-11-25T08:15:00+00:00"
    assert UPDATE_TEXT in str(new["DESCRIPTION"])

    first, update = cap_alert(sample_site / "alerts/quay-street-closure.xml"), cap_alert(site / "alerts/quay-street-closure.xml")
    assert (first.findtext(f"{C}msgType"), first.findtext(f"{C}identifier")) == ("Alert", "notices/quay-street-closure")
    assert first.find(f"{C}references") is None
    assert update.findtext(f"{C}msgType") == "Update"
    assert update.findtext(f"{C}identifier") == "notices/quay-street-closure/updates/20261125T081500Z"
    assert update.findtext(f"{C}sent") == "2026-11-25T08:15:00-00:00"
    assert update.findtext(f"{C}references") == (
        "contact@riverford.example,notices/quay-street-closure,2026-11-24T07:30:00-00:00")
    assert UPDATE_TEXT in update.findtext(f"{C}info/{C}description")
    assert cap_problems(site / "alerts/quay-street-closure.xml") == []


def test_changing_one_notice_changes_only_its_entries(sample_site, content_copy, site_builder, tmp_path):
    add_update(content_copy)
    assert site_builder(content_copy) == 0
    site = tmp_path / "output"
    changed = []
    for paths in feed_files(site).values():
        for path in paths:
            old = sample_site / path.relative_to(site)
            if old.read_bytes() != path.read_bytes():
                changed.append(path.relative_to(site).as_posix())
                assert b"quay-street-closure" in old.read_bytes(), f"{path} changed but does not carry the notice"
    assert "feeds/news.atom.xml" not in changed and "feeds/area/riverside.atom.xml" in changed
    for name in [name for name in changed if name.endswith(".atom.xml")]:
        old, new = atom_entries(sample_site / name), atom_entries(site / name)
        others = [entry_id for entry_id in new if "quay-street-closure" not in entry_id]
        assert others == [entry_id for entry_id in old if "quay-street-closure" not in entry_id], name
        assert all(etree.tostring(old[i], with_tail=False) == etree.tostring(new[i], with_tail=False)
                   for i in others), name


def test_a_cancelled_warning_cancels_its_alert_and_its_event(content_copy, site_builder, tmp_path):
    set_status(content_copy, "quay-street-closure", "cancelled")
    assert site_builder(content_copy) == 0
    site = tmp_path / "output"

    alert = cap_alert(site / "alerts/quay-street-closure.xml")
    assert cap_problems(site / "alerts/quay-street-closure.xml") == []
    assert alert.findtext(f"{C}msgType") == "Cancel"
    assert alert.findtext(f"{C}identifier") == "notices/quay-street-closure/status/cancelled"
    assert alert.findtext(f"{C}references").startswith("contact@riverford.example,notices/quay-street-closure,")
    assert [alert.findtext(f"{C}info/{C}{name}") for name in ("responseType", "urgency")] == ["AllClear", "Past"]

    closure = event(site / "calendar/area/riverside.ics", QUAY)
    assert (closure["STATUS"], closure["SEQUENCE"]) == ("CANCELLED", 1)
    assert str(closure["SUMMARY"]) == "Cancelled: Quay Street closed because of flooding"
    assert event(site / "notices/quay-street-closure/notice.ics", QUAY)["STATUS"] == "CANCELLED"

    index = atom_entries(site / "alerts/index.atom.xml")
    assert index[f"{QUAY}/alert"].findtext(f"{A}title") == "Cancelled: Quay Street closed because of flooding"
    assert atom_entries(site / "feeds/notices.atom.xml")[QUAY].findtext(f"{A}content").startswith(
        "<p><strong>Cancelled.</strong></p>")


def test_the_sample_calendars_show_cancellations_and_corrections(sample_site):
    fair = event(sample_site / "calendar/area/old-town.ics", "tag:riverford.example,2026:notices/winter-fair-cancelled")
    assert (fair["STATUS"], fair["SEQUENCE"]) == ("CANCELLED", 1)
    lane = event(sample_site / "calendar/all.ics", "tag:riverford.example,2026:notices/mill-lane-resurfacing")
    assert (lane["STATUS"], lane["SEQUENCE"]) == ("CONFIRMED", 1)
    assert "Correction" in str(lane["DESCRIPTION"]) and "not 14 December" in str(lane["DESCRIPTION"])
