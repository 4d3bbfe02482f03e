"""Image sizes for the templates, so every <img> has width and height and the page does not jump as it loads."""

from pelican import signals

from images.size import image_size_filter


def add_filters(pelican) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(
        {"image_size": image_size_filter([pelican.settings["PATH"], pelican.settings["THEME"] + "/static"])}
    )


def register() -> None:
    signals.initialized.connect(add_filters)
