"""A native chart's type and data: the python-pptx chart type for a model chart, the series
it is drawn with (``plan``: the model's series, plus the ones a kind is built from), and its
chart data, whose workbook holds every text as a literal string.

Kinds PowerPoint has no single chart type for are built from its stacked bars:

- ``range``: a stacked column of an invisible base (the low value) and the span (high − low),
  with a line series of the high values, drawn without line or markers, that carries the
  '66–72' labels above the spans;
- ``scorecard`` (one series): a stacked bar of the score and the rest of the scale
  (max − score) in a light colour, so every bar shows what it is out of; with several
  series, clustered bars on a value axis that ends at the maximum;
- ``magnitude``: clustered bars on a logarithmic value axis (``axes``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.enum.chart import XL_CHART_TYPE

from deckbuild.model.deck import Chart, ChartKind, Series
from deckbuild.render.pptx.chart.workbook import LiteralCategoryChartData, LiteralXyChartData

# What a series of the native chart is for.
DATA = "data"  # a model series, drawn as the kind draws it
BASE = "base"  # range: the invisible part of a stacked column below the span
SPAN = "span"  # range: the visible span of a stacked column
TOP = "top"  # range: the high values, an invisible line carrying the span's labels
REST = "rest"  # scorecard: the rest of the scale, from the score to the maximum
REF = "ref"  # the reference line


@dataclass(frozen=True)
class NativeSeries:
    """One series of the native chart: its name and values in the workbook, its ``role``, and
    the model series it shows (None for a range's base and the reference line)."""

    name: str
    values: tuple[float, ...]
    role: str = DATA
    model: Series | None = None


def chart_type(chart: Chart) -> XL_CHART_TYPE:
    multi = len(chart.series) > 1
    pct = chart.percent and multi
    stk = (chart.stacked or chart.percent) and multi
    k = chart.kind
    T = XL_CHART_TYPE
    if k is ChartKind.COLUMN:
        return T.COLUMN_STACKED_100 if pct else T.COLUMN_STACKED if stk else T.COLUMN_CLUSTERED
    if k is ChartKind.BAR:
        return T.BAR_STACKED_100 if pct else T.BAR_STACKED if stk else T.BAR_CLUSTERED
    if k is ChartKind.LINE:
        return T.LINE_MARKERS_STACKED_100 if pct else T.LINE_MARKERS_STACKED if stk else T.LINE_MARKERS
    if k is ChartKind.AREA:
        return T.AREA_STACKED_100 if pct else T.AREA_STACKED if stk else T.AREA
    if k is ChartKind.PIE:
        return T.PIE
    if k is ChartKind.DONUT:
        return T.DOUGHNUT
    if k is ChartKind.SCATTER:
        return T.XY_SCATTER
    if k is ChartKind.COMBO:
        return T.COLUMN_CLUSTERED
    if k is ChartKind.RANGE:
        return T.COLUMN_STACKED
    if k is ChartKind.MAGNITUDE:
        return T.BAR_CLUSTERED
    if k is ChartKind.SCORECARD:
        return T.BAR_CLUSTERED if multi else T.BAR_STACKED
    raise ValueError(f"no native chart for kind {k.value}")


def values(chart: Chart, s: Series) -> tuple[float, ...]:
    """The values of ``s``, one per category (missing ones are 0)."""
    n = len(chart.categories)
    return tuple(s.values[:n]) + (0.0,) * max(0, n - len(s.values))


def series_order(chart: Chart) -> list[Series]:
    """The model series in chart order: for a combo, the bar series first, then the line
    (secondary) series, as in the drawing."""
    if chart.kind is ChartKind.COMBO:
        return [s for s in chart.series if not s.secondary] + [s for s in chart.series if s.secondary]
    return list(chart.series)


def scale_top(chart: Chart) -> float:
    """The top of a scorecard's scale: its ``max``, else 5, 10 or the largest score (as drawn)."""
    top = max((v for s in chart.series for v in s.values), default=0.0)
    return chart.max_value or (5.0 if top <= 5 else 10.0 if top <= 10 else float(top))


def range_bounds(chart: Chart) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A range chart's (lows, highs), each low at most its high."""
    first = values(chart, chart.series[0])
    second = values(chart, chart.series[1]) if len(chart.series) > 1 else first
    return tuple(map(min, first, second)), tuple(map(max, first, second))


def _range_plan(chart: Chart) -> list[NativeSeries]:
    """Base, span (and, where a range crosses or lies below zero, a negative span) and the
    labelled high values. Columns stack positive and negative values apart, from zero: a span
    above zero sits on its low; one below zero hangs from its high; one across zero is two
    parts, zero to high and zero to low. An exact value (low = high) keeps a thin span."""
    lows, highs = range_bounds(chart)
    span = (max(max(highs), 0.0) - min(min(lows), 0.0)) or 1.0
    thin = span * 0.012
    base: list[float] = []
    up: list[float] = []
    down: list[float] = []
    for lo, hi in zip(lows, highs):
        if lo >= 0:
            parts = (lo, max(hi - lo, thin), 0.0)
        elif hi <= 0:
            parts = (hi, 0.0, -max(hi - lo, thin))
        else:
            parts = (0.0, hi, lo)
        for column, value in zip((base, up, down), parts):
            column.append(value)
    low_s, high_s = chart.series[0], chart.series[-1]
    name = f"{high_s.name} \u2212 {low_s.name}" if high_s is not low_s else low_s.name
    plan = [NativeSeries(low_s.name, tuple(base), BASE), NativeSeries(name, tuple(up), SPAN, low_s)]
    if any(down):
        plan.append(NativeSeries(name + " (<0)", tuple(down), SPAN, low_s))
    plan.append(NativeSeries(high_s.name, highs, TOP, high_s))
    return plan


def plan(chart: Chart) -> list[NativeSeries]:
    """The series of the native chart, in chart order (their c:idx)."""
    if chart.kind is ChartKind.RANGE:
        out = _range_plan(chart)
    elif chart.kind is ChartKind.SCORECARD and len(chart.series) == 1:
        s, top = chart.series[0], scale_top(chart)
        vals = values(chart, s)
        rest = tuple(max(0.0, top - v) for v in vals)
        out = [NativeSeries(s.name, vals, DATA, s),
               NativeSeries(f"{top:g} \u2212 {s.name}", rest, REST, s)]
    else:
        out = [NativeSeries(s.name, values(chart, s), DATA, s) for s in series_order(chart)]
    if chart.reference_line is not None and chart.kind not in (ChartKind.PIE, ChartKind.DONUT):
        ref = chart.reference_line
        out.append(NativeSeries(ref.label or "—", (ref.value,) * len(chart.categories), REF))
    return out


def chart_data(chart: Chart):
    code = chart.number_format.excel_code
    if chart.kind is ChartKind.SCATTER:
        data = LiteralXyChartData(number_format=code)
        for s in chart.series:
            ser = data.add_series(s.name, number_format=code)
            xs = s.x or tuple(range(1, len(s.values) + 1))
            for x, y in zip(xs, s.values):
                ser.add_data_point(x, y)
        if chart.reference_line is not None:
            spread = [x for s in chart.series for x in (s.x or range(1, len(s.values) + 1))] or [0, 1]
            ser = data.add_series(chart.reference_line.label or "—", number_format=code)
            ser.add_data_point(min(spread), chart.reference_line.value)
            ser.add_data_point(max(spread), chart.reference_line.value)
        return data
    data = LiteralCategoryChartData(number_format=code)
    data.categories = list(chart.categories)
    for native in plan(chart):
        own = native.model.number_format if native.model is not None else None
        data.add_series(native.name, native.values, number_format=own.excel_code if own is not None else code)
    return data
