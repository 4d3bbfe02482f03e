"""Apprise (email, Matrix, Discord, Slack, Teams, ntfy...): a message per event naming its entry, and at
most once: a message apprise could not confirm is reported unknown, not sent again by itself."""

from __future__ import annotations

from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, RECENT

EXPECTED = len(RECENT) + FLOOD_UPDATES


def test_every_event_is_one_message_and_updates_name_their_entry(sample_site, publisher, every_account):
    apprise = every_account.apprise

    result = publisher.run(sample_site, every_account.env("apprise"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(apprise.messages) == EXPECTED
    flood = [m for m in apprise.messages if FLOOD in m["message"]]
    assert flood[0]["title"] == "Flood warning for the River Ford at Riverside and Millbrook"
    assert all(m["message"].startswith("Update ") and "(Flood warning for the River Ford" in m["message"]
               for m in flood[1:])
    assert apprise.url not in result.stdout, "apprise URLs can hold credentials: never printed"

    again = publisher.run(sample_site, every_account.env("apprise"))
    assert again.returncode == 0 and len(apprise.messages) == EXPECTED


def test_a_service_that_fails_leaves_the_message_unknown_and_the_run_says_so(sample_site, publisher, every_account):
    apprise = every_account.apprise
    apprise.fail("/", 500, times=1)

    unsure = publisher.run(sample_site, every_account.env("apprise"))

    assert unsure.returncode == 5, unsure.stdout + unsure.stderr
    assert "apprise: UNKNOWN notices/flood-warning-river-ford" in unsure.stdout
    assert apprise.messages == []

    rerun = publisher.run(sample_site, every_account.env("apprise"))

    assert rerun.returncode == 5, "still unknown until someone settles it"
    assert len(apprise.received("POST", "/")) == 1 + EXPECTED - 1, "all but the message in doubt, which was not resent"
    assert not any(m["message"].startswith("EMERGENCY: Flood warning") for m in apprise.messages)
    assert sum(m["message"].startswith("Update ") for m in apprise.messages) == FLOOD_UPDATES


def test_a_url_apprise_does_not_understand_stops_before_anything_is_deployed(sample_site, publisher):
    url = "nosuchservice://council:hunter2-pass@example.org"

    result = publisher.run(sample_site, {"NOTICEBOARD_APPRISE_URLS": f"json://127.0.0.1:9 {url}"})

    assert result.returncode == 2
    assert "NOTICEBOARD_APPRISE_URLS: URL 2 of 2 is not an apprise URL" in result.stderr
    assert "hunter2" not in result.stdout + result.stderr
    assert not publisher.public.exists()
