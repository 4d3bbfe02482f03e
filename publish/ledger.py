"""What was posted where: one record per (platform, event), stored in the deploy target.

Each record goes from ``intent`` (we are about to post) to ``posted`` (the platform's id and URL),
or is ``skipped`` (the backlog of a platform's first run). Every change is saved to the target
before the run goes on, so a run killed at any point leaves a record that the next run can act on:
an intent without a result is looked up on the platform before anything is posted again.

In the target the ledger is a snapshot plus a journal (``.noticeboard/ledger/``)::

    snapshot.json             every record up to sequence number "through"
    journal/0000000042.jsonl  one small object per change: a JSON line per record it holds

A change writes one new journal object (a few hundred bytes), never the whole ledger: no target
can append safely (a bucket cannot append at all), but every one can store a small object in one
atomic step. A publish that finds ``COMPACT_AFTER`` journal objects folds them into a new snapshot,
then removes them; one that stops in between leaves objects the snapshot already covers, which
are ignored and removed next time. A ``ledger.json`` of version 1 (one file rewritten at every
change) is turned into a snapshot the first time a publish reads it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from publish.errors import PublishError
from publish.faults import fault
from publish.platforms.base import RemotePost
from publish.targets.base import Target

#: Version 1: the whole ledger in one file, rewritten at every change.
LEGACY_NAME = "ledger.json"
FOLDER = "ledger"
SNAPSHOT = f"{FOLDER}/snapshot.json"
JOURNAL = f"{FOLDER}/journal"
LEDGER_VERSION = 2
#: Journal objects a publish finds before it folds them into the snapshot: reading each is a request
#: on a remote target, and writing the snapshot costs the size of the whole ledger.
COMPACT_AFTER = 200


class TornObject(ValueError):
    """A journal object that does not end in a complete line: its writer was stopped mid-write."""


@dataclass(frozen=True)
class JournalObject:
    name: str
    #: The sequence number of its first record, which orders the journal.
    first: int
    data: bytes


def journal_name(first: int) -> str:
    return f"{JOURNAL}/{first:010d}.jsonl"


class Ledger:
    """The records of one site, indexed by platform and by entry; safe to change from several threads."""

    def __init__(self, target: Target | None, *, say: Callable[[str], None] = print) -> None:
        #: Where the ledger is saved; None for a ledger that is only read (a dry run).
        self.target = target
        self._say = say
        #: One lock around every change, so platforms posting in parallel threads never interleave a write.
        self._lock = threading.RLock()
        #: platform -> event key -> record
        self._records: dict[str, dict[str, dict[str, Any]]] = {}
        #: platform -> entry id -> its latest posted record: where the entry's next reply goes.
        self._tips: dict[str, dict[str, dict[str, Any]]] = {}
        #: Platforms this site has cross-posted to, with when it started: a platform not in it is
        #: on its first run, when the backlog is skipped.
        self.platforms: dict[str, dict[str, Any]] = {}
        #: The last sequence number given to a record.
        self._sequence = 0
        #: Journal objects in the target that the snapshot does not hold yet (or holds: left by a stopped compaction).
        self._journal: list[str] = []

    # -- reading --------------------------------------------------------------------------------

    @classmethod
    def empty(cls) -> Ledger:
        return cls(None)

    @classmethod
    def load(cls, target: Target, *, read_only: bool = False, say: Callable[[str], None] = print) -> Ledger:
        """The target's ledger; unless ``read_only``, a version 1 ledger or a long journal is compacted."""
        ledger = cls(None if read_only else target, say=say)
        stored = target.read_state_folder(FOLDER)
        if not stored:
            legacy = target.read_state(LEGACY_NAME)
            if legacy is not None:
                ledger._read_legacy(target, legacy)
                if not read_only:
                    ledger.save()
            return ledger
        snapshot = stored.pop(SNAPSHOT, None)
        if snapshot is not None:
            ledger._read_snapshot(target, snapshot)
        through = ledger._sequence
        journal = ledger._journal_objects(target, stored)
        torn: list[str] = []
        for index, item in enumerate(journal):
            ledger._journal.append(item.name)
            if item.first <= through:
                continue  # folded into the snapshot by a compaction that stopped before removing it
            try:
                lines = parse_journal(item.data)
            except TornObject as exc:
                if index < len(journal) - 1:
                    raise PublishError(f"{target.describe()}: ledger journal object {item.name} is damaged ({exc}), "
                                       "and later ones follow it; restore it from a backup before publishing, "
                                       "or posts could be sent twice") from None
                say(f"ledger: {item.name} in {target.describe()} is incomplete ({exc}): the publish that wrote it "
                    "was stopped mid-write, before it posted what that change was about. It is ignored; an "
                    "intent recorded before it makes the next run look the post up before posting again")
                torn.append(item.name)
                continue
            ledger._apply(lines)
        if ledger.target is not None:
            if torn:
                ledger.target.delete_states(torn)
                ledger._journal = [name for name in ledger._journal if name not in torn]
            if len(ledger._journal) >= COMPACT_AFTER:
                ledger.save()
        return ledger

    def _read_snapshot(self, target: Target, raw: bytes) -> None:
        data = _json(target, SNAPSHOT, raw)
        if data.get("version") != LEDGER_VERSION:
            raise PublishError(f"{target.describe()}: ledger snapshot version {data.get('version')!r} is not "
                               f"supported (expected {LEDGER_VERSION}); is an older Noticeboard publishing here?")
        self.platforms = data["platforms"]
        self._sequence = int(data["through"])
        for platform, records in data["records"].items():
            for event_key, record in records.items():
                self._index(platform, event_key, record)

    def _read_legacy(self, target: Target, raw: bytes) -> None:
        data = _json(target, LEGACY_NAME, raw)
        if data.get("version") != 1:
            raise PublishError(f"{target.describe()}: ledger version {data.get('version')!r} is not supported")
        self.platforms = data["platforms"]
        for key, record in data["records"].items():
            platform, _, event_key = key.partition(" ")
            self._index(platform, event_key, record)
            self._sequence = max(self._sequence, record.get("sequence", 0))
        # The version 1 file goes at the next compaction, once the snapshot holds all it said.
        self._journal.append(LEGACY_NAME)

    @staticmethod
    def _journal_objects(target: Target, stored: dict[str, bytes]) -> list[JournalObject]:
        journal = []
        for name, data in stored.items():
            stem = name.removeprefix(f"{JOURNAL}/").removesuffix(".jsonl")
            if not name.startswith(f"{JOURNAL}/") or not stem.isdigit():
                raise PublishError(f"{target.describe()}: unexpected file {name} in the ledger folder; "
                                   "move it out of .noticeboard/ledger/ before publishing")
            journal.append(JournalObject(name, int(stem), data))
        return sorted(journal, key=lambda item: item.first)

    # -- questions ------------------------------------------------------------------------------

    @property
    def records(self) -> dict[str, dict[str, Any]]:
        """Every record by ``"<platform> <event key>"`` (a copy, for reports and tests)."""
        with self._lock:
            return {f"{platform} {key}": record for platform, records in self._records.items()
                    for key, record in records.items()}

    def get(self, platform: str, event_key: str) -> dict[str, Any] | None:
        return self._records.get(platform, {}).get(event_key)

    def knows(self, platform: str) -> bool:
        return platform in self.platforms

    def threads(self, platform: str) -> set[str]:
        """The entries with a post on ``platform``: their updates go out as replies."""
        with self._lock:
            return set(self._tips.get(platform, ()))

    def thread_tip(self, platform: str, entry_id: str) -> RemotePost | None:
        """The latest post of an entry's thread on a platform: where the next reply goes.

        A post settled by hand without its id cannot be replied to: follow-ups then stand alone.
        """
        tip = self._tips.get(platform, {}).get(entry_id)
        return RemotePost.from_record(tip) if tip and "remote_id" in tip else None

    # -- changes --------------------------------------------------------------------------------

    def start(self, platform: str, at: datetime, backlog: list[tuple[str, str]]) -> None:
        """Begin cross-posting to ``platform``, recording the backlog as skipped in the same write."""
        skipped = [(event_key, {"state": "skipped", "entry": entry_id, "at": at.isoformat(), "reason": "backlog"})
                   for event_key, entry_id in backlog]
        self._write(platform, skipped, since=at.isoformat())

    def intend(self, platform: str, event_key: str, entry_id: str, at: datetime) -> None:
        self._write(platform, [(event_key, {"state": "intent", "entry": entry_id, "at": at.isoformat()})])

    def posted(self, platform: str, event_key: str, entry_id: str, remote: RemotePost, at: datetime) -> None:
        self._write(platform, [(event_key, {"state": "posted", "entry": entry_id, "at": at.isoformat(),
                                            **remote.as_record()})])

    def forget(self, platform: str, event_key: str) -> None:
        """Drop a record: its message surely was not sent, and the next run sends it."""
        self._write(platform, [(event_key, None)])

    def settle(self, platform: str, event_key: str, *, posted: bool, remote_id: str | None, at: datetime) -> None:
        """A person's answer for a message in doubt: it arrived (``posted``), or send it again."""
        with self._lock:
            record = self.get(platform, event_key)
            if record is None or record["state"] != "intent":
                state = record["state"] if record else "not in the ledger"
                raise PublishError(f"{platform} {event_key}: nothing to settle ({state}); settle only what a "
                                   "publish reported as unknown")
            if not posted:
                self.forget(platform, event_key)
                return
            remote = {"remote_id": remote_id} if remote_id else {}
            self._write(platform, [(event_key, {"state": "posted", "entry": record["entry"], "at": at.isoformat(),
                                                "settled": "by hand", **remote})])

    def save(self) -> None:
        """Write the whole ledger as one snapshot, then remove the journal objects it holds (compaction)."""
        target = self._writable()
        with self._lock:
            snapshot = {"version": LEDGER_VERSION, "through": self._sequence, "platforms": self.platforms,
                        "records": self._records}
            target.write_state(SNAPSHOT, _compact(snapshot))
            if self._journal:
                target.delete_states(self._journal)
            self._journal = []

    def _write(self, platform: str, records: Iterable[tuple[str, dict[str, Any] | None]], *,
               since: str | None = None) -> None:
        """Save one change as one journal object, then apply it here (a failed write changes nothing);
        a record of None drops that event's record (see :meth:`forget`)."""
        target = self._writable()
        with self._lock:
            lines: list[dict[str, Any]] = [{"platform": platform, "since": since}] if since is not None else []
            first = self._sequence + 1
            for event_key, record in records:
                self._sequence += 1
                if record is None:
                    lines.append({"platform": platform, "event": event_key, "forget": self._sequence})
                else:
                    lines.append({"platform": platform, "event": event_key,
                                  "record": {**record, "sequence": self._sequence}})
            name = journal_name(first)
            fault("before-ledger-write")
            target.write_state(name, b"".join(_compact(line) for line in lines))
            fault("after-ledger-write")
            self._journal.append(name)
            self._apply(lines)

    def _writable(self) -> Target:
        if self.target is None:
            raise PublishError("this ledger was opened read-only (dry run) and cannot be saved")
        return self.target

    def _apply(self, lines: Iterable[dict[str, Any]]) -> None:
        for line in lines:
            if "since" in line:
                self.platforms[line["platform"]] = {"since": line["since"]}
            elif "forget" in line:
                self._records.get(line["platform"], {}).pop(line["event"], None)
                self._sequence = max(self._sequence, line["forget"])
            else:
                self._index(line["platform"], line["event"], line["record"])
                self._sequence = max(self._sequence, line["record"]["sequence"])

    def _index(self, platform: str, event_key: str, record: dict[str, Any]) -> None:
        self._records.setdefault(platform, {})[event_key] = record
        if record["state"] == "posted":
            tips = self._tips.setdefault(platform, {})
            tip = tips.get(record["entry"])
            if tip is None or tip["sequence"] < record["sequence"]:
                tips[record["entry"]] = record


