"""Data labels of a native chart, placed as the drawing places them: values on bars where they
fit (thin stacked segments unlabelled), the latest value at the end of long lines, category and
value on pie slices (thin donut slices left to the legend), point names on scatter plots,
the highlighted point in bold accent, a range's '66–72' above its span, a scorecard's score
inside its bar's end, and the chart's annotations on their points. Every label is set at
least at the chart's type size."""

from __future__ import annotations

from xml.sax.saxutils import escape

from deckbuild.charts import style
from deckbuild.charts.scale import value_scale
from deckbuild.colors import readable_on
from deckbuild.model.deck import Chart, ChartKind, Series
from deckbuild.render.pptx.chart.context import HOLE, ChartContext
from deckbuild.render.pptx.chart.data import TOP, range_bounds, series_order, values
from deckbuild.render.pptx.chart.xml import el, insert, num_fmt, rpr, txpr
from deckbuild.render.pptx.ns import qn


def small_slices(chart: Chart) -> list[int]:
    """Donut slices too thin for a label on the ring (their names go to a legend instead)."""
    if chart.kind is not ChartKind.DONUT or not chart.series:
        return []
    vals = [max(0.0, v) for v in values(chart, chart.series[0])]
    total = sum(vals) or 1.0
    return [j for j, v in enumerate(vals) if v / total < 0.06]


def add_labels(ctx: ChartContext, ser, model: Series | None, color: str) -> None:
    """The c:dLbls of one model series (``model``), drawn in ``color``."""
    chart = ctx.chart
    k = chart.kind
    top = ctx.series[_ser_idx(ser)].role == TOP
    notes = _notes(ctx, chart.series[0] if top else model)
    if not chart.data_labels:
        if notes:
            dlbls(ctx, ser, [dlbl(ctx, j, text=t, pos=_pos(ctx, ser), show_val=False) for j, t in notes.items()],
                  show=False)
        return
    if ctx.series[_ser_idx(ser)].role == TOP:
        _range_labels(ctx, ser)
    elif k is ChartKind.SCORECARD and ctx.layered:
        _score_labels(ctx, ser, model, notes)
    elif k in (ChartKind.PIE, ChartKind.DONUT):
        if model is not None:  # (a pie's one series always has its model)
            _slice_labels(ctx, ser, model, notes)
    elif k is ChartKind.SCATTER:
        _point_names(ctx, ser, model, notes)
    elif ser.getparent().tag == qn("c:lineChart") or k is ChartKind.AREA:
        _line_labels(ctx, ser, model, color, notes)
    else:
        _bar_labels(ctx, ser, model, color, notes)


def _ser_idx(ser) -> int:
    return int(ser.find(qn("c:idx")).get("val"))


def _range_labels(ctx: ChartContext, ser) -> None:
    """'66–72' above each span (on the invisible line of the high values), where the labels
    fit beside each other; the highlighted span's in bold accent; annotations below."""
    chart, theme = ctx.chart, ctx.theme
    hi = style.highlight_index(chart)
    notes = _notes(ctx, chart.series[0])
    items = []
    for j, (lo, high) in enumerate(zip(*range_bounds(chart))):
        lines = [style.range_label(chart, lo, high)] if ctx.bar_labels else []
        lines += [notes[j]] if j in notes else []
        if lines:
            items.append(dlbl(ctx, j, text="\n".join(lines), pos="t", bold=j == hi and ctx.bar_labels,
                              color=theme.colors.accent if j == hi and ctx.bar_labels else None))
    dlbls(ctx, ser, items, show=False)


def _score_labels(ctx: ChartContext, ser, model: Series | None, notes: dict[int, str]) -> None:
    """A scorecard's scores inside the ends of their bars, in a colour that reads on the bar."""
    chart, theme = ctx.chart, ctx.theme
    hi = style.highlight_index(chart)
    cols = style.point_colors(chart, theme, 0) or [style.series_color(chart, theme, 0)] * len(chart.categories)
    items = [dlbl(ctx, j, pos="inEnd", bold=j == hi, color=style.text_on(c, theme),
                  text=(_value_text(ctx, model, j) + "\n" + notes[j]) if j in notes else None)
             for j, c in enumerate(cols)]
    dlbls(ctx, ser, items, show=True, pos="inEnd")


def _slice_labels(ctx: ChartContext, ser, model: Series, notes: dict[int, str]) -> None:
    chart, theme = ctx.chart, ctx.theme
    hi = style.highlight_index(chart)
    pos = "outEnd" if chart.kind is ChartKind.PIE else None
    # A pie's labels sit outside, in the accent; a donut's sit on the ring, where an accent
    # label on the accent slice would vanish: white or dark text, whichever reads there.
    hi_color = theme.colors.accent if pos else readable_on(theme.colors.accent, "#FFFFFF", theme.colors.text)
    small = small_slices(chart)
    names = [_on_ring(ctx, c) for c in chart.categories]
    # a label on a donut's ring in the colour that reads on its slice (dark shades: white)
    on_ring = {j: style.text_on(c, theme) for j, c in enumerate(style.slice_colors(chart, theme))} if not pos else {}
    own = {j: c for j, c in on_ring.items() if c != theme.colors.text}
    special = [dlbl(ctx, j, text=f"{names[j]}\n{style.label(chart, values(chart, model)[j])}"
                    + (f"\n{notes[j]}" if j in notes else ""),
                    pos=pos, bold=j == hi, color=hi_color if j == hi else own.get(j))
               for j in range(len(chart.categories))
               if (j == hi or j in notes or j in own or names[j] != chart.categories[j]) and j not in small]
    special += [el(f'<c:dLbl><c:idx val="{j}"/><c:delete val="1"/></c:dLbl>') for j in small]
    special.sort(key=_idx)
    dlbls(ctx, ser, special, show=True, pos=pos, cat=True, leader=True)


