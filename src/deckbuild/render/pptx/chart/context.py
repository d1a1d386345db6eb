"""What the styling of one native chart needs to know: the model chart, the theme, the
python-pptx chart and its XML, and the decisions taken once for the whole chart (font size,
language, number format, reference-line series, stacking, whether bar labels fit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from deckbuild.charts import style
from deckbuild.model.deck import Chart, ChartKind
from deckbuild.model.theme import Theme
from deckbuild.render.pptx.ns import qn


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
    ref_index: Optional[int]  # index of the reference-line series, if it is drawn as one
    multi: bool
    stacked: bool
    bar_labels: bool  # value labels on bars fit beside each other

    @classmethod
    def of(cls, chart: Chart, theme: Theme, pchart, width_emu: int, height_emu: int) -> "ChartContext":
        space = pchart.element
        size = style.font_size(theme, width_emu / 12700)
        n_model = len(chart.series)
        ref_index = n_model if (chart.reference_line is not None
                                and chart.kind not in (ChartKind.PIE, ChartKind.DONUT)) else None
        multi = n_model > 1
        # value labels on bars only where they fit beside each other (as in the drawing)
        w_pt, h_pt = width_emu / 12700, height_emu / 12700
        legend = 26 if style.show_legend(chart) and chart.legend in ("top", "bottom") else 0
        bar_labels = chart.data_labels and style.bar_labels_fit(
            chart, size, max(60.0, 0.9 * w_pt), max(50.0, h_pt - 48 - legend))
        return cls(chart=chart, theme=theme, pc=pchart, space=space,
                   plot_area=space.find(qn("c:chart")).find(qn("c:plotArea")),
                   size=size, lang=style.language_of(chart), faces=chart_faces(theme, style.language_of(chart)),
                   code=chart.number_format.excel_code, ref_index=ref_index, multi=multi,
                   stacked=(chart.stacked or chart.percent) and multi, bar_labels=bar_labels)


def chart_faces(theme: Theme, lang: str) -> tuple[str, str, str]:
    """The deck's body typefaces (latin, East Asian, complex script) for a chart in ``lang``."""
    latin = theme.fonts.latin_for()
    return latin, theme.fonts.east_asian_for(lang), latin
