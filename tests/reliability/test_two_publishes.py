"""Two publishes at once (a merge while the hourly run is going): one runs, the other waits for it or
stops naming the holder of the lock; nothing is posted twice and the ledger stays whole."""

from __future__ import annotations

import time

from tests.reliability import figures
from tests.reliability.harness import accounts, start_publish
from tests.reliability.platforms import KINDS


def wait_for_first_post(platforms, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not any(platforms.deliveries().values()):
        assert time.monotonic() < deadline, "the first publish never posted"
        time.sleep(0.02)


def test_a_second_publish_waits_for_the_first_or_is_refused_naming_it(sample_site, publisher):
    with accounts(publisher.outbox) as platforms:
        platforms.servers["mastodon"].slow("/api/v1/statuses", 1.0, times=1000)  # the first publish takes a while
        env = {**platforms.env, "NOTICEBOARD_DEPLOY_URL": str(publisher.public)}
        first = start_publish(publisher, sample_site, platforms, env, PUBLISH_LOCK_WAIT_SECONDS=0)
        wait_for_first_post(platforms)
        refused = start_publish(publisher, sample_site, platforms, env, PUBLISH_LOCK_WAIT_SECONDS=0)
        refused_out, refused_err = refused.communicate(timeout=120)
        waiting = start_publish(publisher, sample_site, platforms, env, PUBLISH_LOCK_WAIT_SECONDS=120)
        first_out, first_err = first.communicate(timeout=300)
        waited_out, waited_err = waiting.communicate(timeout=300)
        deliveries = platforms.deliveries()
    ledger = publisher.ledger().records

    assert first.returncode == 0, first_out + first_err
    assert refused.returncode == 4, refused_out + refused_err
    assert f"another publish is running on {publisher.public} (pid {first.pid} since" in refused_err
    assert waiting.returncode == 0, waited_out + waited_err
    assert " -> " not in waited_out, "the waiting publish found everything already posted"
    posted = {name: len(found) for name, found in deliveries.items()}
    assert all(len({event for event, _ in found}) == len(found) for found in deliveries.values())
    assert set(posted.values()) == {9}
    # The ledger also holds the outbox's Welsh account (outbox-cy): count the accounts in KINDS.
    assert sum(r["state"] == "posted" for k, r in ledger.items() if k.partition(" ")[0] in KINDS) == 9 * len(KINDS)
    assert not [k for k, r in ledger.items() if r["state"] == "intent"]
    figures.record("concurrency", line=f"two publishes at once: 2 started while one ran; 1 refused naming its "
                                       f"holder (exit 4), 1 waited (exit 0); posts: {sum(posted.values())} for "
                                       f"{9 * len(KINDS)} due, duplicates: 0")
