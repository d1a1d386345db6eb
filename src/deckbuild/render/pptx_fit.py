"""Layout decisions for every slide of the deck, without python-pptx: where each text box
goes, the type size at which its text fits, and by how much it overflows when it cannot.

The PPTX renderer writes exactly these boxes and sizes (``pptx_slides``, ``pptx_visuals``,
``pptx.py``), and ``deckbuild check`` reports the same overflows through ``overflows``:
one source of truth. Text is measured with the theme's own font files (the ones the
outputs use) by ``deckbuild.textfit``; nothing here imports python-pptx, reportlab or
matplotlib.

Sizing: a text box gets the largest size from its preferred size down to its minimum
(body text: ``theme.slide.body_size`` to ``body_min``; titles: two lines at most, down to
¾ of the title size) at which its text fits. Text that does not fit even at the minimum
is reported, and shrinks further (down to ``RESCUE`` × the minimum) so that it still
stays inside its box rather than run over its neighbours.

LibreOffice lays text out slightly differently from our measure (it adds about ¼ em
between Chinese and Latin text, rounds positions, breaks with ICU), so text is measured
against ``WIDTH_SAFETY`` of each box's width: what we say fits does fit in LibreOffice
(tests/test_layout_geometry.py checks it on every glyph).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, is_dataclass
from typing import Iterator, Optional, Sequence

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.labels import labels_for
from deckbuild.model import (
    Bullet, BulletsContent, ChartContent, ClosingContent, ColumnsContent, Deck, ImageContent, QuoteContent, Rich,
    SectionContent, Slide, SlideKind, Source, Span, StatsContent, Table, TableContent,
)
from deckbuild.textfit.fit import Faces, Para, fit, measure, sizes, text_em
from deckbuild.textfit.metrics import metrics
from deckbuild.theme import Theme

from .pptx_layout import (
    LEVEL_MARGIN, LEVEL_SCALE, LEVEL_SPACE, LINE, MAX_LEVEL, TITLE_LINE, Box, Geometry,
)

WIDTH_SAFETY = 0.97  # text is measured against 97 % of its box's width
AUTOSPACE = 0.25  # em LibreOffice adds where CJK meets Latin letters or digits
TAIL = 0.15  # em below the last line's pitch that glyphs reach (descenders)
STEP = 0.5  # sizes are tried in half points
TITLE_FLOOR = 0.75  # titles shrink to ¾ of their size before they overflow
RESCUE = 0.6  # text that overflows at its minimum shrinks on, down to this fraction of it
RESCUE_FLOOR = 6.0
PAD_X = 8.0  # table cell margins, points
PAD_Y = 5.0
COLUMN_GAP = 32.0
OVERFLOW = "overflow"  # diagnostic code


# --- measuring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextBlock:
    """One text box: where it goes, the size its text is written at, and by how much the text
    overflows the box at the smallest size allowed (0 when it fits); ``height`` is the
    text's height at ``size``."""

    box: Box
    size: float
    overflow: float = 0.0
    lines: int = 0
    height: float = 0.0
    preferred: float = 0.0  # the size it would have had with room to spare (0: not fitted)

    @property
    def shrunk(self) -> bool:
        return self.size < self.preferred - 1e-9


