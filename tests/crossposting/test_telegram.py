"""Telegram channel: escaped HTML, updates as replies, and at most once: a message in doubt is
reported unknown, never sent again by itself, and settled by a person."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from conftest import ROOT
from publish.compose import TELEGRAM, compose
from publish.events import entry_events
from publish.platforms.base import Context
from publish.platforms.telegram import TelegramPlatform
from tests.crossposting.conftest import CREDENTIALS
from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, RECENT

TOKEN = CREDENTIALS["NOTICEBOARD_TELEGRAM_BOT_TOKEN"]
EXPECTED = len(RECENT) + FLOOD_UPDATES
FIRST = "notices/flood-warning-river-ford"


def settle(publisher, key: str, *how: str) -> subprocess.CompletedProcess:
    """``invoke crosspost --settle KEY --platform telegram ...`` against this council's deploy folder."""
    return subprocess.run([str(Path(sys.executable).parent / "invoke"), "--search-root", str(ROOT), "crosspost",
                           "--settle", key, "--platform", "telegram", "--settings", str(publisher.settings()), *how],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_telegram_gets_each_event_once_with_updates_as_replies(sample_site, publisher, every_account):
    telegram = every_account.telegram

    result = publisher.run(sample_site, every_account.env("telegram"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(telegram.messages) == EXPECTED
    flood = [m for m in telegram.messages if FLOOD in m["text"]]
    assert flood[0]["text"].startswith("EMERGENCY: Flood warning") and "reply_to_message" not in flood[0]
    for parent, reply in zip(flood, flood[1:], strict=False):
        assert reply["reply_to_message"]["message_id"] == parent["message_id"]
    assert all(r.path == f"/bot{TOKEN}/sendMessage" and r.json()["parse_mode"] == "HTML" for r in telegram.requests)
    assert f"telegram: posted {FIRST} -> https://t.me/riverfordcouncil/{flood[0]['message_id']}" in result.stdout
    assert TOKEN not in result.stdout + result.stderr


def test_text_with_markup_characters_arrives_as_written(every_account, tmp_path):
    entry = {"id": "notices/fair", "kind": "notice", "url": "https://www.riverford.example/notices/fair/",
             "title": "Fish & chips <stall> at the fair", "summary": "Prices < £5 & \"free\" water.",
             "date": "2026-11-25T08:00:00+00:00", "updated": "2026-11-25T08:00:00+00:00", "severity": "info",
             "status": "active", "hashtags": [], "image": None, "updates": [], "correction": None,
             "social": {"enabled": True, "text": {"default": None}, "platforms": None}}
    message = compose(next(entry_events(entry)), TELEGRAM, "telegram", "Europe/London", has_parent=False)
    context = Context(env=every_account.env("telegram"), settings={"CROSSPOST_MAX_WAIT_SECONDS": 5}, site=tmp_path,
                      site_url="https://www.riverford.example", project=tmp_path)

    TelegramPlatform(context).post(message)

    [sent] = every_account.telegram.messages
    assert sent["text"] == message.text
    assert sent["text"].startswith("Fish & chips <stall> at the fair\n\nPrices < £5 & \"free\" water.")


def test_a_message_in_doubt_is_reported_unknown_not_sent_again_and_settled(sample_site, publisher, every_account,
                                                                           tmp_path):
    telegram = every_account.telegram
    crashed = publisher.run(sample_site, {**every_account.env("telegram"), "NOTICEBOARD_FAULT": "after-post:telegram"})
    assert crashed.returncode == 70 and len(telegram.messages) == 1
    summary = tmp_path / "summary.md"

    unsure = publisher.run(sample_site, {**every_account.env("telegram"), "GITHUB_STEP_SUMMARY": str(summary)})

    assert unsure.returncode == 5, unsure.stdout + unsure.stderr
    assert len(telegram.messages) == EXPECTED - FLOOD_UPDATES, "the flood post is not sent again, its updates wait"
    assert "telegram  4       0        0        0       4        1" in unsure.stdout
    assert f"telegram: UNKNOWN: {FIRST} may or may not have arrived" in unsure.stdout
    assert f"invoke crosspost --settle {FIRST} --platform telegram --posted" in unsure.stdout
    assert "| telegram | 4 | 0 | 0 | 0 | 4 | 1 |" in summary.read_text()
    assert publisher.ledger().records[f"telegram {FIRST}"]["state"] == "intent"

    settled = settle(publisher, FIRST, "--posted", "--remote-id", str(telegram.messages[0]["message_id"]))
    assert settled.returncode == 0, settled.stdout + settled.stderr
    assert "recorded as posted" in settled.stdout
    done = publisher.run(sample_site, every_account.env("telegram"))

    assert done.returncode == 0, done.stdout + done.stderr
    assert len(telegram.messages) == EXPECTED
    flood_updates = [m for m in telegram.messages if m["text"].startswith("Update ")]
    assert len(flood_updates) == FLOOD_UPDATES
    assert flood_updates[0]["reply_to_message"]["message_id"] == telegram.messages[0]["message_id"]


def test_resend_sends_it_again_on_the_next_publish(sample_site, publisher, every_account):
    telegram = every_account.telegram
    publisher.run(sample_site, {**every_account.env("telegram"), "NOTICEBOARD_FAULT": "after-intent:telegram"})
    assert telegram.messages == []

    assert settle(publisher, FIRST, "--resend").returncode == 0
    again = publisher.run(sample_site, every_account.env("telegram"))

    assert again.returncode == 0, again.stdout + again.stderr
    assert len(telegram.messages) == EXPECTED
    assert settle(publisher, FIRST, "--resend").returncode == 1, "nothing left to settle"


def test_emergencies_in_doubt_are_sent_again_when_the_council_chooses(sample_site, publisher, every_account):
    telegram = every_account.telegram
    publisher.run(sample_site, {**every_account.env("telegram"), "NOTICEBOARD_FAULT": "after-post:telegram"})

    rerun = publisher.run(sample_site, every_account.env("telegram"), CROSSPOST_RESEND_UNKNOWN_EMERGENCIES=True)

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    flood_posts = [m for m in telegram.messages if m["text"].startswith("EMERGENCY: Flood warning")]
    assert len(flood_posts) == 2, "sent again: a repeated flood warning costs less than a lost one"
    assert len(telegram.messages) == EXPECTED + 1


def test_the_bot_token_never_shows_even_when_the_server_echoes_the_url(sample_site, publisher, every_account,
                                                                       tmp_path):
    telegram = every_account.telegram
    echoed = f"Bad Request: {telegram.url}/bot{TOKEN}/sendMessage refused"
    telegram.fail(f"/bot{TOKEN}/sendMessage", 400, body={"ok": False, "error_code": 400, "description": echoed})
    summary = tmp_path / "summary.md"

    result = publisher.run(sample_site, {**every_account.env("telegram"), "GITHUB_STEP_SUMMARY": str(summary)})

    assert result.returncode == 3, result.stdout + result.stderr
    assert "telegram: FAILED" in result.stdout and "/bot***/sendMessage refused" in result.stdout
    left = result.stdout + result.stderr + summary.read_text() + json.dumps(publisher.ledger().records)
    assert TOKEN not in left and TOKEN.split(":")[1] not in left
    assert publisher.ledger().records.get(f"telegram {FIRST}") is None, "refused: nothing in doubt"
    assert datetime.fromisoformat(publisher.ledger().platforms["telegram"]["since"])
