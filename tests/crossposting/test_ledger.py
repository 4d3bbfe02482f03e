"""The ledger in a deploy folder: what one change writes, what survives a reload, a compaction, an old
version 1 file, a write cut off midway, and many threads recording at once."""

from __future__ import annotations

import json
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

import publish.ledger
from publish.errors import PublishError
from publish.ledger import Ledger
from publish.platforms.base import RemotePost
from publish.targets.local import LocalTarget

AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def state_files(target: LocalTarget) -> dict[str, bytes]:
    state = target.folder / ".noticeboard"
    return {p.relative_to(state).as_posix(): p.read_bytes() for p in sorted(state.rglob("*")) if p.is_file()}


def journal(target: LocalTarget) -> list[str]:
    return [name for name in state_files(target) if name.startswith("ledger/journal/")]


def post(ledger: Ledger, platform: str, event_key: str, entry_id: str, remote_id: str) -> None:
    ledger.intend(platform, event_key, entry_id, AT)
    ledger.posted(platform, event_key, entry_id, RemotePost(remote_id, url=f"https://social.example/{remote_id}"), AT)


@pytest.fixture
def target(tmp_path) -> LocalTarget:
    return LocalTarget(tmp_path / "public")


def test_a_post_writes_one_small_object_however_long_the_ledger(target):
    ledger = Ledger.load(target)
    ledger.start("mastodon", AT, [(f"notices/n{i}", f"notices/n{i}") for i in range(10_000)])
    before = state_files(target)

    ledger.intend("mastodon", "notices/flood", "notices/flood", AT)

    written = {name: data for name, data in state_files(target).items() if before.get(name) != data}
    assert list(written) == ["ledger/journal/0000010001.jsonl"]
    assert len(written["ledger/journal/0000010001.jsonl"]) < 300
    assert sum(map(len, before.values())) > 1_000_000


def test_records_survive_a_reload_with_their_threads(target):
    ledger = Ledger.load(target)
    ledger.start("mastodon", AT, [("news/old", "news/old")])
    post(ledger, "mastodon", "notices/flood", "notices/flood", "100")
    post(ledger, "mastodon", "notices/flood#update-1", "notices/flood", "101")
    ledger.intend("bluesky", "notices/flood", "notices/flood", AT)

    again = Ledger.load(target)

    assert again.records == ledger.records
    assert again.get("mastodon", "news/old")["state"] == "skipped"
    assert again.get("bluesky", "notices/flood")["state"] == "intent"
    assert again.thread_tip("mastodon", "notices/flood") == RemotePost("101", url="https://social.example/101")
    assert again.thread_tip("bluesky", "notices/flood") is None
    assert again.threads("mastodon") == {"notices/flood"} and again.threads("bluesky") == set()
    assert again.knows("mastodon") and not again.knows("bluesky")
    again.intend("bluesky", "news/next", "news/next", AT)
    assert again.get("bluesky", "news/next")["sequence"] == 7


def test_a_long_journal_is_folded_into_the_snapshot_by_the_next_publish(target, monkeypatch):
    monkeypatch.setattr(publish.ledger, "COMPACT_AFTER", 10)
    ledger = Ledger.load(target)
    for i in range(6):
        post(ledger, "mastodon", f"news/n{i}", f"news/n{i}", str(i))
    assert len(journal(target)) == 12

    Ledger.load(target, read_only=True)
    assert len(journal(target)) == 12, "a dry run changes nothing"
    compacted = Ledger.load(target)

    assert journal(target) == []
    snapshot = json.loads(state_files(target)["ledger/snapshot.json"])
    assert snapshot["version"] == 2 and snapshot["through"] == 12
    assert compacted.records == ledger.records == Ledger.load(target).records


def test_a_compaction_stopped_before_removing_the_journal_records_nothing_twice(target):
    ledger = Ledger.load(target)
    post(ledger, "mastodon", "news/a", "news/a", "1")
    left_over = {name: data for name, data in state_files(target).items() if name.startswith("ledger/journal/")}
    ledger.save()
    for name, data in left_over.items():  # as if the publish died between the snapshot and the removal
        target.write_state(name, data)

    again = Ledger.load(target)
    again.intend("mastodon", "news/b", "news/b", AT)

    assert again.get("mastodon", "news/b")["sequence"] == 3
    assert again.records == {**ledger.records, "mastodon news/b": again.get("mastodon", "news/b")}
    again.save()
    assert journal(target) == []


def test_a_version_1_ledger_is_migrated_on_first_use(target):
    old = {"version": 1, "platforms": {"mastodon": {"since": AT.isoformat()}}, "records": {
        "mastodon news/old": {"state": "skipped", "entry": "news/old", "at": AT.isoformat(), "reason": "backlog",
                              "sequence": 1},
        "mastodon notices/flood": {"state": "posted", "entry": "notices/flood", "at": AT.isoformat(),
                                   "remote_id": "100", "sequence": 2},
    }}
    target.write_state("ledger.json", json.dumps(old).encode())

    preview = Ledger.load(target, read_only=True)
    assert list(state_files(target)) == ["ledger.json"], "a dry run only reads"
    ledger = Ledger.load(target)

    assert list(state_files(target)) == ["ledger/snapshot.json"]
    for opened in (preview, ledger, Ledger.load(target)):
        assert opened.records == old["records"]
        assert opened.knows("mastodon")
        assert opened.thread_tip("mastodon", "notices/flood") == RemotePost("100")
    ledger.intend("mastodon", "news/new", "news/new", AT)
    assert ledger.get("mastodon", "news/new")["sequence"] == 3


