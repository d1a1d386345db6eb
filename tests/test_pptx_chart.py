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
    assert NATIVE_KINDS == set(ChartKind)
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
    for el in root.iter(f"{{{NS['a']}}}defRPr", f"{{{NS['a']}}}rPr"):
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
    from deckbuild.seal import seal

    png = tmp_path / "range.png"
    png.write_bytes(seal(png_bytes(BY_NAME["range"], THEME, *DECK_SIZE, dpi=50), png.name))  # as the cache keeps it
    prs, slide = _slide()
    box = (0, 0, int(Pt(880)), int(Pt(600)))  # taller than the picture: letterboxed, centred
    pic = add_chart(slide, replace(BY_NAME["range"], native=False), THEME, box, png)
    assert pic.shape_type == 13  # PICTURE
    assert abs(pic.width / pic.height - DECK_SIZE[0] / DECK_SIZE[1]) < 0.01
    assert pic.width == box[2] and pic.top > 0
    assert pic._element.find("p:nvPicPr/p:cNvPr", NS).get("descr") == BY_NAME["range"].alt_text
    # a native kind forced to a picture
    forced = replace(BY_NAME["capex"], native=False)
    assert add_chart(slide, forced, THEME, BOX, png).shape_type == 13


def test_a_picture_deckbuild_did_not_seal_is_a_placeholder(tmp_path):
    """A picture in the cache that deckbuild did not make for this user (someone else's, or
    planted) never reaches the deck: the chart is a placeholder."""
    png = tmp_path / "range.png"
    png.write_bytes(png_bytes(BY_NAME["range"], THEME, *DECK_SIZE, dpi=50))
    prs, slide = _slide()
    shape = add_chart(slide, replace(BY_NAME["range"], native=False), THEME, BOX, png)
    assert shape.shape_type != 13 and shape.text_frame.text == BY_NAME["range"].title


def test_placeholder_without_png():
    prs, slide = _slide()
    chart = replace(BY_NAME["scorecard"], native=False)
    shape = add_chart(slide, chart, THEME, BOX, None)
    assert not getattr(shape, "has_chart", False)
    assert shape.text_frame.text == chart.title
    assert shape._element.find("p:nvSpPr/p:cNvPr", NS).get("descr") == chart.alt_text


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


# --- kinds built from PowerPoint's bars: range, scorecard, magnitude ----------------------------

SSML = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def workbook_cells(shape) -> dict[str, object]:
    """The embedded workbook's cells of a chart shape, by reference ('B2'): text or number.
    Every cell is a literal (no formula)."""
    wb = zipfile.ZipFile(io.BytesIO(shape.chart.part.chart_workbook.xlsx_part.blob))
    shared = [("".join(si.itertext())) for si in etree.fromstring(wb.read("xl/sharedStrings.xml"))]
    cells = {}
    for c in etree.fromstring(wb.read("xl/worksheets/sheet1.xml")).iter(f"{SSML}c"):
        assert c.find(f"{SSML}f") is None, c.get("r")
        v = c.findtext(f"{SSML}v")
        cells[c.get("r")] = shared[int(v)] if c.get("t") == "s" else float(v)
    return cells


def _series(root, plot: str) -> dict[str, etree._Element]:
    return {s.findtext("c:tx//c:v", namespaces=NS): s for s in root.findall(f".//c:plotArea/{plot}/c:ser", NS)}


def _values(ser) -> list[float]:
    return [float(v) for v in ser.xpath("c:val//c:pt/c:v/text()", namespaces=NS)]


