"""The report's document template: pages, running header and footer, headings that feed
the table of contents and the PDF outline, figures deferred to the next page, metadata and
reproducible dates."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from reportlab.lib import pagesizes
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from deckbuild.model.labels import fill, uses
from deckbuild.model.theme import Theme
from deckbuild.render.pdf import rl_internals, structtree
from deckbuild.render.pdf.chart_forms import ChartForms
from deckbuild.render.pdf.fallback import string_font
from deckbuild.render.pdf.keep import Float, FloatBarrier
from deckbuild.render.pdf.metadata import Metadata
from deckbuild.render.pdf.styles import Styles, color
from deckbuild.render.pdf.tagging import Link, Tagger, TaggingCanvas, tagger_of
from deckbuild.render.pdf.wrap import paragraph

TITLE_TEMPLATE = "title"
BODY_TEMPLATE = "body"


def page_size(name: str) -> tuple[float, float] | None:
    """A reportlab page size by name ('A4', 'letter', 'A4-landscape'), or None."""
    base, _, orient = name.strip().lower().partition("-")
    size = getattr(pagesizes, base.upper(), None) or getattr(pagesizes, base.lower(), None)
    if not (isinstance(size, tuple) and len(size) == 2):
        return None
    return pagesizes.landscape(size) if orient == "landscape" else size


def pdf_date(when: datetime) -> str:
    """``D:YYYYMMDDHHmmSS+00'00'`` in UTC (a naive time is taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    u = when.astimezone(timezone.utc)
    return f"D:{u:%Y%m%d%H%M%S}+00'00'"


@dataclass(frozen=True)
class Mark:
    """What a heading contributes to the outline, the contents and the running header."""

    key: str  # destination name
    outline: str  # plain text for the PDF outline
    toc: str | None  # markup for the table of contents (None: not listed)
    level: int  # outline / contents level, 0 or 1
    section: str | None = None  # plain text for the running header (H1s only)


class Marks:
    """The marks of a story's headings, by flowable (held here, so that each keeps its identity)."""

    def __init__(self) -> None:
        self._marks: dict[int, tuple[Flowable, Mark]] = {}

    def add(self, flowable: Flowable, m: Mark) -> Flowable:
        """Give ``flowable`` the mark ``m``; returns ``flowable``."""
        self._marks[id(flowable)] = (flowable, m)
        return flowable

    def names(self) -> dict[str, str]:
        """Each heading's destination name and its outline text."""
        return {m.key: m.outline for _, m in self._marks.values()}

    def listed(self) -> dict[str, tuple[int, str]]:
        """Each heading in the contents: its destination name → (level, contents markup)."""
        return {m.key: (m.level, m.toc) for _, m in self._marks.values() if m.toc is not None}

    def of(self, flowable: Flowable) -> Mark | None:
        """The mark of ``flowable``, or None."""
        found = self._marks.get(id(flowable))
        return found[1] if found is not None and found[0] is flowable else None


class PageTotal(Flowable):
    """Nothing on the page: it holds the number of pages the previous layout pass made
    (for a page label with ``{total}``) and asks for another pass until it is stable."""

    def __init__(self, doc: BaseDocTemplate):
        super().__init__()
        self.doc = doc
        self.previous = 0
        self.total = 0

    def isIndexing(self) -> int:
        return 1

    def beforeBuild(self) -> None:
        self.previous = self.total

    def afterBuild(self) -> None:
        self.total = self.doc.page

    def isSatisfied(self) -> int:
        return int(self.previous == self.total)

    def notify(self, kind, stuff) -> None:  # the document tells indexing flowables of events
        pass

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self) -> None:
        pass


def make_canvas_class(when: datetime):
    stamp = pdf_date(when)

    class ReportCanvas(TaggingCanvas):
        """A tagging canvas whose document dates are the build time, not the clock."""

        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            self.setDateFormatter(lambda *ymdhms: stamp)

    return ReportCanvas


