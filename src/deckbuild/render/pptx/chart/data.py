"""A native chart's type and data: the python-pptx chart type for a model chart, and its
chart data (series in drawing order, plus a reference-line series), whose workbook holds
every text as a literal string."""

from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE

from deckbuild.model.deck import Chart, ChartKind, Series
from deckbuild.render.pptx.chart.workbook import LiteralCategoryChartData, LiteralXyChartData


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
    for s in series_order(chart):
        data.add_series(s.name, values(chart, s), number_format=code)
    if chart.reference_line is not None and chart.kind not in (ChartKind.PIE, ChartKind.DONUT):
        data.add_series(chart.reference_line.label or "—", [chart.reference_line.value] * len(chart.categories),
                        number_format=code)
    return data
