"""Read an image's pixel size from its file (content/images/... or the theme's static files)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from PIL import Image


class ImageNotFound(Exception):
    """A template asked for the size of an image that is in neither the content nor the theme."""


def image_size_filter(folders: list[str]) -> Callable[[str], tuple[int, int]]:
    """A Jinja filter: ``"images/bins.png"|image_size`` -> (width, height).

    A path under ``theme/`` is looked up in the theme's static folder, any other in the content folder.
    """
    roots = [Path(folder) for folder in folders]

    @cache
    def image_size(path: str) -> tuple[int, int]:
        relative = path.removeprefix("theme/")
        for root in roots:
            candidate = root / relative
            if candidate.is_file():
                with Image.open(candidate) as image:
                    return image.size
        raise ImageNotFound(f"{path}: no such image in {', '.join(str(root) for root in roots)}")

    return image_size
