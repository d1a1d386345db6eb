"""The axes of a chart: number formats of the ticks, the category and value axes, axis
titles, the zero line and a reference line."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, Formatter, LogLocator, MaxNLocator, NullLocator
from matplotlib.transforms import blended_transform_factory

from deckbuild.charts import style
from deckbuild.charts.canvas import Ctx
from deckbuild.charts.scale import Scale
from deckbuild.charts.style import text_width, wrap
from deckbuild.model.deck import Chart, Series
from deckbuild.text.locales import with_percent


def auto_decimals(values: Sequence[float]) -> int:
    """Decimals needed to tell tick values apart (0–3)."""
    for d in range(0, 4):
        if all(abs(v - round(v, d)) < 1e-9 * max(1.0, abs(v)) for v in values):
            return d
    return 3


class ValueFormatter(Formatter):
    """Tick labels in the chart's number format, all with the same number of decimals."""

    def __init__(self, chart: Chart, percent: bool = False, plain: bool = False, log: bool = False,
                 series: Series | None = None):
        self.chart, self.percent, self.plain, self.log, self.series = chart, percent, plain, log, series
        self.decimals: int | None = None

    def _one(self, v: float, d: int) -> str:
        if self.percent:
            return with_percent(style.fmt_number(v, d, self.chart.language), self.chart.language)
        if self.plain:
            return style.fmt_number(v, d, self.chart.language)
        return style.tick_label(self.chart, v, d, self.series)

    def __call__(self, v: float, pos=None) -> str:
        return self._one(v, self.decimals if self.decimals is not None else auto_decimals([v]))

    def format_ticks(self, values):
        if self.log:  # 0.1, 1, 10, 100: each with the decimals it needs
            self.decimals = None
            return [self(v) for v in values]
        self.decimals = auto_decimals(list(values))
        return [self._one(v, self.decimals) for v in values]


def value_formatter(ctx: Ctx, percent: bool = False, log: bool = False, series: Series | None = None) -> Formatter:
    return ValueFormatter(ctx.chart, percent, log=log, series=series)


def plot_size(ctx: Ctx) -> tuple[float, float]:
    """Rough width and height of the plot area in points, before layout (for fitting labels)."""
    legend = 26 if style.show_legend(ctx.chart) and ctx.chart.legend in ("top", "bottom") else 0
    right = 110 if style.show_legend(ctx.chart) and ctx.chart.legend == "right" else 0
    return max(60.0, 0.9 * ctx.width_pt - right), max(50.0, ctx.height_pt - 48 - legend)


def category_axis(ctx: Ctx, horizontal: bool, n: int | None = None) -> None:
    """Category ticks 0..n-1 labelled with the categories: as they are when they fit their slot,
    else wrapped (few categories), thinned to every k-th (many) or rotated."""
    ax, chart = ctx.ax, ctx.chart
    cats = list(chart.categories)
    n = len(cats) if n is None else n
    cats = (cats + [""] * n)[:n]
    pw, ph = plot_size(ctx)
    if horizontal:
        max_pt = max(60.0, 0.3 * ctx.width_pt)
        slot = ph / max(1, n)
        size = max(6.0, min(ctx.size, slot * 0.9))  # many bars: smaller names, never overlapping
        lines = 2 if slot >= 2.3 * size else 1
        labels = [wrap(c, max_pt, size, lines) for c in cats]
        ax.set_yticks(range(n), labels)
        ax.tick_params(axis="y", length=0, pad=6, labelsize=size)
        ax.set_ylim(n - 0.5, -0.5)  # first category on top
        return
    slot = pw / max(1, n)
    widths = [text_width(c, ctx.size) for c in cats]
    longest = max(widths, default=0)
    labels, step, rotate = cats, 1, False
    if longest > slot * 0.95:
        if n <= 12:
            wrapped = [wrap(c, slot * 0.92, ctx.size, 3 if n <= 6 else 2) for c in cats]
            fits = all(max(text_width(line, ctx.size) for line in lab.split("\n")) <= slot * 0.98
                       for lab in wrapped if lab)
            labels, rotate = (wrapped, False) if fits else (cats, True)
        else:  # many categories (a time series): every k-th label, upright if that is enough
            step = math.ceil(longest * 1.2 / slot)
            if step > 4:
                rotate = True
                step = max(1, math.ceil(ctx.size * 1.5 / slot))
    ticks = list(range(0, n, step))
    ax.set_xticks(ticks, [labels[i] for i in ticks])
    if rotate:
        for t in ax.get_xticklabels():
            t.set_rotation(35)
            t.set_horizontalalignment("right")
            t.set_rotation_mode("anchor")
    ax.set_xlim(-0.5, n - 0.5)
    ax.tick_params(axis="x", length=0, pad=6)


