"""CAP 1.2 (OASIS Common Alerting Protocol) for warning and emergency notices, written with lxml.

Each notice's file holds its latest message: ``Alert`` when first published, ``Update`` after each
update or correction, ``Cancel`` once resolved or cancelled. ``<references>`` lists every earlier
message (sender,identifier,sent), so an aggregator that missed one can follow the chain. Message
identifiers are the manifest's permanent ids (the notice, its updates, its correction, its status),
so they never change between builds. The mapping to CAP's vocabulary is documented in docs/feeds.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from lxml import etree

from feeds.settings import FeedSettings
from feeds.syndication import feed_generator, new_entry
from frontmatter.display import filters, label
from frontmatter.model import Area, Notice
from manifest.records import timed_record

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_MIME = "application/cap+xml"
SEVERITY = {"emergency": "Extreme", "warning": "Severe", "advisory": "Moderate", "info": "Minor"}
ENDED = ("resolved", "cancelled")
#: An alert starting within this time of its message is "Expected" (CAP: "within the next hour").
EXPECTED_WITHIN = timedelta(hours=1)


@dataclass(frozen=True)
class Message:
    """One CAP message about a notice: its first publication, an update or correction, its end."""

    identifier: str
    sent: datetime
    msg_type: str


def messages(notice: Notice) -> list[Message]:
    """Every message the notice has given rise to so far, oldest first."""
    said = [timed_record(notice.id, "updates", update) for update in notice.updates]
    if notice.correction:
        said.append(timed_record(notice.id, "correction", notice.correction))
    chain = [Message(notice.id, notice.date, "Alert")]
    chain += [Message(record["id"], datetime.fromisoformat(record["at"]), "Update")
              for record in sorted(said, key=lambda record: (datetime.fromisoformat(record["at"]), record["id"]))]
    if notice.status in ENDED:
        chain.append(Message(f"{notice.id}/status/{notice.status}", notice.updated, "Cancel"))
    return chain


def cap_time(moment: datetime, zone: ZoneInfo) -> str:
    """CAP's form of a time: seconds, a numeric offset, and UTC written -00:00 (CAP 1.2, 3.3.2)."""
    text = moment.astimezone(zone).replace(microsecond=0).isoformat()
    return text[:-6] + "-00:00" if text.endswith("+00:00") else text


def urgency_and_certainty(notice: Notice, message: Message) -> tuple[str, str]:
    if message.msg_type == "Cancel":
        return "Past", "Observed"
    if notice.starts is None or notice.starts <= message.sent:
        return "Immediate", "Observed"
    if notice.starts - message.sent <= EXPECTED_WITHIN:
        return "Expected", "Likely"
    return "Future", "Likely"


def _add(parent: etree._Element, name: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{CAP_NS}}}{name}")
    element.text = text
    return element


def _description(notice: Notice, when, word) -> str:
    lines = []
    if notice.correction:
        lines.append(f"{word('correction')} ({when(notice.correction.at)}): {notice.correction.text}")
    lines.append(notice.summary)
    lines += [f"{word('update')} ({when(update.at)}): {update.text}" for update in notice.updates_newest_first]
    return "\n\n".join(lines)


