"""Layouts of the slides around one visual: chart, table, quote, stats and image
(``render.pptx.visuals`` writes them)."""

from __future__ import annotations

from dataclasses import dataclass

from deckbuild.layout.captions import chart_heading, chart_words
from deckbuild.layout.fitter import Fitter, TextBlock, caption_size, lines_box, resized
from deckbuild.layout.geometry import COLUMN_GAP, Box
from deckbuild.layout.parts import BulletList, Chrome, bullet_list, caption_block, chrome
from deckbuild.layout.table import TableGrid, table_grid
from deckbuild.model.deck import ChartContent, Deck, ImageContent, QuoteContent, Rich, Slide, StatsContent, TableContent
from deckbuild.text.fit import Para


@dataclass(frozen=True)
class ChartLayout:
    chrome: Chrome
    head: TextBlock | None  # the line above the chart: its title · subtitle · unit
    head_text: str
    caption: TextBlock | None
    chart: Box
    side: BulletList | None  # takeaways beside the chart


@dataclass(frozen=True)
class TableLayout:
    chrome: Chrome
    caption: TextBlock | None
    table: TableGrid | None


@dataclass(frozen=True)
class QuoteLayout:
    chrome: Chrome
    bar: Box
    quote: TextBlock
    attribution: TextBlock | None


@dataclass(frozen=True)
class StatsLayout:
    chrome: Chrome
    rules: tuple[Box, ...]
    values: tuple[TextBlock, ...]
    labels: tuple[TextBlock, ...]


@dataclass(frozen=True)
class ImageLayout:
    chrome: Chrome
    caption: TextBlock | None
    image: Box


def layout_chart(f: Fitter, deck: Deck, slide: Slide, content: ChartContent) -> ChartLayout:
    s = f.s
    c = chrome(f, slide)
    chart = content.chart
    box, side = c.content, None
    if content.bullets:
        box, side_box = box.split(0.62, gap=28)
        side = bullet_list(f, content.bullets, side_box)
    small = caption_size(f)
    said_below = content.caption if chart_words(chart, content.caption.plain, on_slide=True).caption else Rich()
    head_text = chart_heading(chart, content.caption.plain)
    head = None
    if head_text:
        head = f.fit([Para(head_text)], box.top(lines_box(small, 2)), small, s.small_size, 2)
        head = resized(head, box.top(head.height))
        box = box.below(head.height, 6)
    caption, box = caption_block(f, said_below, box, 8)
    return ChartLayout(c, head, head_text, caption, box, side)


def layout_table(f: Fitter, deck: Deck, slide: Slide, content: TableContent) -> TableLayout:
    s = f.s
    c = chrome(f, slide)
    caption, box = caption_block(f, content.caption, c.content, 10)
    table = content.table
    if not table.header and not table.rows:
        return TableLayout(c, caption, None)
    # Tables may go below body_min (a long table at 12 pt is normal) but not below small_size + 2.
    grid = table_grid(f, table, box, max(s.body_min, s.body_size - 2), min(s.body_min, s.small_size + 2))
    return TableLayout(c, caption, grid)


def layout_quote(f: Fitter, deck: Deck, slide: Slide, content: QuoteContent) -> QuoteLayout:
    s = f.s
    c = chrome(f, slide)
    box = c.content
    indent = 28.0
    width = box.w * 0.88 - indent
    attribution = None
    ah = gap = 0.0
    if content.attribution:
        attribution = f.fit([Para("— " + content.attribution)], Box(0, 0, width, lines_box(s.body_size, 2)),
                            s.body_size, s.body_min, 2)
        ah, gap = attribution.height, s.body_size * 0.9
    quote = f.fit([Para(content.text.plain)], Box(box.x + indent, box.y, width, max(box.h - ah - gap, 1.0)),
                  s.title_size + 6, s.body_min)
    qh = min(quote.height, quote.box.h)
    top = box.y + max(0.0, (box.h - qh - gap - ah) * 0.4)
    quote = resized(quote, Box(box.x + indent, top, width, qh))
    bar = Box(box.x, top + quote.size * 0.15, 4, max(qh - quote.size * 0.3, 4.0))
    if attribution is not None:
        attribution = resized(attribution, Box(box.x + indent, top + qh + gap, width, ah))
    return QuoteLayout(c, bar, quote, attribution)


def layout_stats(f: Fitter, deck: Deck, slide: Slide, content: StatsContent) -> StatsLayout:
    s = f.s
    c = chrome(f, slide)
    stats = content.stats
    if not stats:
        return StatsLayout(c, (), (), ())
    box = c.content
    cols = box.columns(len(stats), gap=COLUMN_GAP)
    w = cols[0].w
    values = [f.fit([Para(st.value, bold=True)], Box(0, 0, w, 1e6), s.stat_size, s.body_size, 1) for st in stats]
    vsize = min(v.size for v in values)
    vh = lines_box(vsize, 1)
    labels = [f.fit([Para(st.label.plain)], Box(0, 0, w, lines_box(s.body_size, 3)), s.body_size, s.body_min)
              for st in stats]
    lsize = min(lb.size for lb in labels)
    lh = max(f.measure([Para(st.label.plain)], w, lsize)[1] for st in stats)
    block = 4 + 18 + vh + 10 + lh
    top = box.y + max(0.0, (box.h - block) * 0.4)
    rules = tuple(Box(col.x, top, 48, 4) for col in cols)
    vblocks = tuple(resized(v, Box(col.x, top + 22, w, vh), vsize, vh) for v, col in zip(values, cols))
    lblocks = tuple(resized(lb, Box(col.x, top + 22 + vh + 10, w, lh), lsize, lh) for lb, col in zip(labels, cols))
    return StatsLayout(c, rules, vblocks, lblocks)


def layout_image(f: Fitter, deck: Deck, slide: Slide, content: ImageContent) -> ImageLayout:
    c = chrome(f, slide)
    caption, box = caption_block(f, content.caption, c.content, 10)
    return ImageLayout(c, caption, box)
