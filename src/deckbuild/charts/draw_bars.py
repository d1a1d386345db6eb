"""Bar-family drawings: column, bar, range, magnitude (log bars), scorecard, combo."""

from __future__ import annotations

import math

import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

import numpy as np
from matplotlib.patches import Patch
from matplotlib.ticker import NullLocator

from deckbuild.charts import style
from deckbuild.charts.axes import (
    axis_titles,
    category_axis,
    labels_fit,
    reference_line,
    unit_label,
    value_axis,
    zero_line,
)
from deckbuild.charts.canvas import Ctx, annotate, category_index
from deckbuild.charts.scale import line_scale, value_scale
from deckbuild.model.deck import Annotation, Series


def _matrix(ctx: Ctx, series: list[Series]) -> np.ndarray:
    n = len(ctx.chart.categories)
    rows = []
    for s in series:
        v = list(s.values[:n]) + [0.0] * max(0, n - len(s.values))
        rows.append(v)
    return np.array(rows, dtype=float).reshape(len(series), n)


def _bars(ctx: Ctx, series: list[Series], horizontal: bool, log: bool = False,
          hide_values: bool | None = None, labels: bool = True, group: float | None = None) -> dict:
    """Grouped, stacked or 100 % stacked bars; returns the bar ends per category for annotations."""
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    n, m = len(chart.categories), len(series)
    vals = _matrix(ctx, series)
    stacked = (chart.stacked or chart.percent) and m > 1
    plot = vals
    if chart.percent and m > 1:
        totals = np.abs(vals).sum(axis=0)
        totals[totals == 0] = 1
        plot = vals / totals * 100
    pos = np.arange(n, dtype=float)
    group = group or (0.64 if m == 1 else 0.76)
    width = group if stacked else group / m
    floor = _log_floor(vals) if log else 0.0
    pos_base, neg_base = np.zeros(n), np.zeros(n)
    hi = style.highlight_index(chart)
    axis_len = (ctx.width_pt if horizontal else ctx.height_pt) * 0.7
    span = (np.nanmax(np.where(plot > 0, plot, 0).sum(axis=0) if stacked else plot.max(initial=0))
            - np.nanmin(np.where(plot < 0, plot, 0).sum(axis=0) if stacked else plot.min(initial=0))) or 1.0
    ends: dict[int, list[tuple[float, float]]] = {}
    # data labels only where they fit (grouped bars: one slot per bar)
    show_labels = chart.data_labels and labels and labels_fit(ctx)
    for i, s in enumerate(series):
        colors = style.point_colors(chart, theme, i) or [ctx.color(i)] * n
        v = plot[i]
        if stacked:
            base = np.where(v >= 0, pos_base, neg_base)
            offs = pos
        else:
            base = np.full(n, floor)
            offs = pos - group / 2 + width * (i + 0.5)
        length = v - base if (log and not stacked) else v
        gap = 0.9 if m > 1 and not stacked else 1.0
        if horizontal:
            cont = ax.barh(offs, length, height=width * gap, left=base, color=colors, zorder=3)
        else:
            cont = ax.bar(offs, length, width=width * gap, bottom=base, color=colors, zorder=3)
        ctx.handles.append((Patch(facecolor=ctx.color(i)), s.name))
        for j in range(n):
            top = (base[j] + v[j]) if stacked else v[j]
            ends.setdefault(j, []).append((offs[j], top))
        if show_labels:
            texts = [style.label_sig(chart, x) if log else style.label(chart, x, s) for x in vals[i]]
            if stacked:
                # inside the segment, only where it is tall enough to hold the text
                texts = [t if abs(p) / span * axis_len >= (ctx.size * 1.25 if not horizontal
                                                        else len(t) * ctx.size * 0.6 + 4) else ""
                         for t, p in zip(texts, v)]
                anns = ax.bar_label(cont, texts, label_type="center", fontsize=ctx.small, zorder=5)
                for a, c in zip(anns, colors):
                    a.set_color(style.text_on(c, theme))
            else:
                anns = ax.bar_label(cont, texts, padding=3, fontsize=ctx.size, color=theme.colors.text, zorder=5)
                if hi is not None and hi < len(anns):
                    anns[hi].set_fontweight("bold")
                    if m == 1:
                        anns[hi].set_color(theme.colors.accent)
        if stacked:
            pos_base = pos_base + np.where(v >= 0, v, 0)
            neg_base = neg_base + np.where(v < 0, v, 0)
    hide = (show_labels and not stacked and not log) if hide_values is None else hide_values
    value_axis(ctx, horizontal, hide=hide, log=log, percent=chart.percent and m > 1,
               scale=None if log else value_scale(chart))
    if log:
        lim = ax.set_xlim if horizontal else ax.set_ylim
        lim(floor, 10 ** (math.log10(max(vals.max(), floor * 10)) + (0.55 if show_labels else 0.15)))
    zero_line(ctx, horizontal, list(plot.ravel()))
    if horizontal:
        ax.spines["bottom"].set_visible(not hide)
    return ends


