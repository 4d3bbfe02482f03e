"""Kill anywhere: a publish killed at every step (NOTICEBOARD_FAULT), then run again without faults,
posts every due event exactly once on every searchable platform and at most once on the others (Telegram,
Apprise: a post left in doubt is reported unknown, exit status 5, and not lost), and a reader polling the target never sees
pages of two builds at once (S3 excepted: it has no atomic switch, and the figure says so).

A run killed while posting or writing the ledger posts to the outbox, Mastodon (searchable: a post in doubt
is looked up) and Telegram (at most once: a post in doubt is reported unknown), side by side, plus the
platform its fault point names: every path of a post, its ledger and a kill, without nine platforms'
requests in every run. A run killed before posting (the build and deploy points) posts to the outbox
only, keeping its ledger in the target under test. How each of the nine platforms answers its own faults
is the platform-fault table's (test_platform_faults.py)."""

from __future__ import annotations

import json

import pytest

from publish.crosspost import plan
from publish.faults import FAULT_EXIT_STATUS
from publish.ledger import Ledger
from tests.reliability import figures
from tests.reliability.harness import Reader, accounts, builds_in, publish
from tests.reliability.platforms import KINDS, held_behind, unknown_in

TARGETS = ("local", "git", "rsync", "s3")
#: The points a publish reaches before it posts anything.
DEPLOY_POINTS = ("after-build", "mid-deploy", "after-deploy")
#: The platforms every run posts to: the outbox, one searchable platform and one that cannot be searched.
EVERY_RUN = ("outbox", "mastodon", "telegram")
#: Ledger writes of a first publish of the sample to EVERY_RUN: a start per account (the outbox's Welsh one
#: too), then an intent and a result per event due (35): 74 in all, the last of them included.
LEDGER_WRITES = (1, 2, 10, 21, 40, 57, 74)
CASES = (
    [(target, point) for target in TARGETS for point in ("after-build", f"mid-deploy:{target}", "after-deploy")]
    + [("local", f"{point}:{platform}@{nth}") for platform in ("outbox", "mastodon", "bluesky")
       for point in ("after-intent", "after-post", "after-result") for nth in (1, 5)]
    # One searchable platform of the newer kind and one that cannot be searched, at every platform point once.
    + [("local", f"{point}:{platform}@{nth}") for platform, nth in (("x", 1), ("telegram", 1), ("telegram", 5))
       for point in ("after-intent", "after-post", "after-result")]
    + [("local", f"{point}@{nth}") for point in ("before-ledger-write", "after-ledger-write") for nth in LEDGER_WRITES]
)


@pytest.fixture(scope="session")
def manifest(sample_site) -> dict:
    return json.loads((sample_site / "entries.json").read_text())


def platforms_of(fault: str) -> tuple[str, ...]:
    """The outbox alone for a point before posting; else EVERY_RUN and the platform the point names
    (``after-post:bluesky@5``) when it is another."""
    point, _, where = fault.partition("@")[0].partition(":")
    if point in DEPLOY_POINTS:
        return ("outbox",)
    return EVERY_RUN + ((where,) if where in KINDS and where not in EVERY_RUN else ())


@pytest.fixture(scope="session")
def due(manifest) -> dict[str, int]:
    """How many events of the sample site are due on each platform at its first publish."""
    return {name: sum(step.action != "backlog" for step in plan(manifest, name, Ledger.empty(), 48, kind.threads))
            for name, kind in KINDS.items()}


@pytest.mark.parametrize(("served", "fault"), CASES, indirect=["served"], ids=[f"{t}-{f}" for t, f in CASES])
def test_a_publish_killed_anywhere_then_rerun_posts_everything_once_and_serves_one_build(
        served, fault, sample_site, publisher, due, manifest):
    settings = {"DEPLOY_LOCK_STALE_SECONDS": 1, "PUBLISH_LOCK_WAIT_SECONDS": 10}
    with accounts(publisher.outbox, platforms_of(fault)) as platforms:
        env = {**platforms.env, **served.env, "NOTICEBOARD_DEPLOY_URL": served.url}
        reader = Reader(served.read, served.interval)
        with reader.polling():
            killed = publish(publisher, sample_site, platforms, {**env, "NOTICEBOARD_FAULT": fault}, **settings)
            after_kill = platforms.deliveries()
            rerun = publish(publisher, sample_site, platforms, env, **settings)
        after_rerun = platforms.deliveries()
    final = served.read() or {}

    duplicates = lost = unknown = 0
    for name in platforms.names:
        kind = KINDS[name]
        deliveries = after_kill[name] | after_rerun[name]
        events = {event for event, _ in deliveries}
        duplicates += len(deliveries) - len(events)
        # In doubt and reported (never sent again by itself), or waiting behind one that is: not lost.
        doubt = unknown_in(rerun.stdout, name)
        assert kind.searchable is False or not doubt, f"{name} can be searched: nothing stays unknown"
        unknown += len(doubt)
        lost += max(0, due[name] - len(events) - len(doubt) - len(held_behind(kind, manifest, doubt)))
    whole = builds_in(final) == {"current"}
    figures.record("kill", target=served.kind, fault=fault, duplicates=duplicates, lost=lost, unknown=unknown,
                   polls=reader.polls,
                   mixed_polls=reader.mixed, whole=whole)

    assert killed.returncode == FAULT_EXIT_STATUS, f"the fault point was not reached: {killed.stdout}{killed.stderr}"
    assert rerun.returncode == (5 if unknown else 0), rerun.stdout + rerun.stderr
    assert (duplicates, lost) == (0, 0)
    assert whole, "after the rerun every page is the new build"
    assert reader.polls > 0
    if served.kind != "s3":
        assert reader.mixed == 0, f"a reader saw pages of two builds at once in {reader.mixed} of {reader.polls} readings"
