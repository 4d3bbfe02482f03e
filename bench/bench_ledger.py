"""What the cross-posting ledger costs as a site grows: recording a first run's backlog, the bytes one
post writes to the deploy target, and a publish with nothing new.

For each size in BENCH_ENTRIES (default "1000,10000"; a comma list) it prints and stores in
bench/results.json (key "ledger"):

- backlog: recording N events as skipped when cross-posting to a platform starts (one ``start``), with
  the ledger of commit OLD_COMMIT (one file rewritten whole, the next sequence number found by scanning
  every record) beside it when git can show that commit;
- bytes per post: what one post (its intent, then its result) writes to the target, with N events
  of three platforms already in the ledger, old and new;
- publish, nothing new: ``python -m publish`` on a site of N entries (a generated manifest and one
  page per entry: publish never looks further) whose ledger already holds N events of three
  platforms (outbox, and loopback Mastodon and Bluesky servers): the median wall time of
  BENCH_REPEAT runs, which is all that ``make publish`` spends beyond the build (target: 1 s), and
  the processor time it used, steadier on a busy machine. Then
  its parts, each on its own: starting Python with publish's imports, reading the ledger and planning
  three platforms, and deploying the folder (unchanged: left as it is).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import types
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import save_results  # noqa: E402  (bench/results.py)

from publish.crosspost import plan  # noqa: E402
from publish.ledger import Ledger  # noqa: E402
from publish.platforms.base import RemotePost  # noqa: E402
from publish.targets.local import LocalTarget  # noqa: E402
from tests.servers.bluesky import BlueskyServer  # noqa: E402
from tests.servers.mastodon import MastodonServer  # noqa: E402

SIZES = [int(size) for size in os.environ.get("BENCH_ENTRIES", "1000,10000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "3").split(",")[0])  # bench_build.py takes one per size
#: The last commit with the version 1 ledger, measured for comparison.
OLD_COMMIT = "609392bf031a133fada8ecf3943e6ef251121def"
PLATFORMS = ("outbox", "mastodon", "bluesky")
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TARGET_SECONDS = 1.0


class CountingFolder(LocalTarget):
    """A deploy folder that counts the bytes each state write sends."""

    written = 0

    def write_state(self, name: str, data: bytes) -> None:
        self.written += len(data)
        super().write_state(name, data)


def old_ledger_class() -> type | None:
    """The Ledger class of OLD_COMMIT, or None when this checkout cannot show it (a shallow clone)."""
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:publish/ledger.py"], capture_output=True)
    if shown.returncode != 0:
        return None
    module = types.ModuleType("ledger_version_1")
    exec(compile(shown.stdout, "ledger_version_1.py", "exec"), module.__dict__)  # noqa: S102 - our own history
    return module.Ledger


def backlog(size: int) -> list[tuple[str, str]]:
    return [(f"notices/entry-{i}", f"notices/entry-{i}") for i in range(size)]


def record_backlog(ledger, size: int) -> float:
    """Seconds to start the first platform with ``size`` events of backlog (the issue's measure)."""
    start = time.perf_counter()
    ledger.start(PLATFORMS[0], NOW, backlog(size))
    return time.perf_counter() - start


def bytes_per_post(ledger, target: CountingFolder) -> int:
    target.written = 0
    ledger.intend("mastodon", "notices/new", "notices/new", NOW)
    ledger.posted("mastodon", "notices/new", "notices/new", RemotePost("1", url="https://social.example/1"), NOW)
    return target.written


def measure_ledger(scratch: Path, size: int, old: type | None) -> dict[str, float | int | None]:
    new_target = CountingFolder(scratch / "new")
    new = Ledger.load(new_target)
    figures: dict[str, float | int | None] = {"backlog_seconds": record_backlog(new, size),
                                              "old_backlog_seconds": None, "old_bytes_per_post": None}
    for platform in PLATFORMS[1:]:
        new.start(platform, NOW, backlog(size))
    figures["bytes_per_post"] = bytes_per_post(new, new_target)
    if old is not None:
        old_target = CountingFolder(scratch / "old")
        old_ledger = old(old_target, {}, {})
        figures["old_backlog_seconds"] = record_backlog(old_ledger, size)
        # The other platforms' records as the old ledger held them, without its quadratic start.
        for platform in PLATFORMS[1:]:
            old_ledger.platforms[platform] = {"since": NOW.isoformat()}
            for event_key, entry_id in backlog(size):
                old_ledger.records[f"{platform} {event_key}"] = {
                    "state": "skipped", "entry": entry_id, "at": NOW.isoformat(), "reason": "backlog",
                    "sequence": len(old_ledger.records) + 1}
        figures["old_bytes_per_post"] = bytes_per_post(old_ledger, old_target)
    return figures


def write_site(site: Path, size: int) -> None:
    """A built site as publish sees it: the manifest, and a page per entry for the deploy to copy."""
    entries = []
    for i in range(size):
        day = (NOW - timedelta(days=3 + i % 3000, hours=i % 24)).isoformat()
        entry_id = f"notices/entry-{i}"
        entries.append({
            "id": entry_id, "kind": "notice", "url": f"https://www.riverford.example/{entry_id}/",
            "title": f"Notice {i}", "summary": f"Summary of notice {i}.", "date": day, "updated": day,
            "severity": "info", "notice_type": "road_closure", "status": "active", "starts": day, "ends": None,
            "location": None, "topics": [], "areas": ["riverside"], "hashtags": [], "image": None, "correction": None,
            "updates": [{"id": f"{entry_id}/updates/1", "at": day, "text": f"Update on notice {i}."}] if i % 3 == 0 else [],
            "social": {"enabled": True, "text": {"default": None}, "platforms": None},
            "content_hash": f"sha256:{i:064x}",
        })
        page = site / entry_id / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><title>Notice {i}</title><p>Summary of notice {i}.</p>\n")
    manifest = {"version": 1, "generated_at": NOW.isoformat(), "entries": entries,
                "site": {"name": "Riverford", "url": "https://www.riverford.example", "timezone": "Europe/London"}}
    (site / "entries.json").write_text(json.dumps(manifest))


def publish_seconds(folder: Path, site: Path, env: dict[str, str]) -> tuple[float, float]:
    """The wall time of one ``python -m publish``, and the processor time it used (user and system):
    on a machine shared with other work the second is the steadier figure."""
    used = _children_cpu()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "publish", "--settings", str(folder / "publishconf.py"), "--site", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_publish(scratch: Path, size: int) -> dict[str, float]:
    site = scratch / "output"
    write_site(site, size)
    settings = {"DEPLOY_TARGET": str(scratch / "public"), "OUTBOX_PATH": str(scratch / "outbox"),
                "CROSSPOST": list(PLATFORMS), "DEFAULT_LANG": "en"}
    (scratch / "publishconf.py").write_text("".join(f"{k} = {v!r}\n" for k, v in settings.items()))
    with MastodonServer("bench-token") as mastodon, BlueskyServer("riverford.test", "bench-password") as bluesky:
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("NOTICEBOARD_")},
               "NOTICEBOARD_MASTODON_URL": mastodon.url, "NOTICEBOARD_MASTODON_TOKEN": "bench-token",
               "NOTICEBOARD_BLUESKY_SERVICE": bluesky.url, "NOTICEBOARD_BLUESKY_HANDLE": "riverford.test",
               "NOTICEBOARD_BLUESKY_APP_PASSWORD": "bench-password"}
        first, _ = publish_seconds(scratch, site, env)  # records the backlog of all three platforms
        again = [publish_seconds(scratch, site, env) for _ in range(REPEAT)]
        assert not mastodon.statuses and not bluesky.records, "an old entry was posted"
    return {"first_publish_seconds": first, "nothing_new_seconds": statistics.median(wall for wall, _ in again),
            "nothing_new_cpu_seconds": statistics.median(cpu for _, cpu in again),
            **parts_of_a_publish(scratch, site, size)}


