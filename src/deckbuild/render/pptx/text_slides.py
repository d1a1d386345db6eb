"""Builders for the text slides: title, section divider, bullets, columns and closing.
Each fills a slide made from its kind's layout (``model.kinds``), at the boxes and sizes
its layout in ``layout.text_slides`` says."""

from __future__ import annotations

from pptx.slide import Slide as PptxSlide

from deckbuild.colors import blend
from deckbuild.layout.geometry import Box
from deckbuild.layout.text_slides import BulletsLayout, ClosingLayout, ColumnsLayout, SectionLayout, TitleLayout
from deckbuild.model.deck import (
    BulletsContent,
    ClosingContent,
    ColumnsContent,
    Rich,
    SectionContent,
    Slide,
    TitleContent,
)
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.base import Ctx, bullets_into, chrome, fill_title, remove, rule, soft, text_line
from deckbuild.render.pptx.footer import write_date
from deckbuild.render.pptx.ns import qn
from deckbuild.render.pptx.placeholders import body_or_box, placeholder, title_shape
from deckbuild.render.pptx.shapes import place, text_box
from deckbuild.render.pptx.template import add_rect, set_background
from deckbuild.render.pptx.text import Style, add_rich, format_paragraph, frame, paragraph, write_lines


def build_title(ctx: Ctx, so: PptxSlide, slide: Slide, content: TitleContent, lay: TitleLayout) -> None:
    c = ctx.c
    if ctx.plain:
        return _title_on_template(ctx, so, slide, lay)
    set_background(so, c.primary)
    fill_title(ctx, title_shape(so), slide.title or Rich.of(ctx.deck.title), lay.title, c.background)
    rule(ctx, so, lay.rule)
    sub = placeholder(so, 0)
    if lay.subtitle is not None and sub is not None:
        place(sub, lay.subtitle.box)
        tf = frame(sub, "top")
        write_lines(tf, [lay.subtitle_text], Style(lay.subtitle.size, blend(c.background, c.primary, 0.15)))
    elif sub is not None:
        remove(sub)
    if lay.byline is not None:
        text_line(ctx, so, lay.byline, Rich.of(lay.byline_text), soft(ctx, True), name="Byline")
    if lay.date is not None:
        write_date(so, lay.date, lay.date_text, soft(ctx, True), "l")


def _title_on_template(ctx: Ctx, so: PptxSlide, slide: Slide, lay: TitleLayout) -> None:
    """Title and subtitle placeholders of the template's title layout, in its colours; the
    byline is a second paragraph of the subtitle placeholder."""
    fill_title(ctx, title_shape(so), slide.title or Rich.of(ctx.deck.title), lay.title, None, anchor="bottom")
    blocks = [(b, text) for b, text in ((lay.subtitle, lay.subtitle_text), (lay.byline, Rich.of(lay.byline_text)))
              if b is not None]
    if blocks:
        first, last = blocks[0][0].box, blocks[-1][0].box
        shape = body_or_box(so, 0, Box(first.x, first.y, first.w, last.bottom - first.y), "Subtitle")
        tf = frame(shape, "top")
        for i, (block, text) in enumerate(blocks):
            p = paragraph(tf, i == 0)
            format_paragraph(p, space_before=0 if i == 0 else 6, align="")
            add_rich(p, text, Style(block.size, "#000000"))
            for r in p.runs:
                rpr = ooxml.run_properties(r)
                for fill in rpr.findall(qn("a:solidFill")):
                    rpr.remove(fill)
    if lay.date is not None:
        write_date(so, lay.date, lay.date_text, soft(ctx, ctx.dark(slide.kind)), "")


def build_section(ctx: Ctx, so: PptxSlide, slide: Slide, content: SectionContent, lay: SectionLayout) -> None:
    c = ctx.c
    if not ctx.plain:
        set_background(so, c.surface)
    rule(ctx, so, lay.band, "Band")
    body = placeholder(so, 0)
    if lay.number is not None and body is not None:
        place(body, lay.number.box)
        tf = frame(body, "bottom")
        write_lines(tf, [Rich.of(f"{content.number:02d}")], Style(lay.number.size, c.accent, bold=True), line_pct=100)
    elif body is not None and not (ctx.plain and lay.subtitle is not None):
        remove(body)
    rule(ctx, so, lay.rule)
    fill_title(ctx, title_shape(so), slide.title, lay.title, ctx.title_color(False), anchor="top")
    if lay.subtitle is not None and ctx.plain:
        shape = body_or_box(so, 0, lay.subtitle.box, "Subtitle")
        write_lines(frame(shape, "top"), [slide.subtitle], Style(lay.subtitle.size, c.muted), align="")
    elif lay.subtitle is not None:
        text_line(ctx, so, lay.subtitle, slide.subtitle, c.muted, name="Subtitle")


def build_bullets(ctx: Ctx, so: PptxSlide, slide: Slide, content: BulletsContent, lay: BulletsLayout) -> None:
    chrome(ctx, so, slide, lay.chrome)
    body = body_or_box(so, 0, lay.body.block.box, "Bullets")
    bullets_into(ctx, slide, frame(body), lay.body, ctx.c.text)


def build_closing(ctx: Ctx, so: PptxSlide, slide: Slide, content: ClosingContent, lay: ClosingLayout) -> None:
    c = ctx.c
    dark = ctx.dark(slide.kind)
    if dark:
        set_background(so, c.primary)
    if lay.chrome is None:  # a closing line alone: large, in the middle
        body = placeholder(so, 0)
        if body is not None:
            remove(body)
        assert lay.title is not None and lay.rule is not None
        fill_title(ctx, title_shape(so), slide.title, lay.title, ctx.title_color(dark))
        rule(ctx, so, lay.rule)
        if lay.subtitle is not None:
            text_line(ctx, so, lay.subtitle, slide.subtitle, soft(ctx, dark), name="Subtitle")
        return
    chrome(ctx, so, slide, lay.chrome, dark=dark)
    if lay.body is not None:
        body = body_or_box(so, 0, lay.body.block.box, "Bullets")
        bullets_into(ctx, slide, frame(body), lay.body, c.background if dark else c.text)


def build_columns(ctx: Ctx, so: PptxSlide, slide: Slide, content: ColumnsContent, lay: ColumnsLayout) -> None:
    c = ctx.c
    chrome(ctx, so, slide, lay.chrome)
    columns = (content.left, content.right)
    # Four text placeholders (PowerPoint's Comparison): heading, text, heading, text; two
    # (Two Content): the texts; none: text boxes.
    count = sum(1 for i in range(4) if placeholder(so, i) is not None)
    slots = ((0, 1), (2, 3)) if count >= 4 else ((None, 0), (None, 1)) if count >= 2 else ((None, None),) * 2
    shapes = [(placeholder(so, h) if h is not None else None, placeholder(so, b) if b is not None else None)
              for h, b in slots]
    for col, head, line, body, (hph, bph) in zip(columns, lay.heads, lay.rules, lay.bodies, shapes):
        if hph is None:
            hph = text_box(so.shapes, head.box.emu(), "Column heading")
        place(hph, head.box)
        tf = frame(hph, "bottom")
        write_lines(tf, [col.heading], Style(head.size, c.primary, bold=True))
        add_rect(so.shapes, line, ctx.theme.chart.grid_color, "Column rule")
        if bph is None:
            bph = text_box(so.shapes, body.block.box.emu(), "Column text")
        place(bph, body.block.box)
        bullets_into(ctx, slide, frame(bph), body, c.text)
