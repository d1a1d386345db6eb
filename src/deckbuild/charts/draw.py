"""Draw a resolved chart with matplotlib's object API (no pyplot, no global figure state).

``figure(chart, theme, width_pt, height_pt)`` returns a ``matplotlib.figure.Figure`` for every
``ChartKind``. Tick labels are created when the figure is drawn, so save it inside
``style.rc_context(theme, width_pt)`` (the functions in ``charts.export`` do).

The chart title is not drawn: the deck and the report show it themselves. The unit (or
``y_title``) sits above the value axis as a small label; data labels replace the value axis
where they make it redundant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, LogLocator, MaxNLocator, NullLocator
from matplotlib.transforms import blended_transform_factory

from deckbuild.charts import style
from deckbuild.charts.style import text_width
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

    @property
    def small(self) -> float:
        return round(self.size * 0.9, 2)

    def color(self, i: int) -> str:
        return style.series_color(self.chart, self.theme, i)

    @property
    def colors(self):
        return self.theme.colors


def figure(chart: Chart, theme: Theme, width_pt: float, height_pt: float) -> Figure:
    """The chart drawn at ``width_pt`` × ``height_pt`` points, constrained layout, no title."""
    from deckbuild.charts import draw_bars, draw_other

    drawers: dict[ChartKind, Callable[[Ctx], None]] = {
        ChartKind.COLUMN: draw_bars.column,
        ChartKind.BAR: draw_bars.bar,
        ChartKind.RANGE: draw_bars.range_,
        ChartKind.MAGNITUDE: draw_bars.magnitude,
        ChartKind.SCORECARD: draw_bars.scorecard,
        ChartKind.COMBO: draw_bars.combo,
        ChartKind.LINE: draw_other.line,
        ChartKind.AREA: draw_other.area,
        ChartKind.PIE: draw_other.pie,
        ChartKind.DONUT: draw_other.pie,
        ChartKind.SCATTER: draw_other.scatter,
    }
    with style.rc_context(theme, width_pt):
        fig = Figure(figsize=(width_pt / 72, height_pt / 72), dpi=72, layout="constrained")
        ax = fig.add_subplot()
        ctx = Ctx(chart, theme, fig, ax, width_pt, height_pt, style.font_size(theme, width_pt))
        if not chart.series or not any(s.values for s in chart.series):
            ax.set_axis_off()
            ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes, color=theme.colors.muted)
            return fig
        drawers[chart.kind](ctx)
        legend(ctx)
    return fig


# ---------------------------------------------------------------------------------- text helpers


def wrap(text: str, max_pt: float, size: float, max_lines: int = 3) -> str:
    """Break a label into lines no wider than ``max_pt`` at the line-break opportunities
    of deckbuild.layout.text (UAX #14: between CJK glyphs, at spaces, never before closing
    punctuation); the text unchanged if it needs more than ``max_lines`` lines."""
    from deckbuild.layout.text.linebreak import break_units

    if text_width(text, size) <= max_pt or "\n" in text:
        return text
    lines, cur = [], ""
    for unit in break_units(text):
        if cur.strip() and text_width((cur + unit).rstrip(), size) > max_pt:
            lines.append(cur.rstrip())
            cur = unit.lstrip()
        else:
            cur += unit
    if cur.strip():
        lines.append(cur.strip())
    # Avoid a lone glyph on the last line.
    if len(lines) > 1 and len(lines[-1]) == 1:
        last = lines.pop()
        lines[-1] += last
    if len(lines) > max_lines:
        return text  # let the caller rotate instead
    return "\n".join(lines)


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


# ---------------------------------------------------------------------------------- axes helpers


def auto_decimals(values: Sequence[float]) -> int:
    """Decimals needed to tell tick values apart (0–3)."""
    for d in range(0, 4):
        if all(abs(v - round(v, d)) < 1e-9 * max(1.0, abs(v)) for v in values):
            return d
    return 3


class ValueFormatter(Formatter):
    """Tick labels in the chart's number format, all with the same number of decimals."""

    def __init__(self, chart: Chart, percent: bool = False, plain: bool = False, log: bool = False):
        self.chart, self.percent, self.plain, self.log = chart, percent, plain, log
        self.decimals: Optional[int] = None

    def _one(self, v: float, d: int) -> str:
        if self.percent:
            return style.fmt_number(v, d) + "%"
        if self.plain:
            return style.fmt_number(v, d)
        return style.tick_label(self.chart, v, d)

    def __call__(self, v: float, pos=None) -> str:
        return self._one(v, self.decimals if self.decimals is not None else auto_decimals([v]))

    def format_ticks(self, values):
        if self.log:  # 0.1, 1, 10, 100: each with the decimals it needs
            self.decimals = None
            return [self(v) for v in values]
        self.decimals = auto_decimals(list(values))
        return [self._one(v, self.decimals) for v in values]