class ReportDoc(BaseDocTemplate):
    """Two page templates: the bare title page and body pages with header and footer."""

    def __init__(self, buffer, *, theme: Theme, styles: Styles, size: tuple[float, float], marks: Marks,
                 header_left: str, footer_left: str, page_label: str, metadata: Metadata | None = None, **kw):
        m = theme.page.margin
        super().__init__(
            buffer, pagesize=size, leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
            initialFontName=styles.regular, initialFontSize=theme.page.body_size, **kw)
        self.theme = theme
        self.styles = styles
        self.marks = marks
        self.header_left = header_left
        self.footer_left = footer_left
        self.page_label = page_label
        self.metadata = metadata
        self.page_total: PageTotal | None = PageTotal(self) if uses("page", page_label, "total") else None
        self._section = ""
        self._carried = ""
        self._first_on_page: str | None = None
        self._queue: list[Flowable] = []  # the flowables still to place (of the pass under way)
        self._deferred: list[Float] = []  # figures waiting for the top of the next page
        self._released: set[int] = set()  # figures placed where they stand, deferred no more
        w, h = size
        self._frame_top = h - m
        frame = Frame(m, m, w - 2 * m, h - 2 * m, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0, id="body")
        title_frame = Frame(m, m, w - 2 * m, h - 2 * m, leftPadding=0, rightPadding=0, topPadding=0,
                            bottomPadding=0, id="title")
        self.addPageTemplates([
            PageTemplate(TITLE_TEMPLATE, [title_frame], onPage=self._title_page, pagesize=size),
            PageTemplate(BODY_TEMPLATE, [frame], onPage=self._start_page, onPageEnd=self._decorate,
                         pagesize=size),
        ])

    # --- page decorations -------------------------------------------------------

    def _title_page(self, canv: Canvas, doc) -> None:
        canv.setFont(self.styles.regular, self.theme.page.body_size)
        w, h = self.pagesize
        canv.saveState()
        canv.setFillColor(color(self.theme.colors.primary))
        canv.rect(0, h - 14, w, 14, stroke=0, fill=1)
        canv.setFillColor(color(self.theme.colors.accent))
        canv.rect(0, h - 18, w, 4, stroke=0, fill=1)
        canv.restoreState()

    def _start_page(self, canv: Canvas, doc) -> None:
        canv.setFont(self.styles.regular, self.theme.page.body_size)
        self._carried = self._section  # the part running at the top of this page
        self._first_on_page = None  # the first part that starts on it

    def _fit(self, text: str, font: str, size: float, width: float) -> str:
        """``text``, or its longest start that fits ``width`` with '…' (a binary search: a
        header of 20,000 characters costs 15 measures a page, not 20,000)."""
        if stringWidth(text, font, size) <= width:
            return text
        low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
        while high - low > 1:
            mid = (low + high) // 2
            if stringWidth(text[:mid] + "…", font, size) <= width:
                low = mid
            else:
                high = mid
        return text[:low] + "…" if low else ""

    def _draw(self, canv: Canvas, x: float, y: float, text: str, size: float, width: float,
              right_aligned: bool = False) -> None:
        """One line of a running header or footer, cut to ``width``, in the text face (or the
        theme's family when the face lacks one of its characters)."""
        font = string_font(text, self.styles.regular)
        canv.setFont(font, size)
        line = self._fit(text, font, size, width)
        (canv.drawRightString if right_aligned else canv.drawString)(x, y, line)

    def _decorate(self, canv: Canvas, doc) -> None:
        """Running header (deck title, current section) and footer (page number)."""
        st, c = self.styles, self.theme.colors
        size = st.small_size
        w, h = self.pagesize
        m = self.theme.page.margin
        right = w - m
        top = h - m * 0.62
        bottom = m * 0.5
        canv.saveState()
        canv.setFont(st.regular, size)
        canv.setFillColor(color(c.muted))
        half = (right - m) / 2 - 8
        self._draw(canv, m, top, self.header_left, size, half)
        section = self._first_on_page or self._carried
        if section:
            self._draw(canv, right, top, section, size, half, right_aligned=True)
        canv.setStrokeColor(color(c.muted))
        canv.setLineWidth(0.4)
        canv.line(m, top - size * 0.6, right, top - size * 0.6)
        canv.line(m, bottom + size * 1.4, right, bottom + size * 1.4)
        if self.footer_left:
            self._draw(canv, m, bottom, self.footer_left, size, half)
        canv.setFillColor(color(c.primary))
        total = self.page_total.previous if self.page_total is not None else 0
        label = fill("page", self.page_label, n=canv.getPageNumber(), total=total)
        self._draw(canv, right, bottom, label, size, half, right_aligned=True)
        canv.restoreState()

    # --- figures that float ----------------------------------------------------------

    def build(self, flowables, *args, **kw):
        self._queue = flowables  # the list the layout takes flowables from, one pass
        self._deferred, self._released = [], set()
        super().build(flowables, *args, **kw)

    def _room(self) -> float:
        return rl_internals.frame_y(self.frame) - self.theme.page.margin

    def handle_flowable(self, flowables):
        """A figure that does not fit in what is left of the page waits for the top of the next
        one while the text after it fills this page; figures keep their order, and none passes a
        page break (the end of a part) or the end of the story."""
        f = flowables[0] if flowables else None
        if flowables is self._queue and f is not None:
            if self._deferred and isinstance(f, (PageBreak, FloatBarrier)):
                self._released.update(id(g) for g in self._deferred)
                flowables[0:0] = self._deferred
                self._deferred = []
            elif isinstance(f, Float) and id(f) not in self._released:
                at_top = rl_internals.frame_y(self.frame) >= self._frame_top - 0.01
                room = self._room() - f.getSpaceBefore()
                if self._deferred or (not at_top and f.wrap(self.width, room)[1] > room):
                    self._deferred.append(f)
                    del flowables[0]
                    return
        super().handle_flowable(flowables)

    def beforePage(self) -> None:
        if self._deferred:  # the figures deferred open the page
            self._released.update(id(g) for g in self._deferred)
            self._queue[0:0] = self._deferred
            self._deferred = []

    # --- contents and outline -----------------------------------------------------

    def beforeDocument(self) -> None:
        self._section = ""  # each layout pass starts afresh
        self.canv.showOutline()
        if self.metadata is not None:
            self.metadata.attach(self.canv)

    def afterFlowable(self, flowable: Flowable) -> None:
        m = self.marks.of(flowable)
        if m is None:
            return
        top = rl_internals.frame_y(self.frame) + flowable.height + flowable.getSpaceAfter() + 4
        self.canv.bookmarkPage(m.key, fit="XYZ", left=0, top=min(top, self.pagesize[1]))
        self.canv.addOutlineEntry(m.outline, m.key, level=m.level, closed=False)
        if m.toc is not None:
            self.notify("TOCEntry", (m.level, m.toc, self.page, m.key))
        if m.section is not None:
            self._section = m.section
            if self._first_on_page is None:
                self._first_on_page = m.section


