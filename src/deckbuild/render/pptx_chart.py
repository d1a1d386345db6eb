"""Charts on a slide: native, editable PowerPoint charts where the kind has a native form,
else the rendered PNG fitted into the box (or a placeholder when there is none).

Native charts carry an embedded workbook (python-pptx writes it with XlsxWriter), so
"Edit Data" works in PowerPoint. The workbook's dates are fixed, making two renders of the same
chart byte-identical. Every text property in the chart XML names the theme font for both
latin and East-Asian text (``a:latin`` and ``a:ea``), with the language of the chart's text.

Combo charts are a clustered column chart whose ``secondary`` series are moved into a second
``c:lineChart`` on a secondary value axis. A reference line is one more series (named after
the line's label) drawn as a dashed line without markers, labelled at its last point.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import zipfile
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

from lxml import etree
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Pt

from deckbuild.charts import style
from deckbuild.charts.cache import needs_picture
from deckbuild.charts.style import NATIVE_KINDS
from deckbuild.model import Chart, ChartKind, Series
from deckbuild.reproducible import build_time, normalize_zip
from deckbuild.theme import Theme

__all__ = ["add_chart", "NATIVE_KINDS", "needs_picture"]

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def add_chart(slide, chart: Chart, theme: Theme, box: tuple[int, int, int, int], png: Optional[Path]):
    """Add ``chart`` to ``slide`` inside ``box`` (left, top, width, height in EMU); return the shape."""
    if needs_picture(chart):
        if png is not None and Path(png).is_file():
            return _picture(slide, chart, box, Path(png))
        return _placeholder(slide, chart, theme, box)
    return _native(slide, chart, theme, box)


# ---------------------------------------------------------------------------------- pictures


def _picture(slide, chart: Chart, box: tuple[int, int, int, int], png: Path):
    from PIL import Image

    left, top, width, height = box
    with Image.open(png) as im:
        pw, ph = im.size
    scale = min(width / pw, height / ph)
    w, h = int(pw * scale), int(ph * scale)
    pic = slide.shapes.add_picture(str(png), Emu(left + (width - w) // 2), Emu(top + (height - h) // 2), Emu(w), Emu(h))
    pic._element.nvPicPr.cNvPr.set("descr", chart.alt_text or chart.title)
    pic.name = f"Chart {chart.name}"
    return pic


def _placeholder(slide, chart: Chart, theme: Theme, box: tuple[int, int, int, int]):
    left, top, width, height = box
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(left), Emu(top), Emu(width), Emu(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(theme.colors.surface)
    shape.line.color.rgb = _rgb(theme.chart.grid_color)
    shape.shadow.inherit = False
    tf = shape.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    run = p.add_run()
    run.text = chart.title or chart.name
    run.font.size = Pt(theme.chart.title_size)
    run.font.color.rgb = _rgb(theme.colors.muted)
    run.font.name = theme.fonts.family
    _east_asian(shape._element, theme.fonts.family, style.language_of(chart))
    shape._element.nvSpPr.cNvPr.set("descr", chart.alt_text or chart.title)
    shape.name = f"Chart {chart.name} (missing picture)"
    return shape


# ---------------------------------------------------------------------------------- native charts


def _rgb(color: str) -> RGBColor:
    return RGBColor(*style.rgb(color))


def _chart_type(chart: Chart) -> XL_CHART_TYPE:
    multi = len(chart.series) > 1
    pct = chart.percent and multi
    stk = (chart.stacked or chart.percent) and multi
    k = chart.kind
    T = XL_CHART_TYPE
    if k is ChartKind.COLUMN:
        return T.COLUMN_STACKED_100 if pct else T.COLUMN_STACKED if stk else T.COLUMN_CLUSTERED
    if k is ChartKind.BAR:
        return T.BAR_STACKED_100 if pct else T.BAR_STACKED if stk else T.BAR_CLUSTERED
    if k is ChartKind.LINE:
        return T.LINE_MARKERS_STACKED_100 if pct else T.LINE_MARKERS_STACKED if stk else T.LINE_MARKERS
    if k is ChartKind.AREA:
        return T.AREA_STACKED_100 if pct else T.AREA_STACKED if stk else T.AREA
    if k is ChartKind.PIE:
        return T.PIE
    if k is ChartKind.DONUT:
        return T.DOUGHNUT
    if k is ChartKind.SCATTER:
        return T.XY_SCATTER
    if k is ChartKind.COMBO:
        return T.COLUMN_CLUSTERED
    raise ValueError(f"no native chart for kind {k.value}")


def _values(chart: Chart, s: Series) -> tuple[float, ...]:
    n = len(chart.categories)
    return tuple(s.values[:n]) + (0.0,) * max(0, n - len(s.values))


def _chart_data(chart: Chart):
    code = chart.number_format.excel_code
    if chart.kind is ChartKind.SCATTER:
        data = XyChartData(number_format=code)
        for s in chart.series:
            ser = data.add_series(s.name, number_format=code)
            xs = s.x or tuple(range(1, len(s.values) + 1))
            for x, y in zip(xs, s.values):
                ser.add_data_point(x, y)
        if chart.reference_line is not None:
            xs = [x for s in chart.series for x in (s.x or range(1, len(s.values) + 1))] or [0, 1]
            ser = data.add_series(chart.reference_line.label or "—", number_format=code)
            ser.add_data_point(min(xs), chart.reference_line.value)
            ser.add_data_point(max(xs), chart.reference_line.value)
        return data
    data = CategoryChartData(number_format=code)
    data.categories = list(chart.categories)
    # combo: the bar series first, then the line (secondary) series, as in the drawing
    order = _series_order(chart)
    for s in order:
        data.add_series(s.name, _values(chart, s), number_format=code)
    if chart.reference_line is not None and chart.kind not in (ChartKind.PIE, ChartKind.DONUT):
        data.add_series(chart.reference_line.label or "—", [chart.reference_line.value] * len(chart.categories),
                        number_format=code)
    return data


def _series_order(chart: Chart) -> list[Series]:
    if chart.kind is ChartKind.COMBO:
        return [s for s in chart.series if not s.secondary] + [s for s in chart.series if s.secondary]
    return list(chart.series)


def _native(slide, chart: Chart, theme: Theme, box: tuple[int, int, int, int]):
    left, top, width, height = box
    gf = slide.shapes.add_chart(_chart_type(chart), Emu(left), Emu(top), Emu(width), Emu(height), _chart_data(chart))
    gf.name = f"Chart {chart.name}"
    gf._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text or chart.title)
    b = _Builder(chart, theme, gf.chart, width, height)
    b.build()
    _fix_workbook(gf.chart.part, chart)
    return gf


class _Builder:
    """Styles one python-pptx chart after the model chart, mostly through its XML."""

    def __init__(self, chart: Chart, theme: Theme, pchart, width_emu: int, height_emu: int):
        self.chart, self.theme, self.pc = chart, theme, pchart
        self.space = pchart._chartSpace
        self.plot_area = self.space.find(qn("c:chart")).find(qn("c:plotArea"))
        self.size = style.font_size(theme, width_emu / 12700)
        self.lang = style.language_of(chart)
        self.family = theme.fonts.family
        self.code = chart.number_format.excel_code
        n_model = len(chart.series)
        self.ref_index = n_model if (chart.reference_line is not None
                                     and chart.kind not in (ChartKind.PIE, ChartKind.DONUT)) else None
        self.multi = n_model > 1
        self.stacked = (chart.stacked or chart.percent) and self.multi
        # value labels on bars only where they fit beside each other (as in the drawing)
        w_pt, h_pt = width_emu / 12700, height_emu / 12700
        legend = 26 if style.show_legend(chart) and chart.legend in ("top", "bottom") else 0
        self.bar_labels = chart.data_labels and style.bar_labels_fit(
            chart, self.size, max(60.0, 0.9 * w_pt), max(50.0, h_pt - 48 - legend))

    # -- xml helpers -----------------------------------------------------------------

    def _fill(self, color: str) -> str:
        return f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"/></a:solidFill>'

    def _rpr(self, tag: str = "a:defRPr", size: Optional[float] = None, color: Optional[str] = None,
             bold: bool = False) -> str:
        sz = f' sz="{int(round((size or self.size) * 100))}"'
        b = ' b="1"' if bold else ' b="0"'
        fill = self._fill(color or self.theme.colors.text)
        fam = escape(self.family, {'"': "&quot;"})
        return (f'<{tag} lang="{self.lang}"{sz}{b}>{fill}<a:latin typeface="{fam}"/>'
                f'<a:ea typeface="{fam}"/><a:cs typeface="{fam}"/></{tag}>')

    def _txpr(self, size: Optional[float] = None, color: Optional[str] = None, bold: bool = False,
              rot: Optional[int] = None) -> str:
        r = f' rot="{rot}" vert="horz"' if rot is not None else ""
        return (f'<c:txPr><a:bodyPr{r}/><a:lstStyle/><a:p><a:pPr>{self._rpr(size=size, color=color, bold=bold)}'
                f'</a:pPr><a:endParaRPr lang="{self.lang}"/></a:p></c:txPr>')

    def _el(self, xml: str):
        return parse_xml(f'<c:wrap {nsdecls("c", "a")}>{xml}</c:wrap>')[0]

    def _els(self, xml: str) -> list:
        return list(parse_xml(f'<c:wrap {nsdecls("c", "a")}>{xml}</c:wrap>'))

    # -- build -------------------------------------------------------------------------

    def build(self) -> None:
        chart, pc = self.chart, self.pc
        self._restructure()
        pc.has_title = False
        self._chart_space()
        for plot in pc.plots:
            self._plot(plot)
        for i, ser in enumerate(self.space.xpath(".//c:ser")):
            self._series(ser)
        self._axes()
        self._legend()
        _apply_fonts(self.space, self.family, self.lang)

    def _restructure(self) -> None:
        """Combo and reference lines: move series into c:lineChart plots."""
        chart = self.chart
        groups = self.plot_area.xpath("c:barChart|c:areaChart|c:lineChart|c:scatterChart")
        if not groups:
            return
        group = groups[0]
        sers = group.findall(qn("c:ser"))
        if chart.kind is ChartKind.COMBO:
            n_bar = sum(1 for s in chart.series if not s.secondary)
            secondary = sers[n_bar:len(chart.series)]
            if secondary:
                cat_id, val_id = self._add_secondary_axes()
                self._line_group(secondary, cat_id, val_id, after=group)
        if self.ref_index is not None and (chart.kind in (ChartKind.COLUMN, ChartKind.AREA, ChartKind.COMBO)
                                           or (chart.kind is ChartKind.LINE and self.stacked)):
            ax_ids = [a.get("val") for a in group.findall(qn("c:axId"))]
            anchor = self.plot_area.xpath("c:lineChart")[-1] if self.plot_area.xpath("c:lineChart") else group
            self._line_group([sers[self.ref_index]], ax_ids[0], ax_ids[1], after=anchor)

    def _line_group(self, sers: list, cat_id: str, val_id: str, after) -> None:
        lc = self._el('<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/></c:lineChart>')
        for ser in sers:
            for tag in ("c:invertIfNegative", "c:pictureOptions", "c:shape"):
                for e in ser.findall(qn(tag)):
                    ser.remove(e)
            lc.append(ser)
            ser.append(self._el('<c:smooth val="0"/>'))
        lc.append(self._el('<c:marker val="1"/>'))
        lc.append(self._el(f'<c:axId val="{cat_id}"/>'))
        lc.append(self._el(f'<c:axId val="{val_id}"/>'))
        after.addnext(lc)

    def _add_secondary_axes(self) -> tuple[str, str]:
        cat_id, val_id = "50030001", "50030002"
        axes = self.plot_area.xpath("c:catAx|c:valAx")
        nf = self.code
        val = self._el(
            f'<c:valAx><c:axId val="{val_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
            f'<c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="{escape(nf, {chr(34): "&quot;"})}" sourceLinked="0"/>'
            f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            f'<c:crossAx val="{cat_id}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>')
        cat = self._el(
            f'<c:catAx><c:axId val="{cat_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
            f'<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
            f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val_id}"/><c:crosses val="autoZero"/>'
            f'<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
        axes[-1].addnext(val)
        val.addnext(cat)
        return cat_id, val_id

    def _chart_space(self) -> None:
        sp = self.space
        # chart-wide text: the theme font, latin and East-Asian, and the language
        for old in sp.findall(qn("c:txPr")):
            sp.remove(old)
        txpr = self._el(self._txpr())
        ext = sp.find(qn("c:externalData"))
        (ext.addprevious if ext is not None else sp.append)(txpr)
        # no border or fill around the chart: the slide shows through
        sppr = self._el('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
        txpr.addprevious(sppr)
        rc = sp.find(qn("c:roundedCorners"))
        if rc is None:
            sp.insert(sp.index(sp.find(qn("c:chart"))), self._el('<c:roundedCorners val="0"/>'))

    def _plot(self, plot) -> None:
        chart = self.chart
        k = chart.kind
        el = plot._element
        vary = el.find(qn("c:varyColors"))
        if vary is not None:
            vary.set("val", "1" if k in (ChartKind.PIE, ChartKind.DONUT) else "0")
        if el.tag == qn("c:barChart"):
            plot.gap_width = 55 if not self.multi else 70
            if not self.stacked:
                plot.overlap = -8 if self.multi else 0
        if el.tag == qn("c:doughnutChart"):
            hole = el.find(qn("c:holeSize"))
            if hole is None:
                hole = self._el('<c:holeSize val="58"/>')
                el.append(hole)
            hole.set("val", "58")
        if el.tag in (qn("c:pieChart"), qn("c:doughnutChart")):
            fsa = el.find(qn("c:firstSliceAng"))
            if fsa is not None:
                fsa.set("val", "0")
        # labels live on the series (c:ser/c:dLbls); drop any group-level ones
        for d in el.findall(qn("c:dLbls")):
            el.remove(d)

    # -- series ------------------------------------------------------------------------

    def _model_index(self, ser) -> int:
        return int(ser.find(qn("c:idx")).get("val"))

    def _series(self, ser) -> None:
        chart, theme = self.chart, self.theme
        i = self._model_index(ser)
        order = _series_order(chart)
        is_ref = self.ref_index is not None and i == self.ref_index
        group = ser.getparent().tag
        line_like = group in (qn("c:lineChart"), qn("c:scatterChart"))
        model = None if is_ref else order[i] if i < len(order) else None
        color = style.series_color(chart, theme, chart.series.index(model) if model in chart.series else i)
        self._clear(ser, ("c:spPr", "c:marker", "c:dPt", "c:dLbls"))
        if is_ref:
            self._insert(ser, self._el(
                f'<c:spPr><a:ln w="{Pt(1.25)}" cap="flat">{self._fill(theme.colors.text)}'
                f'<a:prstDash val="dash"/><a:round/></a:ln></c:spPr>'))
            self._insert(ser, self._el('<c:marker><c:symbol val="none"/></c:marker>'))
            last = len(chart.categories) - 1 if chart.kind is not ChartKind.SCATTER else 1
            if chart.reference_line.label:
                self._dlbls(ser, [self._dlbl(last, pos="t", show_val=False, show_ser=True, backdrop=True,
                                             color=theme.colors.text, size=self.size * 0.9)], show=False)
            return
        if line_like:
            if chart.kind is ChartKind.SCATTER:
                self._insert(ser, self._el('<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>'))
            else:
                self._insert(ser, self._el(
                    f'<c:spPr><a:ln w="{Pt(2.25)}" cap="rnd">{self._fill(color)}<a:round/></a:ln></c:spPr>'))
            msize = 7 if chart.kind is ChartKind.SCATTER else 6
            self._insert(ser, self._el(
                f'<c:marker><c:symbol val="circle"/><c:size val="{msize}"/><c:spPr>{self._fill(color)}'
                f'<a:ln w="9525">{self._fill(theme.colors.background)}</a:ln></c:spPr></c:marker>'))
        else:
            line = (f'<a:ln w="{Pt(1.5)}">{self._fill(theme.colors.background)}</a:ln>'
                    if chart.kind in (ChartKind.PIE, ChartKind.DONUT) else '<a:ln><a:noFill/></a:ln>')
            fill = self._fill(color) if chart.kind not in (ChartKind.AREA,) or self.stacked else (
                f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"><a:alpha val="45000"/></a:srgbClr></a:solidFill>')
            self._insert(ser, self._el(f'<c:spPr>{fill}{line}</c:spPr>'))
        self._points(ser, i, model, color)
        self._labels(ser, i, model, color)

    def _points(self, ser, i: int, model: Optional[Series], color: str) -> None:
        """Per-point colours: pie slices, and the highlighted category."""
        chart, theme = self.chart, self.theme
        k = chart.kind
        dpts = []
        if k in (ChartKind.PIE, ChartKind.DONUT):
            for j, c in enumerate(style.slice_colors(chart, theme)):
                dpts.append(f'<c:dPt><c:idx val="{j}"/><c:bubble3D val="0"/><c:spPr>{self._fill(c)}'
                            f'<a:ln w="{Pt(1.5)}">{self._fill(theme.colors.background)}</a:ln></c:spPr></c:dPt>')
        elif k is ChartKind.SCATTER and chart.highlight and model is not None:
            names = list(chart.categories) if len(chart.categories) == len(model.values) else []
            for j, name in enumerate(names):
                c = theme.colors.accent if name == chart.highlight else style.muted(color)
                dpts.append(f'<c:dPt><c:idx val="{j}"/><c:marker><c:symbol val="circle"/><c:size val="7"/>'
                            f'<c:spPr>{self._fill(c)}<a:ln w="9525">{self._fill(theme.colors.background)}</a:ln>'
                            f'</c:spPr></c:marker><c:bubble3D val="0"/><c:spPr>{self._fill(c)}'
                            f'<a:ln w="19050"><a:noFill/></a:ln></c:spPr></c:dPt>')
        elif model is not None and model in chart.series and not model.secondary:
            hi = style.highlight_index(chart)
            cols = style.point_colors(chart, theme, chart.series.index(model))
            if cols is not None and k in (ChartKind.COLUMN, ChartKind.BAR, ChartKind.COMBO):
                for j, c in enumerate(cols):
                    dpts.append(f'<c:dPt><c:idx val="{j}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>'
                                f'<c:spPr>{self._fill(c)}<a:ln><a:noFill/></a:ln></c:spPr></c:dPt>')
            elif hi is not None and k is ChartKind.LINE:
                dpts.append(f'<c:dPt><c:idx val="{hi}"/><c:marker><c:symbol val="circle"/><c:size val="9"/>'
                            f'<c:spPr>{self._fill(theme.colors.accent)}<a:ln w="12700">'
                            f'{self._fill(theme.colors.background)}</a:ln></c:spPr></c:marker><c:bubble3D val="0"/></c:dPt>')
        for x in dpts:
            self._insert(ser, self._el(x))

    def _labels(self, ser, i: int, model: Optional[Series], color: str) -> None:
        chart, theme = self.chart, self.theme
        k = chart.kind
        n = len(chart.categories)
        hi = style.highlight_index(chart)
        notes = self._notes(model)
        if not chart.data_labels:
            if notes:
                self._dlbls(ser, [self._dlbl(j, text=t, pos=self._pos(ser), show_val=False) for j, t in notes.items()],
                            show=False)
            return
        if k in (ChartKind.PIE, ChartKind.DONUT):
            pos = "outEnd" if k is ChartKind.PIE else None
            small = _small_slices(chart)
            special = [self._dlbl(j, text=f"{chart.categories[j]}\n{style.label(chart, _values(chart, model)[j])}"
                                  + (f"\n{notes[j]}" if j in notes else ""),
                                  pos=pos, bold=j == hi, color=theme.colors.accent if j == hi else None)
                       for j in range(n) if (j == hi or j in notes) and j not in small]
            special += [self._el(f'<c:dLbl><c:idx val="{j}"/><c:delete val="1"/></c:dLbl>') for j in small]
            special.sort(key=lambda e: int(e.find(qn("c:idx")).get("val")))
            self._dlbls(ser, special, show=True, pos=pos, cat=True, leader=True)
            return
        if k is ChartKind.SCATTER:
            names = list(chart.categories) if model is not None and len(chart.categories) == len(model.values) else []
            items = [self._dlbl(j, text=name + (f"\n{notes[j]}" if j in notes else ""), pos="r",
                                bold=name == chart.highlight,
                                color=theme.colors.accent if chart.highlight and name == chart.highlight else None)
                     for j, name in enumerate(names) if name]
            self._dlbls(ser, items, show=False)
            return
        group = ser.getparent().tag
        if group == qn("c:lineChart") or k is ChartKind.AREA:
            few = n <= 8 and (len(chart.series) == 1 or k is ChartKind.COMBO)
            pos = "t" if group == qn("c:lineChart") else None
            if few:
                special = [self._dlbl(j, pos=pos, bold=True, color=theme.colors.accent if k is ChartKind.LINE else color)
                           for j in ([hi] if hi is not None and k is ChartKind.LINE else [])]
                special += [self._dlbl(j, text=self._value_text(model, j) + "\n" + t, pos=pos)
                            for j, t in notes.items() if j != hi]
                self._dlbls(ser, special, show=True, pos=pos,
                            color=color if k is ChartKind.COMBO else None)
            else:  # only the latest value, at the end of the line
                last = n - 1
                items = [self._dlbl(j, text=self._value_text(model, j) + "\n" + t, pos=pos)
                         for j, t in notes.items() if j != last]
                items.append(self._dlbl(last, pos="r" if pos else None, bold=True,
                                        color=color if k is not ChartKind.AREA or not self.stacked else None,
                                        text=(self._value_text(model, last) + "\n" + notes[last]) if last in notes else None))
                self._dlbls(ser, sorted(items, key=lambda e: int(e.find(qn("c:idx")).get("val"))), show=False)
            return
        # bars
        pos = "ctr" if self.stacked else "outEnd"
        if not self.bar_labels:
            if notes:
                self._dlbls(ser, [self._dlbl(j, text=t, pos=pos, show_val=False) for j, t in notes.items()],
                            show=False)
            return
        fill_text = None
        if self.stacked:
            fill_text = style.text_on(color, theme)
        special = []
        if model is not None and not self.stacked:
            if hi is not None:
                single = sum(1 for s in chart.series if not s.secondary) == 1
                special.append(self._dlbl(hi, pos=pos, bold=True,
                                          color=theme.colors.accent if single else None,
                                          text=(self._value_text(model, hi) + "\n" + notes[hi]) if hi in notes else None))
            special += [self._dlbl(j, text=self._value_text(model, j) + "\n" + t, pos=pos)
                        for j, t in notes.items() if j != hi]
        elif model is not None and self.stacked:
            # hide labels of segments too thin to hold them
            vals = [_values(chart, s) for s in chart.series]
            span = max(sum(max(v, 0) for v in col) for col in zip(*vals)) or 1.0
            if chart.percent:
                totals = [sum(abs(v) for v in col) or 1.0 for col in zip(*vals)]
                share = [abs(v) / t for v, t in zip(_values(chart, model), totals)]
            else:
                share = [abs(v) / span for v in _values(chart, model)]
            special = [self._el(f'<c:dLbl><c:idx val="{j}"/><c:delete val="1"/></c:dLbl>')
                       for j, s in enumerate(share) if s < 0.045]
        self._dlbls(ser, special, show=True, pos=pos, color=fill_text,
                    size=self.size * 0.9 if self.stacked else None)

    def _notes(self, model: Optional[Series]) -> dict[int, str]:
        """Annotations of the chart on points of this series: {point index: text} (first series only)."""
        chart = self.chart
        if model is None or not chart.series or model is not _series_order(chart)[0]:
            return {}
        out: dict[int, str] = {}
        for a in chart.annotations:
            j = None
            if chart.kind is ChartKind.SCATTER:
                if a.category in chart.categories:
                    j = chart.categories.index(a.category)
                elif a.x is not None:
                    for idx, x in enumerate(model.x):
                        if abs(x - a.x) < 1e-9 and (a.y is None or abs(model.values[idx] - a.y) < 1e-9):
                            j = idx
                            break
            elif a.category in chart.categories:
                j = chart.categories.index(a.category)
            if j is not None and a.text:
                out[j] = (out[j] + "\n" + a.text) if j in out else a.text
        return out

    def _value_text(self, model: Optional[Series], j: int) -> str:
        if model is None or not self.chart.data_labels:
            return ""
        return style.label(self.chart, _values(self.chart, model)[j]).replace("\u2212", "-")

    def _pos(self, ser) -> Optional[str]:
        group = ser.getparent().tag
        if group in (qn("c:lineChart"), qn("c:scatterChart")):
            return "t"
        if group == qn("c:barChart"):
            return "ctr" if self.stacked else "outEnd"
        return None

    def _dlbl(self, idx: int, text: Optional[str] = None, pos: Optional[str] = None, bold: bool = False,
              color: Optional[str] = None, show_val: bool = True, show_ser: bool = False, size: Optional[float] = None,
              backdrop: bool = False):
        parts = [f'<c:dLbl><c:idx val="{idx}"/>']
        if text is not None:
            paras = "".join(f'<a:p><a:pPr>{self._rpr(size=size, color=color, bold=bold)}</a:pPr>'
                            f'<a:r>{self._rpr("a:rPr", size=size, color=color, bold=bold)}<a:t>{escape(line)}</a:t></a:r></a:p>'
                            for line in text.split("\n"))
            parts.append(f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/>{paras}</c:rich></c:tx>')
        parts.append(f'<c:numFmt formatCode="{escape(self.code, {chr(34): "&quot;"})}" sourceLinked="0"/>')
        bg = self.theme.colors.background.lstrip("#").upper()
        parts.append(f'<c:spPr><a:solidFill><a:srgbClr val="{bg}"><a:alpha val="85000"/></a:srgbClr></a:solidFill>'
                     '<a:ln><a:noFill/></a:ln></c:spPr>' if backdrop else
                     '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
        if text is None:
            parts.append(self._txpr(size=size, color=color, bold=bold))
        if pos:
            parts.append(f'<c:dLblPos val="{pos}"/>')
        parts.append(f'<c:showLegendKey val="0"/><c:showVal val="{int(show_val or text is not None)}"/>'
                     f'<c:showCatName val="0"/><c:showSerName val="{int(show_ser)}"/>'
                     '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>')
        return self._el("".join(parts))

    def _dlbls(self, ser, items: list, show: bool, pos: Optional[str] = None, cat: bool = False,
               leader: bool = False, color: Optional[str] = None, size: Optional[float] = None) -> None:
        x = ['<c:dLbls>']
        x.append(f'<c:numFmt formatCode="{escape(self.code, {chr(34): "&quot;"})}" sourceLinked="0"/>')
        x.append('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
        x.append(self._txpr(size=size, color=color))
        if pos and show:
            x.append(f'<c:dLblPos val="{pos}"/>')
        sep = '<c:separator>\n</c:separator>' if cat else ""
        x.append(f'<c:showLegendKey val="0"/><c:showVal val="{int(show)}"/><c:showCatName val="{int(cat and show)}"/>'
                 f'<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>{sep}')
        if leader:
            x.append('<c:showLeaderLines val="1"/>')
        x.append('</c:dLbls>')
        dl = self._el("".join(x))
        for k, item in enumerate(items):
            dl.insert(k, item)
        self._insert(ser, dl)

    # -- schema-ordered insertion into c:ser ------------------------------------------------

    _SER_ORDER = ("c:idx", "c:order", "c:tx", "c:spPr", "c:invertIfNegative", "c:pictureOptions", "c:marker",
                  "c:dPt", "c:dLbls", "c:trendline", "c:errBars", "c:cat", "c:val", "c:xVal", "c:yVal",
                  "c:smooth", "c:shape", "c:bubbleSize", "c:bubble3D", "c:explosion", "c:extLst")

    def _clear(self, ser, tags) -> None:
        for t in tags:
            for e in ser.findall(qn(t)):
                ser.remove(e)

    def _insert(self, ser, el) -> None:
        rank = {qn(t): r for r, t in enumerate(self._SER_ORDER)}
        mine = rank.get(el.tag, 99)
        for child in ser:
            if rank.get(child.tag, 99) > mine:
                child.addprevious(el)
                return
        ser.append(el)

    # -- axes and legend ----------------------------------------------------------------

    def _axes(self) -> None:
        chart, theme, pc = self.chart, self.theme, self.pc
        k = chart.kind
        if k in (ChartKind.PIE, ChartKind.DONUT):
            return
        muted, text = theme.colors.muted, theme.colors.text
        horizontal = k is ChartKind.BAR
        if k is ChartKind.SCATTER:
            valaxes = self.plot_area.findall(qn("c:valAx"))
            xax, yax = valaxes[0], valaxes[1]
            self._style_axis(xax, line=True, grid=theme.chart.gridlines, code=None)
            self._style_axis(yax, line=False, grid=theme.chart.gridlines, code=self.code)
            self._title(xax, chart.x_title)
            self._title(yax, style.value_axis_title(chart), rot=-5400000)
            self._log(yax)
            self._max(yax)
            return
        cat = self.plot_area.find(qn("c:catAx"))
        vals = self.plot_area.findall(qn("c:valAx"))
        val = vals[0]
        hide = self.bar_labels and not self.stacked and k in (ChartKind.COLUMN, ChartKind.BAR, ChartKind.COMBO) \
            and not chart.log_scale
        pct = chart.percent and self.multi
        self._style_axis(cat, line=True, grid=False, code=None)
        self._style_axis(val, line=False, grid=theme.chart.gridlines and not hide, code="0%" if pct else self.code,
                         hide_labels=hide)
        if horizontal:
            cat_el = pc.category_axis
            cat_el.reverse_order = True  # first category on top, as in the drawing
            c = val.find(qn("c:crosses"))
            if c is not None:
                c.set("val", "max")  # with the categories reversed, keep the value axis at the bottom
        self._title(cat, chart.x_title, rot=-5400000 if horizontal else None)
        self._title(val, style.value_axis_title(chart), rot=None if horizontal else -5400000)
        self._log(val)
        self._max(val)
        if k is ChartKind.COMBO and len(vals) > 1:
            self._style_axis(vals[1], line=False, grid=False, code=self.code, hide_labels=chart.data_labels)
            self._title(vals[1], chart.y2_title, rot=-5400000)
            self._combo_scales(val, vals[1])
        if any(v < 0 for s in chart.series for v in s.values):
            # category labels at the bottom of the plot, not at zero among the bars
            lp = cat.find(qn("c:tickLblPos"))
            if lp is not None:
                lp.set("val", "low")

    def _style_axis(self, ax, line: bool, grid: bool, code: Optional[str], hide_labels: bool = False) -> None:
        theme = self.theme
        self._clear(ax, ("c:majorGridlines", "c:minorGridlines", "c:numFmt", "c:majorTickMark", "c:minorTickMark",
                         "c:tickLblPos", "c:spPr", "c:txPr"))
        d = ax.find(qn("c:delete"))
        if d is not None:
            d.set("val", "0")
        new = []
        if grid:
            new.append(f'<c:majorGridlines><c:spPr><a:ln w="9525">{self._fill(theme.chart.grid_color)}</a:ln>'
                       f'</c:spPr></c:majorGridlines>')
        if code:
            new.append(f'<c:numFmt formatCode="{escape(code, {chr(34): "&quot;"})}" sourceLinked="0"/>')
        new.append('<c:majorTickMark val="none"/><c:minorTickMark val="none"/>')
        new.append(f'<c:tickLblPos val="{"none" if hide_labels else "nextTo"}"/>')
        if line:
            new.append(f'<c:spPr><a:noFill/><a:ln w="9525">{self._fill(theme.colors.muted)}</a:ln></c:spPr>')
        else:
            new.append('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
        new.append(self._txpr(color=theme.colors.text))
        # after c:axPos (and c:title, if any), before c:crossAx
        anchor = ax.find(qn("c:title"))
        if anchor is None:
            anchor = ax.find(qn("c:axPos"))
        for el in reversed(self._els("".join(new))):
            anchor.addnext(el)

    def _title(self, ax, text: str, rot: Optional[int] = None) -> None:
        if not text:
            return
        for t in ax.findall(qn("c:title")):
            ax.remove(t)
        r = f' rot="{rot}" vert="horz"' if rot is not None else ""
        el = self._el(
            f'<c:title><c:tx><c:rich><a:bodyPr{r}/><a:lstStyle/><a:p><a:pPr>'
            f'{self._rpr(size=self.size * 0.9, color=self.theme.colors.muted)}</a:pPr><a:r>'
            f'{self._rpr("a:rPr", size=self.size * 0.9, color=self.theme.colors.muted)}<a:t>{escape(text)}</a:t>'
            f'</a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>')
        ax.find(qn("c:axPos")).addnext(el)
        # keep the gridlines before the title, as the schema orders them
        for g in ax.findall(qn("c:majorGridlines")):
            ax.find(qn("c:axPos")).addnext(g)

    def _log(self, ax) -> None:
        if not self.chart.log_scale:
            return
        scaling = ax.find(qn("c:scaling"))
        if scaling.find(qn("c:logBase")) is None:
            scaling.insert(0, self._el('<c:logBase val="10"/>'))

    def _max(self, ax, value: Optional[float] = None) -> None:
        value = self.chart.max_value if value is None else value
        if value is None:
            return
        scaling = ax.find(qn("c:scaling"))
        for e in scaling.findall(qn("c:max")):
            scaling.remove(e)
        el = self._el(f'<c:max val="{value!r}"/>')
        mn = scaling.find(qn("c:min"))
        (mn.addprevious if mn is not None else scaling.append)(el)

    def _min(self, ax, value: float) -> None:
        scaling = ax.find(qn("c:scaling"))
        for e in scaling.findall(qn("c:min")):
            scaling.remove(e)
        scaling.append(self._el(f'<c:min val="{value!r}"/>'))

    def _combo_scales(self, primary, secondary) -> None:
        """Bars in the lower part, the lines in a band above them, so the labels do not collide
        (the same split as the drawing: style.COMBO_BARS, style.COMBO_LINES)."""
        chart = self.chart
        bars = [v for s in chart.series if not s.secondary for v in s.values]
        lines = [v for s in chart.series if s.secondary for v in s.values]
        if not bars or not lines or chart.log_scale or chart.max_value is not None:
            return
        top = max(bars)
        if top > 0 and min(bars) >= 0:
            self._max(primary, _nice(top / style.COMBO_BARS))
            self._min(primary, 0.0)
        lo, hi = style.combo_line_limits(min(lines), max(lines))
        step = _step(hi - lo)
        self._max(secondary, math.ceil(hi / step) * step)
        self._min(secondary, math.floor(lo / step) * step)

    def _legend(self) -> None:
        chart, pc = self.chart, self.pc
        show = style.show_legend(chart) or (bool(_small_slices(chart)) and chart.legend != "none")
        pc.has_legend = show
        if not show:
            return
        lg = pc.legend
        lg.position = {"top": XL_LEGEND_POSITION.TOP, "right": XL_LEGEND_POSITION.RIGHT}.get(
            chart.legend, XL_LEGEND_POSITION.BOTTOM) if chart.kind is not ChartKind.DONUT else XL_LEGEND_POSITION.RIGHT
        lg.include_in_layout = False
        el = lg._element
        if self.ref_index is not None:
            el.insert(1, self._el(f'<c:legendEntry><c:idx val="{self.ref_index}"/><c:delete val="1"/></c:legendEntry>'))
        for t in el.findall(qn("c:txPr")):
            el.remove(t)
        el.append(self._el(self._txpr(size=self.size * 0.95)))
        # c:txPr must precede c:extLst, if any
        ext = el.find(qn("c:extLst"))
        if ext is not None:
            el.append(ext)


def _small_slices(chart: Chart) -> list[int]:
    """Donut slices too thin for a label on the ring (their names go to a legend instead)."""
    if chart.kind is not ChartKind.DONUT or not chart.series:
        return []
    vals = [max(0.0, v) for v in _values(chart, chart.series[0])]
    total = sum(vals) or 1.0
    return [j for j, v in enumerate(vals) if v / total < 0.06]


def _nice(v: float) -> float:
    """A round number at least ``v`` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten)."""
    if v <= 0:
        return 1.0
    p = 10 ** math.floor(math.log10(v))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * p >= v:
            return m * p
    return 10 * p


def _step(span: float) -> float:
    """A round step about a tenth of ``span``."""
    return 10 ** math.floor(math.log10(span / 10)) if span > 0 else 1.0


# ---------------------------------------------------------------------------------- fonts


def _apply_fonts(root, family: str, lang: str) -> None:
    """Every run/default property in the chart names ``family`` for latin, East-Asian and complex
    script text, with the language: a:latin and a:ea in schema order."""
    ns = {"a": _A}
    order = ["ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst", "effectDag",
             "highlight", "uLnTx", "uLn", "uFillTx", "uFill"]
    for el in etree._Element.xpath(root, ".//a:defRPr|.//a:rPr|.//a:endParaRPr", namespaces=ns):
        if not el.get("lang"):
            el.set("lang", lang)
        for tag in ("latin", "ea", "cs"):
            for old in el.findall(f"{{{_A}}}{tag}"):
                el.remove(old)
        pos = 0
        for i, child in enumerate(el):
            local = etree.QName(child).localname
            if local in order:
                pos = i + 1
        for k, tag in enumerate(("latin", "ea", "cs")):
            new = etree.SubElement(el, f"{{{_A}}}{tag}")
            new.set("typeface", family)
            el.remove(new)
            el.insert(pos + k, new)


def _east_asian(el, family: str, lang: str) -> None:
    _apply_fonts(el, family, lang)


# ---------------------------------------------------------------------------------- workbook


def _fix_workbook(chart_part, chart: Chart) -> None:
    """Fixed dates in the embedded workbook (XlsxWriter stamps the current time) and a
    normalised zip, so the same chart always gives the same bytes."""
    wb = chart_part.chart_workbook
    part = wb.xlsx_part
    if part is None:
        return
    when = build_time(hashlib.sha256((chart.digest or chart.name).encode()).hexdigest())
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(part.blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), text)
                data = text.encode("utf-8")
            dst.writestr(info.filename, data)
    wb.update_from_xlsx_blob(normalize_zip(out.getvalue(), when))