def clear_corner(ctx: Ctx) -> None:
    """The first category (or x value) sits where the value axis starts: set its label low enough
    to clear the lowest value label, which is centred on the axis line."""
    ctx.ax.tick_params(axis="x", pad=max(6.0, 0.8 * ctx.size))


def labels_fit(ctx: Ctx) -> bool:
    """Whether a data label per bar fits beside its neighbours."""
    return style.bar_labels_fit(ctx.chart, ctx.size, *plot_size(ctx))


def value_axis(ctx: Ctx, horizontal: bool, hide: bool, log: bool = False, percent: bool = False,
               ax: Axes | None = None, scale: Scale | None = None, series: Series | None = None) -> None:
    """Style the value axis: hidden when data labels carry the numbers, else light gridlines;
    its range and ticks from ``scale`` (the one the native chart uses too), if given."""
    ax = ax or ctx.ax
    axis = ax.xaxis if horizontal else ax.yaxis
    if scale is not None and not log:
        (ax.set_xlim if horizontal else ax.set_ylim)(scale.lo, scale.hi)
        axis.set_major_locator(FixedLocator(scale.ticks))
    elif log:
        (ax.set_xscale if horizontal else ax.set_yscale)("log")
        axis.set_major_locator(LogLocator(base=10, numticks=8))
        axis.set_minor_locator(NullLocator())
    else:
        axis.set_major_locator(MaxNLocator(nbins=5 if not horizontal else 6, min_n_ticks=3))
    axis.set_major_formatter(value_formatter(ctx, percent, log, series))
    if hide:
        ctx.value_axis_hidden = True
        ax.tick_params(axis="x" if horizontal else "y", which="both", labelbottom=False, labelleft=False,
                       labelright=False, length=0)
        axis.set_major_locator(NullLocator())
        return
    if ctx.theme.chart.gridlines:
        ax.grid(True, axis="x" if horizontal else "y", which="major")


def unit_label(ctx: Ctx, text: str, side: Literal["left", "right"] = "left", ax: Axes | None = None) -> None:
    """The unit or value-axis title as a small horizontal label above the plot."""
    if text:
        (ax or ctx.ax).set_title(text, loc=side, fontsize=ctx.small, color=ctx.colors.muted, pad=6)


def axis_titles(ctx: Ctx, horizontal: bool) -> None:
    """x_title names the category axis, y_title (or the unit) the value axis; both horizontal text.
    Column-like charts: the value title above the plot on the left, the category title below.
    Bar-like charts: the category title above the labels on the left, the value title on the right."""
    chart, ax = ctx.chart, ctx.ax
    value_title = style.value_axis_title(chart)
    if horizontal:
        if chart.x_title:
            unit_label(ctx, chart.x_title, "left")
            unit_label(ctx, value_title, "right")
        else:
            unit_label(ctx, value_title, "left")
        return
    if chart.x_title:
        ax.set_xlabel(chart.x_title, fontsize=ctx.small, color=ctx.colors.muted)
    unit_label(ctx, value_title)


def zero_line(ctx: Ctx, horizontal: bool, values: Sequence[float]) -> None:
    """A baseline at zero when some values are negative (the axis spine is then hidden)."""
    if any(v < 0 for v in values):
        if horizontal:
            ctx.ax.axvline(0, color=ctx.colors.muted, lw=0.8, zorder=2.5)
            ctx.ax.spines["left"].set_visible(False)
        else:
            ctx.ax.axhline(0, color=ctx.colors.muted, lw=0.8, zorder=2.5)
            ctx.ax.spines["bottom"].set_visible(False)


def reference_line(ctx: Ctx, horizontal: bool, ax: Axes | None = None) -> None:
    """A dashed line at the reference value, its label just outside the plot."""
    ref = ctx.chart.reference_line
    if ref is None:
        return
    ax = ax or ctx.ax
    color = ctx.colors.text
    kw = dict(color=color, lw=1.1, ls=(0, (4, 3)), zorder=4)
    if horizontal:
        ax.axvline(ref.value, **kw)
        if ref.label and not ctx.ref_label_placed:
            tr = blended_transform_factory(ax.transData, ax.transAxes)
            ax.text(ref.value, 1.0, ref.label, transform=tr, ha="center", va="bottom",
                    fontsize=ctx.small, color=color, clip_on=False)
    else:
        ax.axhline(ref.value, **kw)
        if ref.label and not ctx.ref_label_placed:
            tr = blended_transform_factory(ax.transAxes, ax.transData)
            ax.text(1.01, ref.value, ref.label, transform=tr, ha="left", va="center",
                    fontsize=ctx.small, color=color, clip_on=False)
    # keep the line inside the value range
    lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
    if not lo <= ref.value <= hi:
        span = (hi - lo) or 1.0
        lo, hi = min(lo, ref.value - 0.05 * span), max(hi, ref.value + 0.05 * span)
        (ax.set_xlim if horizontal else ax.set_ylim)(lo, hi)
