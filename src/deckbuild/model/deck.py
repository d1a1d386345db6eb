"""The intermediate representation of one edition of a deck.

Frozen dataclasses, lengths in points, every text already in the edition's language
and every fact already formatted. Nothing here knows of YAML, python-pptx or
reportlab; the renderers consume this and the theme alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from deckbuild.diagnostics import Location

if TYPE_CHECKING:  # a diagram's parts use Rich, defined here
    from deckbuild.model.diagram import Diagram

# --- inline text -----------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of text with one set of inline styles."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Rich:
    """A paragraph of inline text: a sequence of spans."""

    spans: tuple[Span, ...] = ()

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.spans)

    def __bool__(self) -> bool:
        return bool(self.plain)

    @classmethod
    def of(cls, text: str) -> Rich:
        return cls((Span(text),)) if text else cls()


# --- sources -----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A cited source; ``number`` is its 1-based position in the deck's list."""

    id: str
    number: int
    title: str
    publisher: str = ""
    date: str = ""  # as the edition's reader writes it when it is an ISO date, else as written
    url: str | None = None


# --- charts ------------------------------------------------------------------------


class ChartKind(str, Enum):
    COLUMN = "column"  # vertical bars; several series = grouped
    BAR = "bar"  # horizontal bars
    LINE = "line"
    AREA = "area"
    PIE = "pie"
    DONUT = "donut"
    SCATTER = "scatter"
    RANGE = "range"  # low–high spans; series[0] = low, series[1] = high
    MAGNITUDE = "magnitude"  # values that differ by orders: log-scale bars
    COMBO = "combo"  # bars with line series on a secondary axis
    SCORECARD = "scorecard"  # categories rated on a 0–max scale (drawn as a bar chart)


@dataclass(frozen=True)
class NumberFormat:
    """How a chart value is shown: ``prefix + value(decimals) + suffix``."""

    decimals: int = 0
    prefix: str = ""
    suffix: str = ""
    signed: bool = False  # "+" before positive values (uplifts, changes)

    def format(self, value: float) -> str:
        sign = "+" if self.signed and value > 0 else ("−" if value < 0 else "")
        return f"{sign}{self.prefix}{abs(value):,.{self.decimals}f}{self.suffix}"

    @property
    def excel_code(self) -> str:
        """The same format as an Excel/PowerPoint number format code."""
        body = "#,##0" + ("." + "0" * self.decimals if self.decimals else "")

        def lit(s: str) -> str:
            """``s`` as an Excel literal: in double quotes, each double quote in it as ``\\"``
            (inside quotes every other character, ``%``, ``;``, ``0`` included, is literal)."""
            return '\\"'.join(f'"{part}"' if part else "" for part in s.split('"'))

        positive = f"{lit('+') if self.signed else ''}{lit(self.prefix)}{body}{lit(self.suffix)}"
        unsigned = f"{lit(self.prefix)}{body}{lit(self.suffix)}"
        return f"{positive};{lit('−')}{unsigned};{unsigned}"


@dataclass(frozen=True)
class Series:
    """One data series. ``values`` align with the chart's categories; for scatter
    charts ``x`` holds the x values. ``secondary`` puts the series on the secondary
    axis (drawn as a line in a combo chart); ``number_format``: its own (its
    labels and a combo's secondary axis), None for the chart's."""

    name: str
    values: tuple[float, ...]
    x: tuple[float, ...] = ()
    secondary: bool = False
    number_format: NumberFormat | None = None  # its own format, else the chart's


@dataclass(frozen=True)
class ReferenceLine:
    value: float
    label: str = ""


@dataclass(frozen=True)
class Annotation:
    """Text placed at a data point: the category (or x value) and the y value."""

    text: str
    category: str = ""
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class Chart:
    """A chart fully resolved for one edition: translated, values scaled for display."""

    name: str
    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    subtitle: str = ""
    unit: str = ""  # e.g. "billion USD": shown in subtitle/axis title
    number_format: NumberFormat = NumberFormat()
    alt_text: str = ""
    stacked: bool = False
    percent: bool = False  # 100 % stacked
    data_labels: bool = True
    highlight: str | None = None  # a category drawn in the accent colour
    reference_line: ReferenceLine | None = None
    annotations: tuple[Annotation, ...] = ()
    x_title: str = ""
    y_title: str = ""
    y2_title: str = ""
    legend: str = "bottom"  # bottom | top | right | none
    log_scale: bool = False
    native: bool = True  # False: a picture in the deck even where a native chart exists
    palette: tuple[str, ...] = ()  # per-chart override of the theme palette, "#RRGGBB"
    max_value: float | None = None  # fixed top of the value axis (scorecard: the scale)
    sources: tuple[Source, ...] = ()
    language: str = ""  # the edition's: its numbers' decimal and grouping marks
    digest: str = ""  # content hash: spec + data + theme + package version
    location: Location | None = None


# --- slide contents ----------------------------------------------------------------


@dataclass(frozen=True)
class Bullet:
    text: Rich
    children: tuple[Bullet, ...] = ()


