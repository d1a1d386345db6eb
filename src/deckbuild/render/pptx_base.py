"""What the slide builders share: the build context and the pieces every content slide has
(title placeholder, accent rule, subtitle line, bullets, captions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.model import Bullet, Deck, Rich, Slide, SlideKind
from deckbuild.theme import Theme

from .pptx_layout import TITLE_LINE, Box, Geometry, add_rect, blend, place
from .pptx_text import (
    Para, Style, add_rich, bullet_paras, fit_size, flatten, format_paragraph, frame, text_height, write_bullets,
)


@dataclass
class Ctx:
    """What every builder needs: the deck, theme, geometry, labels and the warnings list."""

    deck: Deck
    theme: Theme
    geo: Geometry
    labels: dict
    assets: Mapping[str, ChartAssets]
    warnings: list[Diagnostic] = field(default_factory=list)

    def warn(self, slide: Slide, message: str, code: str) -> None:
        loc = slide.location or self.deck.location or Location(self.deck.name)
        self.warnings.append(Diagnostic(loc, Severity.WARNING, f"slide {slide.number}: {message}", code))

    @property
    def c(self):
        return self.theme.colors

    @property
    def s(self):
        return self.theme.slide


DARK = {SlideKind.TITLE, SlideKind.CLOSING}  # slides on the primary colour


# --- shared pieces --------------------------------------------------------------------------


def remove(shape) -> None:
    el = shape._element
    el.getparent().remove(el)


def placeholder(slide_obj, idx: int):
    for ph in slide_obj.placeholders:
        if ph.placeholder_format.idx == idx:
            return ph
    raise KeyError(idx)


def fill_title(ctx: Ctx, slide: Slide, shape, rich: Rich, box: Box, size: float, color: str,
           anchor: str = "bottom", smallest: Optional[float] = None) -> None:
    """Fill a title placeholder: bold, fitted to the box (shrinks to 75 % at most)."""
    place(shape, box)
    tf = frame(shape, anchor)
    size, ok = fit_size([Para(rich.plain, bold=True, line=TITLE_LINE)], box.w, box.h, size, smallest or size * 0.75)
    if not ok:
        ctx.warn(slide, "title too long for its box; shorten it", "pptx-overflow")
    p = tf.paragraphs[0]
    format_paragraph(p, line_pct=90)
    add_rich(p, rich, Style(size, color, bold=True))
    for r in p.runs:  # some layouts set all caps on titles
        r.font._rPr.set("cap", "none")


def textbox(slide_obj, box: Box, anchor: str = "top", name: str = ""):
    shape = slide_obj.shapes.add_textbox(*box.emu())
    if name:
        shape.name = name
    return shape, frame(shape, anchor)


def text_line(ctx: Ctx, slide_obj, box: Box, rich: Rich, size: float, color: str, *, align: str = "l",
          anchor: str = "top", bold: bool = False, name: str = ""):
    shape, tf = textbox(slide_obj, box, anchor, name)
    p = tf.paragraphs[0]
    format_paragraph(p, align=align)
    add_rich(p, rich, Style(size, color, bold=bold, link=ctx.c.palette[0] if ctx.c.palette else None))
    return shape


def chrome(ctx: Ctx, slide_obj, slide: Slide, dark: bool = False) -> Box:
    """Title placeholder, accent rule and the optional subtitle line; returns the content box."""
    g = ctx.geo
    fill_title(ctx, slide, slide_obj.shapes.title, slide.title, g.title, ctx.s.title_size,
           ctx.c.background if dark else ctx.c.primary)
    add_rect(slide_obj.shapes, g.rule, ctx.c.accent, "Accent rule")
    content = g.content
    if slide.subtitle:
        size = ctx.s.subtitle_size
        h = text_height([Para(slide.subtitle.plain)], size, content.w)
        text_line(ctx, slide_obj, content.top(h), slide.subtitle, size, soft(ctx, dark), name="Subtitle")
        content = content.below(h, size * 0.8)
    return content


def soft(ctx: Ctx, dark: bool) -> str:
    """Secondary text colour readable on the slide's background."""
    return blend(ctx.c.background, ctx.c.primary, 0.3) if dark else ctx.c.muted


def bullets_into(ctx: Ctx, slide: Slide, tf, bullets: tuple[Bullet, ...], box: Box, color: str,
                  size: Optional[float] = None) -> float:
    items, clamped = flatten(bullets)
    if clamped:
        ctx.warn(slide, "bullets nest deeper than 3 levels; deeper ones are shown at level 3", "pptx-depth")
    if size is None:
        size = bullet_size(ctx, slide, bullets, box)
    write_bullets(tf, items, size, color, ctx.c.accent, ctx.c.muted, ctx.theme.fonts.family, link=ctx.c.palette[0])
    return size


def bullet_size(ctx: Ctx, slide: Slide, bullets: tuple[Bullet, ...], box: Box) -> float:
    size, ok = fit_size(bullet_paras(flatten(bullets)[0]), box.w, box.h, ctx.s.body_size, ctx.s.body_min)
    if not ok:
        ctx.warn(slide, "text does not fit the slide even at the smallest body size; cut or split it",
                 "pptx-overflow")
    return size



def caption_height(ctx: Ctx, rich: Rich, width: float) -> float:
    return text_height([Para(rich.plain)], caption_size(ctx), width) if rich else 0.0


def caption_size(ctx: Ctx) -> float:
    return max(ctx.s.small_size + 1, ctx.s.body_min - 2)
