"""Group news and FAQ by topic: /topics/ and /topics/<topic>/."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from languages.site import root_of, translation_in
from pelican.generators import Generator


@dataclass
class TopicLabel:
    """A topic as most pages show it: its name and address. Pages that name a topic read this rather than
    the topic with all its entries, so one entry edited does not render every page that names a topic."""

    slug: str
    name: str
    #: The name in the site's other languages (TOPIC_NAMES).
    names: dict[str, str] = field(default_factory=dict)

    def name_in(self, lang: str) -> str:
        return self.names.get(lang.lower(), self.name)

    @property
    def url(self) -> str:
        return f"topics/{self.slug}/"


@dataclass
class Topic(TopicLabel):
    posts: list = field(default_factory=list)
    faqs: list = field(default_factory=list)

    def __page_state__(self) -> dict[str, Any]:
        """What a page shows of a topic (changed_files/memo.py): its questions and how many news stories it
        has; its stories are on the topic's pages by page, so one story edited renders only its own."""
        return {"label": self.label, "faqs": self.faqs, "posts": len(self.posts)}

    @property
    def label(self) -> TopicLabel:
        return TopicLabel(self.slug, self.name, self.names)


def topic_names(slug: str, names: dict[str, Any], default_lang: str) -> tuple[str, dict[str, str]]:
    """The TOPIC_NAMES label (one, or one per language), or the slug written as words; and the other languages'."""
    given = names.get(slug, slug.replace("-", " ").capitalize())
    if isinstance(given, str):
        return given, {}
    by_lang = {lang.lower(): name for lang, name in given.items()}
    return by_lang.get(default_lang.lower(), slug.replace("-", " ").capitalize()), by_lang


class TopicsGenerator(Generator):
    def generate_context(self) -> None:
        names = self.settings.get("TOPIC_NAMES", {})
        topics: dict[str, Topic] = {}

        def topic(slug: str) -> Topic:
            if slug not in topics:
                name, by_lang = topic_names(slug, names, self.settings["DEFAULT_LANG"])
                topics[slug] = Topic(slug, name, names=by_lang)
            return topics[slug]

        for post in self.context.get("articles", []):
            for slug in post.record.topics:
                topic(slug).posts.append(post)
        for faq in self.context.get("faqs", []):
            topic(faq.record.topic).faqs.append(faq)
        self.topics = sorted(topics.values(), key=lambda t: t.name.lower())
        self.context["topics"] = self.topics
        self.context["topics_by_slug"] = {t.slug: t.label for t in self.topics}

    def generate_output(self, writer) -> None:
        relative = self.settings["RELATIVE_URLS"]
        languages = self.settings["LANGUAGES"]
        for lang in languages:
            root = root_of(lang, languages)
            writer.write_file(f"{root}topics/index.html", self.get_template("topics"), self.context,
                              url=f"{root}topics/", relative_urls=relative, page_lang=lang)
            for topic in self.topics:
                posts = [translation_in(post, lang) for post in topic.posts]
                writer.write_file(
                    f"{root}{topic.url}index.html", self.get_template("topic"), self.context,
                    paginated={"articles": posts}, template_name="topic", url=f"{root}{topic.url}",
                    relative_urls=relative, topic=topic, articles=posts, page_lang=lang,
                )