def parse_journal(data: bytes) -> list[dict[str, Any]]:
    """The lines of a journal object; :class:`TornObject` when it was not written to its end."""
    if not data.endswith(b"\n"):
        raise TornObject(f"it ends after {len(data)} bytes, in the middle of a line")
    try:  # one parse for the whole object (a first run's backlog is thousands of lines)
        lines = json.loads(b"[" + data.rstrip(b"\n").replace(b"\n", b",") + b"]")
    except json.JSONDecodeError:
        lines = None  # find the line at fault below
    if isinstance(lines, list) and all(_is_line(line) for line in lines):
        return lines
    lines = []
    for number, line in enumerate(data.splitlines(), 1):
        try:
            parsed = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TornObject(f"line {number} is not valid JSON: {exc}") from None
        if not _is_line(parsed):
            raise TornObject(f"line {number} is not a ledger record")
        lines.append(parsed)
    return lines


def _is_line(line: Any) -> bool:
    return isinstance(line, dict) and "platform" in line and ("since" in line or "record" in line or "forget" in line)


def _compact(value: dict[str, Any]) -> bytes:
    """One line of JSON, without spaces: the ledger of a large site is read at every publish."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _json(target: Target, name: str, raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PublishError(f"{target.describe()}: the ledger's {name} is not valid JSON ({exc}); restore it from "
                           "the previous deploy before publishing, or posts could be sent twice") from None
    if not isinstance(data, dict):
        raise PublishError(f"{target.describe()}: the ledger's {name} is not a JSON object")
    return data
