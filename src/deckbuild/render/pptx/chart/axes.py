"""Axes of a native chart: lines, gridlines, tick labels and number formats, axis titles,
log scale (``c:logBase``) and maximum, bars reading top-down, a magnitude chart's decades, a
scorecard's 0–max scale, and the scales of a combo chart's two value axes (bars below, lines
in a band above, as in the drawing)."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from deckbuild.charts import style
from deckbuild.model.deck import ChartKind
from deckbuild.render.pptx.chart.context import ChartContext
from deckbuild.render.pptx.chart.data import range_bounds, scale_top
from deckbuild.render.pptx.chart.xml import clear, el, els, fill, num_fmt, rpr, txpr
from deckbuild.render.pptx.ns import qn

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
    if k is ChartKind.RANGE and not chart.log_scale:
        _range_limits(ctx, val)
    if k is ChartKind.SCORECARD:
        top = scale_top(chart)
        _max(ctx, val, top)
        _min(val, 0.0)
        if top <= 10 and float(top).is_integer():
            ctx.pc.value_axis.major_unit = 1.0
    if k is ChartKind.COMBO and len(vals) > 1:
        _style_axis(ctx, vals[1], line=False, grid=False, code=ctx.code, hide_labels=chart.data_labels)
        _title(ctx, vals[1], chart.y2_title, rot=-5400000)
        _combo_scales(ctx, val, vals[1])
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


def _range_limits(ctx: ChartContext, ax) -> None:
    """A range chart's value axis from zero (a floating span means little without it), with
    room above the highest span for its label, in steps of a round number (as drawn)."""
    lows, highs = range_bounds(ctx.chart)
    span = (max(max(highs), 0.0) - min(min(lows), 0.0)) or 1.0
    step = _tick_step(span)
    bottom = math.floor((min(lows) - 0.06 * span) / step) * step if min(lows) < 0 else 0.0
    if ctx.chart.max_value is None:
        _max(ctx, ax, float(f"{math.ceil((max(highs) + 0.08 * span) / step) * step:.12g}"))
        ctx.pc.value_axis.major_unit = step
    _min(ax, float(f"{bottom:.12g}"))


def _tick_step(span: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving at most six ticks over ``span``."""
    p = 10 ** math.floor(math.log10(span / 6))
    return next(m * p for m in (1, 2, 5, 10) if span / (m * p) <= 6)


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


def _combo_scales(ctx: ChartContext, primary, secondary) -> None:
    """Bars in the lower part, the lines in a band above them, so the labels do not collide
    (the same split as the drawing: style.COMBO_BARS, style.COMBO_LINES)."""
    chart = ctx.chart
    bars = [v for s in chart.series if not s.secondary for v in s.values]
    lines = [v for s in chart.series if s.secondary for v in s.values]
    if not bars or not lines or chart.log_scale or chart.max_value is not None:
        return
    top = max(bars)
    if top > 0 and min(bars) >= 0:
        _max(ctx, primary, _nice(top / style.COMBO_BARS))
        _min(primary, 0.0)
    lo, hi = style.combo_line_limits(min(lines), max(lines))
    step = _step(hi - lo)
    _max(ctx, secondary, math.ceil(hi / step) * step)
    _min(secondary, math.floor(lo / step) * step)


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
