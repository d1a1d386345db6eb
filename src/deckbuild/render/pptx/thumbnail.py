"""The deck's thumbnail (docProps/thumbnail.jpeg, what file browsers and Office's open dialog
show): its first slide drawn small with Pillow from the model, its background, title and
subtitle in the theme's colours and fonts. Drawn, never photographed, so the bytes depend on
the deck, the theme and Pillow alone."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from deckbuild.colors import blend
from deckbuild.model.deck import Deck
from deckbuild.model.theme import Theme

WIDTH = 256  # the width PowerPoint gives thumbnails


def _lines(draw: ImageDraw.ImageDraw, text: str, font, width: float, most: int) -> list[str]:
    """``text`` broken into at most ``most`` lines of ``width`` pixels: at spaces where there
    are any, else between any two characters (Chinese, Japanese); the last line cut with "…"."""
    lines: list[str] = []
    line = ""
    for piece in (text.split(" ") if " " in text else list(text)):
        joined = f"{line} {piece}" if line and " " in text else line + piece
        if line and draw.textlength(joined, font=font) > width:
            lines.append(line)
            line = piece
        else:
            line = joined
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def thumbnail_jpeg(deck: Deck, theme: Theme, dark: bool) -> bytes:
    """A JPEG of the deck's first slide, ``WIDTH`` pixels wide at the slide's proportions:
    on the primary colour when the first slide is dark, else on the background colour."""
    s, c = theme.slide, theme.colors
    height = max(1, round(WIDTH * s.height / s.width))
    ground = c.primary if dark else c.background
    image = Image.new("RGB", (WIDTH, height), ground)
    draw = ImageDraw.Draw(image)
    margin = round(WIDTH * 0.08)
    title_px = max(10, round(WIDTH * 0.075))
    sub_px = max(7, round(title_px * 0.55))
    title_font = ImageFont.truetype(str(theme.fonts.bold), title_px)
    sub_font = ImageFont.truetype(str(theme.fonts.regular), sub_px)
    title = _lines(draw, deck.title, title_font, WIDTH - 2 * margin, 3)
    sub = _lines(draw, deck.subtitle, sub_font, WIDTH - 2 * margin, 2) if deck.subtitle else []
    block = len(title) * title_px * 1.2 + (sub_px * 0.8 + len(sub) * sub_px * 1.3 if sub else 0)
    y = max(margin / 2, (height - block) / 2)
    for line in title:
        draw.text((margin, y), line, font=title_font, fill=c.background if dark else c.primary)
        y += title_px * 1.2
    if sub:
        y += sub_px * 0.8
        soft = blend(c.background, c.primary, 0.3) if dark else c.muted
        for line in sub:
            draw.text((margin, y), line, font=sub_font, fill=soft)
            y += sub_px * 1.3
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=False, progressive=False)
    return out.getvalue()
