"""The customer service digest: replies grouped by entry, questions first, words that need care flagged.

Three forms of the same digest: a terminal table, the private page ``output/_reports/replies.html``
and the CI job summary. Reply text is untrusted and is escaped (or stripped of control
characters, for the terminal) in each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from publish.replies.base import Reply
from publish.report_page import escape, link, markdown_cell, one_line

#: Words that start a question even without its question mark ("when does the road reopen").
QUESTION_WORDS = frozenset("""who what when where why how which whose whom can could will would is are was were
do does did should shall may might has have any anyone""".split())
SENTENCE = re.compile(r"[.!?]+(?:\s+|$)|\n+")
MENTION = re.compile(r"^(?:@\S+\s+)+")


def is_question(text: str) -> bool:
    """A question mark, or a sentence that starts with a question word."""
    if "?" in text:
        return True
    for sentence in SENTENCE.split(text):
        words = MENTION.sub("", sentence.strip()).split()
        if words and words[0].lower().strip(",;:") in QUESTION_WORDS:
            return True
    return False


def question_in(text: str) -> str:
    """The question a reply asks, as an FAQ title: its first question, without mentions or links."""
    clean = " ".join(word for word in text.split() if not word.startswith(("@", "http://", "https://")))
    sentences = [s.strip() for s in re.findall(r"[^.!?\n]+[.!?]*", clean) if s.strip()]
    asked = [s for s in sentences if is_question(s)] or sentences or [clean.strip()]
    question = asked[0].rstrip(".! ")
    if is_question(question) and not question.endswith("?"):
        question += "?"
    return question[:1].upper() + question[1:]


def care_words(text: str, words: Sequence[str]) -> tuple[str, ...]:
    """The words of the REPLIES_CARE_WORDS list that ``text`` contains, as whole words."""
    return tuple(w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE))


@dataclass(frozen=True)
class Item:
    reply: Reply
    question: bool
    care: tuple[str, ...]


@dataclass
class Thread:
    """The replies about one entry (``entry`` None: mentions that are not under any post)."""

    entry: str | None
    title: str
    url: str | None
    items: list[Item] = field(default_factory=list)

    @property
    def newest(self) -> datetime:
        return max(item.reply.at for item in self.items)


def digest(replies: Sequence[Reply], entries: Mapping[str, Mapping], words: Sequence[str]) -> list[Thread]:
    """Threads newest first; in each, questions first, then the rest, each part newest first.

    ``entries`` is the manifest's entries by id, for titles and addresses.
    """
    threads: dict[str | None, Thread] = {}
    for reply in replies:
        if reply.entry not in threads:
            entry = entries.get(reply.entry or "", {})
            title = entry.get("title") or reply.entry or "Mentions, not under a post of ours"
            threads[reply.entry] = Thread(reply.entry, title, entry.get("url"))
        threads[reply.entry].items.append(Item(reply, is_question(reply.text), care_words(reply.text, words)))
    for thread in threads.values():
        thread.items.sort(key=lambda i: (not i.question, -i.reply.at.timestamp()))
    return sorted(threads.values(), key=lambda t: t.newest, reverse=True)


def _when(moment: datetime, timezone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(timezone)):%d %b %H:%M}"


def headline(threads: Sequence[Thread], new_only: bool, since: datetime, timezone: str) -> str:
    count = sum(len(t.items) for t in threads)
    care = sum(1 for t in threads for i in t.items if i.care)
    questions = sum(1 for t in threads for i in t.items if i.question)
    what = "new replies since the last digest" if new_only else f"replies since {_when(since, timezone)}"
    return f"{count} {what}: {questions} question(s), {care} flagged for care"


def digest_text(threads: Sequence[Thread], timezone: str, width: int = 72) -> str:
    lines = []
    for thread in threads:
        lines.append(f"{one_line(thread.title, 80)}" + (f"  {thread.url}" if thread.url else ""))
        for item in thread.items:
            reply = item.reply
            marks = ("?" if item.question else " ") + ("!" if item.care else " ")
            lines.append(f"  {marks} {reply.platform:<9} {_when(reply.at, timezone)}  {one_line(reply.author, 24)}: "
                         f"{one_line(reply.text, width)}")
            lines.append(f"       answer: {one_line(reply.url, 200)}"
                         + (f"  (care: {', '.join(item.care)})" if item.care else ""))
    return "\n".join(lines)


def digest_html(threads: Sequence[Thread], timezone: str, summary: str, errors: Mapping[str, str]) -> str:
    """The body of replies.html; every piece of reply text and every link escaped."""
    parts = [f"<p>{escape(summary)}. ? marks a question; rows marked “care” contain a word from "
             "REPLIES_CARE_WORDS. Answer on the platform, or with <code>invoke answer URL \"text\"</code>.</p>"]
    parts += [f'<p class="care">Could not read {escape(name)}: {escape(error)}</p>' for name, error in errors.items()]
    for thread in threads:
        parts.append(f"<h2>{link(thread.url, thread.title)}</h2>")
        parts.append("<table><thead><tr><th>kind</th><th>platform</th><th>when</th><th>who</th><th>reply</th>"
                     "<th>answer</th></tr></thead><tbody>")
        for item in thread.items:
            reply = item.reply
            kind = ["question" if item.question else "comment"] + (["care: " + ", ".join(item.care)] if item.care else [])
            row_class = ' class="care"' if item.care else ""
            parts.append(
                f"<tr{row_class}><td>{escape('; '.join(kind))}</td>"
                f"<td>{escape(reply.platform)}</td><td>{escape(_when(reply.at, timezone))}</td>"
                f"<td>{link(reply.author_url, reply.author)}</td><td class=\"text\">{escape(reply.text)}</td>"
                f"<td>{link(reply.url, 'answer')}</td></tr>")
        parts.append("</tbody></table>")
    if not threads:
        parts.append("<p>Nothing to show.</p>")
    return "\n".join(parts)


def digest_markdown(threads: Sequence[Thread], timezone: str, summary: str, errors: Mapping[str, str]) -> str:
    lines = ["### Replies", "", summary + ".", ""]
    lines += [f"**Could not read {name}:** {markdown_cell(error)}" for name, error in errors.items()]
    for thread in threads:
        lines += ["", f"**{markdown_cell(thread.title)}**", "", "| | platform | when | who | reply | |",
                  "|---|---|---|---|---|---|"]
        for item in thread.items:
            reply = item.reply
            marks = ("question" if item.question else "") + (" **care**" if item.care else "")
            answer = f"[answer]({reply.url.replace(')', '%29').replace(' ', '%20')})" if reply.url.startswith(("https://", "http://")) else ""
            lines.append(f"| {marks} | {reply.platform} | {_when(reply.at, timezone)} | {markdown_cell(reply.author)} "
                         f"| {markdown_cell(reply.text)} | {answer} |")
    return "\n".join(lines) + "\n"
