"""Axes of a native chart: lines, gridlines, tick labels and number formats, axis titles,
log scale (``c:logBase``) and maximum, bars reading top-down, a magnitude chart's decades, a
scorecard's 0–max scale, and every linear value axis's bounds and major unit from the same
``charts.scale`` the drawing uses (a combo's two axes: bars below, lines in a band above)."""

from __future__ import annotations

import math
from dataclasses import replace
from xml.sax.saxutils import escape

from deckbuild.charts import style
from deckbuild.charts.scale import Scale, line_scale, value_scale, x_scale
from deckbuild.model.deck import ChartKind, NumberFormat
from deckbuild.render.pptx.chart.context import ChartContext
from deckbuild.render.pptx.chart.data import scale_top
from deckbuild.render.pptx.chart.xml import clear, el, els, fill, num_fmt, rpr, txpr
from deckbuild.render.pptx.ns import qn
from deckbuild.text.locales import percent_affixes

_AXES = ("c:catAx", "c:valAx", "c:dateAx", "c:serAx")
FIRST_AXIS_ID = 50010001


def number_axes(plot_area) -> None:
    """Give the axes ids 50010001, 50010002, … in the order they appear, and every reference
    to them (``c:axId`` of a plot group, ``c:crossAx``) the new id. python-pptx writes fixed
    negative ids (-2068027336), which the schema's unsignedInt forbids: PowerPoint repairs
    such a chart, the Open XML SDK's validator reports it."""
    new: dict[str, str] = {}
    tags = {qn(t) for t in _AXES}
    for axis in plot_area:
        if axis.tag in tags:
            ax_id = axis.find(qn("c:axId"))
            if ax_id is not None and ax_id.get("val") not in new:
                new[ax_id.get("val")] = str(FIRST_AXIS_ID + len(new))
    for ref in (*plot_area.iter(qn("c:axId")), *plot_area.iter(qn("c:crossAx"))):
        if ref.get("val") in new:
            ref.set("val", new[ref.get("val")])


def style_axes(ctx: ChartContext) -> None:
    chart, theme = ctx.chart, ctx.theme
    k = chart.kind
    if k in (ChartKind.PIE, ChartKind.DONUT):
        return
    horizontal = k in style.HORIZONTAL_KINDS
    if k is ChartKind.SCATTER:
        valaxes = ctx.plot_area.findall(qn("c:valAx"))
        xax, yax = valaxes[0], valaxes[1]
        _style_axis(ctx, xax, line=True, grid=theme.chart.gridlines, code=None)
        _style_axis(ctx, yax, line=False, grid=theme.chart.gridlines, code=ctx.code)
        _title(ctx, xax, chart.x_title)
        _title(ctx, yax, style.value_axis_title(chart), rot=-5400000)
        _log(ctx, yax)
        _max(ctx, yax)
        _scale(ctx, yax, value_scale(chart))
        _scale(ctx, xax, x_scale(chart))
        return
    cat = ctx.plot_area.find(qn("c:catAx"))
    vals = ctx.plot_area.findall(qn("c:valAx"))
    val = vals[0]
    hide = ctx.bar_labels and not ctx.stacked and k in (ChartKind.COLUMN, ChartKind.BAR, ChartKind.COMBO) \
        and not chart.log_scale
    pct = chart.percent and ctx.multi
    grid = theme.chart.gridlines and not hide and k is not ChartKind.SCORECARD  # a scorecard's bars are its scale
    floor = _log_limits(ctx, val) if k is ChartKind.MAGNITUDE else None
    code = "0%" if pct else _log_code(ctx, floor) if floor is not None else ctx.code
    _style_axis(ctx, cat, line=True, grid=False, code=None)
    _style_axis(ctx, val, line=False, grid=grid, code=code, hide_labels=hide)
    if horizontal:
        ctx.pc.category_axis.reverse_order = True  # first category on top, as in the drawing
        c = val.find(qn("c:crosses"))
        if c is not None:
            c.set("val", "max")  # with the categories reversed, keep the value axis at the bottom
    _title(ctx, cat, chart.x_title, rot=-5400000 if horizontal else None)
    _title(ctx, val, style.value_axis_title(chart), rot=None if horizontal else -5400000)
    _log(ctx, val)
    _max(ctx, val)
    scale = value_scale(chart)
    _scale(ctx, val, scale, fraction=pct and k is not ChartKind.COMBO)
    if k is ChartKind.SCORECARD:
        top = scale_top(chart)
        _max(ctx, val, top)
        _min(val, 0.0)
        if top <= 10 and float(top).is_integer():
            ctx.pc.value_axis.major_unit = 1.0
    if k is ChartKind.COMBO and len(vals) > 1:
        _style_axis(ctx, vals[1], line=False, grid=False, code=ctx.code, hide_labels=chart.data_labels)
        _title(ctx, vals[1], chart.y2_title, rot=-5400000)
        if scale is not None:
            lines = [s for s in chart.series if s.secondary]
            _scale(ctx, vals[1], line_scale(chart, scale), fmt=style.number_format(chart, lines[0]) if lines else None)
    if any(v < 0 for s in chart.series for v in s.values):
        # category labels at the bottom of the plot, not at zero among the bars
        lp = cat.find(qn("c:tickLblPos"))
        if lp is not None:
            lp.set("val", "low")


