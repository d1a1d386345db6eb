"""Charts on slides: native charts hold the data, fonts, labels and alt text; pictures keep their
aspect; the chart part and its embedded workbook are byte-identical across renders. (That
LibreOffice opens every native chart kind and shows its categories is checked end to end in
test_chart_deck; with reference lines and annotations, by hostile case 200.)"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from deckbuild.charts.export import png_bytes
from deckbuild.charts.style import DECK_SIZE
from deckbuild.model.deck import ChartKind
from deckbuild.render.pptx.chart.shape import NATIVE_KINDS, add_chart, needs_picture
from test_charts_render import BY_NAME, CHARTS, THEME

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
BOX = (int(Pt(40)), int(Pt(120)), int(Pt(880)), int(Pt(380)))
NATIVE = [c for c in CHARTS if not needs_picture(c)]


def _slide():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    return prs, prs.slides.add_slide(prs.slide_layouts[6])


def _native(chart):
    prs, slide = _slide()
    shape = add_chart(slide, chart, THEME, BOX, None)
    assert shape.has_chart
    return prs, shape


def _xml(shape) -> etree._Element:
    return etree.fromstring(shape.chart.part.blob)


def test_native_kinds():
    assert NATIVE_KINDS == {ChartKind.COLUMN, ChartKind.BAR, ChartKind.LINE, ChartKind.AREA, ChartKind.PIE,
                            ChartKind.DONUT, ChartKind.SCATTER, ChartKind.COMBO}
    assert {c.kind for c in NATIVE} == NATIVE_KINDS


@pytest.mark.parametrize("chart", NATIVE, ids=lambda c: c.name)
def test_native_chart_holds_the_data(chart):
    _, shape = _native(chart)
    root = _xml(shape)
    sers = root.findall(".//c:ser", NS)
    by_name = {s.findtext("c:tx//c:v", namespaces=NS): s for s in sers}
    for s in chart.series:
        ser = by_name[s.name]
        vals = ser.find("c:val", NS) if chart.kind is not ChartKind.SCATTER else ser.find("c:yVal", NS)
        got = [float(v.text) for v in vals.findall(".//c:pt/c:v", NS)]
        assert got == list(s.values)
        if chart.kind is ChartKind.SCATTER:
            assert [float(v.text) for v in ser.findall("c:xVal//c:pt/c:v", NS)] == list(s.x)
        else:
            assert [v.text for v in ser.findall("c:cat//c:pt/c:v", NS)] == list(chart.categories)
    # the deck's faces for latin and East-Asian text, chart-wide: fonts Office ships
    rpr = root.find("c:txPr/a:p/a:pPr/a:defRPr", NS)
    assert rpr.find("a:latin", NS).get("typeface") == "Calibri"
    assert rpr.find("a:ea", NS).get("typeface") == "Microsoft YaHei"
    assert rpr.get("lang") == "zh-CN"
    for el in root.iter("{%s}defRPr" % NS["a"], "{%s}rPr" % NS["a"]):
        assert el.find("a:ea", NS) is not None
    # alt text
    cnvpr = shape._element.find("p:nvGraphicFramePr/p:cNvPr", NS)
    assert cnvpr.get("descr") == chart.alt_text
    # no automatic title (the slide shows it)
    assert root.find("c:chart/c:autoTitleDeleted", NS).get("val") == "1"
    # data labels in the chart's number format
    if chart.data_labels and chart.kind not in (ChartKind.SCATTER,):
        codes = {e.get("formatCode") for e in root.findall(".//c:dLbls/c:numFmt", NS)}
        assert chart.number_format.excel_code in codes


def test_chart_types_and_options():
    xml = {c.name: _xml(_native(c)[1]) for c in NATIVE}
    assert xml["grouped"].find(".//c:barChart/c:grouping", NS).get("val") == "clustered"
    assert xml["stacked"].find(".//c:barChart/c:grouping", NS).get("val") == "stacked"
    assert xml["percent"].find(".//c:barChart/c:grouping", NS).get("val") == "percentStacked"
    assert xml["share"].find(".//c:barChart/c:barDir", NS).get("val") == "bar"
    assert xml["share"].find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    assert xml["area"].find(".//c:areaChart/c:grouping", NS).get("val") == "stacked"
    assert xml["donut"].find(".//c:doughnutChart/c:holeSize", NS) is not None
    assert xml["scatter"].find(".//c:scatterChart", NS) is not None
    # highlight: the accent colour on the highlighted point only
    accent = THEME.colors.accent.lstrip("#").upper()
    dpts = xml["capex"].findall(".//c:barChart/c:ser/c:dPt", NS)
    fills = [d.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") for d in dpts]
    assert fills.count(accent) == 1 and fills[3] == accent
    # legend: none for one series, at the requested side otherwise
    assert xml["capex"].find(".//c:legend", NS) is None
    assert xml["grouped"].find(".//c:legend/c:legendPos", NS).get("val") == "b"
    assert xml["stacked"].find(".//c:legend/c:legendPos", NS).get("val") == "t"
    # axis titles
    titles = ["".join(t.itertext()) for t in xml["scatter"].findall(".//c:valAx/c:title", NS)]
    assert titles == ["收入", "资本支出"]
    # reference line: a dashed series of the label, outside the legend
    ref = [s for s in xml["line"].findall(".//c:ser", NS) if s.findtext("c:tx//c:v", namespaces=NS) == "500 亿"]
    assert len(ref) == 1 and ref[0].find("c:spPr/a:ln/a:prstDash", NS).get("val") == "dash"
    assert [float(v.text) for v in ref[0].findall("c:val//c:pt/c:v", NS)] == [50.0] * 10
    assert xml["line"].find(".//c:legend/c:legendEntry/c:delete", NS).get("val") == "1"
    # annotation: custom label text on its point
    texts = ["".join(t.itertext()) for t in xml["capex"].findall(".//c:dLbl/c:tx", NS)]
    assert any("几乎翻倍" in t for t in texts)


def test_combo_has_a_line_on_a_secondary_axis():
    root = _xml(_native(BY_NAME["combo"])[1])
    plot = root.find("c:chart/c:plotArea", NS)
    bar, line = plot.find("c:barChart", NS), plot.find("c:lineChart", NS)
    assert [s.findtext("c:tx//c:v", namespaces=NS) for s in bar.findall("c:ser", NS)] == ["资本支出"]
    assert [s.findtext("c:tx//c:v", namespaces=NS) for s in line.findall("c:ser", NS)] == ["利润率"]
    val_axes = plot.findall("c:valAx", NS)
    assert len(val_axes) == 2
    line_ids = {a.get("val") for a in line.findall("c:axId", NS)}
    secondary = [a for a in val_axes if a.find("c:axId", NS).get("val") in line_ids]
    assert len(secondary) == 1 and secondary[0].find("c:axPos", NS).get("val") == "r"
    assert "".join(secondary[0].find("c:title", NS).itertext()) == "利润率(%)"


def test_deterministic_chart_part_and_workbook():
    def parts(chart):
        prs, shape = _native(chart)
        part = shape.chart.part
        wb = part.chart_workbook.xlsx_part.blob
        return part.blob, wb

    for name in ("capex", "combo", "scatter"):
        a, b = parts(BY_NAME[name]), parts(BY_NAME[name])
        assert a == b
    _, wb = parts(BY_NAME["capex"])
    core = zipfile.ZipFile(io.BytesIO(wb)).read("docProps/core.xml").decode()
    assert "<dcterms:created" in core and "T" in core
    assert all(i.date_time[0] >= 1980 for i in zipfile.ZipFile(io.BytesIO(wb)).infolist())


def test_pictures_keep_their_aspect(tmp_path):
    png = tmp_path / "range.png"
    png.write_bytes(png_bytes(BY_NAME["range"], THEME, *DECK_SIZE, dpi=50))
    prs, slide = _slide()
    box = (0, 0, int(Pt(880)), int(Pt(600)))  # taller than the picture: letterboxed, centred
    pic = add_chart(slide, BY_NAME["range"], THEME, box, png)
    assert pic.shape_type == 13  # PICTURE
    assert abs(pic.width / pic.height - DECK_SIZE[0] / DECK_SIZE[1]) < 0.01
    assert pic.width == box[2] and pic.top > 0
    assert pic._element.find("p:nvPicPr/p:cNvPr", NS).get("descr") == BY_NAME["range"].alt_text
    # a native kind forced to a picture
    forced = replace(BY_NAME["capex"], native=False)
    assert add_chart(slide, forced, THEME, BOX, png).shape_type == 13


def test_placeholder_without_png():
    prs, slide = _slide()
    shape = add_chart(slide, BY_NAME["scorecard"], THEME, BOX, None)
    assert not getattr(shape, "has_chart", False)
    assert shape.text_frame.text == BY_NAME["scorecard"].title
    assert shape._element.find("p:nvSpPr/p:cNvPr", NS).get("descr") == BY_NAME["scorecard"].alt_text


def test_a_donut_highlight_label_reads_on_its_own_slice():
    """Donut labels sit on the ring: the highlighted slice is filled with the accent, so its
    label must not be drawn in the accent (it vanished in LibreOffice and PowerPoint)."""
    base = BY_NAME["donut"]
    chart = replace(base, highlight=base.categories[0])
    xml = _xml(_native(chart)[1])
    accent = THEME.colors.accent.lstrip("#").upper()
    ser = xml.find(".//c:doughnutChart/c:ser", NS)
    fill = [p for p in ser.findall("c:dPt", NS) if p.find("c:idx", NS).get("val") == "0"][0]
    assert fill.find(".//a:srgbClr", NS).get("val") == accent
    label = [d for d in ser.findall("c:dLbls/c:dLbl", NS) if d.find("c:idx", NS).get("val") == "0"][0]
    colors = {c.get("val") for c in label.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr")}
    assert colors and accent not in colors and colors <= {"FFFFFF", THEME.colors.text.lstrip("#").upper()}
