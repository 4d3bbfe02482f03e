"""Threads: a container created then published, the link as its preview, updates as replies, exactly once."""

from __future__ import annotations

import pytest

from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, RECENT
from tests.servers.threads import USER_ID, VERSION, threads_length

EXPECTED = len(RECENT) + FLOOD_UPDATES


def test_threads_gets_each_event_once_with_updates_as_replies(sample_site, publisher, every_account):
    threads = every_account.threads

    result = publisher.run(sample_site, every_account.env("threads"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(threads.posts) == EXPECTED
    assert all(threads_length(p["text"]) <= 500 for p in threads.posts)
    flood = [p for p in threads.posts if FLOOD in p["text"]]
    assert flood[0]["link_attachment_url"] == FLOOD and flood[0]["reply_to_id"] is None
    for parent, reply in zip(flood, flood[1:], strict=False):
        assert reply["reply_to_id"] == parent["id"]
    calls = [(r.method, r.path) for r in threads.requests[:3]]
    assert calls == [("POST", f"/{VERSION}/{USER_ID}/threads"), ("POST", f"/{VERSION}/{USER_ID}/threads_publish"),
                     ("GET", f"/{VERSION}/{flood[0]['id']}")]
    assert all(p["text"].count("#") <= 1 for p in threads.posts), "Threads takes one topic tag"

    again = publisher.run(sample_site, every_account.env("threads"))
    assert again.returncode == 0 and len(threads.received("POST", f"/{VERSION}/{USER_ID}/threads")) == EXPECTED


@pytest.mark.parametrize("point", ["after-intent", "after-post"])
def test_threads_killed_mid_post_finds_the_post_or_reply(sample_site, publisher, every_account, point):
    threads = every_account.threads
    crashed = publisher.run(sample_site, {**every_account.env("threads"), "NOTICEBOARD_FAULT": f"{point}:threads"})
    assert crashed.returncode == 70

    rerun = publisher.run(sample_site, every_account.env("threads"))

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert len(threads.posts) == EXPECTED == len({p["text"] for p in threads.posts})