class Fitter:
    """Text measurement with one theme's fonts, and the theme's slide geometry."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.s = theme.slide
        self.geo = Geometry.of(theme)
        self.faces = Faces(metrics(theme.fonts.regular), metrics(theme.fonts.bold))

    def measure(self, paras: Sequence[Para], width: float, size: float) -> tuple[int, float]:
        """(lines, height) of the paragraphs at ``size`` in a box ``width`` wide."""
        return measure(paras, width * WIDTH_SAFETY, size, self.faces, AUTOSPACE, TAIL)

    def line_width(self, text: str, size: float, bold: bool = False) -> float:
        """The width a box needs to hold ``text`` on one line (each line of it) at ``size``."""
        font = self.faces.of(bold)
        return max(text_em(part, font, AUTOSPACE) for part in text.split("\n")) * size / WIDTH_SAFETY

    def fit(self, paras: Sequence[Para], box: Box, largest: float, smallest: float,
            max_lines: Optional[int] = None) -> TextBlock:
        """The paragraphs fitted to ``box`` between ``largest`` and ``smallest``; past the
        smallest, the size that avoids spilling (with the overflow at the smallest)."""
        kw = dict(step=STEP, max_lines=max_lines, autospace=AUTOSPACE, tail=TAIL)
        f = fit(paras, box.w * WIDTH_SAFETY, box.h, largest, smallest, self.faces, **kw)
        if f.fits:
            return TextBlock(box, f.size, 0.0, f.lines, f.height, largest)
        floor = max(RESCUE_FLOOR, smallest * RESCUE)
        r = fit(paras, box.w * WIDTH_SAFETY, box.h, f.size, min(floor, f.size), self.faces, **kw)
        return TextBlock(box, r.size, f.overflow, r.lines, r.height, largest)


def text_blocks(layout: object) -> Iterator[TextBlock]:
    """Every TextBlock inside a layout (dataclasses, tuples), in field order."""
    if isinstance(layout, TextBlock):
        yield layout
    elif isinstance(layout, (tuple, list)):
        for item in layout:
            yield from text_blocks(item)
    elif is_dataclass(layout) and not isinstance(layout, type):
        for f in fields(layout):
            yield from text_blocks(getattr(layout, f.name))


# --- bullets -------------------------------------------------------------------------------------


def flatten(bullets: Sequence[Bullet], level: int = 0) -> tuple[list[tuple[int, Rich]], bool]:
    """(level, text) in reading order; levels deeper than MAX_LEVEL are clamped.
    The flag says whether clamping happened."""
    out: list[tuple[int, Rich]] = []
    clamped = level > MAX_LEVEL and bool(bullets)
    for b in bullets:
        out.append((min(level, MAX_LEVEL), b.text))
        sub, deep = flatten(b.children, level + 1)
        out.extend(sub)
        clamped = clamped or deep
    return out, clamped


def bullet_paras(items: Sequence[tuple[int, Rich]]) -> list[Para]:
    return [Para(r.plain, LEVEL_SCALE[lv], LEVEL_MARGIN[lv], LEVEL_SPACE[lv]) for lv, r in items]


@dataclass(frozen=True)
class BulletList:
    """A bulleted text box: its items (level, text) at one size."""

    block: TextBlock
    items: tuple[tuple[int, Rich], ...]
    clamped: bool  # some bullets nest deeper than MAX_LEVEL


def bullet_list(f: Fitter, bullets: Sequence[Bullet], box: Box) -> BulletList:
    items, clamped = flatten(bullets)
    block = f.fit(bullet_paras(items), box, f.s.body_size, f.s.body_min)
    return BulletList(block, tuple(items), clamped)


def lines_box(size: float, lines: int, pitch: float = LINE) -> float:
    """The height of ``lines`` lines at ``size`` (with room for the descenders)."""
    return size * (pitch * lines + TAIL)


def caption_size(f: Fitter) -> float:
    return max(f.s.small_size + 1, f.s.body_min - 2)


# --- the parts of a content slide -----------------------------------------------------------------


@dataclass(frozen=True)
class Chrome:
    """The action title (at most two lines), the accent rule, the optional subtitle, and the
    box left for the content."""

    title: TextBlock
    rule: Box
    subtitle: Optional[TextBlock]
    content: Box


def title_block(f: Fitter, text: str, box: Box, size: float, smallest: float, max_lines: int) -> TextBlock:
    return f.fit([Para(text, bold=True, line=TITLE_LINE)], box, size, smallest, max_lines)


def chrome(f: Fitter, slide: Slide) -> Chrome:
    g, s = f.geo, f.s
    title = title_block(f, slide.title.plain, g.title, s.title_size, s.title_size * TITLE_FLOOR, 2)
    content = g.content
    sub = None
    if slide.subtitle:
        sub = f.fit([Para(slide.subtitle.plain)], content.top(lines_box(s.subtitle_size, 2)), s.subtitle_size,
                    s.body_min, 2)
        sub = _resized(sub, content.top(sub.height))
        content = content.below(sub.height, sub.size * 0.8)
    return Chrome(title, g.rule, sub, content)


def _resized(block: TextBlock, box: Box, size: Optional[float] = None, height: Optional[float] = None) -> TextBlock:
    """The block moved to ``box`` (and set at ``size``, ``height`` tall)."""
    return TextBlock(box, block.size if size is None else size, block.overflow, block.lines,
                     block.height if height is None else height, block.preferred)


def _caption(f: Fitter, rich: Rich, box: Box, gap: float) -> tuple[Optional[TextBlock], Box]:
    """A caption of up to three lines at the bottom of ``box``, and what remains above it."""
    if not rich:
        return None, box
    size = caption_size(f)
    block = f.fit([Para(rich.plain)], box.bottom_part(lines_box(size, 3)), size, f.s.small_size, 3)
    block = _resized(block, box.bottom_part(block.height))
    return block, box.above(block.height, gap)


# --- per kind ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleLayout:
    title: TextBlock
    rule: Box
    subtitle: Optional[TextBlock]
    subtitle_text: Rich
    byline: Optional[TextBlock]
    byline_text: str


@dataclass(frozen=True)
class SectionLayout:
    band: Box
    number: Optional[TextBlock]
    rule: Box
    title: TextBlock
    subtitle: Optional[TextBlock]


@dataclass(frozen=True)
class BulletsLayout:
    chrome: Chrome
    body: BulletList


@dataclass(frozen=True)
class ColumnsLayout:
    chrome: Chrome
    heads: tuple[TextBlock, TextBlock]
    rules: tuple[Box, Box]
    bodies: tuple[BulletList, BulletList]


@dataclass(frozen=True)
class ChartLayout:
    chrome: Chrome
    head: Optional[TextBlock]  # chart subtitle · unit
    head_text: str
    caption: Optional[TextBlock]
    chart: Box
    side: Optional[BulletList]  # takeaways beside the chart


@dataclass(frozen=True)
class TableGrid:
    """A table at the top of ``block.box``: its text size, column widths and row heights."""

    block: TextBlock
    widths: tuple[float, ...]
    heights: tuple[float, ...]


@dataclass(frozen=True)
class TableLayout:
    chrome: Chrome
    caption: Optional[TextBlock]
    table: Optional[TableGrid]


@dataclass(frozen=True)
class QuoteLayout:
    chrome: Chrome
    bar: Box
    quote: TextBlock
    attribution: Optional[TextBlock]


@dataclass(frozen=True)
class StatsLayout:
    chrome: Chrome
    rules: tuple[Box, ...]
    values: tuple[TextBlock, ...]
    labels: tuple[TextBlock, ...]


@dataclass(frozen=True)
class ImageLayout:
    chrome: Chrome
    caption: Optional[TextBlock]
    image: Box


@dataclass(frozen=True)
class ClosingLayout:
    """A closing slide: bullets under the usual chrome, or one large line alone."""

    chrome: Optional[Chrome]
    body: Optional[BulletList]
    title: Optional[TextBlock]
    rule: Optional[Box]
    subtitle: Optional[TextBlock]


def layout_title(f: Fitter, deck: Deck, slide: Slide) -> TitleLayout:
    g, s = f.geo, f.s
    m = g.margin * 1.5
    width = g.width - 2 * m
    tbox = Box(m, g.height * 0.14, width, g.height * 0.36)
    title = title_block(f, (slide.title or Rich.of(deck.title)).plain, tbox, s.title_size * 1.5, s.title_size, 3)
    rule = Box(m, tbox.bottom + 20, 72, 4)
    subtitle_text = slide.subtitle or Rich.of(deck.subtitle)
    sub = None
    if subtitle_text:
        ssize = s.subtitle_size * 1.2
        sub = f.fit([Para(subtitle_text.plain)], Box(m, rule.bottom + 18, width, lines_box(ssize, 2)), ssize,
                    s.body_min, 2)
    content = slide.content
    author = getattr(content, "author", "") or deck.author
    date = getattr(content, "date", "") or deck.date
    byline_text = " · ".join(x for x in (author, date) if x)
    byline = None
    if byline_text:
        bsize = max(s.body_min, s.body_size * 0.8)
        bh = lines_box(bsize, 1)
        byline = f.fit([Para(byline_text)], Box(m, g.height - g.margin * 1.5 - bh, width, bh), bsize,
                       s.small_size, 1)
    return TitleLayout(title, rule, sub, subtitle_text, byline, byline_text)


def layout_section(f: Fitter, slide: Slide) -> SectionLayout:
    g, s = f.geo, f.s
    number = slide.content.number if isinstance(slide.content, SectionContent) else 0
    m = g.margin * 1.5
    width = g.width - 2 * m
    y = g.height * 0.3
    nblock = None
    if number:
        nsize = s.stat_size * 1.5
        nblock = TextBlock(Box(m, y, width, nsize * 1.25), nsize, 0.0, 1, nsize * LINE)
        y = nblock.box.bottom + 14
    rule = Box(m, y, 72, 4)
    tsize = s.title_size * 1.3
    tbox = Box(m, y + 22, width, math.ceil(lines_box(tsize, 2, TITLE_LINE)))
    title = title_block(f, slide.title.plain, tbox, tsize, s.title_size, 2)
    sub = None
    if slide.subtitle:
        sub = f.fit([Para(slide.subtitle.plain)], Box(m, tbox.bottom + 10, width, lines_box(s.subtitle_size, 2)),
                    s.subtitle_size, s.body_min, 2)
    return SectionLayout(Box(0, 0, g.margin * 0.4, g.height), nblock, rule, title, sub)


def layout_bullets(f: Fitter, slide: Slide) -> BulletsLayout:
    c = chrome(f, slide)
    bullets = slide.content.bullets if isinstance(slide.content, (BulletsContent, ClosingContent)) else ()
    return BulletsLayout(c, bullet_list(f, bullets, c.content))


def layout_columns(f: Fitter, slide: Slide) -> ColumnsLayout:
    s = f.s
    c = chrome(f, slide)
    content = slide.content
    assert isinstance(content, ColumnsContent)
    columns = (content.left, content.right)
    cols = c.content.columns(2, gap=max(COLUMN_GAP, s.margin * 0.8))
    hsize = s.body_size + 2
    heads = [f.fit([Para(col.heading.plain, bold=True)], b.top(lines_box(hsize, 2)), hsize, s.body_min, 2)
             for col, b in zip(columns, cols)]
    hs = min(h.size for h in heads)
    hh = max(f.measure([Para(col.heading.plain, bold=True)], b.w, hs)[1] for col, b in zip(columns, cols))
    heads = [_resized(h, b.top(hh), hs, hh) for h, b in zip(heads, cols)]
    rules = tuple(Box(b.x, b.y + hh + 8, b.w, 1.5) for b in cols)
    bodies = [bullet_list(f, col.bullets, b.below(hh + 10, 14)) for col, b in zip(columns, cols)]
    size = min(b.block.size for b in bodies)  # both columns at one size
    bodies = [BulletList(_resized(b.block, b.block.box, size), b.items, b.clamped) for b in bodies]
    return ColumnsLayout(c, (heads[0], heads[1]), (rules[0], rules[1]), (bodies[0], bodies[1]))


def layout_chart(f: Fitter, slide: Slide) -> ChartLayout:
    s = f.s
    c = chrome(f, slide)
    content = slide.content
    assert isinstance(content, ChartContent)
    chart = content.chart
    box, side = c.content, None
    if content.bullets:
        box, side_box = box.split(0.62, gap=28)
        side = bullet_list(f, content.bullets, side_box)
    small = caption_size(f)
    head_text = " · ".join(x for x in (chart.subtitle, chart.unit) if x)
    head = None
    if head_text:
        head = f.fit([Para(head_text)], box.top(lines_box(small, 2)), small, s.small_size, 2)
        head = _resized(head, box.top(head.height))
        box = box.below(head.height, 6)
    caption, box = _caption(f, content.caption, box, 8)
    return ChartLayout(c, head, head_text, caption, box, side)


def layout_table(f: Fitter, slide: Slide) -> TableLayout:
    s = f.s
    c = chrome(f, slide)
    content = slide.content
    assert isinstance(content, TableContent)
    caption, box = _caption(f, content.caption, c.content, 10)
    table = content.table
    if not table.header and not table.rows:
        return TableLayout(c, caption, None)
    # Tables may go below body_min (a long table at 12 pt is normal) but not below small_size + 2.
    grid = table_grid(f, table, box, max(s.body_min, s.body_size - 2), min(s.body_min, s.small_size + 2))
    return TableLayout(c, caption, grid)


def layout_quote(f: Fitter, slide: Slide) -> QuoteLayout:
    s = f.s
    c = chrome(f, slide)
    content = slide.content
    assert isinstance(content, QuoteContent)
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
    quote = _resized(quote, Box(box.x + indent, top, width, qh))
    bar = Box(box.x, top + quote.size * 0.15, 4, max(qh - quote.size * 0.3, 4.0))
    if attribution is not None:
        attribution = _resized(attribution, Box(box.x + indent, top + qh + gap, width, ah))
    return QuoteLayout(c, bar, quote, attribution)


def layout_stats(f: Fitter, slide: Slide) -> StatsLayout:
    s = f.s
    c = chrome(f, slide)
    content = slide.content
    assert isinstance(content, StatsContent)
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
    vblocks = tuple(_resized(v, Box(col.x, top + 22, w, vh), vsize, vh) for v, col in zip(values, cols))
    lblocks = tuple(_resized(lb, Box(col.x, top + 22 + vh + 10, w, lh), lsize, lh) for lb, col in zip(labels, cols))
    return StatsLayout(c, rules, vblocks, lblocks)


def layout_image(f: Fitter, slide: Slide) -> ImageLayout:
    c = chrome(f, slide)
    content = slide.content
    assert isinstance(content, ImageContent)
    caption, box = _caption(f, content.caption, c.content, 10)
    return ImageLayout(c, caption, box)


def layout_closing(f: Fitter, slide: Slide) -> ClosingLayout:
    g, s = f.geo, f.s
    bullets = slide.content.bullets if isinstance(slide.content, ClosingContent) else ()
    if bullets:
        c = chrome(f, slide)
        return ClosingLayout(c, bullet_list(f, bullets, c.content), None, None, None)
    size = s.title_size * 1.5
    tbox = Box(g.margin * 1.5, g.height * 0.2, g.width - 3 * g.margin, g.height * 0.4)
    title = title_block(f, slide.title.plain, tbox, size, s.title_size, 3)
    rule = Box(tbox.x, tbox.bottom + 20, 72, 4)
    sub = None
    if slide.subtitle:
        ssize = s.subtitle_size * 1.2
        sub = f.fit([Para(slide.subtitle.plain)], Box(tbox.x, tbox.bottom + 44, tbox.w, lines_box(ssize, 2)), ssize,
                    s.body_min, 2)
    return ClosingLayout(None, None, title, rule, sub)


# --- tables --------------------------------------------------------------------------------------


def _distribute(natural: list[float], total: float) -> list[float]:
    """Column widths: natural widths scaled up when all fit; otherwise narrow columns keep
    theirs and the wide ones share what is left."""
    n = len(natural)
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    widths: list[Optional[float]] = [None] * n
    remaining, open_cols = total, list(range(n))
    while open_cols:
        share = remaining / len(open_cols)
        narrow = [i for i in open_cols if natural[i] <= share]
        if not narrow:
            for i in open_cols:
                widths[i] = share
            break
        for i in narrow:
            widths[i] = natural[i]
            remaining -= natural[i]
        open_cols = [i for i in open_cols if i not in narrow]
    return [w or 0.0 for w in widths]


def table_cells(table: Table) -> tuple[list[tuple[Rich, ...]], int]:
    rows = [table.header, *table.rows]
    return rows, max(len(r) for r in rows)


def _grid(f: Fitter, table: Table, size: float, width: float) -> tuple[list[float], list[float]]:
    """(column widths, row heights) in points at a text size."""
    rows, ncols = table_cells(table)
    if table.column_widths and len(table.column_widths) == ncols and sum(table.column_widths) > 0:
        total = sum(table.column_widths)
        widths = [width * w / total for w in table.column_widths]
    else:
        natural = []
        for c in range(ncols):
            cells = [(r[c].plain if c < len(r) else "", i == 0) for i, r in enumerate(rows)]
            natural.append(max(f.line_width(t, size, bold) for t, bold in cells) + 2 * PAD_X + 1)
        widths = _distribute(natural, width)
    # LibreOffice sets table text at the font's natural line height (Noto Sans SC: 1.448 em),
    # not at the 1.2 em of text boxes, and grows a row to fit; PowerPoint needs less.
    pitch = max(LINE, f.faces.regular.line_height)
    heights = []
    for i, r in enumerate(rows):
        lines = max((f.measure([Para(r[c].plain, bold=i == 0)], max(widths[c] - 2 * PAD_X, 1.0), size)[0]
                     for c in range(min(len(r), ncols))), default=1)
        heights.append(lines * size * pitch + 2 * PAD_Y + 0.5)
    return widths, heights


def table_grid(f: Fitter, table: Table, box: Box, largest: float, smallest: float) -> TableGrid:
    """The table at the largest size from ``largest`` to ``smallest`` at which it fits ``box``;
    past the smallest, smaller still (with the overflow at the smallest)."""
    overflow = 0.0
    tried = sizes(largest, smallest, STEP)
    floor = max(RESCUE_FLOOR, smallest * RESCUE)
    rescue = [x for x in sizes(smallest, min(floor, smallest), STEP)[1:]]
    for i, size in enumerate(tried + rescue):
        widths, heights = _grid(f, table, size, box.w)
        h = sum(heights)
        if i == len(tried) - 1 and h > box.h + 1e-6:
            overflow = h / box.h - 1.0 if box.h > 0 else 9.99
        if h <= box.h + 1e-6 or i == len(tried) + len(rescue) - 1:
            return TableGrid(TextBlock(Box(box.x, box.y, box.w, h), size, overflow, 0, h, largest), tuple(widths),
                             tuple(heights))
    raise AssertionError("unreachable")


# --- the footer -----------------------------------------------------------------------------------


def slide_sources(slide: Slide) -> tuple[Source, ...]:
    """The slide's sources and its chart's, each once, in deck order."""
    found = list(slide.sources)
    if isinstance(slide.content, ChartContent):
        found += slide.content.chart.sources
    unique = {s.id: s for s in reversed(found)}
    return tuple(sorted(unique.values(), key=lambda s: (s.number, s.id)))


def source_line(sources: tuple[Source, ...], label: str, language: str) -> Rich:
    """'来源：[1] Title — Publisher；[2] …' with each title linked to its URL."""
    wide = language.split("-")[0] in ("zh", "ja", "ko")
    spans = [Span(label + ("：" if wide else ": "))]
    for i, s in enumerate(sources):
        if i:
            spans.append(Span("；" if wide else "; "))
        spans.append(Span(f"[{s.number}] "))
        spans.append(Span(s.title, href=s.url or None))
        if s.publisher:
            spans.append(Span(f" — {s.publisher}"))
    return Rich(tuple(spans))


@dataclass(frozen=True)
class FooterLayout:
    sources: Optional[TextBlock]
    line: Rich
    number: Optional[Box]  # the slide number (none on the title slide)


def layout_footer(f: Fitter, deck: Deck, slide: Slide, labels: dict) -> FooterLayout:
    g, s = f.geo, f.s
    sources = slide_sources(slide)
    block, line = None, Rich()
    if sources:
        line = source_line(sources, labels.get("source", "Source"), deck.language)
        block = f.fit([Para(line.plain)], g.footer, s.small_size, max(7.0, s.small_size - 2))
    return FooterLayout(block, line, None if slide.kind is SlideKind.TITLE else g.number)


# --- a whole slide, a whole deck --------------------------------------------------------------------


@dataclass(frozen=True)
class SlideLayout:
    body: object  # TitleLayout, SectionLayout, BulletsLayout, ... by the slide's kind
    footer: FooterLayout

    @property
    def overflow(self) -> float:
        """The worst overflow of the slide's text boxes (0 when everything fits)."""
        return max((b.overflow for b in text_blocks(self)), default=0.0)