def _log_floor(vals: np.ndarray) -> float:
    positive = vals[vals > 0]
    low = positive.min() if positive.size else 1.0
    return 10 ** math.floor(math.log10(low) - 0.3)


def _locator(ctx: Ctx, ends: dict, horizontal: bool):
    chart = ctx.chart

    def locate(a: Annotation):
        j = category_index(chart, a)
        if j is None:
            return None
        pts = ends.get(j)
        if not pts:
            return None
        where = max(pts, key=lambda p: p[1])
        y = a.y if a.y is not None else where[1]
        c = where[0] if len(pts) == 1 else float(j)
        return (y, c) if horizontal else (c, y)
    return locate


def _category_chart(ctx: Ctx, horizontal: bool, series: list[Series] | None = None, log: bool = False) -> dict:
    chart = ctx.chart
    series = list(chart.series) if series is None else series
    ends = _bars(ctx, series, horizontal, log=log or chart.log_scale)
    category_axis(ctx, horizontal)
    if horizontal:
        ctx.ax.set_ylim(len(chart.categories) - 0.5, -0.5)
    axis_titles(ctx, horizontal)
    reference_line(ctx, horizontal)
    annotate(ctx, _locator(ctx, ends, horizontal), horizontal,
             label_above=not horizontal and not (chart.stacked or chart.percent))
    return ends


def column(ctx: Ctx) -> None:
    _category_chart(ctx, horizontal=False)


def bar(ctx: Ctx) -> None:
    _category_chart(ctx, horizontal=True)


def magnitude(ctx: Ctx) -> None:
    """Values that differ by orders of magnitude: horizontal bars on a log axis, labelled."""
    chart, ax = ctx.chart, ctx.ax
    ends = _bars(ctx, list(chart.series), horizontal=True, log=True)
    category_axis(ctx, horizontal=True)
    ax.grid(True, axis="x", which="major", color=ctx.theme.chart.grid_color, lw=0.7)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="x", labelcolor=ctx.colors.muted, labelsize=ctx.small)
    axis_titles(ctx, horizontal=True)
    reference_line(ctx, horizontal=True)
    annotate(ctx, _locator(ctx, ends, True), horizontal=True)


def scorecard(ctx: Ctx) -> None:
    """Categories rated 0..max: a light track to the maximum, the score bar over it and the
    score in a column right of the tracks."""
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    series = list(chart.series)
    vals = _matrix(ctx, series)
    top = chart.max_value or (5.0 if vals.max(initial=0) <= 5 else 10.0 if vals.max() <= 10 else float(vals.max()))
    n, m = len(chart.categories), len(series)
    group = 0.56 if m == 1 else 0.76
    ax.barh(np.arange(n), [top] * n, height=group, color=theme.colors.surface, zorder=2)
    ends = _bars(ctx, series, horizontal=True, hide_values=True, labels=False, group=group)
    ax.set_xlim(0, top)
    category_axis(ctx, horizontal=True)
    ax.set_ylim(n - 0.5, -0.5)
    ax.spines["left"].set_visible(False)
    ax.spines["bottom"].set_visible(False)
    hi = style.highlight_index(chart)
    if chart.data_labels:
        tr = ax.get_yaxis_transform()  # x in axes units, y in data
        width = group / m
        for i in range(m):
            for j in range(n):
                y = j - group / 2 + width * (i + 0.5)
                strong = j == hi
                ax.text(1.015, y, style.label(chart, vals[i, j], series[i]), transform=tr, ha="left", va="center",
                        fontsize=ctx.size, fontweight="bold" if strong else "normal", clip_on=False,
                        color=theme.colors.accent if strong and m == 1 else theme.colors.text)
    # the scale's ends, so a reader knows what the score is out of
    tr = ax.get_xaxis_transform()
    ax.text(top, 1.0, style.fmt_number(top, 0 if float(top).is_integer() else 1, chart.language), transform=tr,
            ha="right", va="bottom", fontsize=ctx.small, color=theme.colors.muted)
    ax.text(0, 1.0, "0", transform=tr, ha="left", va="bottom", fontsize=ctx.small, color=theme.colors.muted)
    axis_titles(ctx, horizontal=True)
    reference_line(ctx, horizontal=True)
    annotate(ctx, _locator(ctx, ends, True), horizontal=True)


