"""Platform faults: every platform of the table, answered by its loopback server with each fault a
platform really gives. Retries are bounded, the error names the platform, the other platforms are
unaffected, the ledger stays right, the exit status is as documented (0, or 3 when a platform
failed), and the next run catches up without a duplicate."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from publish.cli import main
from publish.crosspost import plan
from publish.ledger import Ledger
from tests.reliability import figures
from tests.reliability.harness import accounts
from tests.reliability.platforms import KINDS, Kind
from tests.servers.loopback import RESET, LoopbackServer

ATTEMPTS = 3
TIMEOUT = 1


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Callable[[LoopbackServer, Kind], None]
    #: The run ends with the platform FAILED (exit status 3), and the next run posts what is left.
    fails: bool


FAULTS = (
    Fault("500 once", lambda s, k: s.fail(k.post_path, 500, times=1), fails=False),
    Fault("502 once", lambda s, k: s.fail(k.post_path, 502, times=1), fails=False),
    Fault("503 every time", lambda s, k: s.fail(k.post_path, 503), fails=True),
    Fault("429 Retry-After: 1", lambda s, k: s.fail(k.post_path, 429, times=2, headers={"Retry-After": "1"},
                                                    body={"error": "RateLimitExceeded", "message": "slow down"}),
          fails=False),
    Fault("timeout (post made)", lambda s, k: s.slow(k.post_path, TIMEOUT + 1.5), fails=False),
    Fault("connection reset", lambda s, k: s.fail(k.post_path, RESET, times=1), fails=False),
    Fault("malformed JSON", lambda s, k: s.fail(k.post_path, 200, times=1, body=b'{"id": "12'), fails=False),
    Fault("401 expired token", lambda s, k: s.fail(k.post_path, 401, body={"error": "The access token expired"}),
          fails=True),
    Fault("duplicate refused", lambda s, k: s.fail(k.post_path, k.duplicate[0], times=1, body=k.duplicate[1]),
          fails=True),
)
NETWORKED = [name for name, kind in KINDS.items() if kind.server]
CASES = [(fault, platform) for fault in FAULTS for platform in NETWORKED]


@pytest.mark.parametrize(("fault", "platform"), CASES, ids=[f"{f.name}-{p}" for f, p in CASES])
def test_a_platform_fault_stays_with_its_platform_and_the_next_run_catches_up(fault, platform, sample_site, publisher,
                                                                              monkeypatch, capsys):
    manifest = json.loads((sample_site / "entries.json").read_text())
    due = {name: sum(s.action != "backlog" for s in plan(manifest, name, Ledger.empty(), 48)) for name in KINDS}
    settings = publisher.settings(CROSSPOST=list(KINDS), CROSSPOST_ATTEMPTS=ATTEMPTS,
                                  CROSSPOST_TIMEOUT_SECONDS=TIMEOUT, CROSSPOST_BACKOFF_SECONDS=0.05)
    argv = ["--settings", str(settings), "--site", str(sample_site)]
    with accounts(publisher.outbox) as platforms:
        for name, value in platforms.env.items():
            monkeypatch.setenv(name, value)
        server, kind = platforms.servers[platform], KINDS[platform]
        fault.inject(server, kind)
        status = main(argv)
        first = capsys.readouterr()
        tries = len(server.received("POST", kind.post_path))
        after_fault = platforms.deliveries()
        server.heal()
        next_status = main(argv)
        second = capsys.readouterr()
        after_next = platforms.deliveries()
    ledger = publisher.ledger().records

    outcome = ("ok" if status == 0 else f"exit {status}") + f" ({tries} requests)" + \
              ("" if status == 0 else f" -> {'ok' if next_status == 0 else f'exit {next_status}'}")
    figures.record("platform-faults", fault=fault.name, platform=platform, outcome=outcome,
                   order=FAULTS.index(fault))

    assert status == (3 if fault.fails else 0), first.out + first.err
    assert (f"{platform}: FAILED" in first.out) == (status == 3)
    for other in KINDS:
        if other != platform:
            assert len(after_fault[other]) == due[other], f"{other} was held up by {platform}'s fault"
    if status == 3:
        assert tries <= ATTEMPTS, "retries are bounded"
    assert next_status == 0, second.out + second.err
    for name in KINDS:
        deliveries = after_fault[name] | after_next[name]
        assert len({event for event, _ in deliveries}) == len(deliveries) == due[name], name
    assert not [key for key, record in ledger.items() if record["state"] == "intent"]
    assert sum(r["state"] == "posted" for k, r in ledger.items() if k.startswith(f"{platform} ")) == due[platform]
