"""One value axis per chart, chosen once from its data (charts.scale): ticks on nice numbers
(steps of 1, 2, 2.5 or 5 times a power of ten), 4–6 of them, covering the data, the reference
line and the room for bar labels; the native chart (c:min, c:max, c:majorUnit) and the drawing
(limits, tick positions) show the same axis; tick labels carry the decimals the step needs."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import FLAGSHIP, FLAGSHIP_GROUP
from deckbuild.charts import style
from deckbuild.charts.draw import figure
from deckbuild.charts.export import svg_bytes
from deckbuild.charts.scale import Scale, line_scale, nice, value_scale, x_scale
from deckbuild.model.deck import ChartKind, NumberFormat, ReferenceLine
from svg_text import tick_labels
from test_charts_render import BY_NAME, CHARTS, THEME, C, S
from test_pptx_chart import BOX, NS
from test_render_pdf import pdftotext

MORE = [
    C("refline_high", ChartKind.COLUMN, ["a", "b", "c"], [S("v", (12, 14, 13))],
      reference_line=ReferenceLine(31, "目标"), number_format=NumberFormat(0, "", "%")),
    C("negative_stack", ChartKind.BAR, ["a", "b"], [S("x", (5, -3)), S("y", (4, -6))], stacked=True),
    C("small", ChartKind.LINE, ["a", "b", "c", "d"], [S("v", (0.021, 0.034, 0.029, 0.041))],
      number_format=NumberFormat(3)),
    C("capped", ChartKind.COLUMN, ["a", "b"], [S("v", (30, 72))], max_value=100),
    C("combo_pct", ChartKind.COMBO, ["2023", "2024", "2025"],
      [S("收入", (134.9, 164.5, 190.0)), S("利润率", (34.7, 41.4, 40.1), secondary=True)], data_labels=False),
]
LINEAR = [c for c in CHARTS + MORE if value_scale(c) is not None]


def _mantissa(step: float) -> float:
    return round(step / 10 ** math.floor(math.log10(step) + 1e-12), 9)


@settings(max_examples=300, deadline=None)
@given(st.floats(-1e6, 1e6, allow_nan=False), st.floats(1e-3, 1e6, allow_nan=False))
def test_a_nice_scale_covers_its_range_in_4_to_6_nice_ticks(lo, span):
    hi = lo + span
    s = nice(lo, hi)
    tol = 1e-9 * max(abs(lo), abs(hi), span)
    assert s.lo <= lo + tol and s.hi >= hi - tol
    assert _mantissa(s.step) in (1.0, 2.0, 2.5, 5.0), s
    assert 4 <= len(s.ticks) <= 6, (lo, hi, s, s.ticks)
    assert all(abs(t / s.step - round(t / s.step)) < 1e-6 for t in s.ticks), s  # on multiples of the step
    assert s.hi - s.lo <= 3.5 * span, (lo, hi, s)  # no range much wider than the data


@pytest.mark.parametrize(("lo", "hi", "ticks"), [
    (-6.5, 20, [-10, 0, 10, 20]),  # the flagship's uplift chart: not −6/0/6/12/18 with 20 above the top
    (0, 72, [0, 20, 40, 60, 80]),
    (0, 22, [0, 5, 10, 15, 20, 25]),
    (0, 0.37, [0, 0.1, 0.2, 0.3, 0.4]),
    (0, 160.6, [0, 50, 100, 150, 200]),
])
def test_known_scales(lo, hi, ticks):
    assert nice(lo, hi).ticks == pytest.approx(ticks)


def test_tick_decimals_are_those_the_step_needs():
    assert Scale(0, 25, 5).decimals == 0
    assert Scale(0, 1, 0.25).decimals == 2
    assert Scale(2.9, 3.1, 0.05).decimals == 2
    assert Scale(-10, 20, 10).decimals == 0


@pytest.mark.parametrize("chart", LINEAR, ids=lambda c: c.name)
def test_the_scale_covers_what_is_drawn_against_it(chart):
    s = value_scale(chart)
    assert s is not None
    values = [v for x in chart.series if not (chart.kind is ChartKind.COMBO and x.secondary) for v in x.values]
    if (chart.stacked or chart.percent) and len(chart.series) > 1:
        values = [sum(v for v in col if v > 0) for col in zip(*(x.values for x in chart.series))] + \
                 [sum(v for v in col if v < 0) for col in zip(*(x.values for x in chart.series))]
        if chart.percent:
            values = [0, 100]
    if chart.reference_line is not None:
        values.append(chart.reference_line.value)
    assert s.lo <= min(values) and s.hi >= max(values), (s, values)
    assert 4 <= len(s.ticks) <= 6 or chart.max_value is not None, s.ticks


def _axis_values(ax_el, tag: str) -> float | None:
    found = ax_el.find(tag, NS)
    return None if found is None else float(found.get("val"))


def _native_axes(chart) -> list:
    """The c:valAx elements of ``chart`` built as a native chart on a slide."""
    from pptx import Presentation
    from pptx.util import Pt

    from deckbuild.render.pptx.chart.shape import add_chart

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    shape = add_chart(prs.slides.add_slide(prs.slide_layouts[6]), chart, THEME, BOX, None)
    return etree.fromstring(shape.chart.part.blob).findall(".//c:plotArea/c:valAx", NS)


@pytest.mark.parametrize("language, sign", [("en", "%"), ("de", "\u00a0%")])
def test_a_100_percent_axis_puts_its_sign_where_the_language_does(language, sign):
    """The 100 % chart's axis, drawn and native: '50 %' in German (CLDR), '50%' in English."""
    chart = replace(BY_NAME["percent"], language=language)
    labels = [t.replace("\u00a0", " ") for t in tick_labels(svg_bytes(chart, THEME))]  # one glyph for both spaces
    shown = sign.replace("\u00a0", " ")
    assert labels and all(t.endswith(shown) and t[: -len(shown)].isdigit() for t in labels), labels
    code = _native_axes(chart)[0].find("c:numFmt", NS).get("formatCode")
    assert code == ("0%" if language == "en" else '0"\u00a0"%')