def layout_slide(f: Fitter, deck: Deck, slide: Slide, labels: Optional[dict] = None) -> SlideLayout:
    """Every box of ``slide`` and the size of its text."""
    kind = slide.kind
    if kind is SlideKind.TITLE:
        body: object = layout_title(f, deck, slide)
    elif kind is SlideKind.SECTION:
        body = layout_section(f, slide)
    elif kind is SlideKind.BULLETS:
        body = layout_bullets(f, slide)
    elif kind is SlideKind.COLUMNS:
        body = layout_columns(f, slide)
    elif kind is SlideKind.CHART:
        body = layout_chart(f, slide)
    elif kind is SlideKind.TABLE:
        body = layout_table(f, slide)
    elif kind is SlideKind.QUOTE:
        body = layout_quote(f, slide)
    elif kind is SlideKind.STATS:
        body = layout_stats(f, slide)
    elif kind is SlideKind.IMAGE:
        body = layout_image(f, slide)
    else:
        body = layout_closing(f, slide)
    if labels is None:
        labels = labels_for(deck.language, deck.labels)
    return SlideLayout(body, layout_footer(f, deck, slide, labels))


def clip(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (as the linter names slides)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def overflow_diagnostic(deck: Deck, slide: Slide, layout: SlideLayout) -> Optional[Diagnostic]:
    """The warning for a slide whose text does not fit even at the smallest size, or None."""
    over = layout.overflow
    if over <= 0:
        return None
    title = (slide.title.plain if slide.title else "") or (deck.title if slide.kind is SlideKind.TITLE else "")
    percent = max(1, math.ceil(over * 100 - 1e-9))
    loc = slide.location or deck.location or Location(deck.name)
    return Diagnostic(loc, Severity.WARNING,
                      f'slide {slide.number} "{clip(title)}": text overflows its box by {percent} %', OVERFLOW)


def overflows(deck: Deck, theme: Theme) -> list[Diagnostic]:
    """A warning for every slide of ``deck`` with text that does not fit its box even at the
    theme's smallest size, located at the slide in the outline."""
    f = Fitter(theme)
    labels = labels_for(deck.language, deck.labels)
    out = []
    for slide in deck.slides:
        d = overflow_diagnostic(deck, slide, layout_slide(f, deck, slide, labels))
        if d is not None:
            out.append(d)
    return out
