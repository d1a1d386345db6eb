"""One chart style from the theme, shared by the matplotlib drawings and the native PPTX charts.

Nothing here imports matplotlib at module level: the PPTX renderer and the cache use the
colour helpers and sizes without paying for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from deckbuild.model.deck import Chart, ChartKind, NumberFormat, Series
from deckbuild.model.theme import Theme
from deckbuild.text.locales import number_marks

# Sizes (points) the renderers give charts, so the pictures are drawn at the size shown.
DECK_SIZE: tuple[float, float] = (880.0, 380.0)  # the chart/picture box on a slide
REPORT_SIZE: tuple[float, float] = (470.0, 260.0)  # a figure in the report's text column

# Kinds the PPTX renderer builds as native (editable) charts: every kind (range, magnitude and
# scorecard from PowerPoint's stacked and clustered bars, see render/pptx/chart/data.py).
NATIVE_KINDS: frozenset[ChartKind] = frozenset(ChartKind)

# Charts whose value axis is horizontal (category labels on the left).
HORIZONTAL_KINDS = frozenset({ChartKind.BAR, ChartKind.MAGNITUDE, ChartKind.SCORECARD})

# ---------------------------------------------------------------------------------- colours


def rgb(color: str) -> tuple[int, int, int]:
    """'#RRGGBB' → (r, g, b)."""
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def hex_color(r: float, g: float, b: float) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, round(v))) for v in (r, g, b)))


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other``."""
    a, b = rgb(color), rgb(other)
    return hex_color(*(x + (y - x) * amount for x, y in zip(a, b)))


def muted(color: str) -> str:
    """A quiet version of a palette colour, for the categories that are not highlighted."""
    return mix(color, "#C9CED6", 0.62)


def luminance(color: str) -> float:
    """Relative luminance (WCAG) of a colour, 0 (black) .. 1 (white)."""
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(fill: str, theme: Theme) -> str:
    """Text colour readable on ``fill``: white on dark fills, the theme text colour otherwise."""
    return "#FFFFFF" if luminance(fill) < 0.36 else theme.colors.text


def palette(chart: Chart, theme: Theme) -> tuple[str, ...]:
    """The colours for a chart's series (or a pie's slices): its own palette or the theme's."""
    pal = tuple(chart.palette) or tuple(theme.colors.palette) or ("#0072B2",)
    return tuple(c if c.startswith("#") else "#" + c for c in pal)


def series_color(chart: Chart, theme: Theme, index: int) -> str:
    pal = palette(chart, theme)
    return pal[index % len(pal)]


def highlight_index(chart: Chart) -> int | None:
    """Position of the highlighted category, or None."""
    if chart.highlight and chart.highlight in chart.categories:
        return chart.categories.index(chart.highlight)
    return None


def valleys(values: Sequence[float], lo: float, hi: float) -> set[int]:
    """The points of a line whose value label goes below them: lower than each neighbour (the
    line rises from them on both sides, through a label above), with a sixth of the axis
    (``lo`` to ``hi``) beneath them for the label."""
    room = (hi - lo) / 6
    out = set()
    for j, v in enumerate(values):
        near = [values[i] for i in (j - 1, j + 1) if 0 <= i < len(values)]
        if near and all(v < u for u in near) and v - lo >= room:
            out.add(j)
    return out


def point_colors(chart: Chart, theme: Theme, series_index: int) -> list[str] | None:
    """Per-category colours of one series when a category is highlighted, else None
    (the series keeps its one colour). A single series: the highlight in the accent colour,
    the rest in the muted series colour; several series: the highlighted category keeps
    the series colours and the rest are muted."""
    hi = highlight_index(chart)
    if hi is None:
        return None
    base = series_color(chart, theme, series_index)
    single = chart.kind is ChartKind.RANGE or sum(1 for s in chart.series if not s.secondary) <= 1
    strong = theme.colors.accent if single else base
    return [strong if i == hi else muted(base) for i in range(len(chart.categories))]


def slice_colors(chart: Chart, theme: Theme) -> list[str]:
    """Colours of pie/donut slices: the palette by category; when a slice is highlighted, it in
    the accent colour and the others in quiet colours that stay apart (``quiet_colors``)."""
    pal = palette(chart, theme)
    hi = highlight_index(chart)
    n = len(chart.categories)
    if hi is None:
        return [pal[i % len(pal)] for i in range(n)]
    others = iter(quiet_colors(pal, theme.colors.accent, n - 1))
    return [theme.colors.accent if i == hi else next(others) for i in range(n)]