PIE_LABEL = 90.0  # points: a pie's outside label broken into lines no wider (the viewer's own
# breaks fall anywhere: LibreOffice cut '其他（推算余数）' as '其他（推算余' / '数）')


def _on_ring(ctx: ChartContext, name: str) -> str:
    """A slice's name broken into lines at its spaces and before a closing aside in brackets
    ('其他' / '（推算余数）'): a donut's as wide as the ring (a label wider than the ring runs into
    the hole and off the chart), a pie's outside label ``PIE_LABEL`` wide. A name without
    either stays whole (Chinese breaks between any two glyphs, and a name cut mid-word reads
    worse than one a little wider than its room)."""
    if " " not in name.strip() and not style.aside(name):
        return name
    if ctx.chart.kind is not ChartKind.DONUT:
        return style.wrap(name, PIE_LABEL, ctx.size, max_lines=4, language=ctx.chart.language)
    diameter = 0.8 * min(ctx.box) if min(ctx.box) > 0 else 0.0
    ring = diameter / 2 * (1 - HOLE / 100)
    return style.wrap(name, ring, ctx.size, max_lines=4, language=ctx.chart.language) if ring > 0 else name


def _point_names(ctx: ChartContext, ser, model: Series | None, notes: dict[int, str]) -> None:
    chart, theme = ctx.chart, ctx.theme
    names = list(chart.categories) if model is not None and len(chart.categories) == len(model.values) else []
    items = [dlbl(ctx, j, text=name + (f"\n{notes[j]}" if j in notes else ""), pos="r",
                  bold=name == chart.highlight,
                  color=theme.colors.accent if chart.highlight and name == chart.highlight else None)
             for j, name in enumerate(names) if name]
    dlbls(ctx, ser, items, show=False)


def _line_labels(ctx: ChartContext, ser, model: Series | None, color: str, notes: dict[int, str]) -> None:
    chart, theme = ctx.chart, ctx.theme
    k = chart.kind
    n = len(chart.categories)
    hi = style.highlight_index(chart)
    few = n <= 8 and (len(chart.series) == 1 or k is ChartKind.COMBO)
    pos = "t" if ser.getparent().tag == qn("c:lineChart") else None
    if few:
        scale = value_scale(chart)
        below = style.valleys(values(chart, model), scale.lo, scale.hi) \
            if k is ChartKind.LINE and model is not None and scale is not None and not chart.log_scale else set()

        def at(j: int) -> str | None:
            return "b" if j in below else pos

        special = [dlbl(ctx, j, pos=at(j), bold=True, color=theme.colors.accent if k is ChartKind.LINE else color)
                   for j in ([hi] if hi is not None and k is ChartKind.LINE else [])]
        special += [dlbl(ctx, j, text=_value_text(ctx, model, j) + "\n" + t, pos=at(j))
                    for j, t in notes.items() if j != hi]
        special += [dlbl(ctx, j, pos="b") for j in below if j != hi and j not in notes]
        dlbls(ctx, ser, sorted(special, key=_idx), show=True, pos=pos, color=color if k is ChartKind.COMBO else None)
    else:  # only the latest value, at the end of the line
        last = n - 1
        items = [dlbl(ctx, j, text=_value_text(ctx, model, j) + "\n" + t, pos=pos)
                 for j, t in notes.items() if j != last]
        items.append(dlbl(ctx, last, pos="r" if pos else None, bold=True,
                          color=color if k is not ChartKind.AREA or not ctx.stacked else None,
                          text=(_value_text(ctx, model, last) + "\n" + notes[last]) if last in notes else None))
        dlbls(ctx, ser, sorted(items, key=_idx), show=False)


