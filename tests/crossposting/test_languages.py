"""Cross-posting in English and Welsh: a Welsh account of its own (NOTICEBOARD_<PLATFORM>_CY_*), or one bilingual post."""

from __future__ import annotations

from tests.servers.mastodon import MastodonServer, status_length

from .test_crosspost import FLOOD, FLOOD_UPDATES, RECENT, mastodon_posts

ENGLISH_TOKEN = "mastodon-english-token-1a2b"
WELSH_TOKEN = "mastodon-welsh-token-3c4d"
WELSH_FLOOD = "https://www.riverford.example/cy/notices/flood-warning-river-ford/"
#: The recent sample entries translated into Welsh: the flood, Quay Street, the bins and the grants.
RECENT_IN_WELSH = 4


def two_accounts(english: MastodonServer, welsh: MastodonServer) -> dict[str, str]:
    return {"NOTICEBOARD_MASTODON_URL": english.url, "NOTICEBOARD_MASTODON_TOKEN": ENGLISH_TOKEN,
            "NOTICEBOARD_MASTODON_CY_URL": welsh.url, "NOTICEBOARD_MASTODON_CY_TOKEN": WELSH_TOKEN}


def test_each_language_posts_from_its_own_account_once_and_threads_its_own_updates(sample_site, publisher):
    with MastodonServer(ENGLISH_TOKEN) as english, MastodonServer(WELSH_TOKEN) as welsh:
        env = two_accounts(english, welsh)
        result = publisher.run(sample_site, env)
        assert result.returncode == 0, result.stdout + result.stderr

        assert len(english.statuses) == len(RECENT) + FLOOD_UPDATES
        assert all(status["language"] == "en" for status in english.statuses)
        welsh_posts = mastodon_posts(welsh)
        assert len(welsh_posts) == RECENT_IN_WELSH + FLOOD_UPDATES
        assert all(status["language"] == "cy" for status, _ in welsh_posts)
        assert not any("https://www.riverford.example/notices/" in text for _, text in welsh_posts)
        flood = [(status, text) for status, text in welsh_posts if WELSH_FLOOD in text]
        assert flood[0][1].startswith("ARGYFWNG: Rhybudd llifogydd ar gyfer Afon Ford")
        for (parent, _), (reply, text) in zip(flood, flood[1:], strict=False):
            assert reply["in_reply_to_id"] == parent["id"]
            assert text.startswith("Diweddariad ")
        assert "mastodon-cy" in result.stdout and WELSH_TOKEN not in result.stdout

        again = publisher.run(sample_site, env)
        assert again.returncode == 0, again.stderr
        assert len(welsh.received("POST", "/api/v1/statuses")) == len(welsh_posts)
        assert len(english.received("POST", "/api/v1/statuses")) == len(english.statuses)


def test_without_the_welsh_variables_only_the_english_account_posts(sample_site, publisher):
    with MastodonServer(ENGLISH_TOKEN) as english:
        env = {"NOTICEBOARD_MASTODON_URL": english.url, "NOTICEBOARD_MASTODON_TOKEN": ENGLISH_TOKEN}
        result = publisher.run(sample_site, env)
        assert result.returncode == 0, result.stderr
        assert "mastodon-cy" not in result.stdout
        assert len(english.statuses) == len(RECENT) + FLOOD_UPDATES


def test_a_bilingual_post_says_both_languages_welsh_first_within_the_limit(sample_site, publisher):
    with MastodonServer(ENGLISH_TOKEN) as server:
        env = {"NOTICEBOARD_MASTODON_URL": server.url, "NOTICEBOARD_MASTODON_TOKEN": ENGLISH_TOKEN}
        result = publisher.run(sample_site, env, CROSSPOST_BILINGUAL="cy")
        assert result.returncode == 0, result.stdout + result.stderr
        posts = mastodon_posts(server)
        assert len(posts) == len(RECENT) + FLOOD_UPDATES, "one post per entry and update, not one per language"
        assert all(status_length(text) <= 500 for _, text in posts)
        flood = [(status, text) for status, text in posts if WELSH_FLOOD in text]
        first = flood[0][1]
        assert first.index("ARGYFWNG: Rhybudd llifogydd") < first.index("EMERGENCY: Flood warning") < first.index(WELSH_FLOOD)
        assert FLOOD not in first
        last_update = flood[-1][1]
        assert last_update.startswith("Diweddariad 25 Tach 01:30: Mae timau’r cyngor")
        assert "Update 25 Nov 01:30: Council teams" in last_update
        assert last_update.endswith(WELSH_FLOOD), "a reply carries no hashtags"
        untranslated = [text for _, text in posts if "millbrook-weir-footpath" in text]
        assert len(untranslated) == 1 and "/cy/" not in untranslated[0]


def test_a_bilingual_setting_that_is_not_a_site_language_stops_before_deploying(sample_site, publisher):
    result = publisher.run(sample_site, {}, CROSSPOST_BILINGUAL="fr")
    assert result.returncode == 2
    assert "CROSSPOST_BILINGUAL: 'fr' is not one of the site's languages (en-GB, cy)" in result.stderr
    assert not publisher.public.exists()
