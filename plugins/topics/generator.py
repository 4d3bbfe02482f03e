"""Group news and FAQ by topic: /topics/ and /topics/<topic>/."""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.generators import Generator


@dataclass
class Topic:
    slug: str
    name: str
    posts: list = field(default_factory=list)
    faqs: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"topics/{self.slug}/"


def topic_name(slug: str, names: dict[str, str]) -> str:
    """The TOPIC_NAMES label, or the slug written as words."""
    return names.get(slug, slug.replace("-", " ").capitalize())


class TopicsGenerator(Generator):
    def generate_context(self) -> None:
        names = self.settings.get("TOPIC_NAMES", {})
        topics: dict[str, Topic] = {}

        def topic(slug: str) -> Topic:
            return topics.setdefault(slug, Topic(slug, topic_name(slug, names)))

        for post in self.context.get("articles", []):
            for slug in post.record.topics:
                topic(slug).posts.append(post)
        for faq in self.context.get("faqs", []):
            topic(faq.record.topic).faqs.append(faq)
        self.topics = sorted(topics.values(), key=lambda t: t.name.lower())
        self.context["topics"] = self.topics
        self.context["topics_by_slug"] = {t.slug: t for t in self.topics}

    def generate_output(self, writer) -> None:
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file("topics/index.html", self.get_template("topics"), self.context, url="topics/",
                          relative_urls=relative, page_title="Topics")
        for topic in self.topics:
            writer.write_file(
                f"{topic.url}index.html", self.get_template("topic"), self.context,
                paginated={"articles": topic.posts}, template_name="topic", url=topic.url,
                relative_urls=relative, topic=topic, articles=topic.posts, page_title=topic.name,
            )