def quiet_colors(pal: tuple[str, ...], accent: str, n: int) -> list[str]:
    """``n`` colours for the categories beside a highlighted one: one muted palette colour;
    several: shades of it from dark to light, as few steps apart as keep every pair and the
    accent apart under the colour-vision check (deckbuild.colors.cvd); more than such shades
    hold: the palette without the colours too near the accent."""
    from deckbuild.colors.cvd import clashes

    base = muted(pal[0])
    if n <= 1:
        return [base] * n
    for dark, light in ((0.35, 0.55), (0.45, 0.6), (0.5, 0.7)):
        shades = [mix(base, "#000000", dark * (1 - 2 * i / (n - 1))) if 2 * i < n - 1
                  else mix(base, "#FFFFFF", light * (2 * i / (n - 1) - 1)) for i in range(n)]
        if not clashes([accent, *shades]):
            return shades
    far = [c for c in pal if c.upper() != accent.upper() and not clashes([accent, c])] or list(pal)
    return [far[i % len(far)] for i in range(n)]


def chart_colors(chart: Chart, theme: Theme) -> list[str]:
    """The colours a reader of ``chart`` must tell apart: its series' (a combo's lines too), a
    pie's slices, and a highlighted category's accent beside the others' muted colours."""
    k = chart.kind
    if k in (ChartKind.PIE, ChartKind.DONUT):
        return slice_colors(chart, theme)
    n = 1 if k is ChartKind.RANGE else len(chart.series)
    colors = [series_color(chart, theme, i) for i in range(n)]
    if highlight_index(chart) is None and not (k is ChartKind.SCATTER and chart.highlight):
        out = colors
    elif k is ChartKind.LINE:
        out = [*colors, theme.colors.accent]
    elif k is ChartKind.SCATTER:
        out = [theme.colors.accent, *(muted(c) for c in colors)]
    else:  # bars: each bar series' highlighted and muted colours, a combo's lines
        out = [c for i in range(n) if not chart.series[i].secondary for c in point_colors(chart, theme, i) or []]
        out += [c for i, c in enumerate(colors) if chart.series[i].secondary]
    return list(dict.fromkeys(c.upper() for c in out))


# ---------------------------------------------------------------------------------- text


def text_width(text: str, size: float) -> float:
    """Rough width of one line in points: CJK glyphs are square, latin about 0.56 em."""
    return sum(size if ord(ch) >= 0x2E80 else (0.3 * size if ch == " " else 0.56 * size) for ch in text)


def wrap(text: str, max_pt: float, size: float, max_lines: int = 3, language: str = "") -> str:
    """Break a label into lines no wider than ``max_pt`` at the line-break opportunities
    of deckbuild.text (UAX #14: between CJK glyphs, at spaces, never before closing
    punctuation; in Japanese, between phrases); the text unchanged if it needs more than
    ``max_lines`` lines."""
    from deckbuild.text.linebreak import break_units
    from deckbuild.text.phrases import phrase_units

    if text_width(text, size) <= max_pt or "\n" in text:
        return text
    at = aside(text)
    if at:  # 'Others (derived remainder)', '其他（推算余数）': the name, then its aside
        # a piece without spaces a little too wide stays whole: a word cut in two reads worse
        head, tail = (p if " " not in p and text_width(p, size) <= 1.25 * max_pt
                      else wrap(p, max_pt, size, max_lines, language) for p in (text[:at].rstrip(), text[at:]))
        if head.count("\n") + tail.count("\n") + 2 <= max_lines:
            return head + "\n" + tail
    lines, cur = [], ""
    units = [u for phrase in phrase_units(text, language)  # a phrase far wider than a line is cut
             for u in ((phrase,) if text_width(phrase, size) <= 1.25 * max_pt else break_units(phrase))]
    for unit in units:
        if cur.strip() and text_width((cur + unit).rstrip(), size) > max_pt:
            lines.append(cur.rstrip())
            cur = unit.lstrip()
        else:
            cur += unit
    if cur.strip():
        lines.append(cur.strip())
    # Avoid a lone glyph on the last line.
    if len(lines) > 1 and len(lines[-1]) == 1:
        last = lines.pop()
        lines[-1] += last
    if len(lines) > max_lines:
        return text  # let the caller rotate instead
    return "\n".join(lines)


def aside(text: str) -> int:
    """Where a bracketed aside at the end of ``text`` opens ('Name (aside)', '名称（说明）'), or 0."""
    for i in range(len(text) - 1, 0, -1):
        if text[i] in "(（[【" and text.rstrip()[-1] in ")）]】" and text[:i].strip():
            return i
    return 0


