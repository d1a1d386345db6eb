"""What every chart drawing shares: the drawing context, labels wrapped and spread apart,
annotations and the legend."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from deckbuild.charts import style
from deckbuild.charts.style import text_width, wrap
from deckbuild.model.deck import Annotation, Chart, ChartKind
from deckbuild.model.theme import Theme


@dataclass
class Ctx:
    """What every drawing function needs."""

    chart: Chart
    theme: Theme
    fig: Figure
    ax: Axes
    width_pt: float
    height_pt: float
    size: float  # base font size, points
    handles: list = field(default_factory=list)  # legend entries: (artist, label)
    value_axis_hidden: bool = False
    ref_label_placed: bool = False  # the reference line's label is set among the end labels

    @property
    def small(self) -> float:
        return round(self.size * 0.9, 2)

    def color(self, i: int) -> str:
        return style.series_color(self.chart, self.theme, i)

    @property
    def colors(self):
        return self.theme.colors


# ---------------------------------------------------------------------------------- text helpers


def spread(wanted: Sequence[float], gap: float, lo: float = -math.inf, hi: float = math.inf) -> list[float]:
    """Positions near ``wanted`` (any order) at least ``gap`` apart, kept within [lo, hi] if possible."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    pos = [wanted[i] for i in order]
    for _ in range(50):
        moved = False
        for k in range(1, len(pos)):
            if pos[k] - pos[k - 1] < gap - 1e-9:
                mid = (pos[k] + pos[k - 1]) / 2
                pos[k - 1], pos[k] = mid - gap / 2, mid + gap / 2
                moved = True
        if pos and pos[0] < lo:
            pos = [p + (lo - pos[0]) for p in pos]
            moved = True
        if pos and pos[-1] > hi and pos[0] - (pos[-1] - hi) >= lo - 1e-9:
            pos = [p - (pos[-1] - hi) for p in pos]
            moved = True
        if not moved:
            break
    out = [0.0] * len(wanted)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


# ---------------------------------------------------------------------------------- marks


def annotate(ctx: Ctx, locate: Callable[[Annotation], tuple[float, float] | None],
             horizontal: bool = False, ax: Axes | None = None, only: list[Annotation] | None = None,
             label_above: bool = False) -> None:
    """Place each annotation's text near its point with an arrow, pointing away from the data;
    ``label_above``: the point has a data label above it, so the arrow stops short of it."""
    ax = ax or ctx.ax
    n = max(1, len(ctx.chart.categories))
    for k, a in enumerate(ctx.chart.annotations if only is None else only):
        xy = locate(a)
        if xy is None or not a.text:
            continue
        x, y = xy
        if horizontal:
            offset, ha, va = (34, -26 - 6 * k), "left", "top"
        else:
            right_half = (x >= (n - 1) / 2) if ctx.chart.kind is not ChartKind.SCATTER else (
                x >= sum(ax.get_xlim()) / 2)
            offset = (-34 if right_half else 34, 30 + 4 * k)
            ha, va = ("right" if right_half else "left"), "bottom"
        text = wrap(a.text, max(90.0, 0.28 * ctx.width_pt), ctx.small, language=ctx.chart.language)
        shrink = ctx.size * 1.5 if label_above and ctx.chart.data_labels else 4
        ax.annotate(
            text, xy=(x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
            fontsize=ctx.small, color=ctx.colors.text, zorder=6,
            bbox=dict(boxstyle="round,pad=0.25", fc=ctx.colors.background, ec="none", alpha=0.9),
            arrowprops=dict(arrowstyle="-|>", color=ctx.colors.muted, lw=0.9, shrinkA=2, shrinkB=shrink,
                            mutation_scale=8, connectionstyle="arc3,rad=0.15"),
            annotation_clip=False,
        )


def category_index(chart: Chart, a: Annotation) -> int | None:
    if a.category and a.category in chart.categories:
        return chart.categories.index(a.category)
    if a.x is not None and chart.categories and 0 <= int(round(a.x)) < len(chart.categories):
        return int(round(a.x))
    return None


def legend(ctx: Ctx) -> None:
    chart = ctx.chart
    if not style.show_legend(chart) or not ctx.handles:
        return
    handles = [h for h, _ in ctx.handles]
    labels = [lab for _, lab in ctx.handles]
    where = chart.legend if chart.legend in ("top", "right", "bottom") else "bottom"
    if where == "right":
        ctx.fig.legend(handles, labels, loc="outside right upper", ncols=1, fontsize=ctx.small)
        return
    total = sum(text_width(lab, ctx.small) + 3 * ctx.small for lab in labels)
    ncols = len(labels) if total < 0.9 * ctx.width_pt else max(1, min(len(labels), 3))
    loc: Literal["outside lower center", "outside upper center"] = (
        "outside lower center" if where == "bottom" else "outside upper center")
    ctx.fig.legend(handles, labels, loc=loc, ncols=ncols, fontsize=ctx.small)
