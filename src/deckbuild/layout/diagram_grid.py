"""Where a diagram's boxes, arrows and dividers go, given the height of its rows: the one
geometry the slide (``layout.diagram``) and the report (``render.pdf.diagram``) both draw,
each at its own width and type size. Boxes in points, y downwards."""

from __future__ import annotations

from dataclasses import dataclass

from deckbuild.layout.geometry import Box
from deckbuild.model.diagram import Arrangement, Diagram


@dataclass(frozen=True)
class Spacing:
    """The gaps of one output, in points."""

    gap: float  # between two boxes of a stack, and between two rows of a matrix
    column_gap: float  # between two stacks of layers (a divider runs in the middle)
    arrow: float  # the room between two boxes of a flow, the arrow in its middle
    axis: float  # the thickness of an arrow (a flow's, a matrix's axes)


@dataclass(frozen=True)
class Arrow:
    """A block arrow filling its box: a shaft SHAFT of its thickness, then the head."""

    box: Box
    direction: str  # "right" or "up"

    @property
    def thickness(self) -> float:
        return self.box.h if self.direction == "right" else self.box.w

    @property
    def length(self) -> float:
        return self.box.w if self.direction == "right" else self.box.h

    @property
    def head(self) -> float:
        """The length of the head: one and a half times the thickness, at most 0.6 of the arrow."""
        return min(1.5 * self.thickness, 0.6 * self.length)


SHAFT = 0.4  # the shaft's share of an arrow's thickness


@dataclass(frozen=True)
class Grid:
    cells: tuple[Box, ...]  # one per box, stack by stack
    heads: tuple[Box, ...]  # one per stack, over it (layers with headings only)
    arrows: tuple[Arrow, ...]
    dividers: tuple[Box, ...]  # vertical lines between stacks: x, top, 0 wide, their length
    x_label: Box | None  # a matrix's axis labels
    y_label: Box | None
    height: float


def rows(d: Diagram) -> int:
    """The number of rows of boxes."""
    if d.arrangement is Arrangement.MATRIX:
        return 2
    if d.arrangement is Arrangement.FLOW:
        return 1
    return max((len(s.items) for s in d.stacks), default=1)


def cell_width(d: Diagram, width: float, sp: Spacing, y_label: float = 0.0) -> float:
    """The width of every box of ``d`` drawn ``width`` wide (``y_label``: a matrix's label column)."""
    if d.arrangement is Arrangement.FLOW:
        n = max(1, len(d.items))
        return (width - (n - 1) * sp.arrow) / n
    if d.arrangement is Arrangement.MATRIX:
        return (width - _axis_column(sp, y_label) - sp.gap) / 2
    n = max(1, len(d.stacks))
    return (width - (n - 1) * sp.column_gap) / n


def _axis_column(sp: Spacing, y_label: float) -> float:
    """The width left of a matrix's boxes: its y label, a gap, the arrow, a gap."""
    return y_label + sp.gap + sp.axis + sp.gap


def grid(d: Diagram, x: float, y: float, width: float, row: float, sp: Spacing, head: float = 0.0,
         y_label: float = 0.0, x_label: float = 0.0) -> Grid:
    """The diagram's boxes at (``x``, ``y``), ``width`` wide, each row ``row`` tall; ``head``:
    the height over each stack for its heading; ``y_label``, ``x_label``: a matrix's label
    column width and label row height."""
    w = cell_width(d, width, sp, y_label)
    if d.arrangement is Arrangement.FLOW:
        n = len(d.items)
        cells = tuple(Box(x + i * (w + sp.arrow), y, w, row) for i in range(n))
        size = min(sp.arrow * 0.6, row)
        arrows = tuple(Arrow(Box(c.right + (sp.arrow - size) / 2, y + (row - sp.axis * 2) / 2, size, sp.axis * 2),
                             "right") for c in cells[:-1])
        return Grid(cells, (), arrows, (), None, None, row)
    if d.arrangement is Arrangement.MATRIX:
        left = x + _axis_column(sp, y_label)
        cells = tuple(Box(left + c * (w + sp.gap), y + r * (row + sp.gap), w, row) for r in (0, 1) for c in (0, 1))
        bottom = y + 2 * row + sp.gap
        span = 2 * w + sp.gap
        arrows = (Arrow(Box(left - sp.gap - sp.axis, y, sp.axis, bottom - y), "up"),
                  Arrow(Box(left, bottom + sp.gap, span, sp.axis), "right"))
        x_box = Box(left, bottom + 2 * sp.gap + sp.axis, span, x_label)
        y_box = Box(x, y, y_label, bottom - y)
        return Grid(cells, (), arrows, (), x_box, y_box, x_box.bottom - y)
    n = len(d.stacks)
    top = y + (head + sp.gap if head else 0.0)
    heads = tuple(Box(x + j * (w + sp.column_gap), y, w, head) for j in range(n)) if head else ()
    cells = tuple(Box(x + j * (w + sp.column_gap), top + i * (row + sp.gap), w, row)
                  for j, stack in enumerate(d.stacks) for i in range(len(stack.items)))
    bottom = top + rows(d) * row + (rows(d) - 1) * sp.gap
    dividers = tuple(Box(x + j * (w + sp.column_gap) - sp.column_gap / 2, y, 0.0, bottom - y) for j in range(1, n))
    return Grid(cells, heads, (), dividers, None, None, bottom - y)
