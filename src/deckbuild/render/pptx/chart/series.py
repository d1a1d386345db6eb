"""How a native chart's plots and series look: plot-group settings (gaps, overlap, donut hole,
varied colours), series fills, lines and markers, the dashed reference line, the parts a kind
is built from (a range's invisible base and label line, a scorecard's rest of the scale), and
per-point colours (pie slices, the highlighted category). Data labels are ``labels``' job."""

from __future__ import annotations

from pptx.util import Pt

from deckbuild.charts import style
from deckbuild.model.deck import Chart, ChartKind, Series
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.chart.context import HOLE, ChartContext
from deckbuild.render.pptx.chart.data import BASE, REF, REST, SPAN, TOP, values
from deckbuild.render.pptx.chart.labels import add_labels, dlbl, dlbls
from deckbuild.render.pptx.chart.xml import clear, el, fill, insert
from deckbuild.render.pptx.ns import qn


def style_plot(ctx: ChartContext, plot) -> None:
    """Settings of one plot group (c:barChart, c:pieChart, ...)."""
    k = ctx.chart.kind
    e = ooxml.plot_xml(plot)
    vary = e.find(qn("c:varyColors"))
    if vary is not None:
        vary.set("val", "1" if k in (ChartKind.PIE, ChartKind.DONUT) else "0")
    if e.tag == qn("c:barChart"):
        plot.gap_width = 80 if ctx.layered else 55 if not ctx.multi else 70
        if not ctx.stacked and not ctx.layered:
            plot.overlap = -8 if ctx.multi else 0
    if e.tag == qn("c:doughnutChart"):
        hole = e.find(qn("c:holeSize"))
        if hole is None:
            hole = el(f'<c:holeSize val="{HOLE}"/>')
            e.append(hole)
        hole.set("val", str(HOLE))
    if e.tag in (qn("c:pieChart"), qn("c:doughnutChart")):
        fsa = e.find(qn("c:firstSliceAng"))
        if fsa is not None:
            fsa.set("val", "0")
    # labels live on the series (c:ser/c:dLbls); drop any group-level ones
    for d in e.findall(qn("c:dLbls")):
        e.remove(d)


def style_series(ctx: ChartContext, ser) -> None:
    """Fill, line, markers, point colours and labels of one c:ser element."""
    chart, theme = ctx.chart, ctx.theme
    i = int(ser.find(qn("c:idx")).get("val"))
    role = ctx.series[i].role
    group = ser.getparent().tag
    line_like = group in (qn("c:lineChart"), qn("c:scatterChart"))
    model = ctx.series[i].model
    color = style.series_color(chart, theme, chart.series.index(model) if model in chart.series else i)
    clear(ser, ("c:spPr", "c:marker", "c:dPt", "c:dLbls"))
    if role == REF:
        _reference_line(ctx, ser)
        return
    if role == BASE:  # a range's invisible base: no fill, no line, no labels
        insert(ser, el('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'))
        return
    if role == REST:  # a scorecard's rest of the scale: a light track
        insert(ser, el(f'<c:spPr>{fill(theme.colors.surface)}<a:ln><a:noFill/></a:ln></c:spPr>'))
        return
    if role == TOP:  # a range's high values: no line, no markers, the span's labels
        insert(ser, el('<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>'))
        insert(ser, el('<c:marker><c:symbol val="none"/></c:marker>'))
        add_labels(ctx, ser, model, color)
        return
    if line_like:
        if chart.kind is ChartKind.SCATTER:
            insert(ser, el('<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>'))
        else:
            insert(ser, el(f'<c:spPr><a:ln w="{Pt(2.25)}" cap="rnd">{fill(color)}<a:round/></a:ln></c:spPr>'))
        msize = 7 if chart.kind is ChartKind.SCATTER else 6
        insert(ser, el(
            f'<c:marker><c:symbol val="circle"/><c:size val="{msize}"/><c:spPr>{fill(color)}'
            f'<a:ln w="9525">{fill(theme.colors.background)}</a:ln></c:spPr></c:marker>'))
    else:
        line = (f'<a:ln w="{Pt(1.5)}">{fill(theme.colors.background)}</a:ln>'
                if chart.kind in (ChartKind.PIE, ChartKind.DONUT) else '<a:ln><a:noFill/></a:ln>')
        body = fill(color) if chart.kind not in (ChartKind.AREA,) or ctx.stacked else (
            f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"><a:alpha val="45000"/></a:srgbClr>'
            '</a:solidFill>')
        insert(ser, el(f'<c:spPr>{body}{line}</c:spPr>'))
    _points(ctx, ser, model, color)
    if role != SPAN:  # a span's labels are on the line of the high values
        add_labels(ctx, ser, model, color)
    if model is not None and model.number_format is not None:  # the series' own format, in its labels too
        for e in ser.iter(qn("c:numFmt")):
            e.set("formatCode", model.number_format.excel_code)


