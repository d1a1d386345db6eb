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
