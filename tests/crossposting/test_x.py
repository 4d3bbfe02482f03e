"""X: signed v2 requests, posts within 280 weighted characters, updates as replies, exactly once."""

from __future__ import annotations

import pytest
from twitter_text import parse_tweet

from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, RECENT

EXPECTED = len(RECENT) + FLOOD_UPDATES


def test_x_gets_each_event_once_with_updates_as_replies(sample_site, publisher, every_account):
    x = every_account.x

    result = publisher.run(sample_site, every_account.env("x"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(x.tweets) == EXPECTED
    assert all(parse_tweet(text).weightedLength <= 280 for text in x.texts.values())
    flood = [t for t in x.tweets if FLOOD in x.texts[t["id"]]]
    assert flood[0]["text"].startswith("EMERGENCY: Flood warning") and "referenced_tweets" not in flood[0]
    for parent, reply in zip(flood, flood[1:], strict=False):
        assert reply["referenced_tweets"] == [{"type": "replied_to", "id": parent["id"]}]
    assert all(r.headers["authorization"].startswith("OAuth ") for r in x.requests)
    assert f"x: posted notices/flood-warning-river-ford -> https://x.com/riverfordcouncil/status/{flood[0]['id']}" \
        in result.stdout

    again = publisher.run(sample_site, every_account.env("x"))

    assert again.returncode == 0 and len(x.received("POST", "/2/tweets")) == EXPECTED


@pytest.mark.parametrize("point", ["after-intent", "after-post"])
def test_x_killed_mid_post_finds_the_post_in_the_timeline(sample_site, publisher, every_account, point):
    x = every_account.x
    crashed = publisher.run(sample_site, {**every_account.env("x"), "NOTICEBOARD_FAULT": f"{point}:x"})
    assert crashed.returncode == 70

    rerun = publisher.run(sample_site, every_account.env("x"))

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert len(x.tweets) == EXPECTED == len(x.received("POST", "/2/tweets")), "looked up, not posted twice"
    assert x.received("GET", "/2/users/1460000000000000001/tweets"), "the timeline was read"


@pytest.mark.parametrize("window", ["refused with 429", "used up by the last post"])
def test_x_rate_limit_window_is_waited_out(sample_site, publisher, every_account, window):
    """A 429 with its reset time, or a post whose answer says no request is left: the next try waits."""
    x = every_account.x
    if window == "refused with 429":
        x.limit_next_post(1.0)
    else:
        x.use_up_window_at_next_post(1.0)

    result = publisher.run(sample_site, every_account.env("x"))

    assert result.returncode == 0, result.stdout + result.stderr
    first, second = x.received("POST", "/2/tweets")[:2]
    assert second.at - first.answered >= 1.0, "the next try came only once the window was reset"
    assert len(x.tweets) == EXPECTED