def _bar_labels(ctx: ChartContext, ser, model: Series | None, color: str, notes: dict[int, str]) -> None:
    chart, theme = ctx.chart, ctx.theme
    hi = style.highlight_index(chart)
    pos = "ctr" if ctx.stacked else "outEnd"
    if not ctx.bar_labels:
        if notes:
            dlbls(ctx, ser, [dlbl(ctx, j, text=t, pos=pos, show_val=False) for j, t in notes.items()], show=False)
        return
    fill_text = style.text_on(color, theme) if ctx.stacked else None
    special = []
    if model is not None and chart.kind is ChartKind.MAGNITUDE:  # 0.004 beside 4,000, not 0
        own = values(chart, model)
        special += [dlbl(ctx, j, text=style.label_sig(chart, v), pos=pos)
                    for j, v in enumerate(own) if style.label_sig(chart, v) != style.label(chart, v)
                    and j != hi and j not in notes]
    if model is not None and not ctx.stacked:
        if hi is not None:
            single = sum(1 for s in chart.series if not s.secondary) == 1
            special.append(dlbl(ctx, hi, pos=pos, bold=True, color=theme.colors.accent if single else None,
                                text=(_value_text(ctx, model, hi) + "\n" + notes[hi]) if hi in notes else None))
        special += [dlbl(ctx, j, text=_value_text(ctx, model, j) + "\n" + t, pos=pos)
                    for j, t in notes.items() if j != hi]
    elif model is not None and ctx.stacked:
        # hide labels of segments too thin to hold them
        vals = [values(chart, s) for s in chart.series]
        span = max(sum(max(v, 0) for v in col) for col in zip(*vals)) or 1.0
        if chart.percent:
            totals = [sum(abs(v) for v in col) or 1.0 for col in zip(*vals)]
            share = [abs(v) / t for v, t in zip(values(chart, model), totals)]
        else:
            share = [abs(v) / span for v in values(chart, model)]
        special = [el(f'<c:dLbl><c:idx val="{j}"/><c:delete val="1"/></c:dLbl>')
                   for j, s in enumerate(share) if s < 0.045]
    special.sort(key=_idx)
    dlbls(ctx, ser, special, show=True, pos=pos, color=fill_text)


def _idx(label) -> int:
    return int(label.find(qn("c:idx")).get("val"))


def _notes(ctx: ChartContext, model: Series | None) -> dict[int, str]:
    """Annotations of the chart on points of this series: {point index: text} (first series only)."""
    chart = ctx.chart
    if model is None or not chart.series or model is not series_order(chart)[0]:
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


def _value_text(ctx: ChartContext, model: Series | None, j: int) -> str:
    if model is None or not ctx.chart.data_labels:
        return ""
    return style.label(ctx.chart, values(ctx.chart, model)[j], model).replace("\u2212", "-")


def _pos(ctx: ChartContext, ser) -> str | None:
    group = ser.getparent().tag
    if group in (qn("c:lineChart"), qn("c:scatterChart")):
        return "t"
    if group == qn("c:barChart"):
        return "ctr" if ctx.stacked else "outEnd"
    return None


def dlbl(ctx: ChartContext, idx: int, text: str | None = None, pos: str | None = None, bold: bool = False,
         color: str | None = None, show_val: bool = True, show_ser: bool = False, size: float | None = None,
         backdrop: bool = False):
    """One point's c:dLbl: its own ``text`` (lines split on newlines) or the shown value/series name."""
    parts = [f'<c:dLbl><c:idx val="{idx}"/>']
    if text is not None:
        paras = "".join(f'<a:p><a:pPr>{rpr(ctx, size=size, color=color, bold=bold)}</a:pPr>'
                        f'<a:r>{rpr(ctx, "a:rPr", size=size, color=color, bold=bold)}'
                        f'<a:t>{escape(line)}</a:t></a:r></a:p>'
                        for line in text.split("\n"))
        parts.append(f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/>{paras}</c:rich></c:tx>')
    parts.append(num_fmt(ctx.code))
    bg = ctx.theme.colors.background.lstrip("#").upper()
    parts.append(f'<c:spPr><a:solidFill><a:srgbClr val="{bg}"><a:alpha val="85000"/></a:srgbClr></a:solidFill>'
                 '<a:ln><a:noFill/></a:ln></c:spPr>' if backdrop else
                 '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
    if text is None:
        parts.append(txpr(ctx, size=size, color=color, bold=bold))
    if pos:
        parts.append(f'<c:dLblPos val="{pos}"/>')
    parts.append(f'<c:showLegendKey val="0"/><c:showVal val="{int(show_val or text is not None)}"/>'
                 f'<c:showCatName val="0"/><c:showSerName val="{int(show_ser)}"/>'
                 '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>')
    return el("".join(parts))


def dlbls(ctx: ChartContext, ser, items: list, show: bool, pos: str | None = None, cat: bool = False,
          leader: bool = False, color: str | None = None, size: float | None = None) -> None:
    """The series' c:dLbls: the per-point ``items``, then whether the other points show values."""
    x = ['<c:dLbls>', num_fmt(ctx.code), '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>',
         txpr(ctx, size=size, color=color)]
    if pos and show:
        x.append(f'<c:dLblPos val="{pos}"/>')
    sep = '<c:separator>\n</c:separator>' if cat else ""
    x.append(f'<c:showLegendKey val="0"/><c:showVal val="{int(show)}"/><c:showCatName val="{int(cat and show)}"/>'
             f'<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>{sep}')
    if leader:
        x.append('<c:showLeaderLines val="1"/>')
    x.append('</c:dLbls>')
    dl = el("".join(x))
    for k, item in enumerate(items):
        dl.insert(k, item)
    insert(ser, dl)
