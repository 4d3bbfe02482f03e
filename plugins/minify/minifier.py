"""Smaller pages for phones on slow connections; the output stays valid HTML (closing tags are kept)."""

from __future__ import annotations

from pathlib import Path

import minify_html

#: Options that keep the output valid for the Nu HTML Checker and readable by feed and search tools.
HTML_OPTIONS = {"minify_css": True, "minify_js": True, "keep_closing_tags": True,
                "keep_html_and_head_opening_tags": True}


def minify_html_text(text: str) -> str:
    return minify_html.minify(text, **HTML_OPTIONS)


def minify_page(html: str, path: str) -> str:
    """A page filter (plugins/changed_files): the page about to be written at ``path``, minified."""
    return minify_html_text(html)


minify_page.ignores_path = True  # the same HTML minifies alike on every page (changed_files/slots.py)


def minify_css_text(text: str) -> str:
    """CSS alone, minified by the same engine that minifies <style> elements."""
    return minify_html.minify(f"<style>{text}</style>", minify_css=True).removeprefix("<style>").removesuffix(
        "</style>")


def minify_stylesheets(pelican) -> None:
    """Pelican's finalized signal: minify the theme's CSS files copied into the output."""
    settings = pelican.settings
    if not settings.get("MINIFY_OUTPUT"):
        return
    theme = Path(settings["OUTPUT_PATH"]) / settings.get("THEME_STATIC_DIR", "theme")
    for sheet in theme.rglob("*.css"):
        sheet.write_text(minify_css_text(sheet.read_text(encoding="utf-8")), encoding="utf-8")
