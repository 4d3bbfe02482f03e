"""Facebook Page: short posts with the link as its preview, updates as comments, exactly once."""

from __future__ import annotations

import pytest

from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, RECENT
from tests.servers.facebook import PAGE_ID, VERSION


def test_facebook_gets_each_entry_once_with_the_link_as_preview_and_updates_as_comments(
        sample_site, publisher, every_account):
    facebook = every_account.facebook

    result = publisher.run(sample_site, every_account.env("facebook"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert {p["link"] for p in facebook.posts} == RECENT
    assert not any(p["link"] in p["message"] for p in facebook.posts), "the link is the preview, not in the text"
    assert all(len(p["message"]) <= 500 for p in facebook.posts)
    [flood] = [p for p in facebook.posts if p["link"] == FLOOD]
    assert flood["message"].startswith("EMERGENCY: Flood warning")
    assert [c["message"][:7] for c in facebook.comments[flood["id"]]] == ["Update "] * FLOOD_UPDATES
    assert all(r.headers["authorization"].startswith("Bearer ") for r in facebook.requests)

    again = publisher.run(sample_site, every_account.env("facebook"))

    assert again.returncode == 0
    assert len(facebook.received("POST", f"/{VERSION}/{PAGE_ID}/feed")) == len(RECENT)


@pytest.mark.parametrize("point", ["after-intent", "after-post"])
def test_facebook_killed_mid_post_finds_the_post_or_comment(sample_site, publisher, every_account, point):
    facebook = every_account.facebook
    crashed = publisher.run(sample_site, {**every_account.env("facebook"), "NOTICEBOARD_FAULT": f"{point}:facebook"})
    assert crashed.returncode == 70

    rerun = publisher.run(sample_site, every_account.env("facebook"))

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert len(facebook.posts) == len(RECENT) == len({p["link"] for p in facebook.posts})
    assert sum(map(len, facebook.comments.values())) == FLOOD_UPDATES
    assert facebook.received("GET", f"/{VERSION}/{PAGE_ID}/published_posts")


def test_graph_rate_limit_errors_are_retried(sample_site, publisher, every_account):
    facebook = every_account.facebook
    facebook.fail(f"/{VERSION}/{PAGE_ID}/feed", 403, times=1, body={"error": {
        "message": "(#32) Page request limit reached", "type": "OAuthException", "code": 32, "fbtrace_id": "x"}})

    result = publisher.run(sample_site, every_account.env("facebook"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "facebook: rate limited (HTTP 403 Forbidden: (#32) Page request limit reached (code 32))" in result.stdout
    assert len(facebook.posts) == len(RECENT)