def range_(ctx: Ctx) -> None:
    """Low–high spans per category as floating columns labelled '66–72'."""
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    n = len(chart.categories)
    lows = _matrix(ctx, [chart.series[0]])[0]
    highs = _matrix(ctx, [chart.series[1] if len(chart.series) > 1 else chart.series[0]])[0]
    lows, highs = np.minimum(lows, highs), np.maximum(lows, highs)
    colors = style.point_colors(chart, theme, 0) or [ctx.color(0)] * n
    span = (max(highs.max(), 0) - min(lows.min(), 0)) or 1.0
    min_h = span * 0.012  # an exact value (low = high) still shows as a thin bar
    heights = np.maximum(highs - lows, min_h)
    bottoms = np.where(highs - lows < min_h, (lows + highs) / 2 - min_h / 2, lows)
    cont = ax.bar(np.arange(n), heights, width=0.56, bottom=bottoms, color=colors, zorder=3)
    hi = style.highlight_index(chart)
    if chart.data_labels:
        anns = ax.bar_label(cont, [style.range_label(chart, lo, h) for lo, h in zip(lows, highs)],
                            padding=3, fontsize=ctx.size, color=theme.colors.text, zorder=5)
        if hi is not None:
            anns[hi].set_fontweight("bold")
            anns[hi].set_color(theme.colors.accent)
    # The axis stays: a floating span means little without the scale from zero.
    value_axis(ctx, horizontal=False, hide=False, log=chart.log_scale, scale=value_scale(chart))
    category_axis(ctx, horizontal=False)
    axis_titles(ctx, horizontal=False)
    zero_line(ctx, False, list(lows))
    reference_line(ctx, horizontal=False)
    ends = {j: [(float(j), highs[j])] for j in range(n)}
    annotate(ctx, _locator(ctx, ends, False), label_above=True)


def combo(ctx: Ctx) -> None:
    """Bars for the primary series, lines for ``secondary`` series on a right-hand axis."""
    chart, ax, theme = ctx.chart, ctx.ax, ctx.theme
    bars = [s for s in chart.series if not s.secondary]
    lines = [(i, s) for i, s in enumerate(chart.series) if s.secondary]
    n = len(chart.categories)
    # bars in the lower part of the plot, lines above them, so labels do not collide (the
    # primary scale leaves the room, the secondary one puts the lines there)
    ends = _bars(ctx, bars, horizontal=False) if bars else {}
    category_axis(ctx, horizontal=False)
    primary = value_scale(chart)
    secondary = line_scale(chart, primary) if primary is not None and not chart.log_scale else None
    ax2 = ax.twinx()
    for side in ("top", "right", "left", "bottom"):
        ax2.spines[side].set_visible(False)
    lvals = _matrix(ctx, [s for _, s in lines]) if lines else np.zeros((0, n))
    for k, (i, s) in enumerate(lines):
        color = ctx.color(i)
        (art,) = ax2.plot(np.arange(n), lvals[k], color=color, marker="o", zorder=6, clip_on=False)
        ctx.handles.append((art, s.name))
        if chart.data_labels:
            for j, y in enumerate(lvals[k]):
                ax2.annotate(style.label(chart, y, s), (j, y), xytext=(0, 7), textcoords="offset points",
                             ha="center", va="bottom", fontsize=ctx.small, color=color, zorder=7,
                             bbox=dict(boxstyle="round,pad=0.15", fc=theme.colors.background, ec="none", alpha=0.85))
    if lines and secondary is not None:
        value_axis(ctx, horizontal=False, hide=chart.data_labels, ax=ax2, scale=secondary, series=lines[0][1])
        ax2.grid(False)
    elif lines:
        ax2.set_ylim(*style.combo_line_limits(float(lvals.min()), float(lvals.max()), split=bool(bars)))
    ax2.set_xlim(ax.get_xlim())
    hide2 = chart.data_labels
    if hide2:
        ax2.tick_params(axis="y", labelright=False, length=0)
        ax2.yaxis.set_major_locator(NullLocator())
    else:
        ax2.tick_params(axis="y", length=0)
    axis_titles(ctx, horizontal=False)
    unit_label(ctx, chart.y2_title, side="right")
    reference_line(ctx, horizontal=False)
    annotate(ctx, _locator(ctx, ends, False), label_above=True)
