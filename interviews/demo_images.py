"""Original pictures for the demo content, drawn by code: nothing is downloaded.

Plain Pillow, no Django: `load_demo` turns the images into Wagtail images. Each picture
is a function of its seed (a slug), so loading the demo twice draws the same pictures.
"""

import hashlib
import random

from PIL import Image, ImageDraw, ImageFilter

from interviews.card_fonts import font

LEAD_SIZE = (1600, 900)
PORTRAIT_SIZE = (800, 800)

# Muted newsroom palettes: (background, shapes…). Chosen for contrast with white captions.
PALETTES = [
    ((11, 79, 138), (38, 132, 196), (240, 196, 84), (231, 111, 81)),
    ((24, 60, 52), (64, 145, 108), (216, 226, 198), (244, 162, 97)),
    ((52, 35, 79), (119, 82, 164), (238, 187, 195), (255, 214, 165)),
    ((70, 38, 22), (168, 92, 52), (233, 196, 106), (144, 190, 209)),
    ((20, 33, 61), (252, 163, 17), (229, 229, 229), (74, 111, 165)),
]


def _rng(seed: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))


def lead_picture(seed: str, size: tuple[int, int] = LEAD_SIZE) -> Image.Image:
    """An abstract landscape: horizon bands, a sun or a circle, and a few diagonals."""
    rng = _rng(seed)
    background, *colours = rng.choice(PALETTES)
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.45, 0.7))
    for band in range(rng.randint(3, 6)):
        top = horizon + band * int(height * 0.06)
        draw.rectangle((0, top, width, height), fill=colours[band % len(colours)])
    radius = int(height * rng.uniform(0.12, 0.22))
    cx, cy = int(width * rng.uniform(0.2, 0.8)), int(horizon - radius * rng.uniform(0.3, 1.2))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=colours[2])
    for _line in range(rng.randint(4, 9)):
        x = rng.randint(-width // 4, width)
        draw.line(
            (x, 0, x + rng.randint(-width // 3, width // 3), height),
            fill=colours[rng.randrange(len(colours))],
            width=rng.randint(4, 18),
        )
    # A soft blur makes the flat shapes read as a photograph's depth of field.
    return image.filter(ImageFilter.GaussianBlur(radius=2))


def portrait_picture(
    seed: str, initials: str, size: tuple[int, int] = PORTRAIT_SIZE
) -> Image.Image:
    """A typographic portrait: the person's initials over concentric rings."""
    rng = _rng(seed)
    background, *colours = rng.choice(PALETTES)
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    cx, cy = width // 2, height // 2
    for ring in range(6, 0, -1):
        radius = int(min(width, height) * ring / 12)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            fill=colours[ring % len(colours)],
        )
    letters = font(int(height * 0.32), bold=True)
    draw.text((cx, cy), initials, font=letters, fill=background, anchor="mm")
    return image


def initials_of(name: str) -> str:
    return "".join(word[0] for word in name.split()[:2]).upper()
