"""Line, area, pie/donut and scatter drawings."""

from __future__ import annotations

import math

import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

import numpy as np
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator

from deckbuild.charts import style
from deckbuild.charts.axes import (
    ValueFormatter,
    axis_titles,
    category_axis,
    clear_corner,
    plot_size,
    reference_line,
    value_axis,
    zero_line,
)
from deckbuild.charts.canvas import Ctx, annotate, category_index, spread
from deckbuild.charts.scale import value_scale, x_scale
from deckbuild.model.deck import Annotation, ChartKind


def _matrix(ctx: Ctx) -> np.ndarray:
    n = len(ctx.chart.categories)
    rows = [list(s.values[:n]) + [0.0] * max(0, n - len(s.values)) for s in ctx.chart.series]
    return np.array(rows, dtype=float).reshape(len(rows), n)


def _plot_height(ctx: Ctx) -> float:
    """Approximate height of the plot area in points (for spacing labels)."""
    return plot_size(ctx)[1]


def line(ctx: Ctx) -> None:
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    raw = _matrix(ctx)
    m, n = raw.shape
    stacked = (chart.stacked or chart.percent) and m > 1
    vals = raw
    if stacked:  # as the native stacked line chart: each line on top of the ones before
        if chart.percent:
            totals = np.abs(raw).sum(axis=0)
            totals[totals == 0] = 1
            vals = raw / totals * 100
        vals = np.cumsum(vals, axis=0)
    x = np.arange(n)
    hi = style.highlight_index(chart)
    few = n <= 8 and m == 1
    marker = "o" if n <= 24 else None
    for i, s in enumerate(chart.series):
        color = ctx.color(i)
        (art,) = ax.plot(x, vals[i], color=color, marker=marker, zorder=4, clip_on=False,
                         markeredgecolor=theme.colors.background, markeredgewidth=1.2)
        ctx.handles.append((art, s.name))
        if hi is not None and hi < n:
            ax.plot([hi], [vals[i][hi]], marker="o", ms=9, color=theme.colors.accent, zorder=5, clip_on=False,
                    markeredgecolor=theme.colors.background, markeredgewidth=1.5)
    value_axis(ctx, horizontal=False, hide=False, log=chart.log_scale, percent=stacked and chart.percent,
               scale=value_scale(chart))
    if chart.log_scale:
        ax.margins(y=0.15)
        if chart.max_value is not None:
            ax.set_ylim(ax.get_ylim()[0], chart.max_value)
    category_axis(ctx, horizontal=False)
    if n > 1:
        ax.set_xlim(-0.3, n - 0.7)
    if chart.data_labels:
        if few:
            below = set() if chart.log_scale else style.valleys(list(vals[0]), *ax.get_ylim())
            for j, y in enumerate(vals[0]):
                ax.annotate(style.label(chart, y, chart.series[0]), (j, y), xytext=(0, -8 if j in below else 8),
                            textcoords="offset points", ha="center", va="top" if j in below else "bottom",
                            fontsize=ctx.small, zorder=6,
                            color=theme.colors.accent if j == hi else theme.colors.text,
                            fontweight="bold" if j == hi else "normal")
        else:  # only the latest value of each line, at its end
            texts = [style.label(chart, raw[i][-1], chart.series[i]) for i in range(m)]
            _end_label_column(ctx, [float(n - 1)] * len(texts), list(vals[:, -1]), texts,
                              [ctx.color(i) for i in range(len(chart.series))])
    zero_line(ctx, False, list(vals.ravel()))
    axis_titles(ctx, horizontal=False)
    reference_line(ctx, horizontal=False)
    annotate(ctx, _point_locator(ctx, vals), label_above=few)


def _end_label_column(ctx: Ctx, xs: list[float], ys: list[float], texts: list[str], colors: list[str]) -> None:
    """Labels to the right of the last points, spread vertically so they never overlap; the
    reference line's label joins them (it sits on the same right edge)."""
    ax = ctx.ax
    ax.autoscale_view()
    lo, hi = ax.get_ylim()
    ref = ctx.chart.reference_line
    weights = ["bold"] * len(ys)
    if ref is not None and ref.label:
        xs, ys, texts = [*xs, xs[-1] if xs else 0.0], [*ys, ref.value], [*texts, ref.label]
        colors, weights = [*colors, ctx.colors.text], [*weights, "normal"]
        ctx.ref_label_placed = True
    gap = ctx.small * 1.3 * (hi - lo) / _plot_height(ctx)
    placed = spread(ys, gap)
    for x, y, yp, t, c, wt in zip(xs, ys, placed, texts, colors, weights):
        ann = ax.annotate(t, xy=(x, y), xytext=(8, 0), textcoords="offset points", ha="left", va="center",
                          fontsize=ctx.small, color=c, fontweight=wt, annotation_clip=False, zorder=6,
                          bbox=dict(boxstyle="square,pad=0.1", fc=ctx.colors.background, ec="none", alpha=0.9))
        # shift vertically in data units: xytext offset is in points, so convert the spread
        dy_pt = (yp - y) / ((hi - lo) or 1.0) * _plot_height(ctx)
        ann.xyann = (8, dy_pt)