def bar_labels_fit(chart: Chart, size: float, plot_w: float, plot_h: float) -> bool:
    """Whether a data label per bar fits beside its neighbours (else the value axis is shown)."""
    n = len(chart.categories)
    bars = [s for s in chart.series if not s.secondary]
    stacked = (chart.stacked or chart.percent) and len(bars) > 1
    slots = n * (1 if stacked else max(1, len(bars)))
    if chart.kind in HORIZONTAL_KINDS:
        return plot_h / max(1, slots) >= size * 1.05
    texts = [label(chart, v) for s in bars for v in s.values]
    widest = max((text_width(t, size) for t in texts), default=0)
    return plot_w / max(1, slots) >= widest * 1.05


def font_scale(width_pt: float) -> float:
    """The report's figures (REPORT_SIZE wide, read at arm's length) get 78 % of the theme's
    chart type size; every chart on a slide, however narrow its box, gets the full size."""
    return 0.78 if width_pt <= REPORT_SIZE[0] + 0.5 else 1.0


def font_size(theme: Theme, width_pt: float) -> float:
    return round(theme.chart.font_size * font_scale(width_pt), 2)


def _nonzero(value: float, decimals: int) -> bool:
    """Whether ``value`` shown with ``decimals`` is not 0."""
    return float(f"{abs(value):.{decimals}f}") != 0


def fmt_number(value: float, decimals: int, language: str = "") -> str:
    """``value`` with thousands separators and a real minus sign (U+2212), in the decimal
    and grouping marks of ``language`` ('36,2' in German)."""
    s = f"{abs(value):,.{decimals}f}"
    point, group = number_marks(language)
    if (point, group) != (".", ","):
        s = s.replace(",", "\0").replace(".", point).replace("\0", group)
    return ("\u2212" + s) if value < 0 and _nonzero(value, decimals) else s


def number_format(chart: Chart, series: Series | None = None) -> NumberFormat:
    """The number format of ``series`` (its own, else the chart's)."""
    return series.number_format if series is not None and series.number_format is not None else chart.number_format


def label(chart: Chart, value: float, series: Series | None = None) -> str:
    """A data label in the number format of ``series`` (or the chart), with a real minus sign."""
    nf = number_format(chart, series)
    body = fmt_number(value, nf.decimals, chart.language)
    if body.startswith("\u2212"):
        return "\u2212" + nf.prefix + body[1:] + nf.suffix
    sign = "+" if nf.signed and value > 0 and _nonzero(value, nf.decimals) else ""
    return sign + nf.prefix + body + nf.suffix


def label_sig(chart: Chart, value: float) -> str:
    """Like ``label``, but a value the format would round to 0 keeps two significant digits
    (log-scale charts show 0.004 next to 4,000)."""
    nf = chart.number_format
    if value == 0 or abs(value) >= 0.5 * 10 ** -nf.decimals:
        return label(chart, value)
    body = f"{abs(value):.2g}".replace(".", number_marks(chart.language)[0])
    return ("\u2212" if value < 0 else "") + nf.prefix + body + nf.suffix


def range_label(chart: Chart, low: float, high: float) -> str:
    """'66–72' in the chart's number format (prefix and suffix once), or one value if equal;
    spaced ('−5 – 3') when a bound is negative, so the dash does not read as a minus."""
    nf = chart.number_format
    lo, hi = fmt_number(low, nf.decimals, chart.language), fmt_number(high, nf.decimals, chart.language)
    if lo == hi:
        return label(chart, low)
    dash = " \u2013 " if low < 0 or high < 0 else "\u2013"
    return f"{nf.prefix}{lo}{dash}{hi}{nf.suffix}"


# A donut's ring, as a share of its radius (the native chart's hole: 1 − this, in per cent):
# wide enough for a two-line name on the ring of a slide's chart.
DONUT_RING = 0.5

# Combo charts: the bars take the lower part of the plot, the lines the band above them.
COMBO_BARS = 0.55  # the top of the bars at this fraction of the plot height
COMBO_LINES = (0.64, 0.92)  # the lines between these fractions


def combo_line_limits(lmin: float, lmax: float, split: bool = True) -> tuple[float, float]:
    """Secondary-axis limits that put the line values in the band above the bars."""
    span = lmax - lmin
    if span <= 0:
        span = abs(lmax) * 0.2 or 1.0
        lmin, lmax = lmin - span / 2, lmax + span / 2
    lo_f, hi_f = COMBO_LINES if split else (0.08, 0.92)
    total = span / (hi_f - lo_f)
    bottom = lmin - lo_f * total
    return bottom, bottom + total


