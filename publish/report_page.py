"""The private report pages (``output/_reports/*.html``): for the council's staff, never for search engines.

They are not linked from the site and carry ``noindex``. Everything in them that came from outside
(a citizen's reply, a link a platform gave) is escaped here, so a reply cannot run script in a
staff member's browser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from publish.targets.local import atomic_write

REPORTS_DIR = "_reports"
STYLE = """body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;
vertical-align:top}.care{background:#fff4e5}.tag{font-size:.8rem;font-weight:bold;padding:0 .3rem;border:1px solid}
.text{white-space:pre-wrap;overflow-wrap:anywhere}"""
#: Control characters (terminal escape sequences included) that must not reach a terminal from a reply.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def link(url: str | None, label: str) -> str:
    """An escaped link, only to http(s) addresses (never ``javascript:`` from a hostile reply)."""
    if url and url.lower().startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(label)}</a>'
    return escape(label)


def one_line(text: str, width: int) -> str:
    """Untrusted text for a terminal table: no control characters, on one line, at most ``width`` long."""
    flat = " ".join(CONTROL.sub(" ", text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def markdown_cell(text: str) -> str:
    """Untrusted text inside a Markdown table cell of a CI job summary: no markup, no links, no new rows."""
    flat = " ".join(CONTROL.sub(" ", text).split())
    return escape(flat).replace("|", "&#124;").replace("[", "&#91;").replace("]", "&#93;")


def write_report_page(site: Path, name: str, title: str, body: str) -> Path:
    """Write ``<site>/_reports/<name>.html`` around ``body`` (already escaped HTML)."""
    page = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="robots" content="noindex, nofollow"><meta name="viewport" content="width=device-width">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body><main>\n"
            f"<h1>{escape(title)}</h1>\n{body}\n</main></body></html>\n")
    path = Path(site) / REPORTS_DIR / f"{name}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, page.encode())
    return path