def _point_locator(ctx: Ctx, vals: np.ndarray, stacked_tops: np.ndarray | None = None):
    chart = ctx.chart

    def locate(a: Annotation):
        j = category_index(chart, a)
        if j is None:
            return None
        if a.y is not None:
            return (float(j), a.y)
        col = stacked_tops if stacked_tops is not None else vals
        return (float(j), float(col[:, j].max()))
    return locate


def area(ctx: Ctx) -> None:
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    vals = _matrix(ctx)
    m, n = vals.shape
    x = np.arange(n)
    colors = [ctx.color(i) for i in range(m)]
    plot = vals
    if chart.percent and m > 1:
        totals = np.abs(vals).sum(axis=0)
        totals[totals == 0] = 1
        plot = vals / totals * 100
    stacked = (chart.stacked or chart.percent) and m > 1
    if stacked:
        ax.stackplot(x, plot, colors=colors, alpha=0.92, lw=0, zorder=3)
        for i, s in enumerate(chart.series):
            ctx.handles.append((Patch(facecolor=colors[i]), s.name))
        tops = np.cumsum(plot, axis=0)
        ax.plot(x, tops[-1], color=theme.colors.background, lw=0.8, zorder=4)
    else:
        tops = plot
        for i, s in enumerate(chart.series):
            ax.fill_between(x, plot[i], color=colors[i], alpha=0.22 if m > 1 else 0.3, lw=0, zorder=3)
            ax.plot(x, plot[i], color=colors[i], lw=2, zorder=4)
            ctx.handles.append((Patch(facecolor=colors[i]), s.name))
    value_axis(ctx, horizontal=False, hide=False, log=chart.log_scale, percent=stacked and chart.percent,
               scale=value_scale(chart))
    if chart.log_scale and chart.max_value is not None:
        ax.set_ylim(ax.get_ylim()[0], chart.max_value)
    category_axis(ctx, horizontal=False)
    if n > 1:
        ax.set_xlim(0, n - 1)
    ax.margins(x=0)
    clear_corner(ctx)
    if chart.data_labels and n > 0:
        if stacked:
            mids = [float(tops[i, -1] - plot[i, -1] / 2) for i in range(m)]
        else:
            mids = [float(plot[i, -1]) for i in range(m)]
        texts = [style.label(chart, vals[i, -1], chart.series[i]) for i in range(m)]
        _end_label_column(ctx, [float(n - 1)] * m, mids, texts,
                          [c if not stacked else style.mix(c, "#000000", 0.25) for c in colors])
    zero_line(ctx, False, list(plot.ravel()))
    axis_titles(ctx, horizontal=False)
    reference_line(ctx, horizontal=False)
    annotate(ctx, _point_locator(ctx, vals, tops if stacked else None))


def pie(ctx: Ctx) -> None:
    """Pie or donut, each slice labelled outside with its category (and value), no legend."""
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    values = [max(0.0, v) for v in chart.series[0].values[: len(chart.categories)]]
    cats = list(chart.categories[: len(values)])
    colors = style.slice_colors(chart, theme)
    donut = chart.kind is ChartKind.DONUT
    wedges, _ = ax.pie(values, colors=colors, startangle=90, counterclock=False, radius=1.0,
                       wedgeprops=dict(width=style.DONUT_RING if donut else 1.0, edgecolor=theme.colors.background,
                                       linewidth=1.6))
    ax.set_aspect("equal")
    hi = style.highlight_index(chart)
    notes = {}
    for a in chart.annotations:
        j = category_index(chart, a)
        if j is not None:
            notes[j] = a.text
    # label anchors on each side, spread so that they do not overlap; a long name wrapped
    sides: dict[int, list[tuple[int, float, float]]] = {1: [], -1: []}
    for j, w in enumerate(wedges):
        ang = math.radians((w.theta1 + w.theta2) / 2)
        x, y = math.cos(ang), math.sin(ang)
        sides[1 if x >= 0 else -1].append((j, x, y))
    texts: dict[int, str] = {}
    for j in range(len(wedges)):
        t = style.wrap(cats[j], max(90.0, 0.26 * ctx.width_pt), ctx.size, language=chart.language)
        if chart.data_labels:
            t += ("\n" if "\n" in t else "  ") + style.label(chart, values[j])
        texts[j] = t + ("\n" + notes[j] if j in notes else "")
    ax.set_xlim(-1.25, 1.25)
    ax.set_ylim(-1.22, 1.22)
    arts = {}
    for j in texts:
        strong = j == hi
        (leader,) = ax.plot([], [], color=theme.colors.muted, lw=0.7, zorder=1, clip_on=False,
                            solid_capstyle="round")
        label = ax.text(0, 0, texts[j], va="center", fontsize=ctx.size, linespacing=1.25, clip_on=False,
                        color=theme.colors.accent if strong else theme.colors.text,
                        fontweight="bold" if strong else "normal")
        arts[j] = (leader, label)
    unit = 2.44 / (_plot_height(ctx) + 20)  # data units per point, until the layout tells
    for _ in range(3):
        _place_slice_labels(ctx, sides, texts, arts, unit)
        ctx.fig.draw_without_rendering()  # the pie's size once the labels take their room
        y0, y1 = ax.transData.transform([(0.0, 0.0), (0.0, 1.0)])[:, 1]
        unit = ctx.fig.dpi / 72 / max(1e-6, y1 - y0)
    if donut and chart.unit:
        ax.text(0, 0, chart.unit, ha="center", va="center", fontsize=ctx.small, color=theme.colors.muted)
    ax.set_axis_off()
    for s in ax.spines.values():
        s.set_visible(False)


