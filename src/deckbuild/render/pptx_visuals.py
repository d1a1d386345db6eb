"""Builders for the slides around one visual: chart, table, quote, stats and image."""

from __future__ import annotations

from deckbuild.model import ChartContent, ImageContent, QuoteContent, Rich, Slide, StatsContent, TableContent

from . import pptx_chart
from .pptx_base import Ctx, bullets_into, caption_height, caption_size, chrome, text_line, textbox
from .pptx_layout import Box, add_rect
from .pptx_table import add_table, table_size
from .pptx_text import LINE, Para, Style, fit_size, frame, text_em, text_height, write_lines


def build_chart(ctx: Ctx, so, slide: Slide) -> None:
    c, s = ctx.c, ctx.s
    box = chrome(ctx, so, slide)
    content = slide.content
    assert isinstance(content, ChartContent)
    chart = content.chart
    side = None
    if content.bullets:
        box, side = box.split(0.62, gap=28)
    small = caption_size(ctx)
    head = " · ".join(x for x in (chart.subtitle, chart.unit) if x)
    if head:
        h = text_height([Para(head)], small, box.w)
        text_line(ctx, so, box.top(h), Rich.of(head), small, c.muted, name="Chart subtitle")
        box = box.below(h, 6)
    if content.caption:
        h = caption_height(ctx, content.caption, box.w)
        text_line(ctx, so, box.bottom_part(h), content.caption, small, c.muted, name="Caption")
        box = box.above(h, 8)
    asset = ctx.assets.get(chart.digest)
    png = asset.png if asset is not None and asset.png is not None and asset.png.exists() else None
    pptx_chart.add_chart(so, chart, ctx.theme, box.emu(), png)
    if side is not None:
        shape, tf = textbox(so, side, name="Takeaways")
        bullets_into(ctx, slide, tf, content.bullets, side, c.text)


def build_table(ctx: Ctx, so, slide: Slide) -> None:
    s = ctx.s
    box = chrome(ctx, so, slide)
    content = slide.content
    assert isinstance(content, TableContent)
    if content.caption:
        h = caption_height(ctx, content.caption, box.w)
        text_line(ctx, so, box.bottom_part(h), content.caption, caption_size(ctx), ctx.c.muted, name="Caption")
        box = box.above(h, 10)
    if not content.table.header and not content.table.rows:
        return
    # Tables may go below body_min (a long table at 12 pt is normal) but not below small_size + 2.
    size, ok = table_size(content.table, box, max(s.body_min, s.body_size - 2), min(s.body_min, s.small_size + 2))
    if not ok:
        ctx.warn(slide, "table does not fit the slide even at small text; cut rows or text", "pptx-overflow")
    add_table(so, content.table, box, size, ctx.theme)


def build_quote(ctx: Ctx, so, slide: Slide) -> None:
    c, s = ctx.c, ctx.s
    box = chrome(ctx, so, slide)
    content = slide.content
    assert isinstance(content, QuoteContent)
    indent = 28.0
    width = box.w * 0.88 - indent
    asize = s.body_size
    ah = asize * LINE if content.attribution else 0.0
    gap = asize * 0.9 if content.attribution else 0.0
    qsize, ok = fit_size([Para(content.text.plain)], width, box.h - ah - gap, s.title_size + 6, s.body_min)
    if not ok:
        ctx.warn(slide, "quote too long for the slide; shorten it", "pptx-overflow")
    qh = min(text_height([Para(content.text.plain)], qsize, width), box.h - ah - gap)
    top = box.y + max(0.0, (box.h - qh - gap - ah) * 0.4)
    add_rect(so.shapes, Box(box.x, top + qsize * 0.15, 4, qh - qsize * 0.3), c.accent, "Quote bar")
    shape, tf = textbox(so, Box(box.x + indent, top, width, qh + qsize * 0.2), name="Quote")
    write_lines(tf, [content.text], Style(qsize, c.primary))
    if content.attribution:
        text_line(ctx, so, Box(box.x + indent, top + qh + gap, width, ah), Rich.of("— " + content.attribution), asize,
              c.muted, name="Attribution")


def build_stats(ctx: Ctx, so, slide: Slide) -> None:
    c, s = ctx.c, ctx.s
    box = chrome(ctx, so, slide)
    content = slide.content
    assert isinstance(content, StatsContent)
    stats = content.stats
    if not 2 <= len(stats) <= 4:
        ctx.warn(slide, f"{len(stats)} stats; 2 to 4 read well", "pptx-stats")
    if not stats:
        return
    cols = box.columns(len(stats), gap=32)
    w = cols[0].w
    vsize = min([s.stat_size] + [w * 0.94 / max(text_em(st.value, True), 0.1) for st in stats])
    vsize = max(vsize, s.body_size)
    lsize, ok = min((fit_size([Para(st.label.plain)], w, s.body_size * LINE * 3, s.body_size, s.body_min)
                     for st in stats), key=lambda t: t[0])
    if not ok:
        ctx.warn(slide, "stat label too long; shorten it", "pptx-overflow")
    vh = vsize * 1.3
    lh = max(text_height([Para(st.label.plain)], lsize, w) for st in stats)
    block = 4 + 18 + vh + 10 + lh
    top = box.y + max(0.0, (box.h - block) * 0.4)
    for st, col in zip(stats, cols):
        add_rect(so.shapes, Box(col.x, top, 48, 4), c.accent, "Stat rule")
        text_line(ctx, so, Box(col.x, top + 22, w, vh), Rich.of(st.value), vsize, c.accent, bold=True,
              anchor="bottom", name="Stat value")
        text_line(ctx, so, Box(col.x, top + 22 + vh + 10, w, lh), st.label, lsize, c.text, name="Stat label")


def build_image(ctx: Ctx, so, slide: Slide) -> None:
    c = ctx.c
    box = chrome(ctx, so, slide)
    content = slide.content
    assert isinstance(content, ImageContent)
    if content.caption:
        h = caption_height(ctx, content.caption, box.w)
        text_line(ctx, so, box.bottom_part(h), content.caption, caption_size(ctx), c.muted, align="ctr", name="Caption")
        box = box.above(h, 10)
    try:
        pic = so.shapes.add_picture(str(content.path), *box.emu()[:2])
    except (OSError, ValueError, KeyError) as exc:
        ctx.warn(slide, f"cannot read image {content.path.name}: {exc}", "pptx-image")
        shape = add_rect(so.shapes, box, c.surface, "Missing image")
        shape._element.nvSpPr.cNvPr.set("descr", content.alt)
        tf = frame(shape, "middle")
        write_lines(tf, [Rich.of(content.alt or content.path.name)], Style(ctx.s.body_size, c.muted), align="ctr")
        return
    scale = min(box.w * 12700 / pic.width, box.h * 12700 / pic.height)
    w, h = int(pic.width * scale), int(pic.height * scale)
    left, top, bw, bh = box.emu()
    pic.left, pic.top, pic.width, pic.height = left + (bw - w) // 2, top + (bh - h) // 2, w, h
    pic.name = "Picture"
    pic._element.nvPicPr.cNvPr.set("descr", content.alt)
