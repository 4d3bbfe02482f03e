"""Cross-posting side by side, against loopback servers for every platform that answer after a delay,
as platforms across the internet do.

1. One new notice to all nine platforms, every request answered after BENCH_SLOW_MS (default 500),
   against each platform alone: side by side, the whole run should take about as long as the slowest.
2. BENCH_NEW_ENTRIES (default 50) new entries to seven networks answering after BENCH_LATENCY_MS
   (default 200), against each alone.

Every platform posts once, untimed, before the runs that are timed: the first run in a process pays for
what a process does once (its platforms' libraries loaded, the first connection of each), which is the
same however the platforms are posted to. Measured first, side by side took 3.9x the slowest alone for
one notice; a second time, 1.0x to 1.1x.

Prints each time and the ratio to the slowest platform alone, and merges the figures into
bench/results.json under "crosspost".
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publish.crosspost import crosspost  # noqa: E402
from publish.ledger import Ledger  # noqa: E402
from publish.platforms import PLATFORMS  # noqa: E402
from publish.platforms.base import Context  # noqa: E402
from publish.targets.local import LocalTarget  # noqa: E402
from tests.crossposting.conftest import (  # noqa: E402
    BLUESKY_PASSWORD,
    CREDENTIALS,
    MASTODON_TOKEN,
    EveryAccount,
)
from tests.servers.apprise import AppriseServer  # noqa: E402
from tests.servers.bluesky import BlueskyServer  # noqa: E402
from tests.servers.facebook import FacebookServer  # noqa: E402
from tests.servers.linkedin import LinkedInServer  # noqa: E402
from tests.servers.mastodon import MastodonServer  # noqa: E402
from tests.servers.telegram import TelegramServer  # noqa: E402
from tests.servers.threads import ThreadsServer  # noqa: E402
from tests.servers.x import XServer  # noqa: E402

SLOW = float(os.environ.get("BENCH_SLOW_MS", "500")) / 1000
LATENCY = float(os.environ.get("BENCH_LATENCY_MS", "200")) / 1000
NEW_ENTRIES = int(os.environ.get("BENCH_NEW_ENTRIES", "50"))
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SETTINGS = {"CROSSPOST_BACKLOG_HOURS": 48, "CROSSPOST_ATTEMPTS": 4, "CROSSPOST_BACKOFF_SECONDS": 0.1,
            "CROSSPOST_MAX_WAIT_SECONDS": 30, "CROSSPOST_RESEND_UNKNOWN_EMERGENCIES": False,
            "LINKEDIN_API_VERSION": "202510", "OUTBOX_PATH": "outbox", "MASTODON_VISIBILITY": "public"}
RESULTS = ROOT / "bench" / "results.json"


def notice(number: int) -> dict:
    """A manifest record for a new road closure, as the manifest plugin writes it."""
    slug = f"road-closure-{number:03d}"
    at = (NOW - timedelta(minutes=number)).isoformat()
    return {"id": f"notices/{slug}", "kind": "notice", "url": f"https://www.riverford.example/notices/{slug}/",
            "title": f"Road {number} closed for resurfacing", "summary": f"Road {number} is closed while it is "
            "resurfaced; follow the signed diversion.", "severity": "advisory", "notice_type": "road_closure",
            "status": "active", "topics": [], "areas": ["northgate"], "hashtags": ["Northgate"], "image": None,
            "date": at, "updated": at, "updates": [], "correction": None,
            "social": {"enabled": True, "text": {"default": None}, "platforms": None}}


def manifest(entries: int) -> dict:
    return {"version": 1, "generated_at": NOW.isoformat(), "entries": [notice(n) for n in range(entries)],
            "site": {"url": "https://www.riverford.example", "timezone": "Europe/London"}}


@contextmanager
def fresh_accounts(latency: float) -> Iterator[EveryAccount]:
    """A new loopback server for each network (nothing posted yet), each answering after ``latency``."""
    with ExitStack() as stack:
        accounts = EveryAccount(
            stack.enter_context(MastodonServer(MASTODON_TOKEN)),
            stack.enter_context(BlueskyServer("riverford.test", BLUESKY_PASSWORD)),
            stack.enter_context(XServer(*(CREDENTIALS[f"NOTICEBOARD_X_{n}"]
                                          for n in ("API_KEY", "API_SECRET", "ACCESS_TOKEN", "ACCESS_SECRET")))),
            stack.enter_context(FacebookServer(CREDENTIALS["NOTICEBOARD_FACEBOOK_PAGE_TOKEN"])),
            stack.enter_context(TelegramServer(CREDENTIALS["NOTICEBOARD_TELEGRAM_BOT_TOKEN"])),
            stack.enter_context(LinkedInServer(CREDENTIALS["NOTICEBOARD_LINKEDIN_TOKEN"])),
            stack.enter_context(ThreadsServer(CREDENTIALS["NOTICEBOARD_THREADS_TOKEN"])),
            stack.enter_context(AppriseServer()),
        )
        for server in accounts.servers.values():
            server.latency = latency
        yield accounts


def run(names: list[str], latency: float, entries: int) -> float:
    """Seconds to cross-post ``entries`` new entries to the named platforms, from a fresh ledger."""
    with fresh_accounts(latency) as accounts, tempfile.TemporaryDirectory() as folder:
        context = Context(env=accounts.env(*[n for n in names if n != "outbox"]), settings=SETTINGS,
                          site=Path(folder), site_url="https://www.riverford.example", project=Path(folder),
                          timeout=30)
        platforms = [PLATFORMS[name](context) for name in names]
        ledger = Ledger.load(LocalTarget(str(Path(folder) / "public")))
        start = time.perf_counter()
        outcomes = crosspost(manifest(entries), platforms, ledger, SETTINGS, say=lambda line: None)
        seconds = time.perf_counter() - start
    failed = [o for o in outcomes if o.failed or o.posted != entries]
    if failed:
        raise SystemExit(f"bench_crosspost: did not post everything: {'; '.join(str(o.error) for o in failed)}")
    return seconds


def compare(label: str, names: list[str], latency: float, entries: int) -> dict:
    together = run(names, latency, entries)
    alone = {name: run([name], latency, entries) for name in names}
    slowest = max(alone, key=alone.get)
    print(f"{label}: {len(names)} platforms, every request answered after {latency * 1000:g} ms")
    for name, seconds in sorted(alone.items(), key=lambda item: -item[1]):
        print(f"  {name:9} alone        {seconds:6.2f} s")
    print(f"  all side by side   {together:6.2f} s = {together / alone[slowest]:.2f} x the slowest alone ({slowest})")
    return {"platforms": len(names), "latency_ms": latency * 1000, "entries": entries, "together_seconds":
            round(together, 3), "slowest_alone": slowest, "slowest_alone_seconds": round(alone[slowest], 3),
            "ratio_to_slowest": round(together / alone[slowest], 3)}


def main() -> None:
    every = list(PLATFORMS)
    run(every, 0, 1)  # untimed, see the module's text
    networks = ["mastodon", "bluesky", "x", "facebook", "telegram", "linkedin", "threads"]
    figures = {"one_entry_all_nine": compare("one new notice", every, SLOW, 1),
               f"{NEW_ENTRIES}_entries_seven_networks": compare(f"{NEW_ENTRIES} new notices", networks, LATENCY,
                                                                NEW_ENTRIES)}
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    results["crosspost"] = figures
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