@dataclass(frozen=True)
class TitleContent:
    """Opening slide: deck title, subtitle, author and date come from the slide."""

    author: str = ""
    date: str = ""


@dataclass(frozen=True)
class SectionContent:
    """A section divider; ``number`` counts sections from 1."""

    number: int = 0


@dataclass(frozen=True)
class BulletsContent:
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True)
class Column:
    heading: Rich
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True)
class ColumnsContent:
    """Two headed columns (a comparison)."""

    left: Column
    right: Column


@dataclass(frozen=True)
class ChartContent:
    chart: Chart
    caption: Rich = Rich()
    bullets: tuple[Bullet, ...] = ()  # optional takeaways beside the chart


@dataclass(frozen=True)
class Table:
    header: tuple[Rich, ...]
    rows: tuple[tuple[Rich, ...], ...]
    column_widths: tuple[float, ...] = ()  # relative widths; () = equal
    # Each column's alignment: "left", "center", "right" or "decimal"; () = guessed from its cells.
    align: tuple[str, ...] = ()
    # For a column aligned on the decimal sign, per row the characters of each cell from the
    # sign on (from the end of the whole number when it has none): what stands right of the line.
    tails: tuple[tuple[int, ...], ...] = ()

    def alignment(self, column: int) -> str | None:
        """The alignment set for ``column``, or None where the renderer guesses."""
        return self.align[column] if column < len(self.align) else None

    def tail(self, row: int, column: int) -> str:
        """The part of a body cell right of the decimal line ('' outside decimal columns)."""
        if self.alignment(column) != "decimal" or row >= len(self.tails) or column >= len(self.tails[row]):
            return ""
        text = self.rows[row][column].plain
        n = self.tails[row][column]
        return text[len(text) - n:] if n else ""


@dataclass(frozen=True)
class TableContent:
    table: Table
    caption: Rich = Rich()


@dataclass(frozen=True)
class QuoteContent:
    text: Rich
    attribution: str = ""


@dataclass(frozen=True)
class Stat:
    value: str  # display string, e.g. "660–720亿美元"
    label: Rich


@dataclass(frozen=True)
class StatsContent:
    stats: tuple[Stat, ...]  # 2–4


@dataclass(frozen=True)
class ImageContent:
    path: Path  # absolute, inside the project
    alt: str
    caption: Rich = Rich()


@dataclass(frozen=True)
class DiagramContent:
    """A diagram of boxes (``model.diagram``), drawn as shapes and as vector graphics."""

    diagram: Diagram
    alt: str  # the diagram in words, for screen readers
    caption: Rich = Rich()


@dataclass(frozen=True)
class ClosingContent:
    bullets: tuple[Bullet, ...] = ()


Content: TypeAlias = (
    TitleContent
    | SectionContent
    | BulletsContent
    | ColumnsContent
    | ChartContent
    | TableContent
    | QuoteContent
    | StatsContent
    | ImageContent
    | DiagramContent
    | ClosingContent
)


class SlideKind(str, Enum):
    TITLE = "title"
    SECTION = "section"
    BULLETS = "bullets"
    COLUMNS = "columns"
    CHART = "chart"
    TABLE = "table"
    QUOTE = "quote"
    STATS = "stats"
    IMAGE = "image"
    DIAGRAM = "diagram"
    CLOSING = "closing"


@dataclass(frozen=True)
class Slide:
    """One slide; ``report`` paragraphs appear only in the PDF report."""

    kind: SlideKind
    number: int  # 1-based
    title: Rich
    content: Content
    subtitle: Rich = Rich()
    notes: tuple[str, ...] = ()  # speaker notes paragraphs, plain text
    report: tuple[Rich, ...] = ()
    sources: tuple[Source, ...] = ()
    location: Location | None = None
    id: str = ""  # the slide's 'id', which links name as '#id'
    keys: tuple[tuple[str, Location], ...] = ()  # where each of the slide's keys is written

    def key_location(self, key: str | None) -> Location | None:
        """Where the slide's ``key`` is written; the slide's own place when it has no such key."""
        return dict(self.keys).get(key, self.location) if key else self.location


@dataclass(frozen=True)
class Deck:
    """One edition of a deck: what both renderers consume."""

    name: str  # output base name, e.g. "meta-ai-bet" or "meta-ai-bet.en"
    title: str
    language: str  # BCP 47, e.g. "zh-CN"
    slides: tuple[Slide, ...]
    subtitle: str = ""
    author: str = ""
    date: str = ""  # the outline's date as the edition's reader writes it ("2025 年 8 月", "August 2025")
    issued: dt.date | None = None  # the calendar date it names: the artifacts' timestamp (build.pipeline)
    sources: tuple[Source, ...] = ()
    summary: tuple[Rich, ...] = ()  # executive summary paragraphs (report only)
    # the deck's own label templates (deckbuild.model.labels.labels_for merges them with the defaults, once)
    labels: dict = field(default_factory=dict, hash=False, compare=False)
    location: Location | None = None

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(s.content.chart for s in self.slides if isinstance(s.content, ChartContent))
