"""LinkedIn organisation page: versioned Posts API, commentary in little text, updates as comments,
exactly once."""

from __future__ import annotations

import pytest

from publish.platforms.linkedin import little_text
from tests.crossposting.samples import FLOOD, FLOOD_UPDATES, RECENT
from tests.servers.linkedin import ORGANIZATION, shown


def test_linkedin_gets_each_entry_once_as_an_article_with_updates_as_comments(sample_site, publisher, every_account):
    linkedin = every_account.linkedin

    result = publisher.run(sample_site, every_account.env("linkedin"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert {p["content"]["article"]["source"] for p in linkedin.posts} == RECENT
    [flood] = [p for p in linkedin.posts if p["content"]["article"]["source"] == FLOOD]
    assert flood["author"] == ORGANIZATION and flood["visibility"] == "PUBLIC"
    assert flood["shown"].startswith("EMERGENCY: Flood warning for the River Ford")
    assert flood["shown"].endswith("#RiversideRiverford"), "the hashtag is a LinkedIn hashtag"
    comments = linkedin.comments[flood["id"]]
    assert len(comments) == FLOOD_UPDATES and all(c["message"]["text"].startswith("Update ") for c in comments)
    assert {(r.headers["linkedin-version"], r.headers["x-restli-protocol-version"]) for r in linkedin.requests} == {
        ("202510", "2.0.0")}
    assert f"linkedin: posted notices/flood-warning-river-ford -> https://www.linkedin.com/feed/update/{flood['id']}/" \
        in result.stdout

    again = publisher.run(sample_site, every_account.env("linkedin"))
    assert again.returncode == 0 and len(linkedin.received("POST", "/rest/posts")) == len(RECENT)


def test_reserved_characters_are_escaped_so_the_text_reads_as_written():
    text = "Roads (A38) closed <until 6pm> * see [map] @council_team ~ #Floods"

    assert shown(little_text(text)) == text


@pytest.mark.parametrize("point", ["after-intent", "after-post"])
def test_linkedin_killed_mid_post_finds_the_post_or_comment(sample_site, publisher, every_account, point):
    linkedin = every_account.linkedin
    crashed = publisher.run(sample_site, {**every_account.env("linkedin"), "NOTICEBOARD_FAULT": f"{point}:linkedin"})
    assert crashed.returncode == 70

    rerun = publisher.run(sample_site, every_account.env("linkedin"))

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert len(linkedin.posts) == len(RECENT) == len({p["content"]["article"]["source"] for p in linkedin.posts})
    assert sum(map(len, linkedin.comments.values())) == FLOOD_UPDATES


def test_a_retired_api_version_is_named_in_the_failure(sample_site, publisher, every_account):
    result = publisher.run(sample_site, every_account.env("linkedin"), LINKEDIN_API_VERSION="202301")

    assert result.returncode == 3
    assert "linkedin: FAILED notices/flood-warning-river-ford: linkedin: HTTP 426" in result.stdout
    assert "Requested version 202301 is not active" in result.stdout
    assert every_account.linkedin.posts == []
