"""How long a replies digest waits on the network: reading BENCH_THREADS (default 60) threads of three
replies each from a loopback Mastodon server that answers every thread BENCH_LATENCY_MS (default 150,
a busy instance) late, one thread at a time against THREADS_AT_ONCE (and twice that).

Prints the replies found and each run's time as a ratio of one-at-a-time: an hourly digest of a
month of posts should take seconds, and stay gentle on the instance's rate limit (300 requests in
five minutes per account).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREADS = int(os.environ.get("BENCH_THREADS", "60"))
LATENCY = float(os.environ.get("BENCH_LATENCY_MS", "150")) / 1000


def main() -> None:
    sys.path[:0] = [str(ROOT)]
    from mastodon import Mastodon

    from publish.ledger import Ledger
    from publish.platforms.base import Context, RemotePost
    from publish.replies.inbox import THREADS_AT_ONCE, collect
    from publish.replies.mastodon import MastodonListener
    from publish.targets.local import LocalTarget
    from tests.servers.mastodon import MastodonServer

    now = datetime.now(UTC)
    with MastodonServer("bench-token") as server, tempfile.TemporaryDirectory() as folder:
        client = Mastodon(api_base_url=server.url, access_token="bench-token", version_check_mode="none")
        ledger = Ledger.load(LocalTarget(Path(folder) / "public"))
        for number in range(THREADS):
            status = client.status_post(f"Notice {number}: Quay Street is closed.")
            ledger.posted("mastodon", f"notices/n{number}", f"notices/n{number}",
                          RemotePost(id=str(status["id"]), url=status["url"]), now - timedelta(days=1))
            for reply in range(3):
                server.reply_from(f"citizen{reply}", str(status["id"]), f"<p>When does it reopen? ({reply})</p>",
                                  now - timedelta(hours=reply + 1))
            server.slow(f"/api/v1/statuses/{status['id']}/context", LATENCY, times=1_000_000)
        listener = MastodonListener(Context(env={"NOTICEBOARD_MASTODON_URL": server.url,
                                                 "NOTICEBOARD_MASTODON_TOKEN": "bench-token"},
                                            settings={}, site=Path(folder), site_url="", project=ROOT))
        print(f"replies digest: {THREADS} threads, {LATENCY * 1000:.0f} ms a thread")
        baseline = None
        for at_once in (1, THREADS_AT_ONCE, THREADS_AT_ONCE * 2):
            start = time.perf_counter()
            inbox = collect(ledger, [listener], now - timedelta(days=7), 30, at_once=at_once)
            seconds = time.perf_counter() - start
            baseline = baseline or seconds
            print(f"  {at_once:>2} at once: {len(inbox.replies)} replies in {seconds:.2f} s "
                  f"({seconds / baseline:.2f} of one at a time)")


if __name__ == "__main__":
    main()
