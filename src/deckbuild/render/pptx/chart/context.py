"""What the styling of one native chart needs to know: the model chart, the theme, the
python-pptx chart and its XML, and the decisions taken once for the whole chart (font size,
language, number format, the series it is drawn with, stacking, whether bar labels fit).

Every text of a chart on a slide is set at the theme's chart type size, or larger: a narrow
chart box gets the same size as a wide one (the report's figures are smaller, not the deck's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deckbuild.charts import style
from deckbuild.model.deck import Chart, ChartKind
from deckbuild.model.theme import Theme
from deckbuild.render.pptx.chart.data import REF, NativeSeries, plan, range_bounds
from deckbuild.render.pptx.ns import qn

HOLE = 50  # a donut's hole, in per cent of its diameter (the drawing's ring: style.DONUT_RING)


@dataclass
class ChartContext:
    chart: Chart
    theme: Theme
    pc: Any  # the python-pptx chart
    space: Any  # its c:chartSpace element
    plot_area: Any  # its c:plotArea element
    size: float  # base font size in points
    lang: str
    faces: tuple[str, str, str]  # the typefaces of latin, East Asian and complex-script text
    code: str  # Excel number format of the values
    series: list[NativeSeries]  # the series of the native chart, by c:idx
    ref_index: int | None  # index of the reference-line series, if it is drawn as one
    multi: bool
    stacked: bool  # the model's series are stacked (or 100 % stacked)
    layered: bool  # a kind built from stacked bars: range, one-series scorecard
    bar_labels: bool  # value labels on bars fit beside each other
    box: tuple[float, float] = (0.0, 0.0)  # the chart's width and height in points

    @classmethod
    def of(cls, chart: Chart, theme: Theme, pchart, width_emu: int, height_emu: int) -> ChartContext:
        space = pchart.element
        size = float(theme.chart.font_size)
        series = plan(chart)
        refs = [i for i, s in enumerate(series) if s.role == REF]
        multi = len(chart.series) > 1
        layered = chart.kind is ChartKind.RANGE or (chart.kind is ChartKind.SCORECARD and not multi)
        # value labels on bars only where they fit beside each other (as in the drawing)
        w_pt, h_pt = width_emu / 12700, height_emu / 12700
        legend = 26 if style.show_legend(chart) and chart.legend in ("top", "bottom") else 0
        plot_w, plot_h = max(60.0, 0.9 * w_pt), max(50.0, h_pt - 48 - legend)
        if chart.kind is ChartKind.RANGE:  # one span per category, labelled '66–72'
            widest = max((style.text_width(style.range_label(chart, lo, hi), size)
                          for lo, hi in zip(*range_bounds(chart))), default=0.0)
            fit = plot_w / max(1, len(chart.categories)) >= widest * 1.05
        elif chart.kind is ChartKind.SCORECARD:  # the score inside its bar's end
            fit = True
        else:
            fit = style.bar_labels_fit(chart, size, plot_w, plot_h)
        return cls(chart=chart, theme=theme, pc=pchart, space=space,
                   plot_area=space.find(qn("c:chart")).find(qn("c:plotArea")),
                   size=size, lang=style.language_of(chart), faces=chart_faces(theme, style.language_of(chart)),
                   code=chart.number_format.excel_code, series=series, ref_index=refs[0] if refs else None,
                   multi=multi, stacked=(chart.stacked or chart.percent) and multi, layered=layered,
                   bar_labels=chart.data_labels and fit, box=(w_pt, h_pt))


def chart_faces(theme: Theme, lang: str) -> tuple[str, str, str]:
    """The deck's body typefaces (latin, East Asian, complex script) for a chart in ``lang``."""
    latin = theme.fonts.latin_for()
    return latin, theme.fonts.east_asian_for(lang), latin
