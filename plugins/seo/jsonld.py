"""Structured data (schema.org JSON-LD) for each kind of page, built from the checked records.

Templates call ``{{ [notice|structured_data, crumbs|breadcrumb_list]|ld_json }}``: the dictionaries are
built here in Python, so the JSON is always valid and escaped, whatever an editor writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from languages.site import lang_root
from markupsafe import Markup

from frontmatter.display import page_language
from frontmatter.model import Faq, Notice, Post

#: Notice types that are happenings at a time and place (schema.org Event); the rest are announcements.
EVENT_TYPES = ("event",)
EVENT_STATUS = {"cancelled": "https://schema.org/EventCancelled", "active": "https://schema.org/EventScheduled",
                "resolved": "https://schema.org/EventScheduled"}


def absolute(context: Mapping[str, Any], path: str) -> str:
    """The full address of a site path such as ``news/x/`` (already absolute addresses pass through)."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{context['SITEURL'].rstrip('/')}/{path.lstrip('/')}"


def organisation(context: Mapping[str, Any]) -> dict[str, Any]:
    return {"@type": "GovernmentOrganization", "name": context["SITENAME"], "url": absolute(context, ""),
            "telephone": context.get("CONTACT_PHONE"), "email": context.get("CONTACT_EMAIL")}


def news_article(context: Mapping[str, Any], article: Any) -> dict[str, Any]:
    record: Post = article.record
    data = {
        "@type": "NewsArticle",
        "headline": record.title,
        "description": record.summary,
        "url": absolute(context, article.url),
        "mainEntityOfPage": absolute(context, article.url),
        "datePublished": record.date.isoformat(),
        "dateModified": record.date.isoformat(),
        "author": {"@type": "Organization", "name": record.author or context["SITENAME"]},
        "publisher": organisation(context),
        "image": [absolute(context, record.image or context["SHARE_IMAGE"])],
    }
    if record.topics:
        data["keywords"] = list(record.topics)
    return data


def notice_data(context: Mapping[str, Any], notice: Any) -> dict[str, Any]:
    """An Event for events; a SpecialAnnouncement for closures, changes, warnings and consultations."""
    record: Notice = notice.record
    areas = context.get("areas", {})
    places = [{"@type": "AdministrativeArea", "name": areas[slug].name_in(record.lang) if slug in areas else slug}
              for slug in record.areas]
    common = {"name": record.title, "description": record.summary, "url": absolute(context, notice.url)}
    if record.notice_type in EVENT_TYPES:
        data = {"@type": "Event", **common, "eventStatus": EVENT_STATUS[record.status],
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "startDate": (record.starts or record.date).isoformat(),
                "location": {"@type": "Place", "name": record.location or ", ".join(p["name"] for p in places),
                             "address": context["SITENAME"]},
                "organizer": organisation(context)}
        if record.ends:
            data["endDate"] = record.ends.isoformat()
        return data
    data = {"@type": "SpecialAnnouncement", **common, "text": record.summary,
            "datePosted": record.date.isoformat(), "dateModified": record.updated.isoformat(),
            "category": "https://www.wikidata.org/wiki/Q2461391" if record.notice_type == "emergency" else None,
            "spatialCoverage": places, "announcementLocation": organisation(context)}
    if record.ends:
        data["expires"] = record.ends.isoformat()
    return {key: value for key, value in data.items() if value is not None}


def faq_page(context: Mapping[str, Any], faqs: Iterable[Any]) -> dict[str, Any]:
    """One FAQPage holding each question with its answer (the full answer where there is one)."""
    return {
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": faq.record.question, "url": absolute(context, faq.url),
             "acceptedAnswer": {"@type": "Answer", "text": faq.record.summary}}
            for faq in faqs
        ],
    }


def website(context: Mapping[str, Any]) -> dict[str, Any]:
    """The site itself in the page's language, with its search, for the home page."""
    root = lang_root(context) if "LANGUAGES" in context else ""
    return {"@type": "WebSite", "name": context["SITENAME"], "url": absolute(context, root),
            "inLanguage": page_language(context), "publisher": organisation(context),
            "potentialAction": {"@type": "SearchAction",
                                "target": absolute(context, root + context["SEARCH_URL"]) + "?q={search_term_string}",
                                "query-input": "required name=search_term_string"}}


@pass_context
def structured_data(context: Context, item: Any) -> dict[str, Any]:
    """The schema.org object for a post, a notice, an FAQ page, a list of FAQ pages, or the site ("site")."""
    if item == "site":
        return website(context)
    if isinstance(item, list | tuple):
        return faq_page(context, item)
    record = item.record
    if isinstance(record, Post):
        return news_article(context, item)
    if isinstance(record, Notice):
        return notice_data(context, item)
    if isinstance(record, Faq):
        return faq_page(context, [item])
    raise TypeError(f"no structured data for {type(record).__name__}")


@pass_context
def breadcrumb_list(context: Context, crumbs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """BreadcrumbList from the (name, path) pairs the page shows, home first."""
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": number, "name": name, "item": absolute(context, path)}
        for number, (name, path) in enumerate(crumbs, start=1)
    ]}


def ld_json(items: Iterable[dict[str, Any]]) -> Markup:
    """The objects as one JSON-LD graph, safe inside <script> (no "</" can close it early)."""
    graph = [item for item in items if item]
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False,
                      separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def filters() -> dict[str, Any]:
    return {"structured_data": structured_data, "breadcrumb_list": breadcrumb_list, "ld_json": ld_json}
