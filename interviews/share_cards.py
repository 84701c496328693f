"""Share cards: the 1200×630 pictures social networks and messengers show for a link.

Plain Pillow, no Django (reader/sharing.py caches and serves them). Two
kinds: an interview's card (headline, guest, portrait) and an answer's quote card.
"""

import hashlib
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

from interviews.card_fonts import font

CARD_SIZE = (1200, 630)
# Raise when the drawing changes: every card gets a new key, so a new URL, and crawlers
# that cached the old picture by URL fetch the new one.
CARD_VERSION = 1
INK = (255, 255, 255)
MUTED = (198, 214, 232)
BACKGROUND = (11, 79, 138)  # the site's theme colour
ACCENT = (240, 196, 84)
MARGIN = 64
PORTRAIT = 220
LINE_SPACING = 1.2


@dataclass(frozen=True)
class CardText:
    """What a card says. `kind` is "interview" or "answer"; `quote` only for answers."""

    kind: str
    headline: str
    guest: str
    role: str
    site_name: str
    quote: str = ""

    def key(self, portrait_fingerprint: str = "") -> str:
        """A content hash: the same text and portrait give the same key, any change a new one."""
        parts = [str(CARD_VERSION), self.kind, self.headline, self.guest, self.role]
        parts += [self.site_name, self.quote, portrait_fingerprint]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def wrap(draw: ImageDraw.ImageDraw, text: str, typeface, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width` pixels; the last line gets an ellipsis if text is left."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width or not line:
            line = candidate
            continue
        lines.append(line)
        line = word
        if len(lines) == max_lines:
            last = lines[-1]
            while draw.textlength(last + "…", font=typeface) > width and " " in last:
                last = last.rsplit(" ", 1)[0]
            lines[-1] = last + "…"
            return lines
    if line:
        lines.append(line)
    return lines[:max_lines]


def fitted(draw, text: str, width: int, height: int, sizes: tuple[int, ...], **style):
    """The largest size at which `text` fits in width × height: (font, lines)."""
    for size in sizes:
        typeface = font(size, **style)
        max_lines = height // int(size * LINE_SPACING)
        lines = wrap(draw, text, typeface, width, max_lines + 1)
        if len(lines) <= max_lines:
            return typeface, lines
    typeface = font(sizes[-1], **style)
    return typeface, wrap(draw, text, typeface, width, height // int(sizes[-1] * LINE_SPACING))


def draw_card(text: CardText, portrait: Image.Image | None = None) -> Image.Image:
    card = Image.new("RGB", CARD_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(card)
    width, height = CARD_SIZE
    text_width = width - 2 * MARGIN - (PORTRAIT + MARGIN if portrait else 0)

    draw.rectangle((0, 0, width, 12), fill=ACCENT)
    draw.text((MARGIN, 48), text.site_name.upper(), font=font(28, bold=True), fill=ACCENT)

    if portrait is not None:
        face = ImageOps.fit(portrait.convert("RGB"), (PORTRAIT, PORTRAIT))
        mask = Image.new("L", face.size, 0)
        ImageDraw.Draw(mask).ellipse((0, 0, PORTRAIT, PORTRAIT), fill=255)
        card.paste(face, (width - MARGIN - PORTRAIT, 110), mask)

    top = 120
    footer = height - MARGIN - 70
    if text.kind == "answer":
        draw.text((MARGIN - 8, top - 30), "«", font=font(120, serif=True), fill=ACCENT)
        top += 70
        sizes, said = (52, 46, 40, 34), text.quote
    else:
        sizes, said = (64, 56, 48, 42), text.headline
    typeface, lines = fitted(draw, said, text_width, footer - 40 - top, sizes, serif=True)
    line_height = int(typeface.size * LINE_SPACING)
    for line in lines:
        draw.text((MARGIN, top), line, font=typeface, fill=INK)
        top += line_height

    draw.line((MARGIN, footer - 20, width - MARGIN, footer - 20), fill=MUTED, width=2)
    draw.text((MARGIN, footer), text.guest, font=font(34, bold=True), fill=INK)
    detail = text.role if text.kind == "interview" else text.headline
    detail_font = font(26)
    detail_lines = wrap(draw, detail, detail_font, width - 2 * MARGIN, 1)
    if detail_lines:
        draw.text((MARGIN, footer + 44), detail_lines[0], font=detail_font, fill=MUTED)
    return card
