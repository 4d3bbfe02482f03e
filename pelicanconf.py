"""Site settings for building locally (``make build``, ``make serve``).

Every setting a council may change is here or in publishconf.py; each has a default that works.
"""

SITENAME = "Riverford District Council"
SITE_SHORTNAME = "Riverford Council"
SITEURL = "http://localhost:8000"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"

PATH = "content"
THEME = "theme"
OUTPUT_PATH = "output"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["frontmatter", "notices", "faq", "topics", "manifest"]

# Contact routes shown on every page and in the "How we use social media" page.
CONTACT_PHONE = "01632 960000"
CONTACT_EMAIL = "contact@riverford.example"
CONTACT_URL = "/pages/contact-us/"
EMERGENCY_PHONE = "01632 960999"

# Social accounts the council runs (listed on the site; cross-posting is set up in publishconf.py).
SOCIAL_ACCOUNTS = [
    {"platform": "Mastodon", "handle": "@riverford@social.riverford.example", "url": "https://social.riverford.example/@riverford"},
    {"platform": "Bluesky", "handle": "@riverford.example", "url": "https://bsky.app/profile/riverford.example"},
]

# Hashtags added to social posts per topic (per area: `hashtag:` in content/areas.yaml).
TOPIC_HASHTAGS = {"roads": "RiverfordRoads", "waste": "RiverfordBins"}

# How many entries the home page lists.
HOME_NOTICES = 6
HOME_NEWS = 4
# FAQ slugs shown as "popular questions" on the home page (empty: the most recently reviewed).
POPULAR_FAQ = ["report-a-problem", "bin-collection-day", "social-media-accounts"]

# A FAQ whose review_by has passed is a warning; `invoke check --strict` makes it an error.
FAQ_REVIEW_STRICT = False

DEFAULT_PAGINATION = 10
RELATIVE_URLS = False
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