def value_formatter(ctx: Ctx, percent: bool = False, log: bool = False) -> Formatter:
    return ValueFormatter(ctx.chart, percent, log=log)


def plot_size(ctx: Ctx) -> tuple[float, float]:
    """Rough width and height of the plot area in points, before layout (for fitting labels)."""
    legend = 26 if style.show_legend(ctx.chart) and ctx.chart.legend in ("top", "bottom") else 0
    right = 110 if style.show_legend(ctx.chart) and ctx.chart.legend == "right" else 0
    return max(60.0, 0.9 * ctx.width_pt - right), max(50.0, ctx.height_pt - 48 - legend)


def category_axis(ctx: Ctx, horizontal: bool, n: Optional[int] = None) -> None:
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
            t.set_ha("right")
            t.set_rotation_mode("anchor")
    ax.set_xlim(-0.5, n - 0.5)
    ax.tick_params(axis="x", length=0, pad=6)


def labels_fit(ctx: Ctx) -> bool:
    """Whether a data label per bar fits beside its neighbours."""
    return style.bar_labels_fit(ctx.chart, ctx.size, *plot_size(ctx))


def value_axis(ctx: Ctx, horizontal: bool, hide: bool, log: bool = False, percent: bool = False,
               ax: Optional[Axes] = None) -> None:
    """Style the value axis: hidden when data labels carry the numbers, else light gridlines."""
    ax = ax or ctx.ax
    axis = ax.xaxis if horizontal else ax.yaxis
    if log:
        (ax.set_xscale if horizontal else ax.set_yscale)("log")
        axis.set_major_locator(LogLocator(base=10, numticks=8))
        axis.set_minor_locator(NullLocator())
    else:
        axis.set_major_locator(MaxNLocator(nbins=5 if not horizontal else 6, min_n_ticks=3))
    axis.set_major_formatter(value_formatter(ctx, percent, log))
    if hide:
        ctx.value_axis_hidden = True
        ax.tick_params(axis="x" if horizontal else "y", which="both", labelbottom=False, labelleft=False,
                       labelright=False, length=0)
        axis.set_major_locator(NullLocator())
        return
    if ctx.theme.chart.gridlines:
        ax.grid(True, axis="x" if horizontal else "y", which="major")


def unit_label(ctx: Ctx, text: str, side: str = "left", ax: Optional[Axes] = None) -> None:
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


def reference_line(ctx: Ctx, horizontal: bool, ax: Optional[Axes] = None) -> None:
    """A dashed line at the reference value, its label just outside the plot."""
    ref = ctx.chart.reference_line
    if ref is None:
        return
    ax = ax or ctx.ax
    color = ctx.colors.text
    kw = dict(color=color, lw=1.1, ls=(0, (4, 3)), zorder=4)
    if horizontal:
        ax.axvline(ref.value, **kw)
        if ref.label:
            tr = blended_transform_factory(ax.transData, ax.transAxes)
            ax.text(ref.value, 1.0, ref.label, transform=tr, ha="center", va="bottom",
                    fontsize=ctx.small, color=color, clip_on=False)
    else:
        ax.axhline(ref.value, **kw)
        if ref.label:
            tr = blended_transform_factory(ax.transAxes, ax.transData)
            ax.text(1.01, ref.value, ref.label, transform=tr, ha="left", va="center",
                    fontsize=ctx.small, color=color, clip_on=False)
    # keep the line inside the value range
    lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
    if not lo <= ref.value <= hi:
        span = (hi - lo) or 1.0
        lo, hi = min(lo, ref.value - 0.05 * span), max(hi, ref.value + 0.05 * span)
        (ax.set_xlim if horizontal else ax.set_ylim)(lo, hi)


def annotate(ctx: Ctx, locate: Callable[[Annotation], Optional[tuple[float, float]]],
             horizontal: bool = False, ax: Optional[Axes] = None, only: Optional[list[Annotation]] = None,
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
        text = wrap(a.text, max(90.0, 0.28 * ctx.width_pt), ctx.small)
        shrink = ctx.size * 1.5 if label_above and ctx.chart.data_labels else 4
        ax.annotate(
            text, xy=(x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
            fontsize=ctx.small, color=ctx.colors.text, zorder=6,
            bbox=dict(boxstyle="round,pad=0.25", fc=ctx.colors.background, ec="none", alpha=0.9),
            arrowprops=dict(arrowstyle="-|>", color=ctx.colors.muted, lw=0.9, shrinkA=2, shrinkB=shrink,
                            mutation_scale=8, connectionstyle="arc3,rad=0.15"),
            annotation_clip=False,
        )


def category_index(chart: Chart, a: Annotation) -> Optional[int]:
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
    loc = "outside lower center" if where == "bottom" else "outside upper center"
    ctx.fig.legend(handles, labels, loc=loc, ncols=ncols, fontsize=ctx.small)
