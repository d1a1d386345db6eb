"""Series moved into extra c:lineChart plots: a combo chart's ``secondary`` series on a
secondary value axis (with a hidden secondary category axis), and, on the primary axes, a
range's label line and a reference line drawn as a line over bars or areas."""

from __future__ import annotations

from deckbuild.model.deck import ChartKind
from deckbuild.render.pptx.chart.context import ChartContext
from deckbuild.render.pptx.chart.data import TOP
from deckbuild.render.pptx.chart.xml import attr, el
from deckbuild.render.pptx.ns import qn


def restructure(ctx: ChartContext) -> None:
    """Combo, range labels and reference lines: move series into c:lineChart plots."""
    chart = ctx.chart
    groups = ctx.plot_area.xpath("c:barChart|c:areaChart|c:lineChart|c:scatterChart")
    if not groups:
        return
    group = groups[0]
    sers = group.findall(qn("c:ser"))
    if chart.kind is ChartKind.COMBO:
        n_bar = sum(1 for s in chart.series if not s.secondary)
        secondary = sers[n_bar:len(chart.series)]
        if secondary:
            cat_id, val_id = _add_secondary_axes(ctx)
            _line_group(secondary, cat_id, val_id, after=group)
    ax_ids = [a.get("val") for a in group.findall(qn("c:axId"))]
    tops = [sers[i] for i, s in enumerate(ctx.series) if s.role == TOP]
    if tops:
        _line_group(tops, ax_ids[0], ax_ids[1], after=group)
    if ctx.ref_index is not None and (chart.kind in (ChartKind.COLUMN, ChartKind.AREA, ChartKind.COMBO, ChartKind.RANGE)
                                      or (chart.kind is ChartKind.LINE and ctx.stacked)):
        anchor = ctx.plot_area.xpath("c:lineChart")[-1] if ctx.plot_area.xpath("c:lineChart") else group
        _line_group([sers[ctx.ref_index]], ax_ids[0], ax_ids[1], after=anchor)


def _line_group(sers: list, cat_id: str, val_id: str, after) -> None:
    lc = el('<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/></c:lineChart>')
    for ser in sers:
        for tag in ("c:invertIfNegative", "c:pictureOptions", "c:shape"):
            for e in ser.findall(qn(tag)):
                ser.remove(e)
        lc.append(ser)
        ser.append(el('<c:smooth val="0"/>'))
    lc.append(el('<c:marker val="1"/>'))
    lc.append(el(f'<c:axId val="{cat_id}"/>'))
    lc.append(el(f'<c:axId val="{val_id}"/>'))
    after.addnext(lc)


def _add_secondary_axes(ctx: ChartContext) -> tuple[str, str]:
    cat_id, val_id = "50030001", "50030002"
    axes = ctx.plot_area.xpath("c:catAx|c:valAx")
    val = el(
        f'<c:valAx><c:axId val="{val_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="{attr(ctx.code)}" sourceLinked="0"/>'
        f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{cat_id}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>')
    cat = el(
        f'<c:catAx><c:axId val="{cat_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val_id}"/><c:crosses val="autoZero"/>'
        f'<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
    axes[-1].addnext(val)
    val.addnext(cat)
    return cat_id, val_id
