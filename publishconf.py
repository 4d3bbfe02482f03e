"""Settings for ``make publish``: the public address, minified output and where the site goes."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403


def pages_address(env: dict[str, str]) -> str | None:
    """The address GitHub Pages or GitLab Pages serves this repository at, when CI builds it there."""
    if env.get("CI_PAGES_URL"):
        return env["CI_PAGES_URL"]
    if env.get("GITHUB_ACTIONS") and "/" in env.get("GITHUB_REPOSITORY", ""):
        owner, name = env["GITHUB_REPOSITORY"].lower().split("/", 1)
        return f"https://{owner}.github.io" + ("" if name == f"{owner}.github.io" else f"/{name}")
    return None


# The public address: NOTICEBOARD_SITEURL in the environment (an empty value is ignored), else the
# Pages address when GitHub Actions or GitLab CI builds the site, else the sample council's.
SITEURL = os.environ.get("NOTICEBOARD_SITEURL") or pages_address(os.environ) or "https://www.riverford.example"
RELATIVE_URLS = False
MINIFY_OUTPUT = True

# Where the built site is deployed. NOTICEBOARD_DEPLOY_URL in the environment overrides it.
# A folder (default), a git branch, a server over ssh or an S3 bucket: see docs/deploy.md.
DEPLOY_TARGET = "public"
# How long a publish waits for another one to finish before giving up.
PUBLISH_LOCK_WAIT_SECONDS = 30
# A lock older than this (seconds) belongs to a publish that died; the next publish takes it over.
DEPLOY_LOCK_STALE_SECONDS = 3600
# Server over ssh: how many releases to keep for rolling back by hand (the served one included).
DEPLOY_KEEP_RELEASES = 5
# S3 bucket: the Cache-Control header by kind of file (pages, feeds and calendars, everything else).
DEPLOY_CACHE_CONTROL = {"page": "public, max-age=300", "feed": "public, max-age=300", "asset": "public, max-age=86400"}

# Platforms to cross-post to. None: every platform whose environment variables are set, and the
# local outbox/ folder when none is. A list (e.g. ["mastodon", "bluesky"]) makes a missing
# variable an error before anything is deployed.
CROSSPOST = None
# A site in several languages (LANGUAGES in pelicanconf.py) posts each language from its own account
# when that language's variables are set (NOTICEBOARD_MASTODON_CY_URL, NOTICEBOARD_MASTODON_CY_TOKEN...;
# docs/languages.md). Set this to a language, such as "cy", to post once in every language instead,
# that language first.
CROSSPOST_BILINGUAL = None
# On the first run to a platform (no ledger yet, or a newly added platform), entries older than
# this are recorded as skipped, not posted.
CROSSPOST_BACKLOG_HOURS = 48
# Where the outbox platform writes its messages (one JSON file per message).
OUTBOX_PATH = "outbox"
# Who sees the Mastodon posts: "public", "unlisted" or "private" (followers only).
MASTODON_VISIBILITY = "public"
# A platform that answers 5xx, 429 or times out is tried this many times in all, waiting
# CROSSPOST_BACKOFF_SECONDS, then twice as long each time (or as long as the platform's
# Retry-After asks, up to CROSSPOST_MAX_WAIT_SECONDS). After that the run moves on to the other
# platforms, ends with exit status 3, and the next publish retries.
CROSSPOST_ATTEMPTS = 4
CROSSPOST_BACKOFF_SECONDS = 2
CROSSPOST_MAX_WAIT_SECONDS = 120
# Seconds to wait for a platform to answer one request.
CROSSPOST_TIMEOUT_SECONDS = 20
# Telegram and Apprise cannot be searched: a message whose answer was lost is reported "unknown"
# (exit status 5) and not sent again until someone settles it (invoke crosspost --settle). True
# sends such messages again by themselves when they belong to an emergency notice: a repeated
# flood warning costs less than a lost one. See docs/crossposting.md.
CROSSPOST_RESEND_UNKNOWN_EMERGENCIES = False
# The LinkedIn API version (YYYYMM) every call names; LinkedIn retires a version after about a year.
LINKEDIN_API_VERSION = "202510"
