"""All nine platforms at once: each gets every event exactly once, follow-ups as replies or comments
where the platform has them, images with their alt text, and a slow or failing platform holds up only itself."""

from __future__ import annotations

import base64
import json

from tests.crossposting.conftest import CREDENTIALS
from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, NEW_POST_WITH_IMAGE, RECENT

EVERY_PLATFORM = ["outbox", "mastodon", "bluesky", "x", "facebook", "telegram", "linkedin", "threads", "apprise"]
THREADED = (len(RECENT), FLOOD_UPDATES)
#: Apprise has no threads: every follow-up is a message of its own.
UNTHREADED = (len(RECENT) + FLOOD_UPDATES, 0)
NEW_UPDATE = "updates:\n  - at: 2026-11-25 08:45\n    text: The river has peaked. Stay away from the water.\n"


def test_one_publish_posts_each_event_once_on_all_nine_platforms_and_a_rerun_posts_nothing(
        sample_site, content_copy, site_builder, tmp_path, publisher, every_account):
    summary = tmp_path / "summary.md"
    env = {**every_account.env(), "GITHUB_STEP_SUMMARY": str(summary)}

    result = publisher.run(sample_site, env, CROSSPOST=EVERY_PLATFORM)

    assert result.returncode == 0, result.stdout + result.stderr
    assert every_account.tally() == {name: THREADED for name in every_account.servers} | {"apprise": UNTHREADED}
    # The outbox writes every language: the English messages here, the Welsh ones as outbox-cy beside them.
    in_outbox = [json.loads(path.read_text()) for path in publisher.outbox.glob("*.json")]
    assert sum(message["platform"] == "outbox" for message in in_outbox) == len(RECENT) + FLOOD_UPDATES
    again = publisher.run(sample_site, env, CROSSPOST=EVERY_PLATFORM)
    assert again.returncode == 0, again.stdout + again.stderr
    assert every_account.tally() == {name: THREADED for name in every_account.servers} | {"apprise": UNTHREADED}

    flood = content_copy / "notices" / "flood-warning-river-ford.md"
    flood.write_text(flood.read_text().replace("updates:\n", NEW_UPDATE))
    assert site_builder(content_copy) == 0
    updated = publisher.run(tmp_path / "output", env, CROSSPOST=EVERY_PLATFORM)

    assert updated.returncode == 0, updated.stdout + updated.stderr
    one_more = (len(RECENT), FLOOD_UPDATES + 1)
    assert every_account.tally() == {name: one_more for name in every_account.servers} | {
        "apprise": (len(RECENT) + FLOOD_UPDATES + 1, 0)}
    for name in EVERY_PLATFORM[1:-1]:
        assert f"{name}: replied notices/flood-warning-river-ford/updates/20261125T084500Z" in updated.stdout
    assert "apprise: posted notices/flood-warning-river-ford/updates/20261125T084500Z" in updated.stdout

    left = "".join(r.stdout + r.stderr for r in (result, again, updated)) + summary.read_text()
    left += "".join(p.read_text(errors="replace") for p in publisher.folder.rglob("*.json"))
    for secret in [*CREDENTIALS.values(), every_account.apprise.apprise_url]:
        assert secret not in left


def test_images_go_with_their_alt_text_wherever_the_api_takes_one(content_copy, site_builder, tmp_path, publisher,
                                                                  every_account, write_entry):
    write_entry(content_copy, "posts/sunday-recycling.md", NEW_POST_WITH_IMAGE)
    assert site_builder(content_copy) == 0
    image = (content_copy / "images" / "recycling-bins.png").read_bytes()
    alt = "A row of blue recycling bins with green lids"

    result = publisher.run(tmp_path / "output", every_account.env(), CROSSPOST=EVERY_PLATFORM[1:])

    assert result.returncode == 0, result.stdout + result.stderr
    [media] = every_account.mastodon.media.values()
    assert media["description"] == alt
    [x_media] = every_account.x.media.values()
    assert x_media["alt_text"] == alt and x_media["size"] == len(image)
    [photo_post] = [p for p in every_account.facebook.posts if "photo" in p]
    assert photo_post["photo"]["alt_text_custom"] == alt and photo_post["photo"]["url"].endswith("recycling-bins.png")
    assert "https://www.riverford.example/" in photo_post["message"], "a photo's caption carries the link"
    [article] = [p["content"]["article"] for p in every_account.linkedin.posts if "thumbnail" in p["content"]["article"]]
    assert article["thumbnailAltText"] == alt and every_account.linkedin.images[article["thumbnail"]] == image
    [picture] = [p for p in every_account.threads.posts if p["media_type"] == "IMAGE"]
    assert picture["alt_text"] == alt
    [photo] = [m for m in every_account.telegram.messages if "photo" in m]
    assert photo["photo"][0]["file_size"] == len(image) and "Recycling centre" in photo["caption"]
    [attached] = [m for m in every_account.apprise.messages if m["attachments"]]
    assert base64.b64decode(attached["attachments"][0]["base64"]) == image


def overlapping(one, other) -> bool:
    """Some request to ``one`` was waiting for its answer while one to ``other`` was."""
    return any(a.at < b.answered and b.at < a.answered for a in one.requests for b in other.requests)


def test_platforms_are_posted_to_side_by_side(sample_site, publisher, every_account):
    """Every network answers after half a second; each one's requests are in flight while every other's are."""
    for server in every_account.servers.values():
        server.latency = 0.5

    result = publisher.run(sample_site, every_account.env())

    assert result.returncode == 0, result.stdout + result.stderr
    servers = every_account.servers
    apart = [(a, b) for a in servers for b in servers if a < b and not overlapping(servers[a], servers[b])]
    assert apart == [], "these platforms were posted to one after the other"
    for name, server in every_account.servers.items():
        assert all(a.answered <= b.at for a, b in zip(server.requests, server.requests[1:], strict=False)), \
            f"{name}: one request at a time, in order"


def test_a_failing_platform_leaves_the_others_posts_and_the_ledger_correct(sample_site, publisher, every_account):
    every_account.x.fail("/2/tweets", 503)
    every_account.telegram.latency = 0.2

    failed = publisher.run(sample_site, every_account.env(), CROSSPOST_ATTEMPTS=2)

    assert failed.returncode == 3, failed.stdout + failed.stderr
    assert "x: FAILED notices/flood-warning-river-ford" in failed.stdout
    assert every_account.tally() | {"x": THREADED} == {name: THREADED for name in every_account.servers} | {
        "apprise": UNTHREADED}
    records = publisher.ledger().records
    others = [r for k, r in records.items() if not k.startswith("x ") and r["state"] != "skipped"]
    assert len(others) == 7 * (len(RECENT) + FLOOD_UPDATES) and all(r["state"] == "posted" for r in others)
    assert [k for k, r in records.items() if r["state"] == "intent"] == ["x notices/flood-warning-river-ford"]
    assert len({r["sequence"] for r in records.values()}) == len(records), "no write lost to another"

    every_account.x.heal()
    caught_up = publisher.run(sample_site, every_account.env())

    assert caught_up.returncode == 0, caught_up.stdout + caught_up.stderr
    assert every_account.tally() == {name: THREADED for name in every_account.servers} | {"apprise": UNTHREADED}
    assert FLOOD in json.dumps(every_account.x.texts)
