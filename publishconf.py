"""Settings for ``make publish``: the public address, minified output and where the site goes."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("NOTICEBOARD_SITEURL", "https://www.riverford.example")
RELATIVE_URLS = False

# Where the built site is deployed. NOTICEBOARD_DEPLOY_URL in the environment overrides it.
# A folder (default), see README "Publishing" for git branches, rsync over SSH and S3 buckets.
DEPLOY_TARGET = "public"
# How long a publish waits for another one to finish before giving up.
PUBLISH_LOCK_WAIT_SECONDS = 30

# Platforms to cross-post to. None: every platform whose environment variables are set, and the
# local outbox/ folder when none is. A list (e.g. ["mastodon", "bluesky"]) makes a missing
# variable an error before anything is deployed.
CROSSPOST = None
# On the first run (no ledger yet), entries older than this are recorded as skipped, not posted.
CROSSPOST_BACKLOG_HOURS = 48
