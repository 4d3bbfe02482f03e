"""Read an image's pixel size from its file (content/images/... or the theme's static files).

imagesize reads only the header, and weighs a few kilobytes where Pillow weighs 22 MB of the install."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import imagesize

from changed_files.memo import note_file


class ImageNotFound(Exception):
    """A template asked for the size of an image that is in neither the content nor the theme."""


def image_size_filter(folders: list[str]) -> Callable[[str], tuple[int, int]]:
    """A Jinja filter: ``"images/bins.png"|image_size`` -> (width, height).

    A path under ``theme/`` is looked up in the theme's static folder, any other in the content folder.
    """
    roots = [Path(folder) for folder in folders]

    @cache
    def located(path: str) -> Path:
        relative = path.removeprefix("theme/")
        for root in roots:
            candidate = root / relative
            if candidate.is_file():
                return candidate
        raise ImageNotFound(f"{path}: no such image in {', '.join(str(root) for root in roots)}")

    @cache
    def size_of(image: Path) -> tuple[int, int]:
        width, height = imagesize.get(image)
        if width < 0 or height < 0:
            raise ValueError(f"{image}: cannot read the size of this image; use PNG, JPEG, GIF or WebP")
        return width, height

    def image_size(path: str) -> tuple[int, int]:
        image = located(path)
        note_file(str(image))  # the page shows the file's size: the page memo follows the file
        return size_of(image)

    return image_size
