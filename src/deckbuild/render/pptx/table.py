"""A real PowerPoint table: header row in the primary colour, zebra stripes, at the size,
column widths and row heights ``pptx_fit_table.table_grid`` chose."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from deckbuild.layout.geometry import emu
from deckbuild.layout.table import PAD_X, PAD_Y, TableGrid, table_cells
from deckbuild.model.deck import Rich, Table
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.drawingml import end_properties
from deckbuild.render.pptx.shapes import set_description
from deckbuild.render.pptx.template import rgb
from deckbuild.render.pptx.text import Style, add_rich, format_paragraph

_NUMERIC = re.compile(r"^[\s+\-−–~≈<>$€£¥]*[\d.,]+[\d.,\s%‰x×kKmMbB亿万千百]*[^\s]{0,4}$")


# A column's alignment as DrawingML writes it; a decimal column is right-aligned, each cell
# kept from the edge by the room its tail leaves (``TableGrid.insets``).
_ALIGN = {"left": "l", "center": "ctr", "right": "r", "decimal": "r"}


def _numeric(texts: Sequence[str]) -> bool:
    texts = [t for t in texts if t.strip()]
    return bool(texts) and all(_NUMERIC.match(t.strip()) for t in texts)


def table_description(label: str, title: str, table: Table) -> str:
    """A table's alternative text: what it is about, its columns and its size, e.g.
    "Table: Ad results. Metric, Change (3 × 2)": the header row counts among the rows."""
    rows, columns = table_cells(table)
    head = ", ".join(h.plain for h in table.header if h.plain.strip())
    size = f"({len(rows)} × {columns})"
    return f"{label}: {title}. {head} {size}" if head else f"{label}: {title} {size}"


def add_table(slide, table: Table, grid: TableGrid, theme, description: str = "") -> object:
    """Add the table at the top of the grid's box, with ``description`` as its alternative
    text; return the graphic frame."""
    colors = theme.colors
    rows, ncols = table_cells(table)
    box, size = grid.block.box, grid.block.size
    shape = slide.shapes.add_table(len(rows), ncols, emu(box.x), emu(box.y), emu(box.w), emu(sum(grid.heights)))
    shape.name = "Table"
    if description:
        set_description(shape, description)
    tbl = shape.table
    tbl.first_row = True  # the header row is a header for screen readers
    tbl.horz_banding = False  # stripes are explicit fills, not the table style's
    for c, w in enumerate(grid.widths):
        tbl.columns[c].width = emu(w)
    for r, h in enumerate(grid.heights):
        tbl.rows[r].height = emu(h)
    align = [_ALIGN[table.alignment(c) or ("right" if _numeric([row[c].plain for row in table.rows if c < len(row)])
                                          else "left")] for c in range(ncols)]
    for r, row in enumerate(rows):
        header = r == 0
        fill = colors.primary if header else (colors.surface if r % 2 == 0 else colors.background)
        style = Style(size, colors.background if header else colors.text, bold=header)
        for c in range(ncols):
            cell = tbl.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(fill)
            cell.margin_left = Pt(PAD_X)
            cell.margin_right = Pt(PAD_X + (grid.inset(r - 1, c) if not header else 0.0))
            cell.margin_top = cell.margin_bottom = Pt(PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            format_paragraph(p, align=align[c])
            add_rich(p, row[c] if c < len(row) else Rich(), style)
            end_properties(ooxml.paragraph_xml(p)).set("sz", str(int(round(size * 100))))
    return shape