def _style_axis(ctx: ChartContext, ax, line: bool, grid: bool, code: str | None, hide_labels: bool = False) -> None:
    theme = ctx.theme
    clear(ax, ("c:majorGridlines", "c:minorGridlines", "c:numFmt", "c:majorTickMark", "c:minorTickMark",
               "c:tickLblPos", "c:spPr", "c:txPr"))
    d = ax.find(qn("c:delete"))
    if d is not None:
        d.set("val", "0")
    new = []
    if grid:
        new.append(f'<c:majorGridlines><c:spPr><a:ln w="9525">{fill(theme.chart.grid_color)}</a:ln>'
                   f'</c:spPr></c:majorGridlines>')
    if code:
        new.append(num_fmt(code))
    new.append('<c:majorTickMark val="none"/><c:minorTickMark val="none"/>')
    new.append(f'<c:tickLblPos val="{"none" if hide_labels else "nextTo"}"/>')
    if line:
        new.append(f'<c:spPr><a:noFill/><a:ln w="9525">{fill(theme.colors.muted)}</a:ln></c:spPr>')
    else:
        new.append('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
    new.append(txpr(ctx, color=theme.colors.text))
    # after c:axPos (and c:title, if any), before c:crossAx
    anchor = ax.find(qn("c:title"))
    if anchor is None:
        anchor = ax.find(qn("c:axPos"))
    for e in reversed(els("".join(new))):
        anchor.addnext(e)


def _title(ctx: ChartContext, ax, text: str, rot: int | None = None) -> None:
    if not text:
        return
    for t in ax.findall(qn("c:title")):
        ax.remove(t)
    r = f' rot="{rot}" vert="horz"' if rot is not None else ""
    size, muted = ctx.size, ctx.theme.colors.muted
    title = el(
        f'<c:title><c:tx><c:rich><a:bodyPr{r}/><a:lstStyle/><a:p><a:pPr>'
        f'{rpr(ctx, size=size, color=muted)}</a:pPr><a:r>'
        f'{rpr(ctx, "a:rPr", size=size, color=muted)}<a:t>{escape(text)}</a:t>'
        f'</a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>')
    ax.find(qn("c:axPos")).addnext(title)
    # keep the gridlines before the title, as the schema orders them
    for g in ax.findall(qn("c:majorGridlines")):
        ax.find(qn("c:axPos")).addnext(g)


def _log(ctx: ChartContext, ax) -> None:
    if not ctx.chart.log_scale and ctx.chart.kind is not ChartKind.MAGNITUDE:
        return
    scaling = ax.find(qn("c:scaling"))
    if scaling.find(qn("c:logBase")) is None:
        scaling.insert(0, el('<c:logBase val="10"/>'))


def _max(ctx: ChartContext, ax, value: float | None = None) -> None:
    value = ctx.chart.max_value if value is None else value
    if value is None:
        return
    scaling = ax.find(qn("c:scaling"))
    for e in scaling.findall(qn("c:max")):
        scaling.remove(e)
    mx = el(f'<c:max val="{value!r}"/>')
    mn = scaling.find(qn("c:min"))
    (mn.addprevious if mn is not None else scaling.append)(mx)


def _log_limits(ctx: ChartContext, ax) -> float | None:
    """A magnitude chart's value axis from the decade below its smallest value to well past
    its largest (room for the labels); the bottom decade, or None without positive values.
    A fixed ``max`` wins."""
    vals = [v for s in ctx.chart.series for v in s.values if v > 0]
    if not vals:
        return None
    floor = 10.0 ** math.floor(math.log10(min(vals)) - 0.3)
    top = 10.0 ** (math.log10(max(max(vals), floor * 10)) + (0.5 if ctx.bar_labels else 0.15))
    _min(ax, floor)
    if ctx.chart.max_value is None:
        _max(ctx, ax, float(f"{top:.2g}"))
    return floor


def _log_code(ctx: ChartContext, floor: float) -> str:
    """The tick format of a log axis, whose ticks are powers of ten: grouped whole numbers in
    the chart's prefix and suffix, and as many decimals as the ticks below 1 need."""
    nf = ctx.chart.number_format
    lit = f'"{nf.prefix}"' if nf.prefix else ""
    end = f'"{nf.suffix}"' if nf.suffix else ""
    whole = f"{lit}#,##0{end}"
    return whole if floor >= 1 else f"[<1]{lit}0.{'#' * round(-math.log10(floor))}{end};{whole}"


def _min(ax, value: float) -> None:
    scaling = ax.find(qn("c:scaling"))
    for e in scaling.findall(qn("c:min")):
        scaling.remove(e)
    scaling.append(el(f'<c:min val="{value!r}"/>'))


def _scale(ctx: ChartContext, ax, scale: Scale | None, fraction: bool = False,
           fmt: NumberFormat | None = None) -> None:
    """The axis bounds and major unit of ``scale`` (the drawing's, charts.scale), its tick labels
    with the decimals the step needs; ``fraction``: a 100 % chart's axis, which PowerPoint
    counts in fractions of one. A fixed ``max`` stays as the chart sets it."""
    if scale is None:
        return
    k = 100.0 if fraction else 1.0
    _max(ctx, ax, _clean(scale.hi / k))
    _min(ax, _clean(scale.lo / k))
    _major(ax, _clean(scale.step / k))
    decimals = max(0, scale.decimals - 2) if fraction else scale.decimals
    nf = fmt or ctx.chart.number_format
    code = _percent_code(decimals, ctx.chart.language) if fraction else \
        replace(nf, decimals=decimals, signed=False).excel_code
    for e in ax.findall(qn("c:numFmt")):
        e.set("formatCode", code)
        e.set("sourceLinked", "0")


def _percent_code(decimals: int, language: str) -> str:
    """The number format code of a 100 % chart's axis: its fractions as percentages, the
    percent sign where ``language`` puts it ('0" "%' in German; each character but '%' quoted:
    a bare '%' is what makes the client multiply by 100, and it shows its own percent sign)."""
    before, after = percent_affixes(language)  # Babel writes '%' in every locale

    def lit(s: str) -> str:
        return "".join(ch if ch == "%" else f'"{ch}"' for ch in s)

    return lit(before) + "0" + ("." + "0" * decimals if decimals else "") + lit(after)


def _clean(v: float) -> float:
    return float(f"{v:.12g}") + 0.0


def _major(ax, step: float) -> None:
    """``c:majorUnit``, where the schema puts it: after c:crossBetween (or c:crosses)."""
    for e in ax.findall(qn("c:majorUnit")):
        ax.remove(e)
    anchor = ax.find(qn("c:crossBetween"))
    if anchor is None:
        anchor = ax.find(qn("c:crosses"))
    if anchor is None:
        anchor = ax.find(qn("c:crossAx"))
    anchor.addnext(el(f'<c:majorUnit val="{step!r}"/>'))