def test_range_is_a_stacked_column_on_an_invisible_base():
    chart = BY_NAME["range"]  # 2024: 39.2–39.2 (one value), 2025: 66–72
    _, shape = _native(chart)
    root = _xml(shape)
    bar = root.find(".//c:plotArea/c:barChart", NS)
    assert bar.find("c:grouping", NS).get("val") == "stacked" and bar.find("c:barDir", NS).get("val") == "col"
    assert bar.find("c:overlap", NS).get("val") == "100"
    sers = _series(root, "c:barChart")
    assert list(sers) == ["低", "高 − 低"]
    base, span = sers["低"], sers["高 − 低"]
    assert base.find("c:spPr/a:noFill", NS) is not None and base.find("c:spPr/a:ln/a:noFill", NS) is not None
    assert base.find("c:dLbls", NS) is None  # the base says nothing
    assert _values(base) == [39.2, 66.0]
    assert _values(span)[1] == pytest.approx(6.0) and 0 < _values(span)[0] < 1  # an exact value stays a thin bar
    # the span in the accent where highlighted, muted elsewhere
    accent = THEME.colors.accent.lstrip("#").upper()
    fills = [d.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") for d in span.findall("c:dPt", NS)]
    assert fills[1] == accent and fills[0] != accent
    # the labels ride on an invisible line of the high values, above the spans
    (top,) = _series(root, "c:lineChart").values()
    assert top.findtext("c:tx//c:v", namespaces=NS) == "高" and _values(top) == [39.2, 72.0]
    assert top.find("c:spPr/a:ln/a:noFill", NS) is not None
    assert top.find("c:marker/c:symbol", NS).get("val") == "none"
    labels = {int(d.find("c:idx", NS).get("val")): ("".join(d.find("c:tx", NS).itertext()),
                                                    d.find("c:dLblPos", NS).get("val"))
              for d in top.findall("c:dLbls/c:dLbl", NS)}
    assert labels == {0: ("39", "t"), 1: ("66–72", "t")}
    # the value axis starts at zero: a floating span means little without it
    assert float(root.find(".//c:valAx/c:scaling/c:min", NS).get("val")) == 0.0
    assert float(root.find(".//c:valAx/c:scaling/c:max", NS).get("val")) > 72
    assert root.find(".//c:legend", NS) is None
    cells = workbook_cells(shape)
    assert [cells["B1"], cells["C1"], cells["D1"]] == ["低", "高 − 低", "高"]
    assert [cells["A2"], cells["A3"]] == list(chart.categories)
    assert [cells["B2"], cells["B3"], cells["D2"], cells["D3"]] == [39.2, 66.0, 39.2, 72.0]


def test_a_range_across_zero_stacks_from_zero_both_ways():
    chart = replace(BY_NAME["range"], categories=("甲", "乙", "丙"),
                    series=(BY_NAME["range"].series[0].__class__("低", (-5.0, -9.0, 2.0)),
                            BY_NAME["range"].series[1].__class__("高", (3.0, -4.0, 6.0))))
    root = _xml(_native(chart)[1])
    sers = _series(root, "c:barChart")
    assert list(sers) == ["低", "高 − 低", "高 − 低 (<0)"]
    base, up, down = (_values(s) for s in sers.values())
    # 甲 (−5–3): 0 to 3 and 0 to −5; 乙 (−9 – −4): hangs from −4 down to −9; 丙 (2–6): 2 + 4
    assert base == [0.0, -4.0, 2.0] and up == [3.0, 0.0, 4.0] and down == [-5.0, -5.0, 0.0]
    assert float(root.find(".//c:valAx/c:scaling/c:min", NS).get("val")) < -9


def test_scorecard_is_a_bar_and_the_rest_of_its_scale():
    chart = BY_NAME["scorecard"]  # 4, 3, 5, 2 out of 5
    _, shape = _native(chart)
    root = _xml(shape)
    bar = root.find(".//c:plotArea/c:barChart", NS)
    assert bar.find("c:barDir", NS).get("val") == "bar" and bar.find("c:grouping", NS).get("val") == "stacked"
    score, rest = _series(root, "c:barChart").values()
    assert _values(score) == [4, 3, 5, 2] and _values(rest) == [1, 2, 0, 3]
    assert rest.findtext("c:tx//c:v", namespaces=NS) == "5 − 评分"
    assert rest.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") == THEME.colors.surface.lstrip("#").upper()
    assert rest.find("c:dLbls", NS) is None
    # the scale ends at the maximum, ticked by one, first category on top
    scaling = root.find(".//c:valAx/c:scaling", NS)
    assert float(scaling.find("c:max", NS).get("val")) == 5 and float(scaling.find("c:min", NS).get("val")) == 0
    assert float(root.find(".//c:valAx/c:majorUnit", NS).get("val")) == 1
    assert root.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    # each score inside the end of its bar, bold in the highlighted one
    labels = score.findall("c:dLbls/c:dLbl", NS)
    assert [d.find("c:dLblPos", NS).get("val") for d in labels] == ["inEnd"] * 4
    assert [d.find(".//a:defRPr", NS).get("b") for d in labels] == ["0", "0", "1", "0"]
    cells = workbook_cells(shape)
    assert [cells[f"B{r}"] for r in range(2, 6)] == [4, 3, 5, 2]
    assert [cells[f"C{r}"] for r in range(2, 6)] == [1, 2, 0, 3]


def test_a_scorecard_of_several_series_is_grouped_bars_up_to_the_maximum():
    base = BY_NAME["scorecard"]
    chart = replace(base, series=(base.series[0], replace(base.series[0], name="去年", values=(3, 3, 4, 1))))
    root = _xml(_native(chart)[1])
    assert root.find(".//c:barChart/c:grouping", NS).get("val") == "clustered"
    assert list(_series(root, "c:barChart")) == ["评分", "去年"]
    assert float(root.find(".//c:valAx/c:scaling/c:max", NS).get("val")) == 5


def test_magnitude_is_bars_on_a_logarithmic_axis():
    chart = BY_NAME["magnitude"]  # 0.25, 10, 77.7 (two decimals)
    _, shape = _native(chart)
    root = _xml(shape)
    assert root.find(".//c:barChart/c:barDir", NS).get("val") == "bar"
    scaling = root.find(".//c:valAx/c:scaling", NS)
    assert scaling.find("c:logBase", NS).get("val") == "10"
    order = [etree.QName(e).localname for e in scaling]
    assert [t for t in order if t != "orientation"] == ["logBase", "max", "min"]  # the schema's order
    lo, hi = float(scaling.find("c:min", NS).get("val")), float(scaling.find("c:max", NS).get("val"))
    assert lo == 0.1 and hi > 77.7  # the decade below the smallest value, room beyond the largest
    (ser,) = _series(root, "c:barChart").values()
    assert _values(ser) == [0.25, 10, 77.7]
    assert ser.find("c:dLbls/c:dLblPos", NS).get("val") == "outEnd"
    assert root.find(".//c:valAx/c:tickLblPos", NS).get("val") == "nextTo"  # the decades stay readable
    cells = workbook_cells(shape)
    assert [cells["B2"], cells["B3"], cells["B4"]] == [0.25, 10, 77.7]


def test_magnitude_labels_keep_two_significant_digits():
    base = BY_NAME["magnitude"]
    chart = replace(base, number_format=replace(base.number_format, decimals=0),
                    series=(replace(base.series[0], values=(0.004, 10, 4000)),))
    root = _xml(_native(chart)[1])
    texts = ["".join(t.itertext()) for t in root.findall(".//c:barChart/c:ser/c:dLbls/c:dLbl/c:tx", NS)]
    assert texts == ["0.004"]
    code = root.find(".//c:valAx/c:numFmt", NS).get("formatCode")
    assert code.startswith("[<1]0.###;")  # ticks below 1 keep their decimals


@pytest.mark.parametrize("chart", NATIVE, ids=lambda c: c.name)
def test_no_text_of_a_chart_is_smaller_than_the_theme_chart_size(chart):
    """Labels, legends and axis titles of a chart on a slide: the theme's chart size or more,
    in a narrow chart box too."""
    prs, slide = _slide()
    narrow = (BOX[0], BOX[1], int(Pt(300)), int(Pt(300)))
    shape = add_chart(slide, chart, THEME, narrow, None)
    root = _xml(shape)
    sizes = {int(e.get("sz")) for e in root.iter(f"{{{NS['a']}}}defRPr", f"{{{NS['a']}}}rPr") if e.get("sz")}
    assert sizes and min(sizes) >= THEME.chart.font_size * 100, sorted(sizes)


def test_a_donut_label_wider_than_the_ring_breaks_at_its_spaces():
    base = BY_NAME["donut"]
    chart = replace(base, categories=("Hardware faults and failures", "其他原因（推算余数）", "Other"))
    root = _xml(_native(chart)[1])
    texts = {int(d.find("c:idx", NS).get("val")): [p.findtext(".//a:t", namespaces=NS) for p in d.findall(".//a:p", NS)]
             for d in root.findall(".//c:doughnutChart/c:ser/c:dLbls/c:dLbl", NS) if d.find("c:tx", NS) is not None}
    lines = texts[0]
    assert len(lines) >= 3 and " ".join(lines[:-1]) == "Hardware faults and failures"
    assert 1 not in texts  # no spaces: left whole
