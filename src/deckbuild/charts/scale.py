"""The value axis of a chart, chosen once from its data for both renderers: the bounds and the
major unit (``Scale``), so the report's drawing and the deck's native chart show the same ticks.

Ticks fall on nice numbers (steps of 1, 2, 2.5 or 5 times a power of ten), 4–6 of them, and the
range covers every value drawn against the axis: the bars or points (stacked: their sums),
the reference line, annotations placed at a value, and room for the labels above the bars.
Tick labels carry the decimals the step needs (``Scale.decimals``), not the data labels'.

No matplotlib here: the PPTX renderer uses it too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from deckbuild.charts.style import COMBO_BARS, COMBO_LINES
from deckbuild.model.deck import Chart, ChartKind, Series

STEPS = (1.0, 2.0, 2.5, 5.0)  # nice steps, times a power of ten
MIN_TICKS, MAX_TICKS = 4, 6
LABEL_ROOM = 0.1  # bars labelled at their end: this share of the span beyond the longest bar


@dataclass(frozen=True)
class Scale:
    """A linear value axis from ``lo`` to ``hi`` with a tick every ``step``."""

    lo: float
    hi: float
    step: float

    @property
    def ticks(self) -> list[float]:
        n = round((self.hi - self.lo) / self.step)
        if self.lo + n * self.step > self.hi + self.step * 1e-6:  # a set top off the grid
            n -= 1
        return [_clean(self.lo + k * self.step) for k in range(n + 1)]

    @property
    def decimals(self) -> int:
        """Decimals the tick labels need: those of the step and of the first tick (0–6)."""
        return max(_decimals(self.step), _decimals(self.lo))


def _clean(v: float) -> float:
    """``v`` without floating-point dust (0.30000000000000004 → 0.3)."""
    return float(f"{v:.12g}") + 0.0


def _decimals(v: float) -> int:
    for d in range(7):
        if abs(v - round(v, d)) <= 1e-9 * max(1.0, abs(v)):
            return d
    return 6


def candidates(span: float) -> Iterable[float]:
    """Nice steps from about a twentieth of ``span`` to about ``span``, smallest first."""
    k = math.floor(math.log10(span / 20)) if span > 0 else 0
    for e in range(k, k + 4):
        for m in STEPS:
            yield _clean(m * 10.0 ** e)


def nice(lo: float, hi: float, fixed_lo: float | None = None, fixed_hi: float | None = None) -> Scale:
    """The nice scale covering ``lo``..``hi`` with 4–6 ticks (fewer or more only when no nice step
    gives 4–6) that wastes the least room; a step of 2.5 only when it wastes clearly less.
    ``fixed_lo``/``fixed_hi``: bounds the chart sets (a ``max``), kept as they are."""
    if fixed_lo is not None:
        lo = fixed_lo
    if fixed_hi is not None:
        hi = fixed_hi
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo <= 0:  # one value: from zero to it
        lo, hi = min(hi, 0.0), max(hi, 0.0)
        if hi - lo <= 0:
            hi = 1.0
    span = hi - lo
    best: tuple[tuple, Scale] | None = None
    for step in candidates(span):
        a = fixed_lo if fixed_lo is not None else math.floor(lo / step + 1e-9) * step
        b = fixed_hi if fixed_hi is not None else math.ceil(hi / step - 1e-9) * step
        intervals = (b - a) / step
        if fixed_lo is not None or fixed_hi is not None:  # a set bound off the grid: ticks from lo
            intervals = math.floor(intervals + 1e-9)
        ticks = intervals + 1
        outside = 0 if MIN_TICKS <= ticks <= MAX_TICKS else min(abs(ticks - MIN_TICKS), abs(ticks - MAX_TICKS))
        waste = (b - a) / span
        key = (outside, waste + _penalty(step), -ticks)
        if best is None or key < best[0]:
            best = (key, Scale(_clean(a), _clean(b), step))
    assert best is not None
    return best[1]


def _penalty(step: float) -> float:
    """A step of 2.5 reads less easily than 1, 2 or 5; more so where it needs a decimal more."""
    if abs(step / 10.0 ** math.floor(math.log10(step)) - 2.5) > 1e-9:
        return 0.0
    return 0.15 + (0.25 if _decimals(step) > _decimals(_clean(2 * step)) else 0.0)


def _extent(values: Iterable[float]) -> tuple[float, float]:
    vs = [v for v in values if math.isfinite(v)]
    return (min(vs), max(vs)) if vs else (0.0, 0.0)


def _row(chart: Chart, s: Series) -> list[float]:
    n = len(chart.categories)
    return list(s.values[:n]) + [0.0] * max(0, n - len(s.values))


def _extras(chart: Chart) -> list[float]:
    """Values besides the data the axis must reach: the reference line, annotations at a value."""
    out = [chart.reference_line.value] if chart.reference_line is not None else []
    if chart.kind is not ChartKind.SCATTER:
        out += [a.y for a in chart.annotations if a.y is not None]
    return out


def _stacked(chart: Chart) -> bool:
    return (chart.stacked or chart.percent) and len(chart.series) > 1


def _bar_extent(chart: Chart, series: Sequence[Series]) -> tuple[float, float]:
    rows = [_row(chart, s) for s in series]
    if _stacked(chart) and len(rows) > 1:
        cols = list(zip(*rows))
        tops = [sum(v for v in c if v > 0) for c in cols]
        bottoms = [sum(v for v in c if v < 0) for c in cols]
        return min(bottoms, default=0.0), max(tops, default=0.0)
    return _extent(v for r in rows for v in r)


def _with_room(lo: float, hi: float, labels: bool) -> tuple[float, float]:
    """Zero included (bars grow from it), and room beyond the bar ends for their labels."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if labels:
        room = LABEL_ROOM * ((hi - lo) or 1.0)
        hi = hi + room if hi > 0 else hi
        lo = lo - room if lo < 0 else lo
    return lo, hi


