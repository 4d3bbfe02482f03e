"""Cross-posting the sample site to loopback Mastodon and Bluesky servers, as a merge would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import NOW, ROOT
from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, NEW_POST_WITH_IMAGE, RECENT


def mastodon_posts(server) -> list[tuple[dict, str]]:
    return [(status, server.texts[status["id"]]) for status in server.statuses]


def link_facets(record: dict) -> list[str]:
    """The text each link facet covers, cut by its UTF-8 byte offsets as Bluesky does."""
    data = record["text"].encode()
    return [data[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode() for f in record.get("facets", [])
            if f["features"][0]["$type"] == "app.bsky.richtext.facet#link"]


def test_first_publish_posts_each_recent_entry_once_and_threads_the_updates(sample_site, publisher, accounts,
                                                                            tmp_path):
    summary = tmp_path / "step-summary.md"
    result = publisher.run(sample_site, {**accounts.env, "GITHUB_STEP_SUMMARY": str(summary)})

    assert result.returncode == 0, result.stdout + result.stderr
    assert (publisher.public / "notices" / "flood-warning-river-ford" / "index.html").is_file()

    statuses = mastodon_posts(accounts.mastodon)
    assert len(statuses) == len(RECENT) + FLOOD_UPDATES
    new_posts = [text for status, text in statuses if status["in_reply_to_id"] is None]
    assert {text.split("\n\n")[2] for text in new_posts} == RECENT
    flood = [(s, t) for s, t in statuses if FLOOD in t]
    assert flood[0][1].startswith("EMERGENCY: Flood warning for the River Ford")
    for (parent, _), (reply, text) in zip(flood, flood[1:], strict=False):
        assert reply["in_reply_to_id"] == parent["id"]
        assert text.startswith("Update ")
    keys = [r.headers.get("idempotency-key") for r in accounts.mastodon.received("POST", "/api/v1/statuses")]
    assert all(keys) and len(set(keys)) == len(keys)

    records = accounts.bluesky.posts()
    assert len(records) == len(RECENT) + FLOOD_UPDATES
    for record in records:
        assert record["langs"] == ["en"]
        assert any(url in link_facets(record) for url in RECENT)
    flood_records = [r for r in records if FLOOD in r["text"]]
    root_uri = next(uri for uri, r in accounts.bluesky.records.items() if r["value"] is flood_records[0])
    assert flood_records[0]["embed"]["external"]["uri"] == FLOOD
    assert "reply" not in flood_records[0]
    assert all(r["reply"]["root"]["uri"] == root_uri for r in flood_records[1:])

    assert "mastodon  5       4" in result.stdout
    assert "first run:" in result.stdout
    assert "| mastodon | 5 | 4 | 25 | 0 | 0 |" in summary.read_text()
    assert f"- mastodon: [`notices/flood-warning-river-ford`]({accounts.mastodon.url}/@riverford/" in summary.read_text()

    again = publisher.run(sample_site, accounts.env)
    assert again.returncode == 0, again.stderr
    assert len(accounts.mastodon.received("POST", "/api/v1/statuses")) == len(statuses)
    assert len(accounts.bluesky.received("POST", "/xrpc/com.atproto.repo.createRecord")) == len(records)



QUIET_NOTICE = """
title: Minor change to library opening
date: 2026-11-25 08:00
summary: Northgate library opens at 10am on Friday for staff training.
notice_type: service_change
severity: info
starts: 2026-11-27 09:00
areas: [northgate]
social: false
"""

MASTODON_ONLY = """
title: Carol concert in the market square
date: 2026-11-25 08:10
summary: Join the carol concert in the market square on Friday evening.
notice_type: event
severity: info
starts: 2026-12-04 18:00
ends: 2026-12-04 20:00
areas: [old-town]
location: Market Square
social_platforms: [mastodon]
social_text:
  mastodon: Carols in the market square on Friday at 6pm. Bring a torch!