def alert_document(notice: Notice, page_url: str, areas: dict[str, Area], settings: FeedSettings,
                   translations: tuple[tuple[Notice, str, FeedSettings], ...] = ()) -> bytes:
    """The CAP alert file of one notice: its latest message, referring to all the earlier ones.

    One ``<info>`` in the notice's language, then one per translation (``(notice, page url, settings)``
    in that language): CAP 1.2 lets an alert say the same thing in several languages.
    """
    zone = ZoneInfo(settings.timezone)
    *earlier, latest = messages(notice)
    alert = etree.Element(f"{{{CAP_NS}}}alert", nsmap={None: CAP_NS})
    _add(alert, "identifier", latest.identifier)
    _add(alert, "sender", settings.cap_sender)
    _add(alert, "sent", cap_time(latest.sent, zone))
    _add(alert, "status", "Actual")
    _add(alert, "msgType", latest.msg_type)
    _add(alert, "scope", "Public")
    if latest.msg_type == "Cancel":
        _add(alert, "note", f"This notice is {notice.status}: {page_url}")
    if earlier:
        _add(alert, "references",
             " ".join(f"{settings.cap_sender},{m.identifier},{cap_time(m.sent, zone)}" for m in earlier))
    for version, url, version_settings in ((notice, page_url, settings), *translations):
        _info(alert, version, latest, url, areas, version_settings)
    return etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _info(alert: etree._Element, notice: Notice, latest: Message, page_url: str, areas: dict[str, Area],
          settings: FeedSettings) -> None:
    """One ``<info>`` block: the notice in ``settings.language``."""
    zone = ZoneInfo(settings.timezone)
    words = settings.translate
    info = etree.SubElement(alert, f"{{{CAP_NS}}}info")
    _add(info, "language", settings.language)
    _add(info, "category", settings.cap_categories.get(notice.notice_type, "Other"))
    _add(info, "event", words(label(notice.notice_type)))
    if latest.msg_type == "Cancel":
        _add(info, "responseType", "AllClear")
    urgency, certainty = urgency_and_certainty(notice, latest)
    _add(info, "urgency", urgency)
    _add(info, "severity", SEVERITY[notice.severity])
    _add(info, "certainty", certainty)
    if notice.starts:
        _add(info, "onset", cap_time(notice.starts, zone))
    if notice.ends:
        _add(info, "expires", cap_time(notice.ends, zone))
    _add(info, "senderName", settings.sitename)
    _add(info, "headline", notice.title)
    when = filters(settings.timezone)["when"]
    _add(info, "description", _description(notice, lambda moment: when(moment, settings.language), settings.word))
    _add(info, "web", page_url)
    if notice.contact:
        _add(info, "contact", notice.contact)
    for slug in notice.areas or ():
        area = areas[slug]
        element = etree.SubElement(info, f"{{{CAP_NS}}}area")
        _add(element, "areaDesc", area.name_in(settings.language))
        for polygon in area.polygons:
            _add(element, "polygon", polygon)
        for name, value in area.geocodes:
            geocode = etree.SubElement(element, f"{{{CAP_NS}}}geocode")
            _add(geocode, "valueName", name)
            _add(geocode, "value", value)


def in_alert_index(notice: Notice, clock: datetime, keep_ended: timedelta) -> bool:
    """Current alerts, plus ended ones for a while so aggregators see the Cancel."""
    if notice.is_active(clock):
        return True
    return notice.status in ENDED and messages(notice)[-1].sent >= clock - keep_ended


def alert_index(settings: FeedSettings, *, url: str, alerts: list[tuple[Notice, str, str]],
                fallback: datetime) -> bytes:
    """The Atom index of alerts (``(notice, alert url, page url)``), the form CAP aggregators poll."""
    latest = {notice.id: messages(notice)[-1] for notice, _, _ in alerts}
    ordered = sorted(alerts, key=lambda row: (-latest[row[0].id].sent.timestamp(), row[0].id))
    fg = feed_generator(settings, feed_id=settings.permanent_id("alerts"), title="Current alerts",
                        subtitle="Warnings and emergencies in force, as CAP 1.2 alerts", page_url=settings.url(""),
                        self_url=url, self_type="application/atom+xml",
                        updated=max((message.sent for message in latest.values()), default=fallback))
    for notice, alert_url, page_url in ordered:
        message = latest[notice.id]
        fe = new_entry(fg)
        fe.id(settings.permanent_id(f"{notice.id}/alert"))
        fe.title(f"{label(notice.status)}: {notice.title}" if notice.status in ENDED else notice.title)
        fe.link(href=alert_url, rel="alternate", type=CAP_MIME)
        fe.link(href=page_url, rel="related", type="text/html")
        fe.author(name=settings.sitename)
        fe.published(notice.date)
        fe.updated(message.sent)
        fe.summary(notice.summary)
        fe.category(term=SEVERITY[notice.severity], label=label(notice.severity))
    return fg.atom_str(pretty=True)
