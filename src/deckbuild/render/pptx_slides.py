"""Builders for the text slides: title, section divider, bullets, columns and closing.
Each fills a slide made from the layout that ``pptx.LAYOUTS`` names for its kind."""

from __future__ import annotations

from deckbuild.model import BulletsContent, ClosingContent, ColumnsContent, Rich, SectionContent, Slide, TitleContent

from .pptx_base import Ctx, bullet_size, bullets_into, chrome, fill_title, placeholder, remove, soft, text_line
from .pptx_layout import TITLE_LINE, Box, add_rect, blend, place, set_background
from .pptx_text import LINE, Para, Style, frame, text_height, write_lines


def build_title(ctx: Ctx, so, slide: Slide) -> None:
    c, s, g = ctx.c, ctx.s, ctx.geo
    content = slide.content if isinstance(slide.content, TitleContent) else TitleContent()
    set_background(so, c.primary)
    m = g.margin * 1.5
    width = g.width - 2 * m
    size = s.title_size * 1.5
    tbox = Box(m, g.height * 0.14, width, g.height * 0.36)
    fill_title(ctx, slide, so.shapes.title, slide.title or Rich.of(ctx.deck.title), tbox, size, c.background,
           smallest=s.title_size)
    rule = Box(m, tbox.bottom + 20, 72, 4)
    add_rect(so.shapes, rule, c.accent, "Accent rule")
    sub = placeholder(so, 1)
    subtitle = slide.subtitle or Rich.of(ctx.deck.subtitle)
    if subtitle:
        ssize = s.subtitle_size * 1.2
        sbox = Box(m, rule.bottom + 18, width, ssize * LINE * 2)
        place(sub, sbox)
        tf = frame(sub, "top")
        write_lines(tf, [subtitle], Style(ssize, blend(c.background, c.primary, 0.15)))
    else:
        remove(sub)
    byline = " · ".join(x for x in (content.author or ctx.deck.author, content.date or ctx.deck.date) if x)
    if byline:
        bsize = max(s.body_min, s.body_size * 0.8)
        text_line(ctx, so, Box(m, g.height - g.margin * 1.5 - bsize * LINE, width, bsize * LINE), Rich.of(byline),
              bsize, soft(ctx, True), name="Byline")


def build_section(ctx: Ctx, so, slide: Slide) -> None:
    c, s, g = ctx.c, ctx.s, ctx.geo
    number = slide.content.number if isinstance(slide.content, SectionContent) else 0
    set_background(so, c.surface)
    add_rect(so.shapes, Box(0, 0, g.margin * 0.4, g.height), c.primary, "Band")
    m = g.margin * 1.5
    width = g.width - 2 * m
    y = g.height * 0.3
    body = placeholder(so, 1)
    nsize = s.stat_size * 1.5
    if number:
        nbox = Box(m, y, width, nsize * 1.25)
        place(body, nbox)
        tf = frame(body, "bottom")
        write_lines(tf, [Rich.of(f"{number:02d}")], Style(nsize, c.accent, bold=True), line_pct=100)
        y = nbox.bottom + 14
    else:
        remove(body)
    add_rect(so.shapes, Box(m, y, 72, 4), c.accent, "Accent rule")
    tsize = s.title_size * 1.3
    tbox = Box(m, y + 22, width, 2 * tsize * TITLE_LINE + 4)
    fill_title(ctx, slide, so.shapes.title, slide.title, tbox, tsize, c.primary, anchor="top", smallest=s.title_size)
    if slide.subtitle:
        text_line(ctx, so, Box(m, tbox.bottom + 10, width, s.subtitle_size * LINE * 2), slide.subtitle,
              s.subtitle_size, c.muted, name="Subtitle")


def build_bullets(ctx: Ctx, so, slide: Slide) -> None:
    box = chrome(ctx, so, slide)
    body = placeholder(so, 1)
    place(body, box)
    bullets = slide.content.bullets if isinstance(slide.content, (BulletsContent, ClosingContent)) else ()
    bullets_into(ctx, slide, frame(body), bullets, box, ctx.c.text)


def build_closing(ctx: Ctx, so, slide: Slide) -> None:
    c, g = ctx.c, ctx.geo
    set_background(so, c.primary)
    body = placeholder(so, 1)
    bullets = slide.content.bullets if isinstance(slide.content, ClosingContent) else ()
    if not bullets:  # a closing line alone: large, in the middle
        remove(body)
        size = ctx.s.title_size * 1.5
        tbox = Box(g.margin * 1.5, g.height * 0.2, g.width - 3 * g.margin, g.height * 0.4)
        fill_title(ctx, slide, so.shapes.title, slide.title, tbox, size, c.background, smallest=ctx.s.title_size)
        add_rect(so.shapes, Box(tbox.x, tbox.bottom + 20, 72, 4), c.accent, "Accent rule")
        if slide.subtitle:
            text_line(ctx, so, Box(tbox.x, tbox.bottom + 44, tbox.w, ctx.s.subtitle_size * LINE * 2), slide.subtitle,
                  ctx.s.subtitle_size * 1.2, soft(ctx, True), name="Subtitle")
        return
    box = chrome(ctx, so, slide, dark=True)
    place(body, box)
    bullets_into(ctx, slide, frame(body), bullets, box, ctx.c.background)


def build_columns(ctx: Ctx, so, slide: Slide) -> None:
    c, s = ctx.c, ctx.s
    box = chrome(ctx, so, slide)
    content = slide.content
    assert isinstance(content, ColumnsContent)
    cols = box.columns(2, gap=max(32.0, s.margin * 0.8))
    hsize = s.body_size + 2
    pairs = list(zip((content.left, content.right), cols))
    hh = max(text_height([Para(col.heading.plain, bold=True)], hsize, b.w) for col, b in pairs)
    bodies = [b.below(hh + 10, 14) for b in cols]
    size = min(bullet_size(ctx, slide, col.bullets, b) for col, b in zip((content.left, content.right), bodies))
    for col, b, body, (hidx, bidx) in zip((content.left, content.right), cols, bodies, ((1, 2), (3, 4))):
        head = placeholder(so, hidx)
        place(head, b.top(hh))
        tf = frame(head, "bottom")
        write_lines(tf, [col.heading], Style(hsize, c.primary, bold=True))
        add_rect(so.shapes, Box(b.x, b.y + hh + 8, b.w, 1.5), ctx.theme.chart.grid_color, "Column rule")
        ph = placeholder(so, bidx)
        place(ph, body)
        bullets_into(ctx, slide, frame(ph), col.bullets, body, c.text, size=size)
