"""The boxes of a chart drawing's texts, as matplotlib lays them out: each text's window extent
(points from the figure's lower left), to test that labels stay inside the figure and apart."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        """The area the two boxes share (square points)."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0


def text_boxes(fig: Figure) -> list[Box]:
    """Every visible, non-empty text of ``fig`` (a legend's included), laid out."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    scale = 72 / fig.dpi
    hidden = set()  # tick labels at locations outside the view limits: not drawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if not lo - 1e-9 * abs(hi - lo) <= tick.get_loc() <= hi + 1e-9 * abs(hi - lo):
                    hidden |= {id(tick.label1), id(tick.label2)}
    out = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip() or id(t) in hidden:
            continue
        b = t.get_window_extent(renderer)
        out.append(Box(t.get_text(), b.x0 * scale, b.y0 * scale, b.x1 * scale, b.y1 * scale))
    return out


def drawn(chart, theme, width: float, height: float) -> Figure:
    """``chart`` drawn at the size with the chart style, as the exports get it (``text_boxes``
    then lays it out once, as saving does)."""
    from deckbuild.charts import style
    from deckbuild.charts.draw import figure

    with style.rc_context(theme, width):
        return figure(chart, theme, width, height)


def problems(fig: Figure, tolerance: float = 0.5) -> list[str]:
    """Texts that reach out of the figure or overlap another text by more than ``tolerance``
    points either way."""
    w, h = fig.get_size_inches() * 72
    boxes = text_boxes(fig)
    found = [f"{b.text!r} outside the figure ({b.x0:.1f}, {b.y0:.1f}, {b.x1:.1f}, {b.y1:.1f} in {w:.0f}x{h:.0f})"
             for b in boxes if b.x0 < -tolerance or b.y0 < -tolerance or b.x1 > w + tolerance or b.y1 > h + tolerance]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.overlap(b) > tolerance * max(1.0, min(a.x1 - a.x0, a.y1 - a.y0, b.x1 - b.x0, b.y1 - b.y0)):
                found.append(f"{a.text!r} overlaps {b.text!r}")
    return found
