"""Each platform's text fits its real limit, counted its way, and is never cut inside a URL,
a character (grapheme) or a hashtag."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from twitter_text import parse_tweet

from publish.compose import (
    APPRISE,
    BLUESKY,
    ELLIPSIS,
    FACEBOOK,
    LINKEDIN,
    MASTODON,
    TELEGRAM,
    THREADS,
    URL,
    X,
    compose,
    graphemes,
    threads_length,
    utf16_length,
)
from publish.events import Event, entry_events

LONG_URL = "https://www.riverford.example/notices/" + "a-very-long-address-for-a-notice-" * 5 + "end/"


def entry(**fields) -> dict:
    record = {
        "id": "notices/test", "kind": "notice", "url": "https://www.riverford.example/notices/test/",
        "title": "Road closed", "summary": "A short summary.", "date": "2026-07-01T08:00:00+00:00",
        "updated": "2026-07-01T08:00:00+00:00", "severity": "info", "status": "active", "hashtags": [],
        "image": None, "updates": [], "correction": None,
        "social": {"enabled": True, "text": {"default": None}, "platforms": None},
    }
    return {**record, **fields}


def new_post(record: dict) -> Event:
    return next(entry_events(record))


def post_text(record: dict, rules) -> str:
    return compose(new_post(record), rules, "mastodon", "Europe/London", has_parent=False).text


@pytest.mark.parametrize("rules", [MASTODON, BLUESKY, X], ids=["mastodon", "bluesky", "x"])
def test_long_text_is_cut_between_words_and_keeps_the_whole_url(rules):
    summary = " ".join(["flooding"] * 40)[:279]
    record = entry(title="Flood warning for the River Ford", summary=summary, url=LONG_URL, hashtags=["Riverford"])
    message = compose(new_post(record), rules, "p", "Europe/London", has_parent=False)

    assert rules.length(message.text) <= rules.limit
    assert message.length == rules.length(message.text)
    paragraphs = message.text.split("\n\n")
    assert LONG_URL in paragraphs
    assert all(p == "#Riverford" for p in paragraphs[paragraphs.index(LONG_URL) + 1:])
    if rules is not MASTODON:
        body = paragraphs[1]
        assert body.endswith(" flooding" + ELLIPSIS), "cut between words"


def test_a_title_too_long_for_the_limit_is_cut_and_the_url_kept():
    record = entry(title="Flood " * 80, url=LONG_URL)
    text = compose(new_post(record), BLUESKY, "bluesky", "Europe/London", has_parent=False).text

    title, url = text.split("\n\n")
    assert url == LONG_URL
    assert title.endswith("Flood" + ELLIPSIS)
    assert BLUESKY.length(text) <= 300


def test_mastodon_counts_every_url_as_23_characters():
    record = entry(title="Notice " * 38, summary="x " * 100, url=LONG_URL)
    text = post_text(record, MASTODON)

    assert len(text) > 500
    assert MASTODON.length(text) <= 500
    assert ELLIPSIS not in text, "the summary fits once the URL counts as 23"


def test_emoji_and_combining_characters_are_never_split():
    family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"
    accented = "e\u0301"
    summary = (family + accented) * 140
    record = entry(summary=summary)
    message = compose(new_post(record), BLUESKY, "bluesky", "Europe/London", has_parent=False)

    assert BLUESKY.length(message.text) <= 300
    body = message.text.split("\n\n")[1]
    assert body.endswith(ELLIPSIS)
    kept = graphemes(body.removesuffix(ELLIPSIS))
    assert kept and set(kept) <= {family, accented}
    assert len(kept) > 200, "graphemes, not code points, are counted"


def test_text_without_spaces_is_cut_at_a_character_and_x_weights_it():
    summary = "河川の水位が上昇しています" * 20
    record = entry(title="洪水警報", summary=summary)
    x_text = compose(new_post(record), X, "x", "Europe/London", has_parent=False).text
    bluesky_text = compose(new_post(record), BLUESKY, "bluesky", "Europe/London", has_parent=False).text

    assert X.length(x_text) <= 280
    assert len(x_text) < len(bluesky_text), "X counts each CJK character twice"
    for text in (x_text, bluesky_text):
        assert text.split("\n\n")[1].endswith(ELLIPSIS)
        assert text.endswith(record["url"])


def test_hashtags_come_whole_or_not_at_all():
    record = entry(hashtags=["RiversideRiverford", "RiverfordRoads"])
    assert post_text(record, BLUESKY).endswith("\n\n#RiversideRiverford #RiverfordRoads")

    crowded = entry(summary="word " * 55, hashtags=["RiversideRiverford", "RiverfordRoads"])
    text = compose(new_post(crowded), BLUESKY, "bluesky", "Europe/London", has_parent=False).text
    assert "#" not in text
    assert BLUESKY.length(text) <= 300


@pytest.mark.parametrize(("severity", "start"), [
    ("emergency", "EMERGENCY: Road closed"), ("warning", "Warning: Road closed"), ("info", "Road closed"),
])
def test_serious_notices_say_their_severity_in_words(severity, start):
    assert post_text(entry(severity=severity), MASTODON).startswith(start + "\n\n")


def test_follow_ups_start_with_their_local_time_or_their_kind():
    record = entry(
        updates=[{"id": "notices/test/updates/20260701T120000Z", "at": "2026-07-01T12:00:00+00:00",
                  "text": "The road has reopened one lane."}],
        correction={"id": "notices/test/correction/20260701T130000Z", "at": "2026-07-01T13:00:00+00:00",
                    "text": "The closure is on Mill Lane, not Mill Road."},
        status="resolved", updated="2026-07-01T13:00:00+00:00",
    )
    _, update, correction, closing = entry_events(record)

    def reply(event: Event, in_thread: bool = True) -> str:
        return compose(event, MASTODON, "mastodon", "Europe/London", has_parent=in_thread).text

    assert reply(update) == "Update 1 Jul 13:00: The road has reopened one lane.\n\n" + record["url"]
    assert reply(correction).startswith("Correction: The closure is on Mill Lane")
    assert reply(closing).startswith("Resolved: Road closed")
    assert reply(update, in_thread=False).startswith("Update 1 Jul 13:00 (Road closed): ")


def test_the_editors_own_words_replace_the_composed_text():
    record = entry(social={"enabled": True, "platforms": None,
                           "text": {"default": "Mill Lane is shut today.", "bluesky": "Mill Lane: shut today."}})
    assert compose(new_post(record), MASTODON, "mastodon", "Europe/London", False).text == \
        "Mill Lane is shut today.\n\n" + record["url"]
    assert compose(new_post(record), BLUESKY, "bluesky", "Europe/London", False).text == \
        "Mill Lane: shut today.\n\n" + record["url"]


def test_the_event_time_is_the_entry_date():
    assert new_post(entry()).at == datetime.fromisoformat("2026-07-01T08:00:00+00:00")


@pytest.mark.parametrize(("rules", "limit"), [(THREADS, 500), (TELEGRAM, 4096), (LINKEDIN, 3000), (FACEBOOK, 500),
                                               (APPRISE, 1000)], ids=["threads", "telegram", "linkedin", "facebook",
                                                                      "apprise"])
def test_each_platform_limit_is_met_by_cutting_the_summary_between_words(rules, limit):
    record = entry(title="Flood warning", summary=" ".join(["flooding"] * 700), url=LONG_URL, hashtags=["Riverford"])
    message = compose(new_post(record), rules, "p", "Europe/London", has_parent=False)

    assert rules.limit == limit == message.limit
    assert limit - 20 <= rules.length(message.text) <= limit, "cut close to the limit, not far below it"
    assert message.text.split("\n\n")[1].endswith(" flooding" + ELLIPSIS)
    assert (LONG_URL in message.text) == rules.link_in_text


def test_threads_counts_an_emoji_as_its_utf8_bytes():
    flood = "\U0001F30A"  # 4 bytes in UTF-8
    record = entry(title="Tide", summary=flood * 200)
    text = compose(new_post(record), THREADS, "threads", "Europe/London", has_parent=False).text

    assert threads_length(flood) == 4 and threads_length("é") == 1
    assert THREADS.length(text) <= 500
    assert text.count(flood) < 125, "each emoji counts 4"


def test_threads_keeps_one_hashtag():
    record = entry(hashtags=["RiversideRiverford", "RiverfordRoads"])
    text = compose(new_post(record), THREADS, "threads", "Europe/London", has_parent=False).text

    assert text.endswith("\n\n#RiversideRiverford")


def test_a_telegram_photo_caption_is_held_to_1024_utf16_units():
    image = {"url": "https://www.riverford.example/images/bins.png", "alt": "Bins"}
    summary = "Recycling \U0001F4E6 " * 300
    with_photo = compose(new_post(entry(summary=summary, image=image)), TELEGRAM, "telegram", "Europe/London", False)
    without = compose(new_post(entry(summary=summary)), TELEGRAM, "telegram", "Europe/London", False)

    assert with_photo.limit == 1024 and utf16_length(with_photo.text) <= 1024 < utf16_length(without.text)
    assert utf16_length("\U0001F4E6") == 2
    assert with_photo.text.endswith(image["url"].rsplit("/images", 1)[0] + "/notices/test/")


def test_facebook_keeps_the_link_out_of_the_text_for_its_preview():
    message = compose(new_post(entry()), FACEBOOK, "facebook", "Europe/London", has_parent=False)

    assert message.text == "Road closed\n\nA short summary."
    assert message.url == "https://www.riverford.example/notices/test/"


ASCII_POSTS = st.lists(st.sampled_from(
    [*"abc XYZ019.,:;!?#@/-_()'\"\r\n\t~", "riverford.gov.uk", "https://www.riverford.example/notices/a/",
     "a.co", "t.co", "x.com/riverford", "www.example.org?q=1", "x.io."]), max_size=60).map("".join)


@given(ASCII_POSTS)
def test_ascii_text_is_counted_as_each_platform_counts_any_text(text):
    """ASCII text takes a short way to its length; it must agree with the full count."""
    assert X.length(text) == parse_tweet(text).weightedLength
    assert BLUESKY.length(text) == len(graphemes(text))
    assert THREADS.length(text) == len(graphemes(text))
    assert MASTODON.length(text) == len(graphemes(URL.sub("x" * 23, text)))


@given(ASCII_POSTS)
def test_the_quick_x_count_is_never_below_twitter_texts(text):
    """The check counts most posts without twitter-text: whatever fits by the quick count fits on X."""
    assert X.length_at_most(text) >= parse_tweet(text).weightedLength
    assert X.fits(text) == (parse_tweet(text).weightedLength <= 280)
