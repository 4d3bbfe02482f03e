"""CAP alerts for the sample's warnings and emergencies: the mapping, the chain, the index."""

from __future__ import annotations

from feed_validation import A, C, atom_entries, cap_alert

SENDER = "contact@riverford.example"


def info(alert, name: str) -> list[str]:
    return [element.text for element in alert.iterfind(f"{C}info/{C}{name}")]


def test_a_live_emergency_maps_to_extreme_immediate_observed(sample_site):
    flood = cap_alert(sample_site / "alerts/flood-warning-river-ford.xml")
    assert flood.findtext(f"{C}sender") == SENDER
    assert (flood.findtext(f"{C}status"), flood.findtext(f"{C}scope")) == ("Actual", "Public")
    assert flood.findtext(f"{C}msgType") == "Update"
    assert flood.findtext(f"{C}identifier") == "notices/flood-warning-river-ford/updates/20261125T013000Z"
    assert flood.findtext(f"{C}references").split() == [
        f"{SENDER},notices/flood-warning-river-ford,2026-11-23T16:00:00-00:00",
        f"{SENDER},notices/flood-warning-river-ford/updates/20261123T210000Z,2026-11-23T21:00:00-00:00",
        f"{SENDER},notices/flood-warning-river-ford/updates/20261124T073000Z,2026-11-24T07:30:00-00:00",
        f"{SENDER},notices/flood-warning-river-ford/updates/20261124T174500Z,2026-11-24T17:45:00-00:00",
    ]
    assert [info(flood, name)[0] for name in ("category", "event", "urgency", "severity", "certainty")] == [
        "Safety", "Emergency", "Immediate", "Extreme", "Observed"]
    assert info(flood, "web") == ["https://www.riverford.example/notices/flood-warning-river-ford/",
                                  "https://www.riverford.example/cy/notices/flood-warning-river-ford/"]
    areas = flood.find(f"{C}info").findall(f"{C}area")
    assert [area.findtext(f"{C}areaDesc") for area in areas] == ["Riverside", "Millbrook"]
    assert areas[0].findtext(f"{C}polygon") == "51.501,-1.201 51.503,-1.180 51.496,-1.176 51.494,-1.199 51.501,-1.201"
    assert areas[1].find(f"{C}polygon") is None


def test_a_warning_road_closure_is_severe_transport(sample_site):
    quay = cap_alert(sample_site / "alerts/quay-street-closure.xml")
    assert quay.findtext(f"{C}msgType") == "Alert"
    assert [info(quay, name)[0] for name in ("category", "severity", "urgency")] == ["Transport", "Severe", "Immediate"]


def test_a_resolved_emergency_is_cancelled_with_all_clear(sample_site):
    storm = cap_alert(sample_site / "alerts/storm-damage-clear-up.xml")
    assert storm.findtext(f"{C}msgType") == "Cancel"
    assert storm.findtext(f"{C}identifier") == "notices/storm-damage-clear-up/status/resolved"
    assert len(storm.findtext(f"{C}references").split()) == 4  # the alert and its three updates
    assert info(storm, "responseType") == ["AllClear"] and info(storm, "urgency") == ["Past"]
    assert info(storm, "expires") == ["2026-10-21T18:00:00+01:00"]


def test_the_alert_index_lists_current_alerts_newest_first(sample_site):
    index = atom_entries(sample_site / "alerts/index.atom.xml")
    assert list(index) == ["tag:riverford.example,2026:notices/flood-warning-river-ford/alert",
                           "tag:riverford.example,2026:notices/quay-street-closure/alert"]
    link = index["tag:riverford.example,2026:notices/flood-warning-river-ford/alert"].find(f"{A}link")
    assert (link.get("rel"), link.get("type"), link.get("href")) == (
        "alternate", "application/cap+xml", "https://www.riverford.example/alerts/flood-warning-river-ford.xml")


def test_an_alert_for_later_is_future_and_likely(content_copy, site_builder, tmp_path):
    notice = content_copy / "notices" / "quay-street-closure.md"
    notice.write_text(notice.read_text().replace("starts: 2026-11-24 07:30", "starts: 2026-11-26 07:30"))
    assert site_builder(content_copy) == 0
    quay = cap_alert(tmp_path / "output/alerts/quay-street-closure.xml")
    assert (info(quay, "urgency"), info(quay, "certainty"), info(quay, "onset")) == (
        ["Future"] * 2, ["Likely"] * 2, ["2026-11-26T07:30:00-00:00"] * 2)


def test_a_translated_alert_says_the_same_in_each_language_in_its_own_info(sample_site):
    flood = cap_alert(sample_site / "alerts/flood-warning-river-ford.xml")
    english, welsh = flood.findall(f"{C}info")
    assert (english.findtext(f"{C}language"), welsh.findtext(f"{C}language")) == ("en-GB", "cy")
    for name in ("category", "urgency", "severity", "certainty", "onset"):
        assert english.findtext(f"{C}{name}") == welsh.findtext(f"{C}{name}"), name
    assert welsh.findtext(f"{C}event") == "Argyfwng"
    assert welsh.findtext(f"{C}headline").startswith("Rhybudd llifogydd ar gyfer Afon Ford")
    assert "Diweddariad (Dydd Mercher 25 Tachwedd 2026, 1:30yb): Mae timau’r cyngor" in welsh.findtext(f"{C}description")
    assert [a.findtext(f"{C}areaDesc") for a in welsh.findall(f"{C}area")] == ["Glan yr Afon", "Millbrook"]


def test_an_untranslated_alert_has_one_info(sample_site):
    storm = cap_alert(sample_site / "alerts/storm-damage-clear-up.xml")
    assert [i.findtext(f"{C}language") for i in storm.findall(f"{C}info")] == ["en-GB"]