@pytest.mark.parametrize("chart", LINEAR, ids=lambda c: c.name)
def test_native_chart_and_drawing_share_the_axis(chart):
    s = value_scale(chart)
    assert s is not None
    fraction = 100.0 if chart.percent and len(chart.series) > 1 else 1.0
    axes = _native_axes(chart)
    val = axes[1] if chart.kind is ChartKind.SCATTER else axes[0]
    assert _axis_values(val, "c:scaling/c:min") == pytest.approx(s.lo / fraction)
    assert _axis_values(val, "c:scaling/c:max") == pytest.approx(s.hi / fraction)
    assert _axis_values(val, "c:majorUnit") == pytest.approx(s.step / fraction)
    code = val.find("c:numFmt", NS).get("formatCode")
    want = "0" + ("." + "0" * s.decimals if s.decimals else "")
    assert re.search(r"(^|[^.0#])" + re.escape(want) + r"($|[^.0])", code.replace("#,##", "")), (code, s)

    width, height = style.REPORT_SIZE
    fig = figure(chart, THEME, width, height)
    fig.canvas.draw()
    ax = fig.axes[0]
    horizontal = chart.kind in style.HORIZONTAL_KINDS
    lim = ax.get_xlim() if horizontal else ax.get_ylim()
    assert sorted(lim) == pytest.approx([s.lo, s.hi])
    axis = ax.xaxis if horizontal else ax.yaxis
    locs = [t for t in axis.get_majorticklocs()]
    if locs:  # (hidden where data labels carry the numbers)
        assert locs == pytest.approx(s.ticks)


def test_a_combo_charts_line_axis_has_the_bar_axis_intervals_and_puts_the_lines_above_the_bars():
    for chart in (BY_NAME["combo"], MORE[-1]):
        bars = value_scale(chart)
        lines = line_scale(chart, bars)
        assert bars is not None and lines is not None
        n = round((bars.hi - bars.lo) / bars.step)
        assert round((lines.hi - lines.lo) / lines.step) == n
        bar_top = max(v for x in chart.series if not x.secondary for v in x.values)
        assert (bar_top - bars.lo) / (bars.hi - bars.lo) <= style.COMBO_BARS + 1e-9
        lvals = [v for x in chart.series if x.secondary for v in x.values]
        assert (min(lvals) - lines.lo) / (lines.hi - lines.lo) >= style.COMBO_LINES[0] - 1e-9
        assert (max(lvals) - lines.lo) / (lines.hi - lines.lo) <= style.COMBO_LINES[1] + 1e-9
        axes = _native_axes(chart)
        assert _axis_values(axes[1], "c:scaling/c:max") == pytest.approx(lines.hi)
        assert _axis_values(axes[1], "c:majorUnit") == pytest.approx(lines.step)


def test_a_scatter_charts_x_axis_is_nice_too():
    chart = BY_NAME["scatter"]
    s = x_scale(chart)
    assert s is not None and s.ticks == pytest.approx([150, 200, 250, 300, 350, 400])
    x_axis = _native_axes(chart)[0]
    assert _axis_values(x_axis, "c:majorUnit") == pytest.approx(s.step)


