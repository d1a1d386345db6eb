"""What the slide builders share: the build context and the pieces every content slide has
(title placeholder, accent rule, subtitle line, bullets, captions). Boxes and sizes come
from ``pptx_fit`` (and the ``pptx_fit_*`` modules behind it); these functions write them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.model import Deck, Rich, Slide, SlideKind
from deckbuild.theme import Theme

from .pptx_fit_parts import BulletList, Chrome
from .pptx_fitter import Fitter, TextBlock
from .pptx_layout import TITLE_PCT, Box, Geometry, blend
from .pptx_template import add_rect, place
from .pptx_text import Style, add_rich, format_paragraph, frame, write_bullets


@dataclass
class Ctx:
    """What every builder needs: the deck, theme, fitter (geometry and measure), labels and
    the warnings list."""

    deck: Deck
    theme: Theme
    fitter: Fitter
    labels: dict
    assets: Mapping[str, ChartAssets]
    warnings: list[Diagnostic] = field(default_factory=list)

    def warn(self, slide: Slide, message: str, code: str) -> None:
        loc = slide.location or self.deck.location or Location(self.deck.name)
        self.warnings.append(Diagnostic(loc, Severity.WARNING, f"slide {slide.number}: {message}", code))

    @property
    def geo(self) -> Geometry:
        return self.fitter.geo

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


def fill_title(shape, rich: Rich, block: TextBlock, color: str, anchor: str = "bottom") -> None:
    """Fill a title placeholder: bold, at the fitted size, 90 % line spacing."""
    place(shape, block.box)
    tf = frame(shape, anchor)
    p = tf.paragraphs[0]
    format_paragraph(p, line_pct=TITLE_PCT)
    add_rich(p, rich, Style(block.size, color, bold=True))
    for r in p.runs:  # some layouts set all caps on titles
        r.font._rPr.set("cap", "none")


def textbox(slide_obj, box: Box, anchor: str = "top", name: str = ""):
    shape = slide_obj.shapes.add_textbox(*box.emu())
    if name:
        shape.name = name
    return shape, frame(shape, anchor)


def text_line(ctx: Ctx, slide_obj, block: TextBlock, rich: Rich, color: str, *, align: str = "l",
              anchor: str = "top", bold: bool = False, name: str = ""):
    """A text box with one paragraph at the block's box and size."""
    shape, tf = textbox(slide_obj, block.box, anchor, name)
    p = tf.paragraphs[0]
    format_paragraph(p, align=align)
    add_rich(p, rich, Style(block.size, color, bold=bold, link=ctx.c.palette[0] if ctx.c.palette else None))
    return shape


def chrome(ctx: Ctx, slide_obj, slide: Slide, lay: Chrome, dark: bool = False) -> None:
    """Title placeholder, accent rule and the optional subtitle line."""
    fill_title(slide_obj.shapes.title, slide.title, lay.title, ctx.c.background if dark else ctx.c.primary)
    add_rect(slide_obj.shapes, lay.rule, ctx.c.accent, "Accent rule")
    if lay.subtitle is not None:
        text_line(ctx, slide_obj, lay.subtitle, slide.subtitle, soft(ctx, dark), name="Subtitle")


def soft(ctx: Ctx, dark: bool) -> str:
    """Secondary text colour readable on the slide's background."""
    return blend(ctx.c.background, ctx.c.primary, 0.3) if dark else ctx.c.muted


def bullets_into(ctx: Ctx, slide: Slide, tf, body: BulletList, color: str) -> None:
    if body.clamped:
        ctx.warn(slide, "bullets nest deeper than 3 levels; deeper ones are shown at level 3", "pptx-depth")
    write_bullets(tf, body.items, body.block.size, color, ctx.c.accent, ctx.c.muted, ctx.theme.fonts.family,
                  link=ctx.c.palette[0] if ctx.c.palette else None)


def caption(ctx: Ctx, slide_obj, block: Optional[TextBlock], rich: Rich, align: str = "l") -> None:
    if block is not None:
        text_line(ctx, slide_obj, block, rich, ctx.c.muted, align=align, name="Caption")
