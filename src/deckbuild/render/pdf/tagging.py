"""Tagged PDF, the drawing side: what each piece of the report is (a heading, a paragraph, a list
item, a table cell, a figure with its alternative text), and marked content around what it draws.

A :class:`Node` is one element of the document's logical structure (PDF structure types: ``H1``,
``P``, ``LBody``, ``TD``, ``Figure``, …). The story builders give containers (tables, figures,
two columns, figures in numbers) their nodes; a paragraph without one takes its node from its
style (``h2`` → ``H2``, ``bullet1`` → a list body one level down, ``toc0`` → a contents entry).

Every flowable that draws content derives from :class:`Tagged`: while it draws, the page's
content stream has ``/P <</MCID n>> BDC … EMC`` around it. Everything else on a page (running
header and footer, rules, table lines and shading, a table's repeated header row) is an artifact:
the :class:`TaggingCanvas` opens ``/Artifact BMC`` at the start of every page's stream and each
tagged flowable closes it while it draws. The canvas's :class:`Tagger` records which node each
marked-content sequence belongs to and which link annotation each flowable made; ``structtree``
writes the structure tree from that record after reportlab has written the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from deckbuild.render.pdf import rl_internals

# The paragraph styles that are headings, and the structure type of each.
HEADINGS = {"title": "H1", "front": "H1", "h1": "H1", "h2": "H2", "column_head": "H3"}
_BULLET = re.compile(r"bullet(\d+)")
_TOC = re.compile(r"toc(\d+)")


class Node:
    """An element of the logical structure: its type, its parent (None: the document), the
    alternative text of a figure, the scope of a header cell. ``whole``: every child is written,
    also one that draws nothing (an empty table cell); other children are written in the order
    they are first drawn. ``group``: ``"L"`` for a list body, ``"TOC"`` for a contents entry,
    which the tagger gathers into lists (nested by ``level``) and a table of contents."""

    __slots__ = ("alt", "group", "kids", "level", "parent", "scope", "tag", "whole")

    def __init__(self, tag: str, parent: Node | None = None, *, alt: str = "", scope: str = "",
                 whole: bool = False, group: str = "", level: int = 0):
        self.tag, self.parent, self.alt, self.scope = tag, parent, alt, scope
        self.whole, self.group, self.level = whole, group, level
        self.kids: list[Node] = []
        if parent is not None:
            parent.kids.append(self)

    def __repr__(self) -> str:
        return f"Node({self.tag})"


def style_node(style_name: str, parent: Node | None = None) -> Node:
    """The node of a paragraph of the style ``style_name`` (under ``parent``)."""
    if style_name in HEADINGS:
        return Node(HEADINGS[style_name], parent)
    if style_name == "quote":
        return Node("BlockQuote", parent)
    bullet = _BULLET.fullmatch(style_name)
    if bullet or style_name == "source":
        return Node("LBody", parent, group="L", level=int(bullet.group(1)) if bullet else 0)
    toc = _TOC.fullmatch(style_name)
    if toc:
        return Node("TOCI", parent, group="TOC", level=int(toc.group(1)))
    return Node("P", parent)


class Tagged(Flowable):
    """A flowable whose drawing is marked content of its node (split parts share the node)."""

    structure: Node | None = None

    def default_node(self) -> Node:
        """A paragraph's node by its style; anything else is a figure (without alternative text
        unless it is given one)."""
        if isinstance(self, Paragraph):
            return style_node(self.style.name)
        return Node("Figure")

    def node(self) -> Node:
        if self.structure is None:
            self.structure = self.default_node()
        return self.structure

    def drawOn(self, canvas, x, y, _sW=0):  # reportlab asks not to override it: this only wraps it
        draw_on = super().drawOn  # (x, y, _sW: reportlab's signature; types-reportlab leaves _sW out)
        tagger = tagger_of(canvas)
        if tagger is None:
            draw_on(canvas, x, y, _sW)  # type: ignore[call-arg]
            return
        with tagger.marked(self, self.node()):
            draw_on(canvas, x, y, _sW)  # type: ignore[call-arg]

    def split(self, availWidth, availHeight):
        node = self.node()
        parts = super().split(availWidth, availHeight)
        for p in parts:
            if isinstance(p, Tagged):
                p.structure = node
        return parts


class TaggedParagraph(Tagged, Paragraph):
    """reportlab's Paragraph, tagged by its style (or the node it is given)."""


