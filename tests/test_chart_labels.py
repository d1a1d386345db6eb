"""Label geometry of the drawings: at the report's and the deck's size, every text of a chart
(tick labels, data labels, slice labels, the reference line's, annotations, the legend) inside
the figure and clear of every other, as matplotlib lays them out (tests/label_boxes.py)."""

from __future__ import annotations

import pytest

from deckbuild.charts.style import DECK_SIZE, REPORT_SIZE
from deckbuild.model.deck import ChartKind, NumberFormat, ReferenceLine
from label_boxes import drawn, problems, text_boxes
from test_charts_render import CHARTS, THEME, C, S

HARD = [
    # the reference line's label among the lines' end labels (it overprinted 51 and 49)
    C("line_ref_end", ChartKind.LINE, [str(y) for y in range(2015, 2026)],
      [S("Meta", (14, 20, 35, 40, 42, 46, 54, 59, 69, 60, 51)),
       S("谷歌", (10, 14, 24, 27, 25, 32, 34, 35, 49, 50, 49))],
      unit="十亿美元", reference_line=ReferenceLine(50, "行业平均水平")),
    C("col_ref_last", ChartKind.COLUMN, ["2022", "2023", "2024", "2025"], [S("v", (28, 39, 44, 51))],
      reference_line=ReferenceLine(50, "目标 50")),
    # long names and thin slices: the pie shrinks for its labels, which are spread for the real size
    C("pie_long", ChartKind.PIE, ["Hardware faults and other very long names", "B",
                                  "Other causes (derived remainder)", "D small", "E small"],
      [S("v", (50, 20, 25, 3, 2))], highlight="B", number_format=NumberFormat(0, "", "%")),
    # the flagship's donut, whose labels ran 23 pt off both sides of the report figure
    C("donut_en", ChartKind.DONUT, ["Hardware faults", "Other causes (derived remainder)"], [S("v", (66, 34))],
      highlight="Hardware faults", number_format=NumberFormat(0, "", "%")),
    C("donut_cn", ChartKind.DONUT, ["硬件故障", "其他原因（推算余数）"], [S("v", (66, 34))], highlight="硬件故障",
      number_format=NumberFormat(0, "", "%")),
    C("bars_many", ChartKind.BAR, [f"类别 {i}" for i in range(12)], [S("v", tuple(range(3, 39, 3)))],
      reference_line=ReferenceLine(20, "平均")),
    C("area_ref", ChartKind.AREA, ["a", "b", "c", "d"], [S("x", (3, 4, 5, 6)), S("y", (2, 2, 3, 3))], stacked=True,
      reference_line=ReferenceLine(9, "上限")),
]


@pytest.mark.parametrize("size", [REPORT_SIZE, DECK_SIZE], ids=["report", "deck"])
@pytest.mark.parametrize("chart", CHARTS + HARD, ids=lambda c: c.name)
def test_labels_inside_the_figure_and_apart(chart, size):
    assert problems(drawn(chart, THEME, *size)) == []


def test_the_check_sees_a_collision():
    """The test can fail: two labels forced onto one spot are reported."""
    fig = drawn(CHARTS[0], THEME, *REPORT_SIZE)
    fig.axes[0].text(0.5, 0.5, "AAAA", transform=fig.axes[0].transAxes)
    fig.axes[0].text(0.5, 0.5, "BBBB", transform=fig.axes[0].transAxes)
    fig.axes[0].text(1.2, 0.5, "far right", transform=fig.axes[0].transAxes, in_layout=False)
    found = problems(fig)
    assert "'AAAA' overlaps 'BBBB'" in found
    assert any(p.startswith("'far right' outside the figure") for p in found)


def test_the_reference_label_joins_the_end_labels():
    boxes = {b.text: b for b in text_boxes(drawn(HARD[0], THEME, *REPORT_SIZE))}
    ref, top, low = boxes["行业平均水平"], boxes["51"], boxes["49"]
    assert top.y0 >= ref.y1 - 0.5 and ref.y0 >= low.y1 - 0.5  # 51 above it, 49 below