def value_scale(chart: Chart) -> Scale | None:
    """The value (y, or x for horizontal bars) axis of ``chart``; None where the axis is not
    linear or is not a value scale (log scale, magnitude, scorecard, pie, donut)."""
    k = chart.kind
    if chart.log_scale or k in (ChartKind.MAGNITUDE, ChartKind.SCORECARD, ChartKind.PIE, ChartKind.DONUT):
        return None
    if not chart.series or not any(s.values for s in chart.series):
        return None
    if chart.percent and len(chart.series) > 1 and k in (ChartKind.COLUMN, ChartKind.BAR, ChartKind.AREA,
                                                          ChartKind.LINE):
        return Scale(0.0, 100.0, 25.0)
    extras = _extras(chart)
    if k in (ChartKind.COLUMN, ChartKind.BAR, ChartKind.COMBO):
        bars = [s for s in chart.series if not (k is ChartKind.COMBO and s.secondary)] or list(chart.series)
        lo, hi = _bar_extent(chart, bars)
        lo, hi = _extent([lo, hi, *extras])
        lo, hi = _with_room(lo, hi, chart.data_labels and not _stacked(chart))
        if k is ChartKind.COMBO and any(s.secondary for s in chart.series) and chart.max_value is None:
            hi = max(hi / COMBO_BARS, 0.0) if hi > 0 else hi  # the lines take the band above the bars
        return nice(lo, hi, fixed_hi=chart.max_value)
    if k is ChartKind.RANGE:
        lo, hi = _extent(v for s in chart.series for v in _row(chart, s))
        lo, hi = _extent([lo, hi, *extras])
        return nice(*_with_room(lo, hi, chart.data_labels), fixed_hi=chart.max_value)
    if k is ChartKind.AREA:
        lo, hi = _bar_extent(chart, chart.series)
        lo, hi = _extent([lo, hi, *extras])
        return nice(min(lo, 0.0), max(hi, 0.0), fixed_hi=chart.max_value)
    # line and scatter: from zero when the data come near it, else around the data
    if k is ChartKind.LINE and _stacked(chart):
        lo, hi = _bar_extent(chart, chart.series)
    else:
        lo, hi = _extent(v for s in chart.series for v in _row(chart, s) if k is not ChartKind.SCATTER) \
            if k is not ChartKind.SCATTER else _extent(v for s in chart.series for v in s.values)
    lo, hi = _extent([lo, hi, *extras])
    if lo >= 0 and lo < 0.5 * hi:
        lo = 0.0
    elif hi <= 0 and hi > 0.5 * lo:
        hi = 0.0
    pad = 0.04 * ((hi - lo) or abs(hi) or 1.0)  # markers and labels clear of the plot's edges
    return nice(lo if lo == 0 else lo - pad, hi if hi == 0 else hi + pad, fixed_hi=chart.max_value)


def x_scale(chart: Chart) -> Scale | None:
    """A scatter chart's x axis, around its x values."""
    if chart.kind is not ChartKind.SCATTER:
        return None
    xs = [x for s in chart.series for x in (s.x[: len(s.values)] or range(1, len(s.values) + 1))]
    if not xs:
        return None
    lo, hi = _extent(xs)
    if lo >= 0 and lo < 0.3 * hi:
        lo = 0.0
    pad = 0.04 * ((hi - lo) or abs(hi) or 1.0)
    return nice(lo if lo == 0 else lo - pad, hi + pad)


def line_scale(chart: Chart, primary: Scale) -> Scale | None:
    """A combo chart's secondary (line) axis: as many intervals as the primary axis, so both
    share the gridlines, a nice step, and the lines in the band above the bars
    (``COMBO_LINES``); None without secondary series."""
    vals = [v for s in chart.series if s.secondary for v in _row(chart, s)]
    if not vals:
        return None
    lmin, lmax = _extent(vals)
    n = max(1, round((primary.hi - primary.lo) / primary.step))
    bars = any(not s.secondary for s in chart.series)
    lo_f, hi_f = COMBO_LINES if bars else (0.08, 0.92)
    span = (lmax - lmin) or (abs(lmax) * 0.2 or 1.0)
    for step in candidates(span / (hi_f - lo_f) / n * 4):
        lo = math.floor((lmin - lo_f * n * step) / step + 1e-9) * step
        if lo + hi_f * n * step >= lmax - 1e-12:
            return Scale(_clean(lo), _clean(lo + n * step), step)
    return nice(lmin, lmax)
