"""What was posted where: one record per (platform, event), stored in the deploy target.

Each record goes from ``intent`` (we are about to post) to ``posted`` (the platform's id and URL),
or is ``skipped`` (the backlog of a platform's first run). The ledger is written to the target
after every change, so a run killed at any point leaves a record that the next run can act on:
an intent without a result is looked up on the platform before anything is posted again.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime
from typing import Any

from publish.errors import PublishError
from publish.faults import fault
from publish.platforms.base import RemotePost
from publish.targets.base import Target

LEDGER_NAME = "ledger.json"
LEDGER_VERSION = 1


class Ledger:
    def __init__(self, target: Target | None, records: dict[str, dict[str, Any]],
                 platforms: dict[str, dict[str, Any]]) -> None:
        #: Where the ledger is saved; None for a ledger that is only read (a dry run).
        self.target = target
        self.records = records
        #: Platforms this site has cross-posted to, with when it started: a platform not in it is
        #: on its first run, when the backlog is skipped.
        self.platforms = platforms
        #: Platforms are posted to side by side: one change (and its save) at a time.
        self.lock = threading.RLock()

    @classmethod
    def empty(cls) -> Ledger:
        return cls(None, {}, {})

    @classmethod
    def load(cls, target: Target, *, read_only: bool = False) -> Ledger:
        raw = target.read_state(LEDGER_NAME)
        if raw is None:
            return cls(None if read_only else target, {}, {})
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise PublishError(f"{target.describe()}: the ledger is not valid JSON ({exc}); restore it from the "
                               "previous deploy before publishing, or posts could be sent twice") from None
        if data.get("version") != LEDGER_VERSION:
            raise PublishError(f"{target.describe()}: ledger version {data.get('version')!r} is not supported")
        return cls(None if read_only else target, data["records"], data["platforms"])

    @staticmethod
    def _key(platform: str, event_key: str) -> str:
        return f"{platform} {event_key}"

    def get(self, platform: str, event_key: str) -> dict[str, Any] | None:
        return self.records.get(self._key(platform, event_key))

    def knows(self, platform: str) -> bool:
        return platform in self.platforms

    def start(self, platform: str, at: datetime, backlog: list[tuple[str, str]]) -> None:
        """Begin cross-posting to ``platform``, recording the backlog as skipped in the same write."""
        with self.lock:
            self.platforms[platform] = {"since": at.isoformat()}
            for event_key, entry_id in backlog:
                self._record(platform, event_key, {"state": "skipped", "entry": entry_id, "at": at.isoformat(),
                                                   "reason": "backlog"})
            self.save()

    def intend(self, platform: str, event_key: str, entry_id: str, at: datetime) -> None:
        self._write(platform, event_key, {"state": "intent", "entry": entry_id, "at": at.isoformat()})

    def posted(self, platform: str, event_key: str, entry_id: str, remote: RemotePost, at: datetime) -> None:
        self._write(platform, event_key, {"state": "posted", "entry": entry_id, "at": at.isoformat(),
                                          **remote.as_record()})

    def forget(self, platform: str, event_key: str) -> None:
        """Drop a record: its message surely was not sent, and the next run sends it."""
        with self.lock:
            self.records.pop(self._key(platform, event_key), None)
            self.save()

    def settle(self, platform: str, event_key: str, *, posted: bool, remote_id: str | None, at: datetime) -> None:
        """A person's answer for a message in doubt: it arrived (``posted``), or send it again."""
        with self.lock:
            record = self.get(platform, event_key)
            if record is None or record["state"] != "intent":
                state = record["state"] if record else "not in the ledger"
                raise PublishError(f"{platform} {event_key}: nothing to settle ({state}); settle only what a "
                                   "publish reported as unknown")
            if not posted:
                self.forget(platform, event_key)
                return
            remote = {"remote_id": remote_id} if remote_id else {}
            self._write(platform, event_key, {"state": "posted", "entry": record["entry"], "at": at.isoformat(),
                                              "settled": "by hand", **remote})

    def thread_tip(self, platform: str, entry_id: str) -> RemotePost | None:
        """The latest post of an entry's thread on a platform: where the next reply goes.

        A post settled by hand without its id cannot be replied to: follow-ups then stand alone.
        """
        with self.lock:
            posted = [r for k, r in self.records.items() if k.startswith(f"{platform} ") and r["entry"] == entry_id
                      and r["state"] == "posted" and "remote_id" in r]
        if not posted:
            return None
        return RemotePost.from_record(max(posted, key=lambda r: r["sequence"]))

    def save(self) -> None:
        if self.target is None:
            raise PublishError("this ledger was opened read-only (dry run) and cannot be saved")
        fault("before-ledger-write")
        self.target.write_state(LEDGER_NAME, self._dump())
        fault("after-ledger-write")

    def _write(self, platform: str, event_key: str, record: dict[str, Any]) -> None:
        with self.lock:
            self._record(platform, event_key, record)
            self.save()

    def _record(self, platform: str, event_key: str, record: dict[str, Any]) -> None:
        record["sequence"] = max((r.get("sequence", 0) for r in self.records.values()), default=0) + 1
        self.records[self._key(platform, event_key)] = record

    def _dump(self) -> bytes:
        data = {"version": LEDGER_VERSION, "platforms": self.platforms, "records": self.records}
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