"""


def test_social_settings_images_and_alt_text_reach_each_platform(content_copy, site_builder, tmp_path, publisher,
                                                                 accounts, write_entry):
    write_entry(content_copy, "posts/sunday-recycling.md", NEW_POST_WITH_IMAGE)
    write_entry(content_copy, "notices/library-training.md", QUIET_NOTICE)
    write_entry(content_copy, "notices/carol-concert.md", MASTODON_ONLY)
    assert site_builder(content_copy) == 0

    result = publisher.run(tmp_path / "output", accounts.env, MASTODON_VISIBILITY="unlisted")
    assert result.returncode == 0, result.stdout + result.stderr

    assert {s["visibility"] for s in accounts.mastodon.statuses} == {"unlisted"}
    texts = [text for _, text in mastodon_posts(accounts.mastodon)]
    assert not any("library" in t.lower() for t in texts), "social: false must not be posted"
    assert "Carols in the market square on Friday at 6pm. Bring a torch!\n\n" \
           "https://www.riverford.example/notices/carol-concert/" in texts
    assert not any("carol" in r["text"].lower() for r in accounts.bluesky.posts())

    image = (content_copy / "images" / "recycling-bins.png").read_bytes()
    [media] = accounts.mastodon.media.values()
    assert media["description"] == "A row of blue recycling bins with green lids"
    assert media["size"] == len(image)
    [with_media] = [s for s in accounts.mastodon.statuses if s["media_attachments"]]
    assert "Recycling centre opens on Sundays" in accounts.mastodon.texts[with_media["id"]]

    [card] = [r["embed"]["external"] for r in accounts.bluesky.posts() if "Sundays" in r["text"]]
    assert card["title"] == "Recycling centre opens on Sundays"
    assert card["description"] == "Eastfield recycling centre now opens on Sundays from 9am to 4pm."
    assert accounts.bluesky.blobs[card["thumb"]["ref"]["$link"]] == image


def test_updates_corrections_and_closing_are_replies_in_the_entry_thread(sample_site, content_copy, site_builder,
                                                                         tmp_path, publisher, accounts):
    assert publisher.run(sample_site, accounts.env).returncode == 0
    before = len(accounts.mastodon.statuses)
    flood_tip = [s for s in accounts.mastodon.statuses if FLOOD in accounts.mastodon.texts[s["id"]]][-1]

    flood = content_copy / "notices" / "flood-warning-river-ford.md"
    flood.write_text(flood.read_text().replace(
        "updates:\n", "updates:\n  - at: 2026-11-25 08:45\n    text: The river has peaked. Stay away from the water.\n"))
    quay = content_copy / "notices" / "quay-street-closure.md"
    quay.write_text(quay.read_text().replace(
        "contact:", "correction:\n  at: 2026-11-25 08:50\n  text: The diversion is via the bypass, not Mill Lane.\n"
        "status: resolved\ncontact:"))
    assert site_builder(content_copy) == 0

    result = publisher.run(tmp_path / "output", accounts.env)
    assert result.returncode == 0, result.stdout + result.stderr

    new = accounts.mastodon.statuses[before:]
    texts = [accounts.mastodon.texts[s["id"]] for s in new]
    assert len(new) == 3
    assert texts[0].startswith("Update 25 Nov 08:45: The river has peaked.")
    assert new[0]["in_reply_to_id"] == flood_tip["id"]
    assert texts[1].startswith("Correction: The diversion is via the bypass")
    assert texts[2].startswith("Resolved: ")
    quay_post = next(s for s in accounts.mastodon.statuses
                     if accounts.mastodon.texts[s["id"]].startswith("Warning: Quay Street closed"))
    assert new[1]["in_reply_to_id"] == quay_post["id"]
    assert new[2]["in_reply_to_id"] == new[1]["id"]
    replies = [r for r in accounts.bluesky.posts() if r["text"].startswith(("Update 25 Nov 08:45", "Correction", "Resolved"))]
    assert len(replies) == 3 and all("reply" in r for r in replies)


def test_a_failing_platform_stops_only_itself_and_the_next_run_catches_up(sample_site, publisher, accounts):
    accounts.mastodon.fail("/api/v1/statuses", 500)

    failed = publisher.run(sample_site, accounts.env, CROSSPOST_ATTEMPTS=3)

    assert failed.returncode == 3
    assert (publisher.public / "index.html").is_file(), "the site is deployed even when a platform fails"
    assert "mastodon: FAILED" in failed.stdout
    assert len(accounts.mastodon.received("POST", "/api/v1/statuses")) == 3, "bounded retries"
    assert len(accounts.bluesky.posts()) == len(RECENT) + FLOOD_UPDATES

    accounts.mastodon.heal()
    caught_up = publisher.run(sample_site, accounts.env)

    assert caught_up.returncode == 0, caught_up.stdout + caught_up.stderr
    texts = list(accounts.mastodon.texts.values())
    assert len(texts) == len(RECENT) + FLOOD_UPDATES == len(set(texts))
    assert len(accounts.bluesky.received("POST", "/xrpc/com.atproto.repo.createRecord")) == len(texts)


def test_rate_limits_are_waited_out_as_the_platform_asks(sample_site, publisher, accounts):
    accounts.bluesky.fail("/xrpc/com.atproto.repo.createRecord", 429, times=1,
                          headers={"Retry-After": "1"}, body={"error": "RateLimitExceeded", "message": "slow down"})

    result = publisher.run(sample_site, accounts.env)

    assert result.returncode == 0, result.stdout + result.stderr
    first, second = accounts.bluesky.received("POST", "/xrpc/com.atproto.repo.createRecord")[:2]
    assert second.at - first.at >= 0.9
    assert len(accounts.bluesky.posts()) == len(RECENT) + FLOOD_UPDATES


@pytest.mark.parametrize("platform", ["mastodon", "bluesky"])
@pytest.mark.parametrize("point", ["after-intent", "after-post", "after-result"])
def test_a_publish_killed_midway_posts_everything_exactly_once_on_rerun(sample_site, publisher, accounts, point,
                                                                         platform):
    crashed = publisher.run(sample_site, {**accounts.env, "NOTICEBOARD_FAULT": f"{point}:{platform}"})
    assert crashed.returncode == 70, crashed.stdout + crashed.stderr

    rerun = publisher.run(sample_site, accounts.env)

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    expected = len(RECENT) + FLOOD_UPDATES
    texts = list(accounts.mastodon.texts.values())
    assert len(texts) == expected == len(set(texts))
    posts = accounts.mastodon.received("POST", "/api/v1/statuses")
    assert len({post.headers["idempotency-key"] for post in posts}) == expected, "each message under one key"
    if platform == "mastodon":
        assert len(posts) == expected, "found, not posted again"
    else:
        # Killed while Bluesky was posting, the process may have left a request to Mastodon in flight, which
        # the server can store after the rerun looked for it: sent again then, under the same key, and the
        # server answers with the status it has (one status each, as asserted above).
        assert len(posts) <= expected + 1, "found, not posted again"
    assert len(accounts.bluesky.posts()) == expected
    records = publisher.ledger().records
    assert not [k for k, r in records.items() if r["state"] == "intent"]


def test_dry_run_shows_every_message_and_touches_nothing(sample_site, publisher, accounts, tmp_path):
    summary = tmp_path / "step-summary.md"

    result = publisher.run(sample_site, {**accounts.env, "GITHUB_STEP_SUMMARY": str(summary)}, "--dry-run")

    assert result.returncode == 0, result.stderr
    assert accounts.mastodon.requests == [] and accounts.bluesky.requests == []
    assert not publisher.public.exists() and not publisher.outbox.exists()
    assert "mastodon: would send 9 message(s)" in result.stdout
    assert "[305/500]" in result.stdout and "[305/300]" not in result.stdout
    assert "| EMERGENCY: Flood warning for the River Ford at Riverside and Millbrook" in result.stdout
    table = summary.read_text()
    assert "| platform | as | event | length | text |" in table
    assert "| bluesky | post | `notices/flood-warning-river-ford` |" in table


def test_dry_run_needs_no_credentials_but_a_publish_does(sample_site, publisher):
    dry = publisher.run(sample_site, {}, "--dry-run", CROSSPOST=["mastodon", "bluesky"])
    assert dry.returncode == 0, dry.stderr
    assert "bluesky: would send" in dry.stdout

    real = publisher.run(sample_site, {"NOTICEBOARD_MASTODON_URL": "http://127.0.0.1:9"}, CROSSPOST=["mastodon"])
    assert real.returncode == 2
    assert "CROSSPOST lists mastodon, but NOTICEBOARD_MASTODON_TOKEN is not set" in real.stderr
    assert not publisher.public.exists(), "nothing is deployed when a setting is wrong"

    typo = publisher.run(sample_site, {}, CROSSPOST=["mastodn"])
    assert typo.returncode == 2 and "unknown platform 'mastodn'" in typo.stderr


def test_credentials_never_reach_the_log_the_ledger_or_the_site(sample_site, publisher, accounts):
    wrong = {**accounts.env, "NOTICEBOARD_MASTODON_TOKEN": "not-the-right-token-9931"}
    refused = publisher.run(sample_site, wrong)
    fine = publisher.run(sample_site, accounts.env)

    assert refused.returncode == 3 and "mastodon: FAILED" in refused.stdout and "401" in refused.stdout
    assert fine.returncode == 0
    secrets = ["not-the-right-token-9931", accounts.env["NOTICEBOARD_MASTODON_TOKEN"],
               accounts.env["NOTICEBOARD_BLUESKY_APP_PASSWORD"]]
    logs = refused.stdout + refused.stderr + fine.stdout + fine.stderr
    files = [p.read_bytes() for p in publisher.folder.rglob("*") if p.is_file()]
    for secret in secrets:
        assert secret not in logs
        assert not any(secret.encode() in data for data in files)


def test_the_clock_is_the_builds(sample_site):
    """The sample site these tests post is built at NOW, when the flood is under way."""
    assert '"generated_at": "' + NOW + '"' in (sample_site / "entries.json").read_text()


def test_a_second_publish_waits_then_stops_while_one_is_running(sample_site, publisher, accounts):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom publish.targets.local import LocalTarget\n"
         f"with LocalTarget({str(publisher.public)!r}).lock(0):\n print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        refused = publisher.run(sample_site, accounts.env, PUBLISH_LOCK_WAIT_SECONDS=0.5)
    finally:
        holder.kill()
        holder.wait()

    assert refused.returncode == 4
    assert "another publish is running" in refused.stderr
    assert not publisher.public.exists()
    assert accounts.mastodon.requests == [] and accounts.bluesky.requests == []


def test_a_post_whose_answer_timed_out_is_found_not_posted_again(sample_site, publisher, accounts):
    accounts.mastodon.slow("/api/v1/statuses", 3)
    accounts.bluesky.slow("/xrpc/com.atproto.repo.createRecord", 3)

    result = publisher.run(sample_site, accounts.env, CROSSPOST_TIMEOUT_SECONDS=1)

    assert result.returncode == 0, result.stdout + result.stderr
    expected = len(RECENT) + FLOOD_UPDATES
    assert len(accounts.mastodon.received("POST", "/api/v1/statuses")) == expected
    assert len(set(accounts.mastodon.texts.values())) == len(accounts.mastodon.statuses) == expected
    assert len(accounts.bluesky.posts()) == expected
    assert len(accounts.bluesky.received("POST", "/xrpc/com.atproto.repo.createRecord")) == expected
