"""OPML 2.0 (http://opml.org/spec2.opml): every feed in one file a feed reader can import.

It lists the Atom version of each channel (the RSS twin carries the same entries, so importing both
would show everything twice) and the alert index, grouped as on the subscribe page.
"""

from __future__ import annotations

from lxml import etree

from feeds.directory import FeedDirectory
from frontmatter.display import N_


def opml_document(directory: FeedDirectory) -> bytes:
    """No dates inside: the file changes only when the list of feeds does."""
    settings = directory.settings
    opml = etree.Element("opml", version="2.0")
    head = etree.SubElement(opml, "head")
    etree.SubElement(head, "title").text = f"{settings.sitename}: {settings.word('every_feed')}"
    etree.SubElement(head, "ownerName").text = settings.sitename
    if settings.contact_email:
        etree.SubElement(head, "ownerEmail").text = settings.contact_email
    body = etree.SubElement(opml, "body")
    for group, channels in directory.groups():
        folder = etree.SubElement(body, "outline", text=group, title=group)
        for channel in channels:
            etree.SubElement(folder, "outline", type="rss", version="ATOM", text=channel.title,
                             title=channel.title, description=channel.description,
                             xmlUrl=settings.url(channel.path("atom")), htmlUrl=settings.url(channel.page))
    alerts = directory.alerts_link()
    etree.SubElement(body, "outline", type="rss", version="ATOM", text=settings.translate(N_("Current alerts")),
                     title=alerts.title, xmlUrl=alerts.href, htmlUrl=settings.url(settings.root))
    return etree.tostring(opml, xml_declaration=True, encoding="UTF-8", pretty_print=True)
