"""A chart's drawing as the report places it: a one-page PDF that matplotlib draws.

matplotlib's PDF canvas draws the chart at the report's size, with the report's theme. Its
text is set in Type 3 fonts: each glyph is the font's own outline, and a ToUnicode map lets
a reader find and copy the chart's words. A TrueType subset (``pdf.fonttype`` 42, what
``deckbuild chart --out FILE.pdf`` writes) would look the same, but fontTools takes about
half a second to subset a CJK font, once for each chart.

The report takes the page whole, as a form XObject (``render.pdf.chart_forms``). The chart
cache keeps the PDF (``charts.cache``), drawn in the chart workers: a rebuild reads a file
of a few kilobytes and draws nothing.
"""

from __future__ import annotations

from deckbuild.charts.export import REPORT_SIZE, pdf_bytes
from deckbuild.model.deck import Chart
from deckbuild.model.theme import Theme

__all__ = ["drawing_pdf"]


def drawing_pdf(chart: Chart, theme: Theme) -> bytes:
    """The chart as the report places it, drawn in ``theme`` (the report's: ``Theme.for_report``);
    the same chart and theme always give the same bytes, whatever ``SOURCE_DATE_EPOCH`` says."""
    return pdf_bytes(chart, theme, *REPORT_SIZE, outlines=True)
