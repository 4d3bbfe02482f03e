"""The replies inbox against loopback Mastodon and Bluesky servers: digest, --new, answer exactly once."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest

from publish.ledger import Ledger

FLOOD = "notices/flood-warning-river-ford"
QUESTION = "When will Quay Street reopen? My shop is on it."
NEGATIVE = "The drains on Mill Lane were never cleared. A disgrace, frankly."
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)"> look at this'


def ago(minutes: int) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)


def first_post(ledger: Ledger, platform: str, entry: str) -> dict:
    return ledger.records[f"{platform} {entry}"]


@pytest.fixture
def site(sample_site, tmp_path) -> Path:
    """A copy of the sample site: the digest writes its report into the site folder."""
    copy = tmp_path / "output"
    shutil.copytree(sample_site, copy)
    return copy


@pytest.fixture
def posted(site, publisher, accounts):
    """The sample published once, then citizens answering the flood warning on both platforms."""
    result = publisher.run(site, accounts.env)
    assert result.returncode == 0, result.stderr
    ledger = publisher.ledger()
    toot = first_post(ledger, "mastodon", FLOOD)["remote_id"]
    accounts.mastodon.reply_from("negative", toot, f"<p>{NEGATIVE}</p>", ago(30))
    accounts.mastodon.reply_from("asker", toot, f"<p>{QUESTION}</p>", ago(50))
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    accounts.mastodon.reply_from("mallory", toot, f"<p>{escaped}</p>", ago(10))
    accounts.mastodon.reply_from("old", toot, "<p>Is this still on?</p>", ago(60 * 24 * 10))
    skeet = first_post(ledger, "bluesky", FLOOD)["remote_uri"]
    accounts.bluesky.reply_from("resident.bsky.social", skeet, HOSTILE, ago(5).isoformat().replace("+00:00", "Z"))
    accounts.bluesky.reply_from("walker.bsky.social", None, "@riverford.test how do I report a fallen tree",
                                ago(20).isoformat().replace("+00:00", "Z"))
    return ledger


def digest(publisher, site, accounts, *args, env=None):
    return publisher.module("publish.replies", site, {**accounts.env, **(env or {})}, "digest", *args)


def test_digest_puts_questions_first_flags_care_and_escapes_markup(posted, site, publisher, accounts, tmp_path):
    summary = tmp_path / "summary.md"
    result = digest(publisher, site, accounts, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stdout + result.stderr

    page = (site / "_reports" / "replies.html").read_text()
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert not tree.xpath("//script") and not tree.xpath("//*[@onerror]") and not tree.xpath("//img")
    assert "&lt;script&gt;" in page and "onerror=&quot;alert(1)&quot;" in page

    flood = tree.xpath("//h2[a[contains(@href, 'flood-warning-river-ford')]]/following-sibling::table[1]")[0]
    rows = [(row.xpath("td[1]")[0].text_content(), row.xpath("td[2]")[0].text_content(),
             row.xpath("td[5]")[0].text_content()) for row in flood.xpath(".//tbody/tr")]
    assert rows == [
        ("question", "mastodon", QUESTION),
        ("comment", "bluesky", HOSTILE),
        ("comment", "mastodon", HOSTILE),
        ("comment; care: disgrace", "mastodon", NEGATIVE),
    ]
    assert "Is this still on?" not in page  # older than REPLIES_SINCE (7 days)
    mention = tree.xpath("//h2[contains(., 'Mentions')]/following-sibling::table[1]//tbody/tr/td[1]")
    assert [td.text_content() for td in mention] == ["question"]
    answer_links = flood.xpath(".//td[6]/a/@href")
    assert answer_links[0].startswith("https://elsewhere.example/@asker/")

    out = result.stdout
    assert out.index(QUESTION[:30]) < out.index("A disgrace")
    assert "\x1b" not in out
    assert "6 replies since" not in out and "5 replies since" in out

    kept = (publisher.public / ".noticeboard" / "replies.json").read_text()
    assert QUESTION not in kept and "Asker" not in kept and "drains" not in kept  # served with the site: ids only

    markdown = summary.read_text()
    assert "### Replies" in markdown and "&lt;script&gt;" in markdown and "<script>" not in markdown
    assert not (site / "index.html").read_text().count("_reports")


def test_new_shows_only_what_came_in_since_the_last_digest(posted, site, publisher, accounts):
    assert digest(publisher, site, accounts).returncode == 0
    again = digest(publisher, site, accounts, "--new")
    assert again.returncode == 0, again.stderr
    assert "0 new replies since the last digest" in again.stdout

    toot = first_post(posted, "mastodon", FLOOD)["remote_id"]
    accounts.mastodon.reply_from("late", toot, "<p>Thanks for the updates</p>", ago(1))
    third = digest(publisher, site, accounts, "--new")
    assert "1 new replies since the last digest" in third.stdout
    assert "Thanks for the updates" in third.stdout and QUESTION not in third.stdout
    assert "Thanks for the updates" in (site / "_reports" / "replies.html").read_text()


def test_one_platform_failing_still_shows_the_other(posted, site, publisher, accounts):
    accounts.bluesky.fail("/xrpc/app.bsky.feed.getPostThread", 500)
    result = digest(publisher, site, accounts)
    assert result.returncode == 3
    assert "could not read bluesky" in result.stdout
    assert QUESTION[:30] in result.stdout


def test_answer_posts_once_under_the_reply_even_when_rerun(posted, site, publisher, accounts):
    assert digest(publisher, site, accounts).returncode == 0
    asked = next(s for s in accounts.mastodon.others if s["account"]["username"] == "asker")
    before = len(accounts.mastodon.received("POST", "/api/v1/statuses"))
    text = "Quay Street reopens on Friday at 6pm; the notice has the details."

    first = publisher.module("publish.replies", site, accounts.env, "answer", asked["url"], text)
    assert first.returncode == 0, first.stdout + first.stderr
    again = publisher.module("publish.replies", site, accounts.env, "answer", asked["url"], text)
    assert again.returncode == 0 and "already answered" in again.stdout

    posts = accounts.mastodon.received("POST", "/api/v1/statuses")[before:]
    assert len(posts) == 1
    form = posts[0].form()
    assert form["in_reply_to_id"] == [asked["id"]]
    assert form["status"] == [f"@asker@elsewhere.example {text}"]
    record = publisher.ledger().records[f"mastodon answer/mastodon/{asked['id']}"]
    assert record["state"] == "posted" and record["entry"] == f"answers/{FLOOD}"

    republish = publisher.run(site, accounts.env)
    assert republish.returncode == 0, republish.stderr
    assert len(accounts.mastodon.received("POST", "/api/v1/statuses")) == before + 1


def test_answer_on_bluesky_threads_under_the_citizen_and_the_council_root(posted, site, publisher, accounts):
    assert digest(publisher, site, accounts).returncode == 0
    citizen = next(uri for uri, author in accounts.bluesky.authors.items() if author["handle"] == "resident.bsky.social")
    url = f"https://bsky.app/profile/resident.bsky.social/post/{citizen.rsplit('/', 1)[-1]}"
    for _ in range(2):
        result = publisher.module("publish.replies", site, accounts.env, "answer", url, "We have removed that post.")
        assert result.returncode == 0, result.stdout + result.stderr
    answers = [r for r in accounts.bluesky.posts() if r["text"] == "We have removed that post."]
    assert len(answers) == 1
    assert answers[0]["reply"]["parent"]["uri"] == citizen
    assert answers[0]["reply"]["root"]["uri"] == first_post(posted, "bluesky", FLOOD)["remote_uri"]


def test_answer_to_a_deleted_reply_says_so_and_posts_nothing(posted, site, publisher, accounts):
    assert digest(publisher, site, accounts).returncode == 0
    asked = next(s for s in accounts.mastodon.others if s["account"]["username"] == "asker")
    accounts.mastodon.others.remove(asked)
    before = len(accounts.mastodon.received("POST", "/api/v1/statuses"))
    result = publisher.module("publish.replies", site, accounts.env, "answer", asked["url"], "Friday.")
    assert result.returncode == 3 and "HTTP 404" in result.stdout
    assert len(accounts.mastodon.received("POST", "/api/v1/statuses")) == before


def test_answer_to_an_address_no_digest_showed_says_what_to_do(posted, site, publisher, accounts):
    result = publisher.module("publish.replies", site, accounts.env, "answer", "https://elsewhere.example/@x/1", "Hi")
    assert result.returncode == 2
    assert "run `invoke replies`" in result.stderr


def test_a_wrong_since_or_platform_is_a_clear_error(site, publisher, accounts):
    wrong = digest(publisher, site, accounts, "--since", "soon")
    assert wrong.returncode == 2
    assert "--since: 'soon' is not a time span such as 7d, 12h or 2w" in wrong.stderr
    unknown = digest(publisher, site, accounts, "--platform", "myspace")
    assert unknown.returncode == 2 and "replies are read from mastodon, bluesky" in unknown.stderr


def test_with_only_the_outbox_there_is_nothing_to_read_and_it_says_so(site, publisher):
    result = publisher.module("publish.replies", site, {}, "digest")
    assert result.returncode == 0, result.stderr
    assert "no platform to read" in result.stdout
    assert "Nothing to show." in (site / "_reports" / "replies.html").read_text()


def test_threads_are_read_several_at_once(posted, site, publisher, accounts):
    roots = [s["id"] for s in accounts.mastodon.statuses if s["in_reply_to_id"] is None]
    for status_id in roots:
        accounts.mastodon.slow(f"/api/v1/statuses/{status_id}/context", 0.5)
    assert digest(publisher, site, accounts, "--platform", "mastodon").returncode == 0
    arrived = sorted(r.at for r in accounts.mastodon.requests if r.path.endswith("/context"))
    assert len(arrived) == len(roots) == 5
    assert arrived[3] - arrived[0] < 0.5  # the fourth was asked while the first was still being answered