def tick_label(chart: Chart, value: float, decimals: int, series: Series | None = None) -> str:
    nf = number_format(chart, series)
    body = fmt_number(value, decimals, chart.language)
    if body.startswith("\u2212"):
        return "\u2212" + nf.prefix + body[1:] + nf.suffix
    return nf.prefix + body + nf.suffix


def value_axis_title(chart: Chart) -> str:
    """The value axis title: y_title, else the unit (e.g. '十亿美元'), unless every tick
    label already carries it ('%' beside '60%')."""
    if chart.y_title:
        return chart.y_title
    nf = chart.number_format
    return "" if chart.unit.strip() and chart.unit.strip() in (nf.suffix.strip(), nf.prefix.strip()) else chart.unit


def show_legend(chart: Chart) -> bool:
    if chart.legend == "none" or chart.kind in (ChartKind.PIE, ChartKind.DONUT):
        return False
    extra = 1 if chart.kind is ChartKind.RANGE else 0  # low/high are one span, not two series
    return len(chart.series) - extra > 1


def language_of(chart: Chart) -> str:
    """The chart's language: its edition's, else (a chart made without one) a BCP 47 tag
    guessed from its text."""
    if chart.language:
        return chart.language
    text = chart.title + chart.subtitle + chart.unit + "".join(chart.categories) + "".join(s.name for s in chart.series)
    return "zh-CN" if any("\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" for ch in text) else "en-US"


# ---------------------------------------------------------------------------------- matplotlib


def rc_params(theme: Theme, width_pt: float = DECK_SIZE[0]) -> dict:
    """matplotlib rcParams for charts drawn at ``width_pt`` with this theme."""
    from cycler import cycler

    from deckbuild.charts.fonts import matplotlib_faces

    families = matplotlib_faces(theme.fonts)
    size = font_size(theme, width_pt)
    c = theme.colors
    return {
        "font.family": [*families, "DejaVu Sans"],  # DejaVu only as a fallback for rare symbols
        "font.size": size,
        "text.color": c.text,
        "axes.labelcolor": c.muted,
        "axes.labelsize": size,
        "axes.titlesize": theme.chart.title_size,
        "axes.edgecolor": c.muted,
        "axes.linewidth": 0.8,
        "axes.facecolor": "none",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.spines.left": False,
        "axes.spines.bottom": True,
        "axes.grid": False,
        "axes.axisbelow": True,
        "axes.unicode_minus": True,
        "axes.prop_cycle": cycler(color=list(c.palette) or ["#0072B2"]),
        "axes.formatter.useoffset": False,
        "grid.color": theme.chart.grid_color,
        "grid.linewidth": 0.7,
        "grid.linestyle": "-",
        "xtick.color": c.muted,
        "ytick.color": c.muted,
        "xtick.labelcolor": c.text,
        "ytick.labelcolor": c.text,
        "xtick.labelsize": size,
        "ytick.labelsize": size,
        "xtick.major.size": 0,
        "ytick.major.size": 0,
        "xtick.minor.size": 0,
        "ytick.minor.size": 0,
        "xtick.major.pad": 5,
        "ytick.major.pad": 5,
        "legend.frameon": False,
        "legend.fontsize": size,
        "legend.handlelength": 1.0,
        "legend.handleheight": 0.8,
        "legend.columnspacing": 1.6,
        "figure.facecolor": c.background,
        "figure.edgecolor": c.background,
        "savefig.facecolor": c.background,
        "figure.constrained_layout.h_pad": 4 / 72,
        "figure.constrained_layout.w_pad": 4 / 72,
        "lines.linewidth": 2.2,
        "lines.markersize": 5.5,
        "patch.linewidth": 0,
        "hatch.color": c.muted,
        "svg.fonttype": "path",
        "svg.hashsalt": "deckbuild",
        "svg.image_inline": True,
        "pdf.fonttype": 42,
        "path.simplify": True,
        # Text is text: a '$' in a title or a category is a dollar sign, never mathtext
        # (which would also fail on unbalanced or unknown TeX). Tick labels included.
        "text.parse_math": False,
        "text.usetex": False,  # whatever a matplotlibrc says: no text ever goes to LaTeX
    }


@contextlib.contextmanager
def rc_context(theme: Theme, width_pt: float = DECK_SIZE[0]) -> Iterator[None]:
    """Apply the chart style while drawing *and* saving (tick labels are made at save time)."""
    import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

    import matplotlib

    with matplotlib.rc_context(rc_params(theme, width_pt)):
        yield
