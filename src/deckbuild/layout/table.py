"""A table's layout: the text size, column widths and row heights at which it fits its box
(``pptx_table`` writes it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from deckbuild.layout.fitter import RESCUE, RESCUE_FLOOR, STEP, Fitter, TextBlock
from deckbuild.layout.geometry import LINE, Box
from deckbuild.model.deck import Rich, Table
from deckbuild.text.fit import Para, sizes

PAD_X = 8.0  # table cell margins, points
PAD_Y = 5.0


@dataclass(frozen=True)
class TableGrid:
    """A table at the top of ``block.box``: its text size, column widths and row heights, and
    per body row the room kept right of each cell beyond the padding (what lines up a decimal
    column's numbers on their decimal sign)."""

    block: TextBlock
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    insets: tuple[tuple[float, ...], ...] = ()

    def inset(self, row: int, column: int) -> float:
        """The room kept right of body cell (``row``, ``column``), points."""
        return self.insets[row][column] if row < len(self.insets) and column < len(self.insets[row]) else 0.0


def decimal_insets(table: Table, advance: Callable[[str], float]) -> tuple[tuple[float, ...], ...]:
    """Per body row, the room right of each cell that lines up the decimal columns: the widest
    tail (what stands right of the decimal line, measured by ``advance``) less the cell's own."""
    if "decimal" not in table.align:
        return ()
    ncols = len(table.align)
    tails = [[advance(table.tail(r, c)) if table.alignment(c) == "decimal" else 0.0 for c in range(ncols)]
             for r in range(len(table.rows))]
    widest = [max((row[c] for row in tails), default=0.0) for c in range(ncols)]
    return tuple(tuple(widest[c] - row[c] for c in range(ncols)) for row in tails)


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


def table_cells(table: Table) -> tuple[list[tuple[Rich, ...]], int]:
    rows = [table.header, *table.rows]
    return rows, max(len(r) for r in rows)


def _grid(f: Fitter, table: Table, size: float, width: float,
          em_insets: tuple[tuple[float, ...], ...]) -> tuple[list[float], list[float], tuple[tuple[float, ...], ...]]:
    """(column widths, row heights, decimal insets) in points at a text size (``em_insets``:
    the insets in em, measured once)."""
    rows, ncols = table_cells(table)
    insets = tuple(tuple(x * size for x in row) for row in em_insets)
    room = [(0.0,) * ncols] + list(insets or [(0.0,) * ncols] * len(table.rows))  # the header row has none
    if table.column_widths and len(table.column_widths) == ncols and sum(table.column_widths) > 0:
        total = sum(table.column_widths)
        widths = [width * w / total for w in table.column_widths]
    else:
        natural = []
        for c in range(ncols):
            cells = [(r[c].plain if c < len(r) else "", i == 0, room[i][c]) for i, r in enumerate(rows)]
            natural.append(max(f.line_width(t, size, bold) + extra for t, bold, extra in cells) + 2 * PAD_X + 1)
        widths = _distribute(natural, width)
    # LibreOffice sets table text at the font's natural line height (Noto Sans SC: 1.448 em),
    # not at the 1.2 em of text boxes, and grows a row to fit; PowerPoint needs less.
    pitch = max(LINE, f.faces.regular.line_height)
    heights = []
    for i, r in enumerate(rows):
        lines = max((f.measure([Para(r[c].plain, bold=i == 0)], max(widths[c] - 2 * PAD_X - room[i][c], 1.0),
                               size)[0] for c in range(min(len(r), ncols))), default=1)
        heights.append(lines * size * pitch + 2 * PAD_Y + 0.5)
    return widths, heights, insets


def table_grid(f: Fitter, table: Table, box: Box, largest: float, smallest: float) -> TableGrid:
    """The table at the largest size from ``largest`` to ``smallest`` at which it fits ``box``;
    past the smallest, smaller still (with the overflow at the smallest)."""
    overflow = 0.0
    tried = sizes(largest, smallest, STEP)
    floor = max(RESCUE_FLOOR, smallest * RESCUE)
    rescue = [x for x in sizes(smallest, min(floor, smallest), STEP)[1:]]
    em_insets = decimal_insets(table, lambda t: f.advance(t, 1.0))
    for i, size in enumerate(tried + rescue):
        widths, heights, insets = _grid(f, table, size, box.w, em_insets)
        h = sum(heights)
        if i == len(tried) - 1 and h > box.h + 1e-6:
            overflow = h / box.h - 1.0 if box.h > 0 else 9.99
        if h <= box.h + 1e-6 or i == len(tried) + len(rescue) - 1:
            spill = 0.0 if h <= box.h + 1e-6 else (h / box.h - 1.0 if box.h > 0 else 9.99)
            return TableGrid(TextBlock(Box(box.x, box.y, box.w, h), size, overflow, 0, h, largest, smallest, spill),
                             tuple(widths), tuple(heights), insets)
    raise AssertionError("unreachable")
