"""Write /admin/: Decap CMS's page, its script (copied from the npm package in .tools/, never a CDN) and
config.yml. Without the package (no npm where the site is built), the build says so and goes on."""

from __future__ import annotations

import html
import io
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

from cms.config import decap_config
from frontmatter.reader import CATALOGUE_SETTING

#: The project folder (where plugins/ is): CMS_SCRIPT_FOLDER is relative to it.
PROJECT = Path(__file__).resolve().parents[2]
ADMIN_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Web editor | {site}</title>
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def script_folder(settings: dict) -> Path:
    return PROJECT / settings.get("CMS_SCRIPT_FOLDER", ".tools/node_modules/decap-cms/dist")


def config_yaml(config: dict) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False
    yaml.width = 1_000_000
    yaml.representer.ignore_aliases = lambda data: True  # each field spelled out, no &anchors
    out = io.StringIO()
    yaml.dump(config, out)
    return "# Written by the build from plugins/frontmatter/schema.py (plugins/cms): edit the schema, not this file.\n" \
        + out.getvalue()


def write_admin(pelican) -> None:
    """Pelican's finalized signal: write output/admin/ when CMS_ADMIN is on and Decap is installed."""
    settings = pelican.settings
    if not settings.get("CMS_ADMIN"):
        return
    scripts = script_folder(settings)
    if not (scripts / "decap-cms.js").is_file():
        print(f"web editor: /admin/ skipped, Decap CMS is not installed in {scripts} "
              "(`make build` installs it with npm; see README, Editing in the browser)", file=sys.stderr)
        return
    admin = Path(settings["OUTPUT_PATH"]) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    for script in scripts.glob("*decap-cms.js"):
        shutil.copyfile(script, admin / script.name)
    content_folder = Path(settings["PATH"]).name
    config = decap_config(settings, settings[CATALOGUE_SETTING].areas, content_folder)
    (admin / "config.yml").write_text(config_yaml(config), encoding="utf-8")
    (admin / "index.html").write_text(ADMIN_PAGE.format(site=html.escape(settings["SITENAME"])), encoding="utf-8")