def parts_of_a_publish(scratch: Path, site: Path, size: int) -> dict[str, float]:
    """Where a publish with nothing new spends its time: starting Python with publish's imports (the
    platform SDKs among them), reading the ledger and planning three platforms, deploying the folder."""
    imports = statistics.median(_seconds(lambda: subprocess.run([sys.executable, "-c", "import publish.cli"],
                                                                cwd=ROOT, check=True)) for _ in range(REPEAT))
    manifest = json.loads((site / "entries.json").read_text())
    target = LocalTarget(scratch / "public")

    def read_and_plan() -> None:
        ledger = Ledger.load(target, read_only=True)
        assert len(ledger.records) >= 3 * size
        assert not any(plan(manifest, platform, ledger, 48) for platform in PLATFORMS)

    return {"start_and_imports_seconds": imports, "ledger_and_plan_seconds": _seconds(read_and_plan),
            "deploy_seconds": _seconds(lambda: target.deploy(site))}


def _seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def show(value: float | int | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.3f} s" if unit == "s" else f"{value:,} B"


def main() -> None:
    old = old_ledger_class()
    figures: dict[str, dict] = {}
    print(f"ledger: three platforms; old = commit {OLD_COMMIT[:7]} " + ("" if old else "(not in this checkout)"))
    print(f"{'entries':>8} | {'backlog new':>12} | {'backlog old':>12} | {'bytes/post new':>14} | "
          f"{'bytes/post old':>14} | {'publish, nothing new':>20} | {'(processor)':>11} | {'of which: start+imports':>23} | "
          f"{'ledger+plan':>11} | {'deploy':>8} | target <= {TARGET_SECONDS:g} s")
    for size in SIZES:
        with tempfile.TemporaryDirectory() as scratch:
            row = measure_ledger(Path(scratch), size, old)
        with tempfile.TemporaryDirectory() as scratch:
            row.update(measure_publish(Path(scratch), size))
        row["nothing_new_target_met"] = row["nothing_new_seconds"] <= TARGET_SECONDS
        figures[str(size)] = row
        print(f"{size:>8,} | {show(row['backlog_seconds'], 's'):>12} | {show(row['old_backlog_seconds'], 's'):>12} | "
              f"{show(row['bytes_per_post'], 'B'):>14} | {show(row['old_bytes_per_post'], 'B'):>14} | "
              f"{show(row['nothing_new_seconds'], 's'):>20} | {show(row['nothing_new_cpu_seconds'], 's'):>11} | "
              f"{show(row['start_and_imports_seconds'], 's'):>23} | "
              f"{show(row['ledger_and_plan_seconds'], 's'):>11} | {show(row['deploy_seconds'], 's'):>8} | "
              f"{'met' if row['nothing_new_target_met'] else 'NOT met'}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors; "
          f"publish with nothing new: target <= {TARGET_SECONDS:g} s beyond the build "
          f"({'met' if all(r['nothing_new_target_met'] for r in figures.values()) else 'NOT met'})")
    save_results("ledger", {"platforms": len(PLATFORMS), "sizes": figures,
                            "machine": f"{os.cpu_count()} cpu, Python {sys.version.split()[0]}, "
                                       f"load average {os.getloadavg()[0]:.1f}"})


if __name__ == "__main__":
    main()
