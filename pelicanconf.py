"""Site settings for building locally (``make build``, ``make serve``).

Every setting a council may change is here or in publishconf.py; each has a default that works.
"""

SITENAME = "Riverford District Council"
SITE_SHORTNAME = "Riverford Council"
SITEURL = "http://localhost:8000"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
# The languages the site publishes in (BCP 47 codes), DEFAULT_LANG first. A translation is a file beside
# its original named <file>.<lang>.md (docs/languages.md); its pages go under /<lang>/. A site in one
# language sets LANGUAGES = [DEFAULT_LANG].
LANGUAGES = ["en-GB", "cy"]

PATH = "content"
THEME = "theme"
OUTPUT_PATH = "output"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["frontmatter", "languages", "notices", "faq", "topics", "groups", "discuss", "feeds", "manifest", "images",
           "seo", "links", "minify", "search", "cms", "progress", "changed_files"]  # last: it removes what the build no longer makes

# Feeds (plugins/feeds, docs/feeds.md): entries per feed, which feeds carry the full text (the others
# the summary), what goes in the calendars, and the permanent ids. Never change FEEDS_ID_PREFIX once
# the site is live: feed readers and calendars use it to recognise entries they already have.
FEEDS_MAX_ENTRIES = 50
FEEDS_FULL_CONTENT = ["all", "notices"]  # any of: all, news, notices, type, topic, area
FEEDS_CALENDAR_TYPES = ["event", "road_closure", "waste_collection"]
FEEDS_CALENDAR_PAST_DAYS = 90
FEEDS_ID_PREFIX = "tag:riverford.example,2026:"
FEEDS_CAP_SENDER = "contact@riverford.example"  # CAP <sender>: an address that identifies the council

# Contact routes shown on every page and in the "How we use social media" page.
CONTACT_PHONE = "01632 960000"
CONTACT_EMAIL = "contact@riverford.example"
CONTACT_URL = "/contact-us/"
EMERGENCY_PHONE = "01632 960999"

# Social accounts the council runs (listed on the site; cross-posting is set up in publishconf.py).
SOCIAL_ACCOUNTS = [
    {"platform": "Mastodon", "handle": "@riverford@social.riverford.example", "url": "https://social.riverford.example/@riverford"},
    {"platform": "Bluesky", "handle": "@riverford.example", "url": "https://bsky.app/profile/riverford.example"},
]
# The page (content/pages/<slug>.md) that also lists SOCIAL_ACCOUNTS and the rules below.
SOCIAL_MEDIA_PAGE = "social-media"
# When someone reads and answers replies and messages on social media.
SOCIAL_REPLY_HOURS = "Monday to Friday, 8.30am to 5pm"
# What gets a reply hidden or removed, shown on the social media page.
SOCIAL_MODERATION_RULES = [
    "abuse, threats or discrimination against anyone",
    "personal details such as phone numbers or addresses",
    "advertising, spam or the same message posted many times",
    "anything that breaks the law or could prejudice a court case",
]

# Topic names (the slug written as words when absent), one per language where the site has several.
TOPIC_NAMES = {
    "community": {"en-GB": "Community", "cy": "Cymuned"},
    "council": {"en-GB": "Council", "cy": "Y cyngor"},
    "flooding": {"en-GB": "Flooding", "cy": "Llifogydd"},
    "money": {"en-GB": "Money", "cy": "Arian"},
    "recycling": {"en-GB": "Recycling", "cy": "Ailgylchu"},
    "roads": {"en-GB": "Roads", "cy": "Ffyrdd"},
    "shopping": {"en-GB": "Shopping", "cy": "Siopa"},
    "transport": {"en-GB": "Transport", "cy": "Trafnidiaeth"},
    "waste": {"en-GB": "Waste", "cy": "Gwastraff"},
}

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

# Theme. The picture a shared link shows when an entry has none (OpenGraph and Twitter cards), with its alt text.
SHARE_IMAGE = "theme/images/share.png"
SHARE_IMAGE_ALT = "Riverford District Council: news, notices and answers"
# Site search: index the built site with Pagefind (python -m pagefind) so /search/ works with JavaScript.
SEARCH_INDEX = True
# The index is made in parts of about this many pages per language; a build indexes again only the parts
# whose pages changed, and Pagefind's memory is one part's. Each part adds a small download to a search.
SEARCH_INDEX_PART_PAGES = 2000
# Minify HTML and CSS as they are written (on in publishconf.py; off here so `make serve` output reads easily).
MINIFY_OUTPUT = False
# Paths search engines are asked not to crawl (robots.txt); sitemap.xml lists every page.
ROBOTS_DISALLOW = ["/search/", "/admin/"]

# Web editor: Decap CMS at /admin/ (README, "Editing in the browser"). Its script comes from the npm
# package decap-cms, which `make` installs into .tools/; without npm the site is built without /admin/.
CMS_ADMIN = True
# Where the web editor saves: the council's repository on GitHub or GitLab. Decap's backend settings
# (https://decapcms.org/docs/backends-overview/): name "github" or "gitlab", repo, branch, and for the
# sign-in: GitHub needs base_url (an OAuth service); GitLab uses auth_type "pkce" with app_id.
CMS_BACKEND = {"name": "github", "repo": "riverford-council/noticeboard", "branch": "main"}
# True: each change is a pull (merge) request that the checks run on and someone approves before it
# is published ("Workflow" tab). False: saving commits straight to the branch.
CMS_EDITORIAL_WORKFLOW = True
# decap-server's address when `make cms` runs the editor on this computer (set by `invoke cms`).
CMS_LOCAL_BACKEND = None
# Links between pages, stylesheets, scripts, images and search are relative (plugins/links), so the
# built site works opened from public/ as files, or served from any folder of any host. Canonical
# links, OpenGraph, JSON-LD, feeds, the sitemap, CAP alerts, the manifest and social posts keep the
# public address (SITEURL). Pelican's own RELATIVE_URLS stays off: it would make those relative too.
RELATIVE_LINKS = True
# A link to a folder names its index.html (news/index.html), which opening the site as files needs;
# False gives shorter addresses (news/) on a web host, which serves a folder's index.html itself.
LINK_INDEX_FILES = True
RELATIVE_URLS = False
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None

