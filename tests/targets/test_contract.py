"""What every remote target promises the publish command, checked against real far ends (conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import publish.ledger
from publish.errors import DeployError, LockHeld
from publish.ledger import Ledger
from publish.platforms.base import RemotePost
from tests.targets.sites import make_site


def test_deploy_then_redeploy_replaces_the_pages_and_carries_the_state(place, tmp_path):
    target = place.open()
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one", "old.html": "stale", "theme/site.css": "a{}"}))
    assert place.served() == {"index.html": "one", "old.html": "stale", "theme/site.css": "a{}"}
    target.write_state("ledger.json", b'{"posted": 1}')
    target.deploy(make_site(tmp_path / "v2", {"index.html": "two", "news/index.html": "news", "theme/site.css": "a{}"}))
    assert place.served() == {"index.html": "two", "news/index.html": "news", "theme/site.css": "a{}"}
    assert place.open().read_state("ledger.json") == b'{"posted": 1}'


def test_state_round_trips_through_a_fresh_target(place, tmp_path):
    assert place.open().read_state("ledger.json") is None
    place.open().deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
    assert place.open().read_state("ledger.json") is None
    data = '{"entries": {"flood-warning": {"mastodon": "1090"}}, "note": "Mill Lane \u2013 ok"}\n'.encode()
    place.open().write_state("ledger.json", data)
    assert place.open().read_state("ledger.json") == data
    place.open().write_state("ledger.json", b"{}")
    assert place.open().read_state("ledger.json") == b"{}"
    assert place.served() == {"index.html": "one"}


def test_a_state_folder_is_read_whole_and_its_files_removed_by_name(place, tmp_path):
    assert place.open().read_state_folder("ledger") == {}
    target = place.open()
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
    written = {"ledger/snapshot.json": b'{"version": 2}', "ledger/journal/0000000001.jsonl": b"same\n",
               "ledger/journal/0000000002.jsonl": b"same\n"}
    for name, data in written.items():
        target.write_state(name, data)
    target.write_state("other.json", b"{}")
    assert place.open().read_state_folder("ledger") == written

    place.open().delete_states(["ledger/journal/0000000001.jsonl", "ledger/journal/0000000009.jsonl"])
    place.open().deploy(make_site(tmp_path / "v2", {"index.html": "two"}))

    assert place.open().read_state_folder("ledger") == {
        "ledger/snapshot.json": b'{"version": 2}', "ledger/journal/0000000002.jsonl": b"same\n"}
    assert place.open().read_state("other.json") == b"{}"
    assert place.served() == {"index.html": "two"}


def test_the_ledger_keeps_every_record_through_a_compaction(place, monkeypatch):
    monkeypatch.setattr(publish.ledger, "COMPACT_AFTER", 3)
    at = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    ledger = Ledger.load(place.open())
    ledger.start("mastodon", at, [("news/old", "news/old")])
    ledger.intend("mastodon", "notices/flood", "notices/flood", at)
    ledger.posted("mastodon", "notices/flood", "notices/flood", RemotePost("100"), at)
    assert len(place.open().read_state_folder("ledger")) == 3

    compacted = Ledger.load(place.open())

    assert list(place.open().read_state_folder("ledger")) == ["ledger/snapshot.json"]
    assert compacted.records == ledger.records
    assert compacted.thread_tip("mastodon", "notices/flood") == RemotePost("100")


def test_a_deploy_that_fails_midway_leaves_the_old_site(place, tmp_path):
    target = place.open()
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one", "old.html": "old"}))
    target.write_state("ledger.json", b'{"posted": 1}')
    new = make_site(tmp_path / "v2", {"index.html": "two", "big.bin": "x" * 200_000, "news.html": "news"})
    with place.broken(), pytest.raises(DeployError, match="the previous site is (unchanged|still served)"):
        target.deploy(new)
    assert place.served() == {"index.html": "one", "old.html": "old"}
    assert target.read_state("ledger.json") == b'{"posted": 1}'
    target.deploy(new)
    assert place.served() == {"index.html": "two", "big.bin": "x" * 200_000, "news.html": "news"}


def test_a_second_publish_is_refused_while_the_first_holds_the_lock(place):
    with place.open().lock(wait_seconds=0):
        with pytest.raises(LockHeld, match=r"another publish is running on .* \(.*pid \d+ since .*\); waited 0.5s"):
            with place.open().lock(wait_seconds=0.5):
                pass
    with place.open().lock(wait_seconds=0):
        pass


def test_a_lock_left_by_a_publish_that_died_is_taken_over_once_stale(place):
    died = place.open().lock(wait_seconds=0)
    died.__enter__()  # and never leaves: nothing will release this lock
    with pytest.raises(LockHeld):
        with place.open().lock(wait_seconds=0):
            pass
    with place.open(DEPLOY_LOCK_STALE_SECONDS=0).lock(wait_seconds=5):
        with pytest.raises(LockHeld):
            with place.open().lock(wait_seconds=0):
                pass
    with place.open().lock(wait_seconds=0):
        pass


def test_a_site_folder_carrying_its_own_state_does_not_replace_the_stored_state(place, tmp_path):
    # Deploying a copy of a local deploy folder (public/ holds a .noticeboard/ of its own) must not
    # roll the ledger back to that copy's: the target's ledger is the one that knows what was posted.
    target = place.open()
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
    target.write_state("ledger.json", b'{"posted": 2}')
    target.deploy(make_site(tmp_path / "public", {"index.html": "two", ".noticeboard/ledger.json": '{"posted": 0}'}))
    assert place.open().read_state("ledger.json") == b'{"posted": 2}'
    assert place.served() == {"index.html": "two"}


def test_a_publish_whose_lock_was_taken_over_leaves_the_new_holders_lock_alone(place):
    slow = place.open().lock(wait_seconds=0)
    slow.__enter__()  # held longer than the stale time, so the next publish takes it over
    with place.open(DEPLOY_LOCK_STALE_SECONDS=0).lock(wait_seconds=5):
        slow.__exit__(None, None, None)  # the slow publish finishes and lets go of what it thinks is its lock
        with pytest.raises(LockHeld):
            with place.open().lock(wait_seconds=0):
                pass
    with place.open().lock(wait_seconds=0):
        pass
