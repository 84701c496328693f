"""The fonts share cards and demo portraits are drawn with.

A font with Cyrillic is needed: DejaVu or Liberation, which Debian/Ubuntu install with
any desktop or fontconfig (apt-get install fonts-dejavu-core). Without one, Pillow's
built-in font is used: the card is still made, but Cyrillic shows as boxes.
"""

from functools import cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]
REGULAR = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"]
BOLD = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"]
SERIF_BOLD = ["DejaVuSerif-Bold.ttf", "LiberationSerif-Bold.ttf"]


def font_path(names: list[str]) -> Path | None:
    for directory in FONT_DIRS:
        for name in names:
            if (directory / name).exists():
                return directory / name
    return None


@cache
def font(size: int, *, bold: bool = False, serif: bool = False) -> ImageFont.FreeTypeFont:
    path = font_path(SERIF_BOLD if serif else BOLD if bold else REGULAR)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)
