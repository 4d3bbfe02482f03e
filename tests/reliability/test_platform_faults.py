"""Platform faults: every platform of the table, answered by its loopback server with each fault a
platform really gives. Retries are bounded, the error names the platform, the other platforms are
unaffected, the ledger stays right, the exit status is as documented (0, or 3 when a platform
failed), and the next run catches up without a duplicate.

On a platform that cannot be searched (Telegram, Apprise: at most once) a failure that may have
delivered the message leaves it unknown: exit status 5, on this run and the next, never sent again
by itself; only a refusal known to have had no effect (401, 429; not through apprise) is retried or
left for the next run."""

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
from tests.reliability.platforms import KINDS, Kind, held_behind, unknown_in
from tests.servers.loopback import RESET, LoopbackServer

ATTEMPTS = 3
TIMEOUT = 1


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Callable[[LoopbackServer, Kind], None]
    #: The run ends with the platform FAILED (exit status 3), and the next run posts what is left.
    fails: bool
    #: The platform refused the request, so it surely had no effect (an at-most-once platform may try again).
    refused: bool = False


FAULTS = (
    Fault("500 once", lambda s, k: s.fail(k.post_path, 500, times=1), fails=False),
    Fault("502 once", lambda s, k: s.fail(k.post_path, 502, times=1), fails=False),
    Fault("503 every time", lambda s, k: s.fail(k.post_path, 503), fails=True),
    Fault("429 Retry-After: 1", lambda s, k: s.fail(k.post_path, 429, times=2, headers={"Retry-After": "1"},
                                                    body={"error": "RateLimitExceeded", "message": "slow down"}),
          fails=False, refused=True),
    Fault("timeout (post made)", lambda s, k: s.slow(k.post_path, TIMEOUT + 1.5), fails=False),
    Fault("connection reset", lambda s, k: s.fail(k.post_path, RESET, times=1), fails=False),
    Fault("malformed JSON", lambda s, k: s.fail(k.post_path, 200, times=1, body=b'{"id": "12'), fails=False),
    Fault("401 expired token", lambda s, k: s.fail(k.post_path, 401, body={"error": "The access token expired"}),
          fails=True, refused=True),
    Fault("duplicate refused", lambda s, k: s.fail(k.post_path, k.duplicate[0], times=1, body=k.duplicate[1]),
          fails=True),
)
NETWORKED = [name for name, kind in KINDS.items() if kind.server]
CASES = [pytest.param(fault, platform, id=f"{fault.name}-{platform}")
         for fault in FAULTS for platform in NETWORKED if fault.name != "duplicate refused" or KINDS[platform].duplicate]


def expected(fault: Fault, kind: Kind) -> tuple[int, int]:
    """The documented exit status of the run with the fault, and of the next run (docs/crossposting.md)."""
    if kind.searchable:
        return (3 if fault.fails else 0), 0
    if fault.refused and kind.knows_refusals:
        return (3 if fault.fails else 0), 0
    if not kind.knows_refusals and fault.name.startswith(("timeout", "malformed")):
        return 0, 0  # apprise waits longer than CROSSPOST_TIMEOUT_SECONDS for its services, and reads no answer
    return 5, 5  # the message may have arrived: unknown until a person settles it


@pytest.mark.parametrize(("fault", "platform"), CASES)
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

    assert (status, next_status) == expected(fault, kind), first.out + first.err + second.out + second.err
    if status != 5:
        assert (f"{platform}: FAILED" in first.out) == (status == 3)
    for other in KINDS:
        if other != platform:
            assert len(after_fault[other]) == due[other], f"{other} was held up by {platform}'s fault"
    if status in (3, 5):
        assert tries <= ATTEMPTS, "retries are bounded"
    unknown = unknown_in(first.out, platform)
    assert unknown_in(second.out, platform) == unknown, "a post in doubt stays unknown, reported on every run"
    assert len(unknown) == (status == 5), unknown
    held = held_behind(kind, manifest, unknown)
    for name in KINDS:
        deliveries = after_fault[name] | after_next[name]
        events = {event for event, _ in deliveries}
        assert len(events) == len(deliveries), f"{name}: a duplicate"
        if name == platform and unknown:
            # The one in doubt was delivered when only its answer was lost (the timeout), and is never sent again.
            sent = due[name] - len(held) - (0 if fault.name.startswith("timeout") else len(unknown))
            assert len(events) == sent, f"{name}: {len(events)} delivered, {sent} expected"
        elif name == platform and not kind.knows_refusals and fault.name.startswith("malformed"):
            # The loopback server answered 200 instead of keeping the message; apprise counts it as sent.
            assert len(events) == due[name] - 1, name
        else:
            assert len(events) == due[name], name
    assert sorted(key for key, record in ledger.items() if record["state"] == "intent") == \
        [f"{platform} {key}" for key in unknown], "an intent without a result is exactly a post in doubt"
    assert sum(r["state"] == "posted" for k, r in ledger.items() if k.startswith(f"{platform} ")) == \
        due[platform] - len(unknown) - len(held)
