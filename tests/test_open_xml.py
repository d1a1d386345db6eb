"""Every deck passes the Open XML SDK's schema and semantic rules (``openxml-audit``) in the
parts deckbuild writes: the flagship (both editions) and the stress deck here, the decks on the
company templates in test_templates.py."""

from __future__ import annotations

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from conftest import FLAGSHIP_GROUP, ROOT
from deckbuild.build.pipeline import build
from deckbuild.diagnostics import Diagnostics
from deckbuild.render.pptx.chart.axes import FIRST_AXIS_ID, number_axes
from deckbuild.render.pptx.ns import qn
from open_xml import problems

STRESS = ROOT / "tests" / "stress" / "decks" / "stress.yaml"


def _python_pptx_chart(tmp_path, renumber: bool):
    """A deck with one chart as python-pptx makes it, its axes renumbered or not."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    gf = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    plot_area = gf.chart.element.find(qn("c:chart")).find(qn("c:plotArea"))
    if renumber:
        number_axes(plot_area)
    path = tmp_path / "chart.pptx"
    prs.save(path)
    return path, plot_area


def test_the_check_finds_python_pptx_negative_axis_ids(tmp_path):
    """The check is live: python-pptx's own chart has negative axis ids, an error."""
    path, _ = _python_pptx_chart(tmp_path, renumber=False)
    ours, _ = problems(path, on_template=False)
    assert ours and all("axId" in e or "crossAx" in e for e in ours), ours
    assert any("less than minimum 0" in e for e in ours)


def test_axes_are_numbered_from_50010001_and_cross_each_other(tmp_path):
    path, plot_area = _python_pptx_chart(tmp_path, renumber=True)
    axes = [plot_area.find(qn(t)) for t in ("c:catAx", "c:valAx")]
    ids = [a.find(qn("c:axId")).get("val") for a in axes]
    assert ids == [str(FIRST_AXIS_ID), str(FIRST_AXIS_ID + 1)]
    assert [a.find(qn("c:crossAx")).get("val") for a in axes] == ids[::-1]
    assert [a.get("val") for a in plot_area.find(qn("c:barChart")).findall(qn("c:axId"))] == ids
    assert problems(path, on_template=False) == ([], [])


@FLAGSHIP_GROUP
def test_the_flagship_passes(flagship):
    decks = [p for p in flagship.result.written if p.suffix == ".pptx"]
    assert len(decks) == 2
    for deck in decks:
        ours, theirs = problems(deck, on_template=False)
        assert not ours and not theirs, f"{deck.name}:\n" + "\n".join(ours + theirs)


def test_the_stress_deck_passes(tmp_path):
    diags = Diagnostics()
    result = build([STRESS], tmp_path, ("pptx",), diags)
    assert not diags.has_errors
    (deck,) = result.written
    ours, theirs = problems(deck, on_template=False)
    assert not ours and not theirs, "\n".join(ours + theirs)
