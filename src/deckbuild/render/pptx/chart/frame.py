"""Everything around a native chart's plot area: the chart-wide text properties (theme font,
language), no border or fill (the slide shows through), square corners, and the legend
(position, hidden reference-line entry, font)."""

from __future__ import annotations

from pptx.enum.chart import XL_LEGEND_POSITION

from deckbuild.charts import style
from deckbuild.model.deck import ChartKind
from deckbuild.render.pptx.chart.context import ChartContext
from deckbuild.render.pptx.chart.labels import small_slices
from deckbuild.render.pptx.chart.xml import el, txpr
from deckbuild.render.pptx.ns import qn


def style_chart_space(ctx: ChartContext) -> None:
    sp = ctx.space
    # chart-wide text: the theme font, latin and East-Asian, and the language
    for old in sp.findall(qn("c:txPr")):
        sp.remove(old)
    text = el(txpr(ctx))
    ext = sp.find(qn("c:externalData"))
    (ext.addprevious if ext is not None else sp.append)(text)
    # no border or fill around the chart: the slide shows through
    text.addprevious(el('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'))
    if sp.find(qn("c:roundedCorners")) is None:
        sp.insert(sp.index(sp.find(qn("c:chart"))), el('<c:roundedCorners val="0"/>'))


def style_legend(ctx: ChartContext) -> None:
    chart, pc = ctx.chart, ctx.pc
    show = style.show_legend(chart) or (bool(small_slices(chart)) and chart.legend != "none")
    pc.has_legend = show
    if not show:
        return
    lg = pc.legend
    lg.position = {"top": XL_LEGEND_POSITION.TOP, "right": XL_LEGEND_POSITION.RIGHT}.get(
        chart.legend, XL_LEGEND_POSITION.BOTTOM) if chart.kind is not ChartKind.DONUT else XL_LEGEND_POSITION.RIGHT
    lg.include_in_layout = False
    e = ctx.space.find(qn("c:chart")).find(qn("c:legend"))
    if ctx.ref_index is not None:
        e.insert(1, el(f'<c:legendEntry><c:idx val="{ctx.ref_index}"/><c:delete val="1"/></c:legendEntry>'))
    for t in e.findall(qn("c:txPr")):
        e.remove(t)
    e.append(el(txpr(ctx)))
    # c:txPr must precede c:extLst, if any
    ext = e.find(qn("c:extLst"))
    if ext is not None:
        e.append(ext)
