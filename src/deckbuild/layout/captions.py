"""What a chart says around its drawing — title, subtitle, unit, caption — each said once.

The deck writes "title · subtitle · unit" above a chart and the caption below it; the report
writes "Figure N: title" above and "subtitle · caption" below. A unit the drawing already
shows (on its value axis, or in a donut's hole) is not said again, and of a subtitle and a
caption where one says what the other does (one contains the other, whatever the case,
spacing and punctuation), only the longer is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckbuild.model.deck import Chart, ChartKind

_NOISE = re.compile(r"[\W_]+")


def said(text: str) -> str:
    """``text`` reduced to what it says: case-folded, without spaces or punctuation."""
    return _NOISE.sub("", text.casefold())


def unit_drawn(chart: Chart, on_slide: bool = False) -> bool:
    """Whether the drawing shows the chart's unit: as its value-axis title (unless a
    ``y_title`` takes that place) or in a donut's hole (the report's drawing, or a slide's
    picture: a native chart has no text in its hole); a pie has neither."""
    if chart.kind is ChartKind.DONUT:
        return not (on_slide and chart.native)
    return chart.kind is not ChartKind.PIE and not chart.y_title


@dataclass(frozen=True)
class ChartWords:
    """Which of a chart's texts to say around it."""

    unit: bool
    subtitle: bool
    caption: bool


def chart_words(chart: Chart, caption: str, on_slide: bool = False) -> ChartWords:
    """What to say around ``chart`` in the report, or ``on_slide``."""
    subtitle, note = said(chart.subtitle), said(caption)
    same = bool(subtitle and note) and (subtitle in note or note in subtitle)
    return ChartWords(unit=bool(chart.unit) and not unit_drawn(chart, on_slide),
                      subtitle=bool(subtitle) and not (same and len(note) > len(subtitle)),
                      caption=bool(note) and not (same and len(note) <= len(subtitle)))


def chart_heading(chart: Chart, caption: str = "") -> str:
    """The small line above a chart on a slide, e.g. "2025 capital expenditure guidance ·
    company guidance range": the chart draws no title of its own, so its title, subtitle and
    (when the drawing does not show it) unit are said here."""
    words = chart_words(chart, caption, on_slide=True)
    return " · ".join(x for x, shown in ((chart.title, True), (chart.subtitle, words.subtitle),
                                         (chart.unit, words.unit)) if x and shown)
