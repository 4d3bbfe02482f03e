"""config.yml asks for exactly what `invoke check` accepts: every schema field, with its widget and options."""

from __future__ import annotations

from ruamel.yaml import YAML

from cms.config import decap_config
from conftest import ROOT, SITEURL
from frontmatter.model import FOLDERS
from frontmatter.schema import NOTICE_TYPES, SCHEMAS, SEVERITIES, SOCIAL_PLATFORMS, STATUSES, TITLE_FIELD
from frontmatter.validate import read_areas

from .conftest import DECAP

DATETIME_FIELDS = {"date", "starts", "ends"}
SELECTS = {"notice_type": list(NOTICE_TYPES), "severity": list(SEVERITIES), "status": list(STATUSES),
           "social_platforms": list(SOCIAL_PLATFORMS)}


def load(site):
    return YAML(typ="safe").load((site / "admin" / "config.yml").read_text())


def test_admin_is_decap_from_the_build_itself_never_a_cdn(site_with_editor):
    page = (site_with_editor / "admin" / "index.html").read_text()
    assert '<script src="decap-cms.js"></script>' in page and "http" not in page.split("<body>")[1]
    assert (site_with_editor / "admin" / "decap-cms.js").read_bytes() == DECAP.read_bytes()
    assert len(list((site_with_editor / "admin").glob("*.decap-cms.js"))) > 10  # the chunks it loads on demand
    assert "admin/" not in (site_with_editor / "sitemap.xml").read_text()


def test_every_schema_field_has_its_widget_and_options(site_with_editor):
    config = load(site_with_editor)
    areas, _ = read_areas(ROOT / "content" / "areas.yaml", "areas.yaml")
    collections = {c["name"]: c for c in config["collections"]}
    assert set(collections) == {"posts", "notices", "faq", "pages"}
    for kind, fields in SCHEMAS.items():
        collection = collections[FOLDERS[kind]]
        assert collection["folder"] == f"content/{FOLDERS[kind]}"
        assert (collection["format"], collection["extension"], collection["slug"]) == ("frontmatter", "md", "{{slug}}")
        assert collection["identifier_field"] == TITLE_FIELD[kind]
        written = {f["name"]: f for f in collection["fields"]}
        assert list(written) == [f.name for f in fields] + ["body"]
        for field in fields:
            spec = written[field.name]
            assert spec["required"] is field.required, (kind, field.name)
            assert spec["hint"] == field.help
            if field.name in SELECTS:
                assert spec["widget"] == "select" and spec["options"] == SELECTS[field.name], field.name
            if field.name in DATETIME_FIELDS:
                assert (spec["widget"], spec["format"], spec["picker_utc"]) == ("datetime", "YYYY-MM-DD HH:mm", False)
    notice = {f["name"]: f for f in collections["notices"]["fields"]}
    assert notice["areas"]["multiple"] is True and notice["areas"]["min"] == 1
    assert [o["value"] for o in notice["areas"]["options"]] == list(areas)
    assert [o["label"] for o in notice["areas"]["options"]] == [a.name for a in areas.values()]
    assert notice["updates"]["widget"] == "list"
    assert [(f["name"], f["widget"]) for f in notice["updates"]["fields"]] == [("at", "datetime"), ("text", "text")]
    assert notice["correction"]["widget"] == "object"
    faq = {f["name"]: f for f in collections["faq"]["fields"]}
    assert (faq["review_by"]["widget"], faq["review_by"]["format"]) == ("datetime", "YYYY-MM-DD")
    assert faq["related"]["widget"] == "relation" and faq["related"]["collection"] == "faq"
    post = {f["name"]: f for f in collections["posts"]["fields"]}
    assert post["image"]["widget"] == "image" and config["media_folder"] == "content/images"
    assert post["social"]["default"] is True and faq["social"]["default"] is False


def test_the_backend_and_its_editorial_workflow_come_from_the_settings():
    settings = {"SITEURL": SITEURL, "CMS_EDITORIAL_WORKFLOW": True}
    for name in ("github", "gitlab"):
        config = decap_config({**settings, "CMS_BACKEND": {"name": name, "repo": "council/site"}}, {})
        assert config["backend"] == {"name": name, "repo": "council/site"}
        assert config["publish_mode"] == "editorial_workflow"
        assert "local_backend" not in config
    simple = decap_config({**settings, "CMS_EDITORIAL_WORKFLOW": False, "CMS_BACKEND": {"name": "github"}}, {})
    assert "publish_mode" not in simple
