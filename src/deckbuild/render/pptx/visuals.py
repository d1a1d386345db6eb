"""Builders for the slides around one visual: chart, table, quote, stats and image, at the
boxes and sizes their layout in ``layout.visuals`` says."""

from __future__ import annotations

from pptx.slide import Slide as PptxSlide
from pptx.util import Emu

from deckbuild.layout.visuals import ChartLayout, ImageLayout, QuoteLayout, StatsLayout, TableLayout
from deckbuild.model.deck import ChartContent, ImageContent, QuoteContent, Rich, Slide, StatsContent, TableContent
from deckbuild.render.pptx.base import Ctx, bullets_into, caption, chrome, text_line, textbox
from deckbuild.render.pptx.shapes import set_description
from deckbuild.render.pptx.table import add_table, table_description
from deckbuild.render.pptx.template import add_rect
from deckbuild.render.pptx.text import Style, frame, write_lines


def build_chart(ctx: Ctx, so: PptxSlide, slide: Slide, content: ChartContent, lay: ChartLayout) -> None:
    c = ctx.c
    chrome(ctx, so, slide, lay.chrome)
    chart = content.chart
    if lay.head is not None:
        text_line(ctx, so, lay.head, Rich.of(lay.head_text), c.muted, name="Chart heading")
    caption(ctx, so, lay.caption, content.caption)
    asset = ctx.assets.get(chart.digest)
    png = asset.png if asset is not None and asset.png is not None and asset.png.exists() else None
    from deckbuild.render.pptx.chart import (
        shape as pptx_chart,  # charts and their workbooks: imported by decks that have charts
    )

    pptx_chart.add_chart(so, chart, ctx.theme, lay.chart.emu(), png, ctx.when)
    if lay.side is not None:
        shape, tf = textbox(so, lay.side.block.box, name="Takeaways")
        bullets_into(ctx, slide, tf, lay.side, c.text)


def build_table(ctx: Ctx, so: PptxSlide, slide: Slide, content: TableContent, lay: TableLayout) -> None:
    chrome(ctx, so, slide, lay.chrome)
    caption(ctx, so, lay.caption, content.caption)
    if lay.table is not None:
        add_table(so, content.table, lay.table, ctx.theme,
                  table_description(ctx.labels["table"], content.caption.plain or slide.title.plain, content.table))


def build_quote(ctx: Ctx, so: PptxSlide, slide: Slide, content: QuoteContent, lay: QuoteLayout) -> None:
    c = ctx.c
    chrome(ctx, so, slide, lay.chrome)
    add_rect(so.shapes, lay.bar, c.accent, "Quote bar")
    shape, tf = textbox(so, lay.quote.box, name="Quote")
    write_lines(tf, [content.text], Style(lay.quote.size, c.primary))
    if lay.attribution is not None:
        text_line(ctx, so, lay.attribution, Rich.of("— " + content.attribution), c.muted, name="Attribution")


def build_stats(ctx: Ctx, so: PptxSlide, slide: Slide, content: StatsContent, lay: StatsLayout) -> None:
    c = ctx.c
    chrome(ctx, so, slide, lay.chrome)
    stats = content.stats
    if not 2 <= len(stats) <= 4:
        ctx.warn(slide, f"{len(stats)} stats; 2 to 4 read well", "pptx-stats")
    for st, rule, value, label in zip(stats, lay.rules, lay.values, lay.labels):
        add_rect(so.shapes, rule, c.accent, "Stat rule")
        text_line(ctx, so, value, Rich.of(st.value), c.accent, bold=True, anchor="bottom", name="Stat value")
        text_line(ctx, so, label, st.label, c.text, name="Stat label")


def build_image(ctx: Ctx, so: PptxSlide, slide: Slide, content: ImageContent, lay: ImageLayout) -> None:
    c = ctx.c
    chrome(ctx, so, slide, lay.chrome)
    caption(ctx, so, lay.caption, content.caption, align="ctr")
    box = lay.image
    try:
        left, top, bw, bh = box.emu()
        pic = so.shapes.add_picture(str(content.path), Emu(left), Emu(top))
    except (OSError, ValueError, KeyError) as exc:
        ctx.warn(slide, f"cannot read image {content.path.name}: {exc}", "pptx-image")
        shape = add_rect(so.shapes, box, c.surface, "Missing image", decorative=False)
        set_description(shape, content.alt)
        tf = frame(shape, "middle")
        write_lines(tf, [Rich.of(content.alt or content.path.name)], Style(ctx.s.body_size, c.muted), align="ctr")
        return
    scale = min(box.w * 12700 / pic.width, box.h * 12700 / pic.height)
    w, h = int(pic.width * scale), int(pic.height * scale)
    pic.left, pic.top, pic.width, pic.height = Emu(left + (bw - w) // 2), Emu(top + (bh - h) // 2), Emu(w), Emu(h)
    pic.name = "Picture"
    set_description(pic, content.alt)