class Contents(TableOfContents):
    """reportlab's table of contents with entries wrapped by the report's own rules (CJK
    line breaking), light leader dots aligned from entry to entry, and the page numbers
    right-aligned in the entry's font."""

    def __init__(self, *, leader_font: str, leader_color, **kw):
        super().__init__(**kw)
        self.leader_font = leader_font
        self.leader_color = leader_color

    def wrap(self, availWidth, availHeight):
        entries = rl_internals.toc_entries(self) or [(0, "", 0, None)]

        def end_of_entry(canvas, kind, label):
            page, level, key = label.split(",", 2)
            style = self.getLevelStyle(int(level))
            x, y = rl_internals.text_cursor(canvas)
            number = str(page)
            width = stringWidth(number, style.fontName, style.fontSize)
            reserve = stringWidth("000", style.fontName, style.fontSize)
            step = style.fontSize * 0.6
            canvas.saveState()
            canvas.setFillColor(self.leader_color)
            canvas.setFont(self.leader_font, style.fontSize)
            k = 1
            while availWidth - reserve - k * step > x + step:
                canvas.drawCentredString(availWidth - reserve - k * step, y, ".")
                k += 1
            canvas.setFillColor(style.textColor)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.drawRightString(availWidth, y, number)
            canvas.restoreState()
            if key:
                canvas.linkRect("", key, (availWidth - width, y, availWidth, y + style.fontSize), relative=1)

        self.canv.setNamedCB("deckbuild-toc-entry", end_of_entry)
        data: list[list[Flowable]] = []
        for level, text, page, key in entries:
            style = self.getLevelStyle(level)
            if key:
                text = f'<a href="#{key}">{text}</a>'
            label = f"{page},{level},{key or ''}"
            para = paragraph(f'{text}<onDraw name="deckbuild-toc-entry" label="{label}"/>', style)
            if style.spaceBefore:
                data.append([Spacer(1, style.spaceBefore)])
            data.append([para])
        table = Table(data, colWidths=(availWidth,), style=self.tableStyle)
        rl_internals.set_toc_table(self, table)
        self.width, self.height = table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height


def contents(styles: Styles) -> TableOfContents:
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), styles.regular, styles.toc[0].fontSize),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ])
    return Contents(levelStyles=list(styles.toc), dotsMinLevel=0, tableStyle=style,
                    leader_font=styles.regular, leader_color=styles.cite.textColor)


# (title, language) → each listed heading's (destination name, page) in order, and the page count
Layout = tuple[tuple[tuple[str, int], ...], int]
_last_build: dict[tuple[str, str], Layout] = {}
_KEPT = 64  # reports remembered (a process that builds many, such as the tests, keeps the recent ones)


def forget_layouts() -> None:
    """Forget the contents of the reports built so far: the next build of each takes every
    pass a first build takes."""
    _last_build.clear()


def layouts() -> list:
    """The remembered layouts as JSON-ready rows: [title, language, [[name, page], ...], pages]."""
    return [[t, lang, [list(e) for e in order], pages] for (t, lang), (order, pages) in _last_build.items()]


