"""Blocks of the report set for print: two columns, figures (charts and pictures),
tables, block quotes and figures in numbers; and the title page and rule flowables."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Location
from deckbuild.layout.captions import chart_words
from deckbuild.layout.table import decimal_insets
from deckbuild.model.deck import (
    Bullet,
    ChartContent,
    ColumnsContent,
    Deck,
    ImageContent,
    QuoteContent,
    Rich,
    Slide,
    Source,
    StatsContent,
    TableContent,
)
from deckbuild.model.deck import Table as TableModel
from deckbuild.model.theme import Theme
from deckbuild.render.pdf import markup as mk
from deckbuild.render.pdf import tagging
from deckbuild.render.pdf.chart_forms import ChartForms
from deckbuild.render.pdf.fallback import text_width
from deckbuild.render.pdf.figures import Placeholder, ScaledForm, picture
from deckbuild.render.pdf.keep import Float
from deckbuild.render.pdf.styles import Styles, color
from deckbuild.text.quotes import outer_marks

# A table cell that holds a figure: "12", "−6.5%", "$1,200", "3.5x" (right-aligned)
_NUMBER = re.compile(r"^\s*[+\-−–±~≈<>≤≥]?\s*[$€£¥]?\s*\d[\d,.\s]*\s*(%|‰|x|×|pp|bp|[kKmMbB]n?)?\s*$")


_ALIGNMENTS: dict[str, Literal[0, 1, 2]] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT,
                                             "decimal": TA_RIGHT}


def _aligned(style: ParagraphStyle, align: str) -> ParagraphStyle:
    """``style`` with a table column's alignment (a decimal column's numbers are set right,
    each kept from the edge by the room its tail leaves)."""
    return ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=_ALIGNMENTS[align])


def _numeric(table: TableModel, column: int) -> bool:
    """Whether a column without a set alignment holds figures only (set right)."""
    cells = [r[column].plain for r in table.rows if column < len(r) and r[column].plain]
    return bool(cells) and all(_NUMBER.match(c) for c in cells)


# Added to a column's natural width: a text measured whole and the same text measured word by
# word while reportlab breaks its lines may differ in the last bits (its C accelerator adds the
# widths in another order), and a column exactly as wide as its widest cell would then break it.
_SLACK = 0.01

class Balanced(Flowable):
    """A paragraph set as narrow as it can be without taking more lines, so that its lines are of
    even length (a title never leaves one word alone on its last line)."""

    def __init__(self, para: Paragraph):
        super().__init__()
        self.para = para

    def _lines(self, width: float) -> int:
        _, h = self.para.wrap(width, 1e6)
        return round(h / self.para.style.leading)

    def wrap(self, availWidth, availHeight):
        n = self._lines(availWidth)
        low, high = availWidth / 3, availWidth  # high: as few lines as at the full width
        if n > 1:
            while high - low > 1:
                mid = (low + high) / 2
                if self._lines(mid) <= n:
                    high = mid
                else:
                    low = mid
        self.width = high
        _, self.height = self.para.wrap(high, availHeight)
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.para.getSpaceAfter()

    def getSpaceBefore(self) -> float:
        return self.para.getSpaceBefore()

    def draw(self) -> None:
        self.para.drawOn(self.canv, 0, 0)


class TitleBlock(Flowable):
    """The title page: title, subtitle and an accent rule a third of the way down, the
    author and date at the foot of the page."""

    def __init__(self, top: Sequence[Flowable], foot: Sequence[Flowable], rule_color: str):
        super().__init__()
        self.top, self.foot = list(top), list(foot)
        self.rule_color = color(rule_color)

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight - 1
        return self.width, self.height

    def _stack(self, items: Sequence[Flowable], y: float, draw: bool) -> float:
        for i, f in enumerate(items):
            _, h = f.wrap(self.width * 0.86, self.height)
            if i:
                y -= f.getSpaceBefore()
            y -= h
            if draw:
                f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()
        return y

    def draw(self):
        canv = self.canv
        y = self._stack(self.top, self.height * 0.66, True)
        canv.saveState()
        canv.setStrokeColor(self.rule_color)
        canv.setLineWidth(3)
        canv.line(0, y - 4, 64, y - 4)
        canv.restoreState()
        used = self.height * 0.66 - self._stack(self.foot, self.height * 0.66, False)
        self._stack(self.foot, used, True)


class Rule(Flowable):
    """A horizontal line across the frame (or ``length`` points of it)."""

    def __init__(self, rule_color: str, width: float = 0.6, length: float | None = None,
                 space_before: float = 0, space_after: float = 0):
        super().__init__()
        self.color, self.line_width, self.length = color(rule_color), width, length
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, availWidth, availHeight):
        self.width, self.height = (self.length or availWidth), self.line_width
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, self.line_width / 2, self.width, self.line_width / 2)
        self.canv.restoreState()


class Blocks(ABC):
    """Builders of the print blocks, mixed into the ``StoryBuilder``: what they use of it is
    declared here."""

    deck: Deck
    styles: Styles
    theme: Theme
    assets: Mapping[str, ChartAssets]
    forms: ChartForms  # the charts' drawings, placed once the file is written
    frame_width: float
    frame_height: float
    story: list[Flowable]
    figures: int  # figures numbered so far
    tables: int  # tables numbered so far

    @property
    @abstractmethod
    def cjk(self) -> bool:
        """Whether the report is set in Chinese."""

    @abstractmethod
    def rich(self, r: Rich) -> str:
        """``r`` as paragraph markup."""

    @abstractmethod
    def para(self, markup: str, style: ParagraphStyle, bullet: str | None = None) -> Flowable:
        """A paragraph of ``markup``, broken the report's way."""

    @abstractmethod
    def warn(self, where: Location | None, message: str, code: str) -> None:
        """A warning about the deck."""

    @abstractmethod
    def label_markup(self, name: str, n: int) -> str:
        """'Figure 3: ' in the report's language (``name``: 'figure' or 'table')."""

    @abstractmethod
    def source_note(self, sources: Iterable[Source]) -> str:
        """'Source: Publisher [1]; Other [2]' for a figure."""

    @abstractmethod
    def bullet_paragraphs(self, bullets: Sequence[Bullet], level: int = 0) -> list[Flowable]:
        """The paragraphs of a bulleted list."""

    def table_style(self, cmds: list) -> TableStyle:
        """Table commands, with the theme font for any plain-string cell (reportlab would
        otherwise select Helvetica when it draws one, even an empty one)."""
        st = self.styles
        return TableStyle([("FONT", (0, 0), (-1, -1), st.regular, st.cell.fontSize)] + list(cmds))

    def columns(self, c: ColumnsContent) -> None:
        st = self.styles
        gap = st.body.fontSize * 1.5
        w = (self.frame_width - gap) / 2
        data: list[list[Flowable | list[Flowable] | str]] = [
            [self.para(self.rich(c.left.heading), st.column_head), "",
             self.para(self.rich(c.right.heading), st.column_head)],
            [self.bullet_paragraphs(c.left.bullets) or "", "", self.bullet_paragraphs(c.right.bullets) or ""],
        ]
        tagging.groups([[data[0][0], data[1][0]], [data[0][2], data[1][2]]])  # read column by column
        t = Table(data, colWidths=(w, gap, w), hAlign="LEFT", splitInRow=1)
        t.setStyle(self.table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 2),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("TOPPADDING", (0, 1), (-1, 1), 7),
            ("LINEBELOW", (0, 0), (0, 0), 1.2, color(self.theme.colors.accent)),
            ("LINEBELOW", (2, 0), (2, 0), 1.2, color(self.theme.colors.accent)),
        ]))
        self.story += [Spacer(1, st.body.fontSize * 0.3), t, Spacer(1, st.body.fontSize * 0.5)]

    def chart(self, slide: Slide, c: ChartContent) -> None:
        st, chart = self.styles, c.chart
        self.figures += 1
        caption_text = c.caption.plain.strip() if c.caption else ""
        words = chart_words(chart, caption_text)
        title = chart.title or slide.title.plain
        if words.unit:  # a unit the drawing does not show
            title += f"（{chart.unit}）" if self.cjk else f" ({chart.unit})"
        head = self.para(self.label_markup("figure", self.figures) + mk.text(title), st.figure_title)
        max_h = self.frame_height * 0.55
        asset = self.assets.get(chart.digest)
        figure: Flowable | None = None
        where = chart.location or slide.location
        if asset is None or asset.pdf is None:
            self.warn(where, f"chart '{chart.name}' has no drawing; the report shows a placeholder",
                      "pdf-chart-missing")
        elif not asset.pdf.is_file() and asset.size is None:
            self.warn(where, f"chart '{chart.name}': its drawing {asset.pdf} does not exist; "
                             "the report shows a placeholder", "pdf-chart-missing")
        else:
            form, why = self.forms.add(asset.pdf, asset.size)
            if form is None:
                self.warn(where, f"chart '{chart.name}': cannot read its drawing {asset.pdf.name} ({why}); "
                                 "the report shows a placeholder", "pdf-chart-unreadable")
            else:
                figure = ScaledForm(form, max_h)
        if figure is None:
            figure = Placeholder(mk.text(chart.title or chart.alt_text or chart.name), st,
                                 self.theme.colors.muted, self.theme.colors.surface, self.frame_width * 0.45)
        tagging.figure(figure, chart.alt_text or title)
        notes = []  # each said once (layout.captions)
        if words.subtitle:
            notes.append(mk.text(chart.subtitle.strip()))
        if words.caption:
            notes.append(self.rich(c.caption))
        notes = [" · ".join(notes)] if notes else []
        sources = tuple(chart.sources) + tuple(slide.sources)
        if notes and sources:
            notes.append(mk.citations(sources, self.theme.colors.accent))
        elif sources:
            notes.append(self.source_note(sources))
        block = [head, Spacer(1, 2), figure]
        if notes:
            block.append(self.para(" ".join(notes), st.caption))
        else:
            block.append(Spacer(1, st.caption.spaceAfter))
        self.story.append(Float(block))

    def table(self, slide: Slide, c: TableContent) -> None:
        st, colors = self.styles, self.theme.colors
        table = c.table
        self.tables += 1
        title = self.rich(c.caption) if c.caption else self.rich(slide.title)
        # not kept with the table by style: a long table would then move whole to a new page
        head = self.para(self.label_markup("table", self.tables) + title, st.table_title)
        ncols = max([len(table.header)] + [len(r) for r in table.rows]) or 1
        insets = decimal_insets(table, lambda t: text_width(t, st.cell.fontName, st.cell.fontSize))
        rel = list(table.column_widths[:ncols]) if len(table.column_widths) >= ncols else []
        if rel and all(w > 0 for w in rel):
            widths = _floored([self.frame_width * w / sum(rel) for w in rel], self.frame_width)
        else:
            widths = self.column_widths(table, ncols, insets)
        # Cell padding, cut where columns are so many that 6 pt a side would leave no room.
        pad = max(0.0, min(6.0, (min(widths) - 2) / 2))

        align = [table.alignment(i) or ("right" if _numeric(table, i) else "left") for i in range(ncols)]
        styles = {(s.name, a): _aligned(s, a) for s in (st.cell, st.cell_head) for a in set(align)}

        def row(cells: Sequence[Rich], style: ParagraphStyle) -> list:
            out = [self.para(self.rich(x), styles[style.name, align[i]]) for i, x in enumerate(cells)]
            return out + [""] * (ncols - len(out))

        data = []
        if table.header:
            data.append(row(table.header, st.cell_head))
        data += [row(r, st.cell) for r in table.rows]
        if not data:
            return
        has_head = bool(table.header)
        tagging.table(data, 1 if has_head else 0)
        # The header row repeats on every page the table spans, unless it is too tall to.
        repeat = has_head and self._row_height(data[0], widths) <= self.frame_height / 3
        t = Table(data, colWidths=widths, repeatRows=1 if repeat else 0, hAlign="LEFT", splitInRow=1)
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.35, color(colors.muted)),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, color(colors.primary)),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, color(colors.primary)),
        ]
        first = 1 if has_head else 0
        cmds += [("RIGHTPADDING", (c, r + first), (c, r + first), pad + extra)
                 for r, room in enumerate(insets) for c, extra in enumerate(room) if extra > 0.01]
        if has_head:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), color(colors.primary)))
        if len(data) > first:
            cmds.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [color(colors.background), color(colors.surface)]))
        t.setStyle(self.table_style(cmds))
        self.story += [head, t]
        note = self.source_note(slide.sources)
        self.story.append(self.para(note, st.caption) if note else Spacer(1, st.caption.spaceAfter))

    def _row_height(self, cells: Sequence, widths: Sequence[float], pad: float = 12) -> float:
        """The height of a row of paragraphs in columns of ``widths`` (padding left out)."""
        return max([c.wrap(w - pad, self.frame_height)[1] for c, w in zip(cells, widths) if isinstance(c, Flowable)]
                   or [0.0])

    def column_widths(self, table, ncols: int, insets: Sequence[Sequence[float]] = ()) -> list[float]:
        """Widths from the content: narrow columns get what they need (with the room a
        decimal column keeps right of a cell), the rest share the remaining width in
        proportion to their text."""
        st, pad = self.styles, 12
        natural = [0.0] * ncols
        room = [()] + list(insets) if insets else []
        for k, (r, style) in enumerate([(table.header, st.cell_head)] + [(row, st.cell) for row in table.rows]):
            for i, cell in enumerate(r[:ncols]):
                extra = room[k][i] if k < len(room) and i < len(room[k]) else 0.0
                natural[i] = max(natural[i], text_width(cell.plain, style.fontName, style.fontSize) + pad + extra
                                 + _SLACK)
        natural = [max(w, st.cell.fontSize * 3 + pad) for w in natural]
        total = self.frame_width
        if sum(natural) <= total:
            return [total * w / sum(natural) for w in natural]
        fixed: dict[int, float] = {}
        while True:
            rest = [i for i in range(ncols) if i not in fixed]
            share = (total - sum(fixed.values())) / len(rest)
            small = [i for i in rest if natural[i] <= share]
            if not small or len(small) == len(rest):
                break
            fixed.update({i: natural[i] for i in small})
        rest = [i for i in range(ncols) if i not in fixed]
        left = total - sum(fixed.values())
        weight = sum(natural[i] for i in rest)
        return [fixed[i] if i in fixed else left * natural[i] / weight for i in range(ncols)]

    def quote(self, c: QuoteContent) -> None:
        st = self.styles
        open_q, close_q = outer_marks(self.deck.language)
        inner = [self.para(mk.text(open_q) + self.rich(c.text) + mk.text(close_q), st.quote)]
        if c.attribution:
            dash = "——" if self.cjk else "— "
            inner.append(self.para(mk.text(dash + c.attribution), st.attribution))
        t = Table([[inner]], colWidths=(self.frame_width - 24,), hAlign="RIGHT", splitInRow=1)
        t.setStyle(self.table_style([
            ("LINEBEFORE", (0, 0), (0, 0), 2.5, color(self.theme.colors.accent)),
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        self.story += [Spacer(1, st.body.fontSize * 0.6), t, Spacer(1, st.body.fontSize * 0.8)]

    def stats(self, c: StatsContent) -> None:
        st = self.styles
        if not c.stats:
            return
        n = len(c.stats)
        w = self.frame_width / n
        pad = 6
        # one size for the row: the largest at which every value fits its column
        style = st.stat_value
        size = style.fontSize
        while size > 10 and any(text_width(s.value, style.fontName, size) > w - 2 * pad for s in c.stats):
            size -= 1
        if size != style.fontSize:
            style = ParagraphStyle(f"stat{size}", parent=style, fontSize=size, leading=size * 1.15)
        values = [self.para(mk.text(s.value), style) for s in c.stats]
        labels = [self.para(self.rich(s.label), st.stat_label) for s in c.stats]
        tagging.groups(list(zip(values, labels)))  # each figure with its label
        t = Table([values, labels], colWidths=[w] * n, hAlign="LEFT", splitInRow=1)
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, 0), 10),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 10),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, color(self.theme.colors.primary)),
            ("LINEBELOW", (0, -1), (-1, -1), 0.35, color(self.theme.colors.muted)),
        ]
        for i in range(1, n):
            cmds.append(("LINEBEFORE", (i, 0), (i, -1), 0.35, color(self.theme.colors.muted)))
        t.setStyle(self.table_style(cmds))
        self.story += [Spacer(1, st.body.fontSize * 0.5), t, Spacer(1, st.body.fontSize * 0.6)]

    def image(self, slide: Slide, c: ImageContent) -> None:
        st = self.styles
        self.figures += 1
        title = self.rich(c.caption) if c.caption else mk.text(c.alt or slide.title.plain)
        head = self.para(self.label_markup("figure", self.figures) + title, st.figure_title)
        img: Flowable | None
        img, why = picture(c.path, self.frame_width, self.frame_height * 0.55)
        if img is None:
            self.warn(slide.location, f"image {c.path.name} cannot be read ({why}); "
                                      "the report shows a placeholder", "pdf-image-unreadable")
            img = Placeholder(mk.text(c.alt or c.path.name), st, self.theme.colors.muted,
                              self.theme.colors.surface, self.frame_width * 0.4)
        tagging.figure(img, c.alt or (c.caption.plain if c.caption else slide.title.plain))
        note = self.source_note(slide.sources)
        block = [head, Spacer(1, 2), img, self.para(note, st.caption) if note else Spacer(1, st.caption.spaceAfter)]
        self.story.append(Float(block))

    # --- back matter ---------------------------------------------------------------------


MIN_COLUMN = 24.0  # points: the narrowest column 'widths' can make in the report (padding and a letter)


def _floored(widths: list[float], total: float) -> list[float]:
    """``widths`` (summing to ``total``) with every column at least MIN_COLUMN wide (or an equal
    share, when there are too many columns for that), the others narrowed in proportion: a
    width of 0.01 beside one of 100 still leaves a column text can go in."""
    floor = min(MIN_COLUMN, total / len(widths))
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(widths)) if i not in fixed]
        room = total - floor * len(fixed)
        weight = sum(widths[i] for i in free)
        out = [floor if i in fixed else room * widths[i] / weight for i in range(len(widths))]
        narrow = {i for i in free if out[i] < floor}
        if not narrow:
            return out
        fixed |= narrow