# Web addresses. Never change these once the site is live: people bookmark and share them.
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
NOTICE_PATHS = ["notices"]
FAQ_PATHS = ["faq"]
STATIC_PATHS = ["images"]
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
NOTICE_URL = "notices/{slug}/"
NOTICE_SAVE_AS = "notices/{slug}/index.html"
FAQ_URL = "faq/{slug}/"
FAQ_SAVE_AS = "faq/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# The same addresses for a translation, under its language: /cy/news/<slug>/ and so on.
ARTICLE_LANG_URL = "{lang}/news/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/news/{slug}/index.html"
NOTICE_LANG_URL = "{lang}/notices/{slug}/"
NOTICE_LANG_SAVE_AS = "{lang}/notices/{slug}/index.html"
FAQ_LANG_URL = "{lang}/faq/{slug}/"
FAQ_LANG_SAVE_AS = "{lang}/faq/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DIRECT_TEMPLATES = ["home", "index", "not_found", "search"]
HOME_SAVE_AS = "index.html"
HOME_URL = ""
INDEX_SAVE_AS = "news/index.html"
INDEX_URL = "news/"
NOT_FOUND_SAVE_AS = "404.html"
NOT_FOUND_URL = "404.html"
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
PAGINATED_TEMPLATES = {"index": None, "notices_archive": None, "notices": None, "notice_type": None,
                       "area": None, "topic": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# Parts of every page rendered apart from it, once per language (plugins/changed_files/slots.py): a new
# emergency notice changes the banner on every page, and only the banner is written again.
PAGE_SLOTS = {"urgent-notices": "partials/banner.html"}
# Pelican's own pages and feeds that Noticeboard does not use (feeds come from plugins/feeds).
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
WITH_FUTURE_DATES = True
# The output folder is kept between builds; plugins/changed_files writes only changed files and removes the rest.
DELETE_OUTPUT_DIRECTORY = False
# How many processes read the content files the content cache does not hold yet, and render and write
# the pages at the end of a build (None: one per core; 1: all in the build's own process). Each process
# takes a share of the files, then of the pages; the output is the same either way. Each process holds
# its own copy of most of the site: at 10,000 entries two need about 400 MB together, one about 300 MB
# and 1.75 times plain Pelican's time (docs/speed.md, "Memory").
BUILD_PROCESSES = None
CACHE_CONTENT = False
# Markdown bodies are cleaned after rendering (plugins/frontmatter/sanitise.py): scripts, frames, forms,
# styles, on... attributes and links other than http, https, mailto and tel are removed, and
# `make check` warns about each. A council that needs an embed names the tag and its attributes, e.g.
# {"iframe": ["src", "title", "width", "height", "allowfullscreen"]}: then any editor can embed one.
SANITISER_EXTRA_TAGS = {}
# auto_reload off: templates do not change during a build (`make serve` starts a new build for each change),
# and checking each template file again for every page written was a second of every thousand pages.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False,
                      "extensions": ["jinja2.ext.i18n"]}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# Conversation (docs/conversation.md). `invoke replies` reads the replies and mentions of the last
# REPLIES_SINCE ("7d", "12h", "2w") under posts made up to REPLIES_THREAD_DAYS before that, and flags
# for care every reply with one of REPLIES_CARE_WORDS (whole words, any case).
REPLIES_SINCE = "7d"
REPLIES_THREAD_DAYS = 30
REPLIES_CARE_WORDS = [
    "complaint", "complain", "disgrace", "disgraceful", "disgusting", "pathetic", "unacceptable", "useless",
    "incompetent", "shambles", "joke", "angry", "furious", "fed up", "ridiculous", "appalling", "terrible",
    "awful", "shocking", "scandal",
    "lies", "liar", "lawyer", "sue", "ombudsman", "unsafe", "dangerous", "injured", "hurt", "urgent",
]
# `invoke report`: an active notice with no update for NOTICE_STALE_DAYS days is stale; a warning or
# emergency notice, after URGENT_STALE_HOURS hours.
NOTICE_STALE_DAYS = 7
URGENT_STALE_HOURS = 12
# "Discuss this on Mastodon / Bluesky ..." on each entry's page: the file `invoke publish` fetches from
# the ledger in the deploy target before it builds (relative to the project; None: no links).
DISCUSS_LINKS_FILE = ".noticeboard-cache/social-links.json"
# Where builds and `invoke check` keep each content file as read and converted, keyed on its bytes, so
# the next build reads only what changed (relative to the folder holding content/; None: keep nothing).
# Safe to delete at any time; it never changes what is built. CI keeps it between runs (docs/speed.md).
CONTENT_CACHE_PATH = ".noticeboard-cache"
