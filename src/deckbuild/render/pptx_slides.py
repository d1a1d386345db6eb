"""Builders for the text slides: title, section divider, bullets, columns and closing.
Each fills a slide made from the layout that ``pptx.LAYOUTS`` names for its kind, at the
boxes and sizes its ``pptx_fit_slides`` layout says."""

from __future__ import annotations

from deckbuild.model import Rich, Slide

from .pptx_base import Ctx, bullets_into, chrome, fill_title, placeholder, remove, soft, text_line
from .pptx_fit_slides import BulletsLayout, ClosingLayout, ColumnsLayout, SectionLayout, TitleLayout
from .pptx_layout import blend
from .pptx_template import add_rect, place, set_background
from .pptx_text import Style, frame, write_lines


def build_title(ctx: Ctx, so, slide: Slide, lay: TitleLayout) -> None:
    c = ctx.c
    set_background(so, c.primary)
    fill_title(so.shapes.title, slide.title or Rich.of(ctx.deck.title), lay.title, c.background)
    add_rect(so.shapes, lay.rule, c.accent, "Accent rule")
    sub = placeholder(so, 1)
    if lay.subtitle is not None:
        place(sub, lay.subtitle.box)
        tf = frame(sub, "top")
        write_lines(tf, [lay.subtitle_text], Style(lay.subtitle.size, blend(c.background, c.primary, 0.15)))
    else:
        remove(sub)
    if lay.byline is not None:
        text_line(ctx, so, lay.byline, Rich.of(lay.byline_text), soft(ctx, True), name="Byline")


def build_section(ctx: Ctx, so, slide: Slide, lay: SectionLayout) -> None:
    c = ctx.c
    set_background(so, c.surface)
    add_rect(so.shapes, lay.band, c.primary, "Band")
    body = placeholder(so, 1)
    if lay.number is not None:
        place(body, lay.number.box)
        tf = frame(body, "bottom")
        number = slide.content.number  # type: ignore[union-attr]
        write_lines(tf, [Rich.of(f"{number:02d}")], Style(lay.number.size, c.accent, bold=True), line_pct=100)
    else:
        remove(body)
    add_rect(so.shapes, lay.rule, c.accent, "Accent rule")
    fill_title(so.shapes.title, slide.title, lay.title, c.primary, anchor="top")
    if lay.subtitle is not None:
        text_line(ctx, so, lay.subtitle, slide.subtitle, c.muted, name="Subtitle")


def build_bullets(ctx: Ctx, so, slide: Slide, lay: BulletsLayout) -> None:
    chrome(ctx, so, slide, lay.chrome)
    body = placeholder(so, 1)
    place(body, lay.body.block.box)
    bullets_into(ctx, slide, frame(body), lay.body, ctx.c.text)


def build_closing(ctx: Ctx, so, slide: Slide, lay: ClosingLayout) -> None:
    c = ctx.c
    set_background(so, c.primary)
    body = placeholder(so, 1)
    if lay.body is None:  # a closing line alone: large, in the middle
        remove(body)
        assert lay.title is not None and lay.rule is not None
        fill_title(so.shapes.title, slide.title, lay.title, c.background)
        add_rect(so.shapes, lay.rule, c.accent, "Accent rule")
        if lay.subtitle is not None:
            text_line(ctx, so, lay.subtitle, slide.subtitle, soft(ctx, True), name="Subtitle")
        return
    assert lay.chrome is not None
    chrome(ctx, so, slide, lay.chrome, dark=True)
    place(body, lay.body.block.box)
    bullets_into(ctx, slide, frame(body), lay.body, c.background)


def build_columns(ctx: Ctx, so, slide: Slide, lay: ColumnsLayout) -> None:
    c = ctx.c
    chrome(ctx, so, slide, lay.chrome)
    content = slide.content
    columns = (content.left, content.right)  # type: ignore[union-attr]
    for col, head, rule, body, (hidx, bidx) in zip(columns, lay.heads, lay.rules, lay.bodies, ((1, 2), (3, 4))):
        ph = placeholder(so, hidx)
        place(ph, head.box)
        tf = frame(ph, "bottom")
        write_lines(tf, [col.heading], Style(head.size, c.primary, bold=True))
        add_rect(so.shapes, rule, ctx.theme.chart.grid_color, "Column rule")
        ph = placeholder(so, bidx)
        place(ph, body.block.box)
        bullets_into(ctx, slide, frame(ph), body, c.text)