# ---------------------------------------------------------------------------------- native charts

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def _native_xml(chart):
    from lxml import etree
    from pptx import Presentation
    from pptx.util import Pt

    from deckbuild.render.pptx.chart.shape import add_chart
    from test_pptx_chart import BOX

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    shape = add_chart(prs.slides.add_slide(prs.slide_layouts[6]), chart, THEME, BOX, None)
    return etree.fromstring(shape.chart.part.blob)


def _labels(root) -> dict[tuple[str, int], list[str]]:
    """{(series name, point): the lines of its own label text}."""
    out = {}
    for ser in root.iterfind(".//c:ser", NS):
        name = ser.findtext("c:tx//c:v", namespaces=NS)
        for d in ser.iterfind("c:dLbls/c:dLbl", NS):
            idx = int(d.find("c:idx", NS).get("val"))
            out[(name, idx)] = ["".join(p.itertext()) for p in d.iterfind("c:tx/c:rich/a:p", NS)]
            if d.find("c:showSerName", NS) is not None and d.find("c:showSerName", NS).get("val") == "1":
                out[(name, idx)] = [name]
    return out


@pytest.mark.parametrize(("values", "at"), [
    ((28.1, 39.2, 66.0, 72.0), 0),  # was 3: over the 72 bar, right on its label
    ((28.0, 39.0, 44.0, 51.0), 0),  # the last bar's label (51) an inch from the line (50)
    ((60.0, 70.0, 65.0, 80.0), 3),  # every bar above the line: where they rise farthest past it
    ((20.0, 10.0, 20.0, 30.0), 1),
])
def test_the_native_reference_label_goes_where_the_data_leave_room(values, at):
    chart = C("ref", ChartKind.COLUMN, ["a", "b", "c", "d"], [S("v", values)],
              reference_line=ReferenceLine(50, "目标"))
    labels = _labels(_native_xml(chart))
    assert [k for k in labels if k[0] == "目标"] == [("目标", at)]


FLAGSHIP_SLICES = [
    C("pie_zh", ChartKind.PIE, ["ChatGPT", "Google Gemini", "其他（推算余数）"], [S("份额", (60.4, 13.5, 26.1))],
      highlight="ChatGPT", number_format=NumberFormat(1, "", "%")),
    C("pie_en", ChartKind.PIE, ["ChatGPT", "Google Gemini", "Others (derived remainder)"],
      [S("Share", (60.4, 13.5, 26.1))], highlight="ChatGPT", number_format=NumberFormat(1, "", "%")),
    C("donut_zh", ChartKind.DONUT, ["硬件故障", "其他原因（推算余数）"], [S("占比", (66, 34))], highlight="硬件故障",
      number_format=NumberFormat(0, "", "%")),
    C("donut_en", ChartKind.DONUT, ["Hardware faults", "Other causes (derived remainder)"], [S("Share", (66, 34))],
      highlight="Hardware faults", number_format=NumberFormat(0, "", "%")),
]


@pytest.mark.parametrize("chart", FLAGSHIP_SLICES, ids=lambda c: c.name)
def test_native_slice_names_break_between_words_and_fit_their_room(chart):
    """A long name is given its lines (the viewer's own breaks cut '其他（推算余数）' as '其他（推算余'
    / '数）'): at spaces or before a closing aside; on a donut's ring, each line about as wide as
    the ring (labels straddled its edges)."""
    from deckbuild.charts.style import text_width
    from deckbuild.render.pptx.chart.context import HOLE
    from deckbuild.render.pptx.chart.labels import PIE_LABEL
    from test_pptx_chart import BOX

    labels = _labels(_native_xml(chart))
    size = THEME.chart.font_size
    ring = 0.8 * min(BOX[2], BOX[3]) / 12700 / 2 * (1 - HOLE / 100)
    room = ring if chart.kind is ChartKind.DONUT else PIE_LABEL
    for j, name in enumerate(chart.categories):
        lines = labels.get((chart.series[0].name, j))
        if text_width(name, size) <= room:
            continue
        assert lines is not None, name
        name_lines = lines[: len(lines) - 1]  # the value last
        assert "".join(name_lines).replace(" ", "") == name.replace(" ", "")
        at = 0
        for a, b in zip(name_lines, name_lines[1:]):
            at = name.index(a, at) + len(a)
            assert name[at] == " " or b[0] in "(（", f"{name!r} broken inside a word: {a!r} / {b!r}"
        assert max(text_width(line, size) for line in name_lines) <= 1.25 * room, lines


