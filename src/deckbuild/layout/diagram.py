"""The layout of a diagram slide (``render.pptx.diagram`` writes it): the boxes of
``diagram_grid`` fitted to the content area, every text at one size from the theme's body
size down to its ``body_min``, the stacks' headings at one size of their own."""

from __future__ import annotations

import math
from dataclasses import dataclass

from deckbuild.layout.diagram_grid import Grid, Spacing, cell_width, grid, rows
from deckbuild.layout.fitter import Fitter, TextBlock, lines_box, resized
from deckbuild.layout.geometry import COLUMN_GAP, Box
from deckbuild.layout.parts import Chrome, caption_block, chrome
from deckbuild.model.deck import Deck, DiagramContent, Rich, Slide
from deckbuild.model.diagram import Arrangement
from deckbuild.text.fit import Para

SPACING = Spacing(gap=12.0, column_gap=COLUMN_GAP * 2, arrow=44.0, axis=9.0)
PAD_X, PAD_Y = 10.0, 6.0  # a box's text inset
MAX_ROW = 3.6  # a row is at most this many lines of body text tall
NOTE_SPACE = 0.2  # em before a box's note
HEAD_NOTE = 0.75  # a stack heading's note, relative to the heading's size


@dataclass(frozen=True)
class DiagramLayout:
    chrome: Chrome
    caption: TextBlock | None
    grid: Grid
    cells: tuple[TextBlock, ...]  # each box's text (inset in its box), stack by stack
    headings: tuple[TextBlock, ...]  # each stack's heading and note (layers with headings)
    axes: tuple[TextBlock, ...]  # a matrix's x and y labels


def paras(text: Rich, note: Rich, bold: bool = True, note_scale: float = 1.0) -> list[Para]:
    """A box's text (bold) and its note (lighter, a little below), as measured."""
    out = [Para(text.plain, bold=bold)] if text else []
    if note:
        out.append(Para(note.plain, scale=note_scale, space=NOTE_SPACE if out else 0.0))
    return out


def head_paras(heading: Rich, note: Rich) -> list[Para]:
    """A stack's heading (bold) and its note a quarter smaller."""
    return paras(heading, note, note_scale=HEAD_NOTE)


def inset(box: Box) -> Box:
    return Box(box.x + PAD_X, box.y + PAD_Y, max(box.w - 2 * PAD_X, 1.0), max(box.h - 2 * PAD_Y, 1.0))


def balanced(f: Fitter, paras: list[Para], block: TextBlock, align: str = "center") -> TextBlock:
    """The block narrowed as far as its text keeps its number of lines, at the side ``align``
    says ("center", "right"): lines of even length, never one word alone on the last. One em
    is kept to spare, for the renderers' own measure."""
    if block.lines <= len(paras) or block.overflow:  # every paragraph on one line
        return block
    low, high = max(block.box.w / 3, f.word_width(paras, block.size)), block.box.w  # no word cut in two
    while high - low > 1:
        mid = (low + high) / 2
        if f.measure(paras, mid, block.size)[0] <= block.lines:
            high = mid
        else:
            low = mid
    b = block.box
    high = min(b.w, high + block.size)
    x = b.right - high if align == "right" else b.x + (b.w - high) / 2
    return resized(block, Box(x, b.y, high, b.h))


def _at_one_size(f: Fitter, texts: list[list[Para]], boxes: list[Box], largest: float,
                 smallest: float | None = None) -> tuple[TextBlock, ...]:
    """Each text fitted to its box, then all set at the smallest size any of them needed (the
    text that needed it keeps its block: what overflows at the floor stays reported)."""
    smallest = f.s.body_min if smallest is None else smallest
    first = [f.fit(p, b, largest, smallest) for p, b in zip(texts, boxes)]
    size = min((b.size for b in first), default=largest)
    return tuple(balanced(f, p, block if block.size == size else f.fit(p, b, size, min(size, smallest)))
                 for p, b, block in zip(texts, boxes, first))


def layout_diagram(f: Fitter, deck: Deck, slide: Slide, content: DiagramContent) -> DiagramLayout:
    s, d = f.s, content.diagram
    c = chrome(f, slide)
    caption, area = caption_block(f, content.caption, c.content, 10)
    sp = SPACING
    heads: tuple[TextBlock, ...] = ()
    head = 0.0
    y_label = x_label = 0.0
    if d.arrangement is Arrangement.MATRIX:
        y_label = area.w * 0.18
    w = cell_width(d, area.w, sp, y_label)
    if d.arrangement is Arrangement.LAYERS and d.headed:
        largest = s.body_size + 2
        box = Box(0, 0, w, lines_box(largest, 3))
        # the note is never smaller than body_min
        heads = _at_one_size(f, [head_paras(st.heading, st.note) for st in d.stacks], [box] * len(d.stacks),
                             largest, math.ceil(s.body_min / HEAD_NOTE * 2) / 2)
        head = max(h.height for h in heads)
    axes_text: list[list[Para]] = []
    if d.arrangement is Arrangement.MATRIX:
        axes_text = [paras(d.x_axis, Rich(), bold=False), paras(d.y_axis, Rich(), bold=False)]
        x_label = f.fit(axes_text[0], Box(0, 0, 2 * w + sp.gap, lines_box(s.body_size, 2)), s.body_size,
                        s.body_min).height
    n = rows(d)
    room = area.h - (head + sp.gap if head else 0.0) - (n - 1) * sp.gap
    if d.arrangement is Arrangement.MATRIX:
        room -= 2 * sp.gap + sp.axis + x_label
    row = max(min(room / n, lines_box(s.body_size, 1) * MAX_ROW + 2 * PAD_Y), 1.0)
    g = grid(d, area.x, area.y, area.w, row, sp, head, y_label, x_label)
    top = area.y + max(0.0, (area.h - g.height) * 0.35)  # a short diagram sits a little above the middle
    g = grid(d, area.x, top, area.w, row, sp, head, y_label, x_label)
    cells = _at_one_size(f, [paras(i.text, i.note) for i in d.items], [inset(b) for b in g.cells], s.body_size)
    if heads:
        texts = [head_paras(st.heading, st.note) for st in d.stacks]
        heads = tuple(balanced(f, p, resized(h, b)) for p, b, h in zip(texts, g.heads, heads))
    axes: tuple[TextBlock, ...] = ()
    if g.x_label is not None and g.y_label is not None:
        x, y = _at_one_size(f, axes_text, [g.x_label, g.y_label], s.body_size)
        axes = (x, balanced(f, axes_text[1], resized(y, g.y_label), "right"))
    return DiagramLayout(c, caption, g, cells, heads, axes)