def _place_slice_labels(ctx: Ctx, sides: dict[int, list[tuple[int, float, float]]], texts: dict[int, str],
                        arts: dict, unit: float) -> None:
    """Each side's labels at their slices' heights, spread a line apart (``unit``: data units
    per point), their leader lines from the slices' edges to them."""
    for side, items in sides.items():
        if not items:
            continue
        lines = max(texts[j].count("\n") + 1 for j, _, _ in items)
        gap = ctx.size * 1.3 * unit * lines  # the labels are set at ctx.size
        placed = spread([1.2 * y for _, _, y in items], gap, -1.2, 1.2)
        for (j, x, y), yp in zip(items, placed):
            xl = side * max(1.08, math.sqrt(max(0.0, 1.25 ** 2 - yp ** 2)) if abs(yp) < 1.25 else 1.08)
            xl = side * max(abs(xl), 0.95 + 0.25 * abs(x))
            leader, label = arts[j]
            leader.set_data([x, x * 1.06, xl - side * 0.04], [y, y * 1.06, yp])
            label.set_position((xl, yp))
            label.set_horizontalalignment("left" if side > 0 else "right")


def scatter(ctx: Ctx) -> None:
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    hi = chart.highlight
    many = sum(len(s.values) for s in chart.series) > 40
    # an annotation on a named point joins that point's label; the others get an arrow
    notes: dict[str, str] = {}
    free = []
    for a in chart.annotations:
        if a.category and a.category in chart.categories and chart.data_labels and not many:
            notes[a.category] = (notes[a.category] + "\n" if a.category in notes else "") + a.text
        else:
            free.append(a)
    for i, s in enumerate(chart.series):
        color = ctx.color(i)
        xs = list(s.x[: len(s.values)]) or list(range(len(s.values)))
        ys = list(s.values[: len(xs)])
        names = list(chart.categories) if len(chart.categories) == len(ys) else [""] * len(ys)
        cols = [theme.colors.accent if hi and n == hi else (style.muted(color) if hi else color) for n in names]
        ax.scatter(xs, ys, s=26 if many else 46, c=cols, alpha=0.9, linewidths=0.8,
                   edgecolors=theme.colors.background, zorder=4, clip_on=False)
        ctx.handles.append((ax.collections[-1], s.name))
        if chart.data_labels and not many:
            for x, y, name in zip(xs, ys, names):
                if name:
                    label = name + ("\n" + notes[name] if name in notes and i == 0 else "")
                    ax.annotate(label, (x, y), xytext=(6, 3), textcoords="offset points", fontsize=ctx.small,
                                va="bottom" if "\n" not in label else "center", linespacing=1.2,
                                color=theme.colors.accent if name == hi else theme.colors.text, zorder=5,
                                fontweight="bold" if name == hi else "normal")
    if chart.log_scale:
        ax.set_yscale("log")
    ax.margins(0.08)
    value_axis(ctx, horizontal=False, hide=False, log=chart.log_scale, scale=value_scale(chart))
    across = x_scale(chart)
    if across is not None:
        ax.set_xlim(across.lo, across.hi)
        ax.xaxis.set_major_locator(FixedLocator(across.ticks))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.xaxis.set_major_formatter(ValueFormatter(chart, plain=True))
    clear_corner(ctx)
    if theme.chart.gridlines:
        ax.grid(True, axis="both")
    ax.spines["left"].set_visible(True)
    if chart.log_scale and chart.max_value is not None:
        ax.set_ylim(ax.get_ylim()[0], chart.max_value)
    axis_titles(ctx, horizontal=False)
    reference_line(ctx, horizontal=False)

    def locate(a: Annotation):
        if a.x is not None and a.y is not None:
            return (a.x, a.y)
        if a.category in chart.categories:
            j = chart.categories.index(a.category)
            s = chart.series[0]
            if j < len(s.values):
                return ((s.x[j] if j < len(s.x) else j), a.y if a.y is not None else s.values[j])
        return None
    annotate(ctx, locate, only=free)