VALLEY = C("members", ChartKind.LINE, ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"],
           [S("New members", (1800, 2400, 2650, 1250, 1900, 3100))])


def _point_y(fig, j: int) -> float:
    """The y of point ``j`` of the first line, in points from the figure's lower left."""
    ax = fig.axes[0]
    line = ax.get_lines()[0]
    return ax.transData.transform((line.get_xdata()[j], line.get_ydata()[j]))[1] * 72 / fig.dpi


@pytest.mark.parametrize("size", [REPORT_SIZE, DECK_SIZE], ids=["report", "deck"])
def test_a_line_s_value_labels_go_below_its_valleys(size):
    """A point lower than its neighbours has its label below it, where the line rising from it
    on both sides does not run through it (the 1,250 between 2,650 and 1,900 was crossed);
    the others stay above their points."""
    fig = drawn(VALLEY, THEME, *size)
    boxes = {b.text: b for b in text_boxes(fig)}
    for j, text in enumerate(["1,800", "2,400", "2,650", "1,250", "1,900", "3,100"]):
        box, y = boxes[text], _point_y(fig, j)
        assert (box.y1 <= y) if j in (0, 3) else (box.y0 >= y), (text, box, y)


def test_the_native_line_chart_puts_the_same_labels_below():
    from lxml import etree
    from pptx import Presentation
    from pptx.util import Pt

    from deckbuild.render.pptx.chart.shape import add_chart
    from test_pptx_chart import BOX, NS

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    shape = add_chart(prs.slides.add_slide(prs.slide_layouts[6]), VALLEY, THEME, BOX, None)
    labels = etree.fromstring(shape.chart.part.blob).find(".//c:ser/c:dLbls", NS)
    below = {int(d.find("c:idx", NS).get("val")) for d in labels.findall("c:dLbl", NS)
             if d.find("c:dLblPos", NS).get("val") == "b"}
    assert below == {0, 3} and labels.find("c:dLblPos", NS).get("val") == "t"


def test_a_unit_every_tick_label_carries_is_not_also_the_axis_title():
    """'%' as the unit of a chart whose ticks read '60%': no lone '%' beside the axis (drawing
    and native chart); a unit the ticks do not carry stays the axis title."""
    from lxml import etree
    from pptx import Presentation
    from pptx.util import Pt

    from deckbuild.render.pptx.chart.shape import add_chart
    from test_pptx_chart import BOX, NS

    share = C("share", ChartKind.COLUMN, ["a", "b", "c"], [S("v", (40, 60, 55))], unit="%",
              number_format=NumberFormat(0, "", "%"))
    people = C("people", ChartKind.COLUMN, ["a", "b", "c"], [S("v", (40, 60, 55))], unit="万人")
    for chart, title in ((share, None), (people, "万人")):
        texts = {b.text for b in text_boxes(drawn(chart, THEME, *REPORT_SIZE))}
        assert ("%" not in texts and "60%" in texts) if title is None else title in texts, texts
        prs = Presentation()
        prs.slide_width, prs.slide_height = Pt(960), Pt(540)
        shape = add_chart(prs.slides.add_slide(prs.slide_layouts[6]), chart, THEME, BOX, None)
        axis = etree.fromstring(shape.chart.part.blob).find(".//c:valAx", NS)
        shown = "".join(axis.xpath(".//c:title//a:t/text()", namespaces=NS))
        assert shown == (title or ""), shown