def remember_layouts(rows: object) -> None:
    """Remember the layouts of ``rows`` (as ``layouts`` gives them, e.g. read back from a file;
    a row of any other shape is left out: only destination names and page numbers are taken)."""
    for row in rows if isinstance(rows, list) else []:
        try:
            title, language, order, pages = row
            kept = tuple((str(name), int(page)) for name, page in order)
            _remember((str(title), str(language)), (kept, int(pages)))
        except (TypeError, ValueError):
            continue


def _remember(key: tuple[str, str], layout: Layout) -> None:
    _last_build.pop(key, None)
    if len(_last_build) >= _KEPT:
        _last_build.pop(next(iter(_last_build)))
    _last_build[key] = layout


def _seed(layout: Layout, listed: dict[str, tuple[int, str]]) -> list | None:
    """The contents' entries a layout pass would collect if every listed heading is on the
    page it was on last time, each with its text as it is now; None when the headings listed
    are not those of last time."""
    order = layout[0]
    if len(order) != len(listed) or {name for name, _ in order} != set(listed):
        return None
    return [(*listed[name], page, name) for name, page in order]


@dataclass
class LaidOut:
    """A report laid out: the file as reportlab wrote it, and what ``finish`` needs to make it
    the report (its charts' drawings, the structure tree)."""

    data: bytes
    pages: int
    tagger: Tagger
    language: str
    describe: Callable[[Link], str]
    forms: ChartForms | None

    def finish(self) -> bytes:
        """The report's bytes: each chart's drawing in its form (the files must be there now)
        and the structure tree."""
        import pikepdf

        pdf = pikepdf.open(io.BytesIO(self.data))
        if self.forms is not None:
            self.forms.fill(pdf)
        return structtree.write(pdf, self.tagger, self.language, self.describe)


def lay_out(story: list[Flowable], *, marks: Marks, theme: Theme, styles: Styles, size: tuple[float, float],
            when: datetime, title: str, author: str, subject: str, language: str, keywords: Sequence[str],
            header_left: str, footer_left: str, page_label: str,
            link_names: Mapping[str, str] | None = None, forms: ChartForms | None = None) -> LaidOut:
    """Lay out the story (as many passes as the contents need), its headings marked by ``marks``:
    the file as reportlab writes it, which ``LaidOut.finish`` makes the report, tagged
    (``link_names``: what the links to other destinations than the headings go to), with its
    charts' drawings in their forms (``forms``).

    A pass lays out the whole report to learn the page of each heading, so a report needs
    two: one to collect the contents' page numbers, one to print them. A report built again in
    the same process (``deckbuild watch``) starts from the contents and page count of its last
    build (``layouts``; the pipeline keeps them in the output folder's cache, so a rebuild in
    a new process does too): when an edit moved no heading to another page, one pass finds
    them unchanged and is the last. The result is the same either way: the layout the
    contents' entries agree with (the contents take the same room whatever their page
    numbers, so there is one such layout); a seed that no longer holds costs the second pass
    it saves otherwise. Only the headings' pages come from the seed, their text is always
    the report's own."""
    buffer = io.BytesIO()
    metadata = Metadata(title=title, author=author, subject=subject, language=language, keywords=tuple(keywords),
                        when=when)
    doc = ReportDoc(
        buffer, theme=theme, styles=styles, size=size, marks=marks, header_left=header_left,
        footer_left=footer_left, page_label=page_label, metadata=metadata,
        title=title, author=author, subject=subject, creator=metadata.creator, keywords="; ".join(keywords),
        lang=language, invariant=1, displayDocTitle=1, pageCompression=1,
    )
    story = story + [FloatBarrier()]
    if doc.page_total is not None:
        story = story + [doc.page_total]
    tocs = [f for f in story if isinstance(f, TableOfContents)]
    seen = _last_build.get((title, language))
    seed = _seed(seen, marks.listed()) if seen is not None and len(tocs) == 1 else None
    if seed is not None and seen is not None:
        rl_internals.seed_toc(tocs[0], seed)
        if doc.page_total is not None:
            doc.page_total.total = seen[1]
    doc.multiBuild(story, canvasmaker=make_canvas_class(when), maxPasses=6)
    if len(tocs) == 1:
        order = tuple((str(e[3]), int(e[2])) for e in rl_internals.toc_entries(tocs[0]))
        _remember((title, language), (order, doc.page))
    tagger = tagger_of(doc.canv)
    assert tagger is not None  # the canvas of the last pass
    describe = structtree.describer({**marks.names(), **(link_names or {})})
    return LaidOut(buffer.getvalue(), doc.page, tagger, language, describe, forms)
