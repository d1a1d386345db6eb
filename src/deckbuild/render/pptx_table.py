"""A real PowerPoint table: header row in the primary colour, zebra stripes, sized to fit."""

from __future__ import annotations

import re
from typing import Sequence

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from deckbuild.model import Rich, Table

from .pptx_layout import Box, emu, rgb
from .pptx_text import LINE, Style, add_rich, format_paragraph, line_count, text_em

PAD_X = 8.0  # cell margins, points
PAD_Y = 5.0
_NUMERIC = re.compile(r"^[\s+\-−–~≈<>$€£¥]*[\d.,]+[\d.,\s%‰x×kKmMbB亿万千百]*[^\s]{0,4}$")


def _numeric(texts: Sequence[str]) -> bool:
    texts = [t for t in texts if t.strip()]
    return bool(texts) and all(_NUMERIC.match(t.strip()) for t in texts)


def _distribute(natural: list[float], total: float) -> list[float]:
    """Column widths: natural widths scaled up when all fit; otherwise narrow columns keep
    theirs and the wide ones share what is left."""
    n = len(natural)
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    widths: list[float | None] = [None] * n
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


def _layout(table: Table, size: float, width: float) -> tuple[list[float], list[float]]:
    """(column widths, row heights) in points at a text size."""
    rows = [table.header, *table.rows]
    ncols = max(len(r) for r in rows)
    if table.column_widths and len(table.column_widths) == ncols and sum(table.column_widths) > 0:
        total = sum(table.column_widths)
        widths = [width * w / total for w in table.column_widths]
    else:
        natural = []
        for c in range(ncols):
            cells = [(r[c].plain if c < len(r) else "", i == 0) for i, r in enumerate(rows)]
            natural.append(max(text_em(t, bold) * size / 0.94 for t, bold in cells) + 2 * PAD_X + 1)
        widths = _distribute(natural, width)
    heights = []
    for i, r in enumerate(rows):
        lines = max((line_count(r[c].plain, size, widths[c] - 2 * PAD_X, i == 0) for c in range(min(len(r), ncols))),
                    default=1)
        heights.append(lines * size * LINE + 2 * PAD_Y)
    return widths, heights


def table_size(table: Table, box: Box, largest: float, smallest: float) -> tuple[float, bool]:
    size = largest
    while size >= smallest - 1e-6:
        if sum(_layout(table, size, box.w)[1]) <= box.h:
            return size, True
        size -= 1
    return smallest, False


def add_table(slide, table: Table, box: Box, size: float, theme) -> object:
    """Add the table at the top of ``box``; return the graphic frame."""
    colors = theme.colors
    rows = [table.header, *table.rows]
    ncols = max(len(r) for r in rows)
    widths, heights = _layout(table, size, box.w)
    shape = slide.shapes.add_table(len(rows), ncols, emu(box.x), emu(box.y), emu(box.w), emu(sum(heights)))
    tbl = shape.table
    tbl.first_row = True  # the header row is a header for screen readers
    tbl.horz_banding = False  # stripes are explicit fills, not the table style's
    for c, w in enumerate(widths):
        tbl.columns[c].width = emu(w)
    for r, h in enumerate(heights):
        tbl.rows[r].height = emu(h)
    numeric = [_numeric([row[c].plain for row in table.rows if c < len(row)]) for c in range(ncols)]
    for r, row in enumerate(rows):
        header = r == 0
        fill = colors.primary if header else (colors.surface if r % 2 == 0 else colors.background)
        style = Style(size, colors.background if header else colors.text, bold=header)
        for c in range(ncols):
            cell = tbl.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(fill)
            cell.margin_left = cell.margin_right = Pt(PAD_X)
            cell.margin_top = cell.margin_bottom = Pt(PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            format_paragraph(p, align="r" if numeric[c] else "l")
            add_rich(p, row[c] if c < len(row) else Rich(), style)
            p._p.get_or_add_endParaRPr().set("sz", str(int(round(size * 100))))
    return shape