def test_report_tick_labels_have_no_needless_decimals():
    """The uplift chart's values carry one decimal (−6.5 %); its ticks do not (10 %, not 10.0 %)."""
    chart = replace(BY_NAME["uplift"], data_labels=False)
    assert tick_labels(svg_bytes(chart, THEME)) == ["\u221210%", "0%", "10%", "20%"]


@FLAGSHIP_GROUP
def test_flagship_uplift_axis_in_deck_and_report(flagship):
    """Both editions: the ROAS chart's axis runs −10 … 20 % in steps of 10 in the built deck and in
    the report's figure, the 20 % bar on the top gridline; ticks without decimals."""
    from pptx import Presentation

    from deckbuild.charts.cache import chart_key
    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.editions import compile_outline

    outline, decks = compile_outline(FLAGSHIP, Diagnostics())
    assert outline is not None
    for deck in decks:
        chart = next(c for d in [deck] for c in d.charts if c.name == "ad-uplift")
        prs = Presentation(str(flagship.out / f"{deck.name}.pptx"))
        shape = next(sh for slide in prs.slides for sh in slide.shapes if sh.name == "Chart ad-uplift")
        val = etree.fromstring(shape.chart.part.blob).find(".//c:valAx", NS)
        assert (_axis_values(val, "c:scaling/c:min"), _axis_values(val, "c:scaling/c:max"),
                _axis_values(val, "c:majorUnit")) == (-10.0, 20.0, 10.0)
        assert ".0" not in val.find("c:numFmt", NS).get("formatCode")
        theme = outline.theme.for_language(deck.language)
        drawing = flagship.out / ".cache" / "charts" / f"{chart_key(chart, theme)}.pdf"
        words = pdftotext(drawing).split()  # the report's figure, as the report places it
        assert [w for w in ("\u221210%", "0%", "10%", "20%") if w not in words] == [], (deck.language, words)
        # the same chart as SVG: exactly these ticks, in order
        svg = svg_bytes(chart, theme.for_report(), *style.REPORT_SIZE)
        assert tick_labels(svg) == ["\u221210%", "0%", "10%", "20%"], deck.language


COMBO_SPEC = """\
title: Revenue and margin
kind: combo
scale: 1e9
format: {decimals: 0, prefix: "$"}
categories: ["2023", "2024", "2025"]
series:
  - {name: Revenue, values: [134.9e9, 164.6e9, 190.0e9]}
  - name: Operating margin
    values: [0.347, 0.414, 0.401]
    secondary: true
    scale: 0.01
    format: {decimals: 1, suffix: "%"}
source: src
"""


def test_a_combo_line_keeps_its_own_scale_and_number_format(tmp_path):
    """Per-series 'scale' and 'format': the margin line reads 41.4%, not $0; its labels, its
    workbook column and the secondary axis carry its format, the bars the chart's."""
    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.editions import compile_outline
    from project import make_project

    diags = Diagnostics()
    outline, decks = compile_outline(make_project(tmp_path, charts={"bars": COMBO_SPEC}), diags)
    assert not diags.has_errors, [d.format() for d in diags.items]
    chart = decks[0].charts[0]
    bars, line = chart.series
    assert bars.values == pytest.approx((134.9, 164.6, 190.0)) and bars.number_format is None
    assert line.values == pytest.approx((34.7, 41.4, 40.1))
    assert style.label(chart, line.values[1], line) == "41.4%" and style.label(chart, bars.values[1], bars) == "$165"

    fig = figure(chart, THEME, *style.REPORT_SIZE)
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"41.4%", "$165"} <= texts, texts

    root = etree.fromstring(_native_chart_part(chart))
    codes = {ser.findtext("c:tx//c:v", namespaces=NS): {e.get("formatCode") for e in ser.iterfind(".//c:numFmt", NS)}
             for ser in root.iterfind(".//c:ser", NS)}
    assert codes["Operating margin"] == {line.number_format.excel_code}
    assert codes["Revenue"] == {chart.number_format.excel_code}
    secondary = root.findall(".//c:plotArea/c:valAx", NS)[1]
    assert secondary.find("c:numFmt", NS).get("formatCode").endswith('0"%"')


def _native_chart_part(chart) -> bytes:
    from pptx import Presentation
    from pptx.util import Pt

    from deckbuild.render.pptx.chart.shape import add_chart

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    return add_chart(prs.slides.add_slide(prs.slide_layouts[6]), chart, THEME, BOX, None).chart.part.blob
