"""What the slide builders share: the build context and the pieces every content slide has
(title placeholder, accent rule, subtitle line, bullets, captions). Boxes and sizes come
from ``pptx_fit`` (and the ``pptx_fit_*`` modules behind it); these functions write them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from pptx.oxml.ns import qn

from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.model import Deck, Rich, Slide, SlideKind
from deckbuild.theme import Theme

from .pptx_fit_parts import BulletList, Chrome
from .pptx_fitter import Fitter, TextBlock
from .pptx_layout import TITLE_PCT, Box, Geometry, blend
from .pptx_template import add_rect, place
from .pptx_text import Style, add_rich, format_paragraph, frame, write_bullets
from .pptx_shapes import proxy, text_box
from .pptx_xml import P_NS


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

    @property
    def plain(self) -> bool:
        """On a company template: its layouts decorate the slides, deckbuild adds nothing."""
        return self.fitter.geo.plain

    def dark(self, kind: SlideKind) -> bool:
        """Whether slides of ``kind`` sit on the primary colour (never on a company template)."""
        return kind in DARK and not self.plain

    def title_color(self, dark: bool) -> Optional[str]:
        """Titles in the theme's colours, or as the template's layouts style them (None)."""
        return None if self.plain else (self.c.background if dark else self.c.primary)


DARK = {SlideKind.TITLE, SlideKind.CLOSING}  # slides on the primary colour


# --- shared pieces --------------------------------------------------------------------------


def remove(shape) -> None:
    el = shape._element
    el.getparent().remove(el)


_NOT_TEXT = {"title", "ctrTitle", "dt", "ftr", "sldNum"}


def placeholder(slide_obj, n: int):
    """The slide's ``n``-th text placeholder (body, content or subtitle; 0-based, in the
    layout's order), or None. By role rather than by idx: templates number them differently
    (LibreOffice gives every content placeholder idx 0)."""
    found = [el for el, ph in placeholders_of(slide_obj) if ph.get("type", "obj") not in _NOT_TEXT]
    return proxy(found[n], slide_obj.shapes) if n < len(found) else None


_NVPR_PH = P_NS + "nvPr/" + P_NS + "ph"


def placeholders_of(slide_obj):
    """(shape element, its p:ph) of every placeholder on a slide, in order (lxml directly:
    python-pptx's proxies run an XPath query per shape)."""
    for el in slide_obj.shapes._spTree.iterchildren():
        if len(el):
            ph = el[0].find(_NVPR_PH)
            if ph is not None:
                yield el, ph


def _ph_type(shape) -> str:
    ph = shape._element.ph
    return ph.get("type", "obj") if ph is not None else ""


def body_or_box(ctx: "Ctx", slide_obj, n: int, box: Box, name: str):
    """The ``n``-th text placeholder moved to ``box``, or a new text box there when the
    layout has none."""
    ph = placeholder(slide_obj, n)
    if ph is None:
        return _named(slide_obj.shapes.add_textbox(*box.emu()), name)
    place(ph, box)
    return ph


def _named(shape, name: str):
    shape.name = name
    return shape


def drop_empty_placeholders(slide_obj) -> None:
    """Remove placeholders a builder left empty (they would show "Click to add text")."""
    for sp in list(slide_obj.placeholders):
        if _ph_type(sp) in _NOT_TEXT:
            continue
        if not sp.has_text_frame or not sp.text_frame.text:
            remove(sp)


def title_shape(slide_obj):
    """The slide's title placeholder, or a text box for the title when the layout has none."""
    el = next((el for el, ph in placeholders_of(slide_obj) if ph.get("idx", "0") == "0"), None)  # python-pptx's rule
    return proxy(el, slide_obj.shapes) if el is not None else _named(slide_obj.shapes.add_textbox(0, 0, 1, 1),
                                                                              "Title")


def fill_title(shape, rich: Rich, block: TextBlock, color: Optional[str], anchor: str = "bottom") -> None:
    """Fill a title placeholder: bold, at the fitted size, 90 % line spacing; in the colour
    and alignment the layout gives titles when ``color`` is None (a company template's)."""
    place(shape, block.box)
    tf = frame(shape, anchor)
    p = tf.paragraphs[0]
    format_paragraph(p, line_pct=TITLE_PCT, align="l" if color else "")
    add_rich(p, rich, Style(block.size, color or "#000000", bold=True))
    for r in p.runs:  # some layouts set all caps on titles
        rpr = r.font._rPr
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
    p = tf.paragraphs[0]
    format_paragraph(p, align=align)
    add_rich(p, rich, Style(block.size, color, bold=bold, link=ctx.c.palette[0] if ctx.c.palette else None))
    return shape


def chrome(ctx: Ctx, slide_obj, slide: Slide, lay: Chrome, dark: bool = False) -> None:
    """Title placeholder, accent rule and the optional subtitle line."""
    fill_title(title_shape(slide_obj), slide.title, lay.title, ctx.title_color(dark))
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
    write_bullets(tf, body.items, body.block.size, color, ctx.c.accent, ctx.c.muted, ctx.theme.fonts.family,
                  link=ctx.c.palette[0] if ctx.c.palette else None)


def caption(ctx: Ctx, slide_obj, block: Optional[TextBlock], rich: Rich, align: str = "l") -> None:
    if block is not None:
        text_line(ctx, slide_obj, block, rich, ctx.c.muted, align=align, name="Caption")
