"""All nine platforms at once: each gets every event exactly once, follow-ups as replies or comments
where the platform has them, and a slow or failing platform holds up only itself."""

from __future__ import annotations

from tests.crossposting.samples import FLOOD_UPDATES, RECENT

EVERY_PLATFORM = ["outbox", "mastodon", "bluesky", "x", "facebook", "telegram", "linkedin", "threads", "apprise"]


def test_one_publish_posts_each_event_once_on_all_nine_platforms_and_a_rerun_posts_nothing(
        sample_site, publisher, every_account):
    result = publisher.run(sample_site, every_account.env(), CROSSPOST=EVERY_PLATFORM)

    assert result.returncode == 0, result.stdout + result.stderr
    threaded = (len(RECENT), FLOOD_UPDATES)
    assert every_account.tally() == {name: threaded for name in every_account.servers} | {
        "apprise": (len(RECENT) + FLOOD_UPDATES, 0)}
    assert len(list(publisher.outbox.glob("*.json"))) == len(RECENT) + FLOOD_UPDATES

    again = publisher.run(sample_site, every_account.env(), CROSSPOST=EVERY_PLATFORM)

    assert again.returncode == 0, again.stdout + again.stderr
    assert every_account.tally() == {name: threaded for name in every_account.servers} | {
        "apprise": (len(RECENT) + FLOOD_UPDATES, 0)}
