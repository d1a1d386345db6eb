"""Colours a reader tells apart (deckbuild.colors.cvd): CIEDE2000 after a Machado et al. (2009)
simulation of protanopia, deuteranopia and tritanopia; the default palette passes, a highlighted
pie keeps its other slices apart, and ``check`` warns of a chart or theme whose colours fail."""

from __future__ import annotations

from itertools import combinations

import pytest

from deckbuild.charts import style
from deckbuild.charts.draw import figure
from deckbuild.colors.cvd import MIN_DELTA_E, VISIONS, clashes, delta_e2000, distance
from deckbuild.model.deck import ChartKind, NumberFormat
from deckbuild.model.theme import default_theme
from test_charts_render import CHARTS, C, S
from test_pptx_chart import BOX, NS

THEME = default_theme()

# Sharma, Wu & Dalal (2005), the CIEDE2000 test data: pairs 1, 2, 3, 7, 25, 31 and 34.
SHARMA = [
    ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
    ((50, 3.1571, -77.2803), (50, 0, -82.7485), 2.8615),
    ((50, 2.8361, -74.0200), (50, 0, -82.7485), 3.4412),
    ((50, 0, 0), (50, -1, 2), 2.3669),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "want"), SHARMA)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, want):
    assert delta_e2000(lab1, lab2) == pytest.approx(want, abs=1e-4)


def test_the_simulation_merges_what_a_deficiency_merges():
    """Red and green fills, 72 apart to most readers, 4.6 apart with deuteranopia; blue and
    purple, 26 apart, 1.9 with protanopia; tritanopia leaves red and green apart."""
    assert distance("#D62728", "#2CA02C") > 70
    assert distance("#D62728", "#2CA02C", "deuteranopia") < 5
    assert distance("#D62728", "#2CA02C", "tritanopia") > 60
    assert distance("#1F77B4", "#9467BD", "protanopia") < 2
    assert [c.vision for c in clashes(["#D62728", "#2CA02C"])] == ["deuteranopia"]


def test_the_default_palette_passes_for_every_vision():
    pal = [*THEME.colors.palette, THEME.colors.accent]
    assert clashes(pal) == []
    worst = min(distance(a, b, v) for a, b in combinations(set(pal), 2) for v in VISIONS)
    assert worst >= MIN_DELTA_E  # 10.9: #E69F00 and #CC79A7 with tritanopia


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_every_sample_chart_passes(chart):
    assert clashes(style.chart_colors(chart, THEME)) == []


@pytest.mark.parametrize("n", range(1, 8))
def test_a_highlighted_pie_keeps_its_other_slices_apart(n):
    """The highlighted slice in the accent, every other slice in a colour of its own: 'Google
    Gemini' and 'Others' shared one blue before (#7DABC8)."""
    chart = C("pie", ChartKind.PIE, [f"c{i}" for i in range(n + 1)], [S("v", tuple(range(1, n + 2)))],
              highlight="c0", number_format=NumberFormat(0))
    colors = style.slice_colors(chart, THEME)
    assert colors[0] == THEME.colors.accent
    assert len(set(colors)) == n + 1
    assert clashes(colors) == []


def test_the_flagship_pie_in_both_renderers():
    """ChatGPT highlighted; Gemini and Others in two colours, the same in the drawing and in the
    native chart's points."""
    from matplotlib.colors import to_hex
    from pptx import Presentation
    from pptx.util import Pt

    from deckbuild.render.pptx.chart.shape import add_chart

    chart = C("share", ChartKind.PIE, ["ChatGPT", "Google Gemini", "Others (derived remainder)"],
              [S("Market share", (60.4, 13.5, 26.1))], highlight="ChatGPT", number_format=NumberFormat(1, "", "%"))
    want = style.slice_colors(chart, THEME)
    assert len(set(want)) == 3
    fig = figure(chart, THEME, *style.REPORT_SIZE)
    drawn = [to_hex(p.get_facecolor()).upper() for p in fig.axes[0].patches]
    assert drawn == want
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    shape = add_chart(prs.slides.add_slide(prs.slide_layouts[6]), chart, THEME, BOX, None)
    from lxml import etree

    root = etree.fromstring(shape.chart.part.blob)
    native = ["#" + p.find("c:spPr/a:solidFill/a:srgbClr", {**NS}).get("val") for p in root.iterfind(".//c:dPt", NS)]
    assert native == want


RED_GREEN = """\
title: Colours
kind: column
palette: ["#D62728", "#2CA02C"]
categories: [a, b]
series:
  - {name: x, values: [1, 2]}
  - {name: y, values: [2, 1]}
source: src
"""


def test_check_warns_of_a_chart_whose_colours_merge(tmp_path, monkeypatch, capsys):
    from deckbuild.cli.commands import main
    from project import make_project

    make_project(tmp_path, charts={"bars": RED_GREEN})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "decks/t.yaml"]) == 0
    err = capsys.readouterr().err
    assert "chart 'bars': #D62728 and #2CA02C are 4.6 apart with deuteranopia (CIEDE2000, need 10)" in err, err
    assert main(["check", "--strict", "decks/t.yaml"]) != 0
