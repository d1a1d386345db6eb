"""What the slide builders share: the build context, the type of a kind's writer, and the
pieces every content slide has (title placeholder, accent rule, subtitle line, bullets,
captions). Boxes and sizes come from ``deckbuild.layout``; these functions write them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from pptx.slide import Slide as PptxSlide

from deckbuild.colors import blend
from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.layout.fitter import Fitter, TextBlock
from deckbuild.layout.geometry import TITLE_PCT, Box, Geometry
from deckbuild.layout.parts import BulletList, Chrome
from deckbuild.model.deck import Deck, Rich, Slide, SlideKind
from deckbuild.model.kinds import KINDS
from deckbuild.model.theme import Theme
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.ns import qn
from deckbuild.render.pptx.placeholders import title_shape
from deckbuild.render.pptx.shapes import place, text_box
from deckbuild.render.pptx.snippets import Faces
from deckbuild.render.pptx.template import add_rect
from deckbuild.render.pptx.text import (
    Style,
    add_rich,
    format_paragraph,
    frame,
    paragraph,
    set_faces,
    with_breaks,
    write_bullets,
)
from deckbuild.render.reproducible import NO_DATE

if TYPE_CHECKING:  # for annotations only: loaded when a deck has charts
    from deckbuild.charts.assets import ChartAssets


@dataclass
class Ctx:
    """What every builder needs: the deck, theme, fitter (geometry and measure), labels and
    the warnings list."""

    deck: Deck
    theme: Theme
    fitter: Fitter
    labels: dict
    assets: Mapping[str, ChartAssets]
    when: dt.datetime = NO_DATE  # the build's timestamp (``render.reproducible.build_time``)
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

    @property
    def plain(self) -> bool:
        """On a company template: its layouts decorate the slides, deckbuild adds nothing."""
        return self.fitter.geo.plain

    def dark(self, kind: SlideKind) -> bool:
        """Whether slides of ``kind`` sit on the primary colour (never on a company template)."""
        return KINDS[kind].dark and not self.plain

    def faces(self, heading: bool = False) -> Faces:
        """The run typefaces (latin, East Asian, complex script) of body text or titles."""
        f = self.theme.fonts
        latin = f.latin_for(heading)
        return latin, f.east_asian_for(self.deck.language, heading), latin

    def title_color(self, dark: bool) -> str | None:
        """Titles in the theme's colours, or as the template's layouts style them (None)."""
        return None if self.plain else (self.c.background if dark else self.c.primary)


C_contra = TypeVar("C_contra", contravariant=True)
L_contra = TypeVar("L_contra", contravariant=True)


class KindWriter(Protocol[C_contra, L_contra]):
    """A slide kind's PPTX writer (``KindSpec.pptx``): fills ``so``, made from the kind's
    layout, with the content at the boxes and sizes of its layout."""

    def __call__(self, ctx: Ctx, so: PptxSlide, slide: Slide, content: C_contra, lay: L_contra, /) -> None: ...


# --- shared pieces --------------------------------------------------------------------------


def remove(shape) -> None:
    el = shape.element
    el.getparent().remove(el)


def fill_title(ctx: Ctx, shape, rich: Rich, block: TextBlock, color: str | None, anchor: str = "bottom") -> None:
    """Fill a title placeholder: bold, in the heading faces, at the fitted size, 90 % line
    spacing; in the colour and alignment the layout gives titles when ``color`` is None (a
    company template's)."""
    place(shape, block.box)
    tf = frame(shape, anchor)
    p = paragraph(tf, True)
    format_paragraph(p, line_pct=TITLE_PCT, align="l" if color else "")
    rich = with_breaks(rich, ctx.fitter.phrase_breaks(rich.plain, block))
    add_rich(p, rich, Style(block.size, color or "#000000", bold=True))
    set_faces(p, ctx.faces(heading=True))
    for r in p.runs:  # some layouts set all caps on titles
        rpr = ooxml.run_properties(r)
        rpr.set("cap", "none")
        if color is None:
            for fill in rpr.findall(qn("a:solidFill")):
                rpr.remove(fill)


def textbox(slide_obj, box: Box, anchor: str = "top", name: str = ""):
    shape = text_box(slide_obj.shapes, box.emu(), name)
    return shape, frame(shape, anchor)


def text_line(ctx: Ctx, slide_obj, block: TextBlock, rich: Rich, color: str, *, align: str = "l",
              anchor: str = "top", bold: bool = False, name: str = ""):
    """A text box with one paragraph at the block's box and size."""
    shape, tf = textbox(slide_obj, block.box, anchor, name)
    p = paragraph(tf, True)
    format_paragraph(p, align=align)
    add_rich(p, rich, Style(block.size, color, bold=bold, link=ctx.c.palette[0] if ctx.c.palette else None))
    return shape


def chrome(ctx: Ctx, slide_obj, slide: Slide, lay: Chrome, dark: bool = False) -> None:
    """Title placeholder, accent rule and the optional subtitle line."""
    fill_title(ctx, title_shape(slide_obj), slide.title, lay.title, ctx.title_color(dark))
    rule(ctx, slide_obj, lay.rule)
    if lay.subtitle is not None:
        text_line(ctx, slide_obj, lay.subtitle, slide.subtitle, soft(ctx, dark), name="Subtitle")


def rule(ctx: Ctx, slide_obj, box: Box, name: str = "Accent rule") -> None:
    """An accent rule (a band): deckbuild's own decoration, left out on a company template."""
    if not ctx.plain:
        add_rect(slide_obj.shapes, box, ctx.c.accent if name == "Accent rule" else ctx.c.primary, name)


def soft(ctx: Ctx, dark: bool) -> str:
    """Secondary text colour readable on the slide's background."""
    return blend(ctx.c.background, ctx.c.primary, 0.3) if dark else ctx.c.muted


def bullets_into(ctx: Ctx, slide: Slide, tf, body: BulletList, color: str) -> None:
    if body.clamped:
        ctx.warn(slide, "bullets nest deeper than 3 levels; deeper ones are shown at level 3", "pptx-depth")
    write_bullets(tf, body.items, body.block.size, color, ctx.c.accent, ctx.c.muted, ctx.faces()[1],
                  link=ctx.c.palette[0] if ctx.c.palette else None, top_space=body.top_space)


def caption(ctx: Ctx, slide_obj, block: TextBlock | None, rich: Rich, align: str = "l") -> None:
    if block is not None:
        text_line(ctx, slide_obj, block, rich, ctx.c.muted, align=align, name="Caption")