def give(flowable: object, node: Node) -> Node:
    """Make ``node`` the structure of ``flowable`` (when it draws content); returns ``node``."""
    if isinstance(flowable, Tagged):
        flowable.structure = node
    return node


def within(flowables: Sequence[object], parent: Node) -> None:
    """Put the paragraphs among ``flowables`` under ``parent``, each by its style (a list of
    flowables in a table cell is one level deep)."""
    for f in flowables:
        if isinstance(f, (list, tuple)):
            within(f, parent)
        elif isinstance(f, Tagged) and isinstance(f, Paragraph):
            give(f, style_node(f.style.name, parent))
        elif isinstance(f, Tagged):
            f.structure = Node(f.node().tag, parent, alt=f.node().alt)


def table(rows: Sequence[Sequence[object]], header_rows: int) -> Node:
    """A data table: ``Table`` > ``TR`` > ``TH`` (scope: column) or ``TD``; a cell's paragraph is
    the cell's content, a cell of several flowables holds them as its children."""
    t = Node("Table", whole=True)
    for r, cells in enumerate(rows):
        tr = Node("TR", t, whole=True)
        for cell in cells:
            head = r < header_rows
            td = Node("TH" if head else "TD", tr, scope="Column" if head else "")
            if isinstance(cell, (list, tuple)):
                within(cell, td)
            else:
                give(cell, td)
    return t


def figure(flowable: object, alt: str) -> Node:
    """A figure (a chart's drawing, a picture, the box standing in for either) with its
    alternative text."""
    return give(flowable, Node("Figure", alt=alt.strip()))


def groups(parts: Sequence[Sequence[object]], tag: str = "Div") -> list[Node]:
    """One ``tag`` element per item of ``parts`` holding its paragraphs (the cells of a layout
    table, read group by group rather than row by row)."""
    out = []
    for flowables in parts:
        node = Node(tag)
        within(flowables, node)
        out.append(node)
    return out


# --- the canvas side ------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    page: int  # 1-based
    mcid: int
    node: Node


@dataclass(frozen=True)
class Link:
    page: int  # 1-based
    node: Node | None  # the structure the link is part of (None: drawn outside tagged content)
    target: str  # a URI, or the name of a destination in the document
    uri: bool


class Tagger:
    """What one layout pass marked: each marked-content sequence's page, MCID and node, in
    drawing order, and the link annotations by page."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.contents: list[Content] = []
        self.links: list[Link] = []
        self._next: dict[int, int] = {}  # page → its next MCID
        self._inside: Node | None = None  # the node whose content is being drawn
        self._drawn: dict[int, Flowable] = {}  # flowables drawn (held: their ids stay unique)

    @contextmanager
    def marked(self, flowable: Flowable, node: Node) -> Iterator[None]:
        """Mark what ``flowable`` draws as content of ``node``. Inside another tagged flowable it is
        part of that one's content; drawn a second time (a table's header row repeated on the
        next page) it stays an artifact."""
        if self._inside is not None or id(flowable) in self._drawn:
            yield
            return
        self._drawn[id(flowable)] = flowable
        page = self.canvas.getPageNumber()
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        self.contents.append(Content(page, mcid, node))
        self.canvas.addLiteral(f"EMC /{node.tag} <</MCID {mcid}>> BDC")
        self._inside = node
        try:
            yield
        finally:
            self._inside = None
            self.canvas.addLiteral("EMC /Artifact BMC")

    def link(self, target: str, uri: bool) -> None:
        self.links.append(Link(self.canvas.getPageNumber(), self._inside, target, uri))

    def close_page(self) -> None:
        """Make the page's stream an artifact but for the marked content in it."""
        code = rl_internals.page_code(self.canvas)
        code.insert(0, "/Artifact BMC")
        code.append("EMC")


class TaggingCanvas(Canvas):
    """A canvas with a :class:`Tagger`: pages open as artifacts, links are recorded."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.tagger = Tagger(self)

    def showPage(self):
        self.tagger.close_page()
        super().showPage()

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1,
                 thickness=0, color=None, dashArray=None, **kw):
        if addtopage:
            self.tagger.link(destinationname, uri=False)
        return super().linkRect(contents, destinationname, Rect, addtopage, name, relative, thickness, color,
                                dashArray, **kw)

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw):
        self.tagger.link(url, uri=True)
        return super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)


def tagger_of(canvas: object) -> Tagger | None:
    return canvas.tagger if isinstance(canvas, TaggingCanvas) else None