def test_a_journal_object_cut_off_midway_is_reported_and_the_records_before_it_kept(target):
    ledger = Ledger.load(target)
    post(ledger, "mastodon", "news/a", "news/a", "1")
    ledger.intend("mastodon", "news/b", "news/b", AT)
    last = target.folder / ".noticeboard" / journal(target)[-1]
    last.write_bytes(last.read_bytes()[:40])  # the process was killed while writing it
    said: list[str] = []

    again = Ledger.load(target, say=said.append)

    assert len(said) == 1
    assert "ledger/journal/0000000003.jsonl" in said[0] and "stopped mid-write" in said[0]
    assert again.get("mastodon", "news/a")["state"] == "posted"
    assert again.get("mastodon", "news/b") is None
    again.intend("mastodon", "news/b", "news/b", AT)
    assert Ledger.load(target, say=said.append).get("mastodon", "news/b")["state"] == "intent"
    assert len(said) == 1, "the damaged object was removed, so the next run says nothing"


def test_a_damaged_object_with_records_after_it_stops_the_publish(target):
    ledger = Ledger.load(target)
    post(ledger, "mastodon", "news/a", "news/a", "1")
    first = target.folder / ".noticeboard" / journal(target)[0]
    first.write_bytes(b'{"platform": "mastodon", "ev')

    with pytest.raises(PublishError, match=r"ledger journal object ledger/journal/0000000001.jsonl is damaged "
                                           r".* restore it"):
        Ledger.load(target)


def test_a_snapshot_of_an_unknown_version_or_not_json_stops_the_publish(target):
    target.write_state("ledger/snapshot.json", b'{"version": 3}')
    with pytest.raises(PublishError, match="ledger snapshot version 3 is not supported"):
        Ledger.load(target)
    target.write_state("ledger/snapshot.json", b'{"version": 2, "thro')
    with pytest.raises(PublishError, match="snapshot.json is not valid JSON"):
        Ledger.load(target)


def test_a_dry_run_ledger_cannot_be_written(target):
    with pytest.raises(PublishError, match="read-only"):
        Ledger.load(target, read_only=True).intend("mastodon", "news/a", "news/a", AT)


class WatchedFolder(LocalTarget):
    """A deploy folder that notes when each state write starts and ends, as a server would log requests."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.writes: list[tuple[float, float]] = []

    def write_state(self, name: str, data: bytes) -> None:
        began = time.monotonic()
        super().write_state(name, data)
        time.sleep(0.001)  # a remote target takes far longer: give an overlap the chance to show
        self.writes.append((began, time.monotonic()))


def test_many_threads_recording_at_once_lose_nothing_and_never_write_together(tmp_path):
    target = WatchedFolder(tmp_path / "public")
    ledger = Ledger.load(target)
    platforms, events = [f"platform{n}" for n in range(6)], 40
    start = threading.Barrier(len(platforms))

    def record(platform: str) -> None:
        start.wait()
        for i in range(events):
            post(ledger, platform, f"notices/n{i}", "notices/n", f"{platform}-{i}")
            assert ledger.thread_tip(platform, "notices/n") is not None

    threads = [threading.Thread(target=record, args=(platform,)) for platform in platforms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    again = Ledger.load(target, read_only=True)
    sequences = sorted(record["sequence"] for record in again.records.values())
    assert len(again.records) == len(platforms) * events
    assert all(record["state"] == "posted" for record in again.records.values())
    assert len(journal(target)) == len(platforms) * events * 2
    assert sorted(int(Path(name).stem) for name in journal(target)) == list(range(1, len(platforms) * events * 2 + 1))
    assert len(set(sequences)) == len(sequences)
    for platform in platforms:
        assert again.thread_tip(platform, "notices/n").id == f"{platform}-{events - 1}"
    writes = sorted(target.writes)
    assert all(end <= next_start for (_, end), (next_start, _) in zip(writes, writes[1:], strict=False))


def test_a_publish_finding_a_version_1_ledger_migrates_it_and_posts_nothing_again(sample_site, publisher):
    assert publisher.run(sample_site).returncode == 0
    sent = sorted(p.name for p in publisher.outbox.iterdir())
    first = publisher.ledger()
    state = publisher.public / ".noticeboard"
    shutil.rmtree(state / "ledger")  # as the Noticeboard before the journal left it:
    (state / "ledger.json").write_text(json.dumps({"version": 1, "platforms": first.platforms,
                                                   "records": first.records}))

    again = publisher.run(sample_site)

    assert again.returncode == 0, again.stdout + again.stderr
    assert sorted(p.name for p in publisher.outbox.iterdir()) == sent
    assert sorted(p.relative_to(state).as_posix() for p in state.rglob("*") if p.is_file()) == ["ledger/snapshot.json"]
    assert publisher.ledger().records == first.records
