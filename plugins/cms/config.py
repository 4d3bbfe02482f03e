"""Decap CMS's config.yml, generated from ``frontmatter.schema``: one collection per kind of content,
one widget per field, so the web editor asks for exactly what ``invoke check`` accepts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from frontmatter import schema
from frontmatter.model import FOLDERS, Area
from frontmatter.schema import SCHEMAS, SLUG, SOCIAL_PLATFORMS, TITLE_FIELD, Field

#: How the web editor names each kind of content.
LABELS = {"post": ("News", "News post"), "notice": ("Notices", "Notice"), "faq": ("Questions and answers", "Question"),
          "page": ("Pages", "Page")}
#: Times as editors write them (see the README); no offset, so they are the site's time.
DATETIME = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "D MMMM YYYY", "time_format": "HH:mm",
            "picker_utc": False}
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "D MMMM YYYY", "time_format": False,
        "picker_utc": False}
SLUG_PATTERN = [SLUG.pattern, "lowercase words joined by hyphens, such as mill-lane-closure"]
TIMED_TEXT = [{"label": "Time", "name": "at", **DATETIME}, {"label": "Text", "name": "text", "widget": "text"}]
#: The widget of each kind of value in the schema (choices become selects, below).
WIDGETS: dict[Callable[..., Any], dict[str, Any]] = {
    schema.text: {"widget": "string"},
    schema.summary: {"widget": "text",
                     "pattern": [f"^[\\s\\S]{{0,{schema.SUMMARY_MAX}}}$", f"at most {schema.SUMMARY_MAX} characters"]},
    schema.moment: DATETIME,
    schema.end_moment: DATETIME,
    schema.day: DATE,
    schema.slug: {"widget": "string", "pattern": SLUG_PATTERN},
    schema.slugs: {"widget": "list"},
    schema.flag: {"widget": "boolean"},
    schema.social_text: {"widget": "text"},
    schema.platforms: {"widget": "select", "multiple": True, "options": list(SOCIAL_PLATFORMS)},
    schema.timed_text: {"widget": "object", "collapsed": True,
                        "fields": [{**spec, "required": False} for spec in TIMED_TEXT]},
    schema.timed_texts: {"widget": "list", "label_singular": "update", "summary": "{{fields.at}}: {{fields.text}}",
                         "fields": TIMED_TEXT},
}


def widget(kind: str, field: Field, areas: Mapping[str, Area]) -> dict[str, Any]:
    """The Decap field for one schema field."""
    options = getattr(field.parse, "options", None)
    if field.name == "areas":
        spec: dict[str, Any] = {"widget": "select", "multiple": True,
                                "options": [{"label": area.name, "value": slug} for slug, area in areas.items()]}
    elif field.name == "image":
        spec = {"widget": "image", "choose_url": False}
    elif field.name == "related":
        spec = {"widget": "relation", "collection": FOLDERS["faq"], "search_fields": [TITLE_FIELD["faq"]],
                "value_field": "{{slug}}", "display_fields": [TITLE_FIELD["faq"]], "multiple": True}
    elif options:
        spec = {"widget": "select", "options": list(options)}
    else:
        spec = dict(WIDGETS[field.parse])
    spec = {"label": field.name.replace("_", " ").capitalize(), "name": field.name, **spec,
            "required": field.required, "hint": field.help}
    if field.name == "social":
        spec["default"] = kind in ("post", "notice")  # the boolean is always written: keep the schema's default
    if spec["widget"] == "select" and spec.get("multiple") and field.required:
        spec["min"] = 1
    return spec


def collection(kind: str, content_folder: str, areas: Mapping[str, Area]) -> dict[str, Any]:
    label, singular = LABELS[kind]
    title = TITLE_FIELD[kind]
    body = {"label": "Text", "name": "body", "widget": "markdown", "required": kind in ("post", "faq")}
    return {
        "name": FOLDERS[kind], "label": label, "label_singular": singular,
        "folder": f"{content_folder}/{FOLDERS[kind]}", "create": True, "extension": "md", "format": "frontmatter",
        "slug": "{{slug}}", "identifier_field": title, "summary": "{{" + title + "}} ({{date}})",
        "sortable_fields": ["date", title],
        "fields": [widget(kind, field, areas) for field in SCHEMAS[kind]] + [body],
    }


def decap_config(settings: Mapping[str, Any], areas: Mapping[str, Area], content_folder: str = "content") -> dict:
    """The whole config.yml as a dictionary."""
    backend = dict(settings.get("CMS_BACKEND") or {"name": "github"})
    config: dict[str, Any] = {"backend": backend}
    if settings.get("CMS_EDITORIAL_WORKFLOW") and backend["name"] in ("github", "gitlab"):
        config["publish_mode"] = "editorial_workflow"
    if settings.get("CMS_LOCAL_BACKEND"):
        config["local_backend"] = {"url": settings["CMS_LOCAL_BACKEND"], "allowed_hosts": ["localhost", "127.0.0.1"]}
    config.update({
        "site_url": settings["SITEURL"],
        "locale": "en",
        "media_folder": f"{content_folder}/images",
        "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(kind, content_folder, areas) for kind in SCHEMAS],
    })
    return config
