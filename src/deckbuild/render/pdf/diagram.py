"""A diagram in the report: its boxes, arrows and dividers as a vector drawing at the boxes
of ``layout.diagram_grid`` (at the frame's width, each row as tall as its text needs), its
text as paragraphs in the report's fonts on top, broken by the report's rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from deckbuild.layout.diagram_grid import SHAFT, Arrow, Grid, Spacing, cell_width, grid
from deckbuild.layout.geometry import Box
from deckbuild.model.deck import DiagramContent, Rich, Slide
from deckbuild.model.diagram import Arrangement, Diagram, Paint, paint
from deckbuild.model.theme import Colors
from deckbuild.render.pdf import tagging
from deckbuild.render.pdf.blocks import Blocks
from deckbuild.render.pdf.keep import Float
from deckbuild.render.pdf.styles import color
from deckbuild.render.pdf.tagging import Tagged

SPACING = Spacing(gap=6.0, column_gap=28.0, arrow=24.0, axis=5.0)
PAD_X, PAD_Y = 6.0, 5.0  # a box's text inset
RADIUS = 3.0
NOTE_SPACE = 0.2  # em before a box's note
Lines = list[tuple[Rich, str, bool, float]]  # paragraphs of a box: text, colour, bold, size


class DiagramFigure(Tagged):
    """The diagram at the frame's width; ``alt``: the diagram in words. One figure of the
    tagged report: its shapes and every text in it are one content item of the figure."""

    def __init__(self, blocks: Blocks, diagram: Diagram, alt: str):
        super().__init__()
        self.blocks, self.diagram, self.alt = blocks, diagram, alt
        self.colors: Colors = blocks.theme.colors
        self.size = blocks.styles.cell.fontSize
        self.grid: Grid | None = None
        self.texts: list[tuple[Box, list[Flowable], str]] = []  # box, its paragraphs, vertical anchor

    def _paras(self, lines: Lines, align: Literal[0, 1, 2, 4]) -> list[Flowable]:
        st, b = self.blocks.styles, self.blocks
        out = []
        for i, (text, ink, bold, size) in enumerate(line for line in lines if line[0]):
            style = ParagraphStyle(f"diagram-{'bold' if bold else 'regular'}", parent=st.cell, fontSize=size,
                                   leading=size * st.cell.leading / st.cell.fontSize,
                                   fontName=st.bold if bold else st.regular, textColor=color(ink), alignment=align,
                                   spaceBefore=size * NOTE_SPACE if i else 0, hyphenationLang="",
                                   embeddedHyphenation=0)
            out.append(b.para(b.rich(text), style))
        return out

    @staticmethod
    def _height(paras: Sequence[Flowable], width: float) -> float:
        return sum(p.wrap(width, 1e6)[1] + (p.getSpaceBefore() if i else 0) for i, p in enumerate(paras))

    def wrap(self, availWidth, availHeight):
        d, c, sp = self.diagram, self.colors, SPACING
        y_label = availWidth * 0.18 if d.arrangement is Arrangement.MATRIX else 0.0
        w = cell_width(d, availWidth, sp, y_label)
        z, big = self.size, self.blocks.styles.body.fontSize
        boxes = [self._paras([(i.text, paint(i.tone, c).text, True, z), (i.note, paint(i.tone, c).note, False, z)],
                             TA_CENTER) for i in d.items]
        row = max(self._height(p, w - 2 * PAD_X) for p in boxes) + 2 * PAD_Y
        heads = [self._paras([(s.heading, c.primary, True, big), (s.note, c.muted, False, z)], TA_CENTER)
                 for s in d.stacks] if d.arrangement is Arrangement.LAYERS and d.headed else []
        head = max((self._height(p, w) for p in heads), default=0.0)
        axes: list[list[Flowable]] = []
        x_label = 0.0
        if d.arrangement is Arrangement.MATRIX:
            axes = [self._paras([(d.x_axis, c.text, False, z)], TA_CENTER),
                    self._paras([(d.y_axis, c.text, False, z)], TA_RIGHT)]
            x_label = self._height(axes[0], 2 * w + sp.gap)
            row = max(row, self._height(axes[1], y_label) / 2)
        g = grid(d, 0.0, 0.0, availWidth, row, sp, head, y_label, x_label)
        self.grid = g
        self.texts = [(inset(b), p, "middle") for b, p in zip(g.cells, boxes)]
        self.texts += [(b, p, "bottom") for b, p in zip(g.heads, heads)]
        if g.x_label is not None and g.y_label is not None:
            self.texts += [(g.x_label, axes[0], "top"), (g.y_label, axes[1], "middle")]
        self.width, self.height = availWidth, g.height
        return self.width, self.height

    def draw(self):
        assert self.grid is not None
        g, c, h = self.grid, self.colors, self.height
        drawing = Drawing(self.width, h)
        # the font renderPDF sets up front (no string is drawn): the report's, not Helvetica
        drawing.initialFontName = self.blocks.styles.regular  # type: ignore[attr-defined]  # not in types-reportlab
        for line in g.dividers:
            drawing.add(Line(line.x, h - line.y, line.x, h - line.bottom, strokeColor=color(c.muted),
                             strokeWidth=0.75))
        for item, box in zip(self.diagram.items, g.cells):
            drawing.add(_rect(box, h, paint(item.tone, c)))
        for arrow in g.arrows:
            drawing.add(Polygon(_arrow_points(arrow, h), fillColor=color(c.muted), strokeColor=None))
        renderPDF.draw(drawing, self.canv, 0, 0)
        for box, paras, anchor in self.texts:
            total = self._height(paras, box.w)
            top = box.y + {"top": 0.0, "middle": (box.h - total) / 2, "bottom": box.h - total}[anchor]
            for i, p in enumerate(paras):
                if i:
                    top += p.getSpaceBefore()
                _, ph = p.wrap(box.w, 1e6)
                p.drawOn(self.canv, box.x, h - top - ph)
                top += ph


def inset(box: Box) -> Box:
    return Box(box.x + PAD_X, box.y + PAD_Y, max(box.w - 2 * PAD_X, 1.0), max(box.h - 2 * PAD_Y, 1.0))


def _rect(box: Box, h: float, p: Paint) -> Rect:
    rect = Rect(box.x, h - box.bottom, box.w, box.h, rx=RADIUS, ry=RADIUS)
    rect.fillColor = color(p.fill) if p.fill else None
    rect.strokeColor = color(p.line) if p.line else None
    rect.strokeWidth = 0.9
    if p.dashed:
        rect.strokeDashArray = [3.0, 2.0]
    return rect


def _arrow_points(a: Arrow, h: float) -> list[float]:
    """The outline of a block arrow (``diagram_grid.Arrow``) in the page's coordinates (y up)."""
    b, t, head = a.box, a.thickness * SHAFT / 2, a.head
    if a.direction == "up":
        cx, y0, y1 = b.x + b.w / 2, h - b.bottom, h - b.y
        pts = [(cx - t, y0), (cx + t, y0), (cx + t, y1 - head), (b.right, y1 - head), (cx, y1),
               (b.x, y1 - head), (cx - t, y1 - head)]
    else:
        cy = h - b.y - b.h / 2
        pts = [(b.x, cy - t), (b.right - head, cy - t), (b.right - head, cy - b.h / 2), (b.right, cy),
               (b.right - head, cy + b.h / 2), (b.right - head, cy + t), (b.x, cy + t)]
    return [v for pt in pts for v in pt]


def diagram_block(blocks: Blocks, slide: Slide, content: DiagramContent) -> Float:
    """The numbered figure: its title (the caption, or the slide's title), the diagram and the
    source note, kept together."""
    st = blocks.styles
    blocks.figures += 1
    title = blocks.rich(content.caption) if content.caption else blocks.rich(slide.title)
    head = blocks.para(blocks.label_markup("figure", blocks.figures) + title, st.figure_title)
    note = blocks.source_note(slide.sources)
    tail = blocks.para(note, st.caption) if note else Spacer(1, st.caption.spaceAfter)
    figure = DiagramFigure(blocks, content.diagram, content.alt)
    tagging.figure(figure, content.alt)
    return Float([head, Spacer(1, 2), figure, tail])