def _reference_line(ctx: ChartContext, ser) -> None:
    """A dashed line without markers, labelled with its name at its last point."""
    chart, theme = ctx.chart, ctx.theme
    insert(ser, el(
        f'<c:spPr><a:ln w="{Pt(1.25)}" cap="flat">{fill(theme.colors.text)}'
        f'<a:prstDash val="dash"/><a:round/></a:ln></c:spPr>'))
    insert(ser, el('<c:marker><c:symbol val="none"/></c:marker>'))
    if chart.reference_line is not None and chart.reference_line.label:
        at = 1 if chart.kind is ChartKind.SCATTER else reference_label_at(chart)
        dlbls(ctx, ser, [dlbl(ctx, at, pos="t", show_val=False, show_ser=True, backdrop=True,
                              color=theme.colors.text)], show=False)


def reference_label_at(chart: Chart) -> int:
    """The category above which the reference line's label goes: where the data (and their
    labels) stay farthest below the line, else where they rise farthest above it; the last
    of equals. (At the last category it overprinted the last bar's label.)"""
    ref = chart.reference_line
    n = len(chart.categories)
    if ref is None or n == 0:
        return max(0, n - 1)
    cols = list(zip(*(values(chart, s) for s in chart.series))) or [(0.0,)] * n
    stacked = (chart.stacked or chart.percent) and len(chart.series) > 1
    tops = [sum(v for v in c if v > 0) if stacked else max(c) for c in cols]
    below = [(ref.value - t, j) for j, t in enumerate(tops) if t < ref.value]
    if below:
        return max(below)[1]
    return max((t - ref.value, j) for j, t in enumerate(tops))[1]


def _points(ctx: ChartContext, ser, model: Series | None, color: str) -> None:
    """Per-point colours: pie slices, and the highlighted category."""
    chart, theme = ctx.chart, ctx.theme
    k = chart.kind
    dpts = []
    if k in (ChartKind.PIE, ChartKind.DONUT):
        for j, c in enumerate(style.slice_colors(chart, theme)):
            dpts.append(f'<c:dPt><c:idx val="{j}"/><c:bubble3D val="0"/><c:spPr>{fill(c)}'
                        f'<a:ln w="{Pt(1.5)}">{fill(theme.colors.background)}</a:ln></c:spPr></c:dPt>')
    elif k is ChartKind.SCATTER and chart.highlight and model is not None:
        names = list(chart.categories) if len(chart.categories) == len(model.values) else []
        for j, name in enumerate(names):
            c = theme.colors.accent if name == chart.highlight else style.muted(color)
            dpts.append(f'<c:dPt><c:idx val="{j}"/><c:marker><c:symbol val="circle"/><c:size val="7"/>'
                        f'<c:spPr>{fill(c)}<a:ln w="9525">{fill(theme.colors.background)}</a:ln>'
                        f'</c:spPr></c:marker><c:bubble3D val="0"/><c:spPr>{fill(c)}'
                        f'<a:ln w="19050"><a:noFill/></a:ln></c:spPr></c:dPt>')
    elif model is not None and model in chart.series and not model.secondary:
        hi = style.highlight_index(chart)
        cols = style.point_colors(chart, theme, chart.series.index(model))
        if cols is not None and k in (ChartKind.COLUMN, ChartKind.BAR, ChartKind.COMBO, ChartKind.RANGE,
                                      ChartKind.MAGNITUDE, ChartKind.SCORECARD):
            for j, c in enumerate(cols):
                dpts.append(f'<c:dPt><c:idx val="{j}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>'
                            f'<c:spPr>{fill(c)}<a:ln><a:noFill/></a:ln></c:spPr></c:dPt>')
        elif hi is not None and k is ChartKind.LINE:
            dpts.append(f'<c:dPt><c:idx val="{hi}"/><c:marker><c:symbol val="circle"/><c:size val="9"/>'
                        f'<c:spPr>{fill(theme.colors.accent)}<a:ln w="12700">'
                        f'{fill(theme.colors.background)}</a:ln></c:spPr></c:marker><c:bubble3D val="0"/></c:dPt>')
    for x in dpts:
        insert(ser, el(x))
