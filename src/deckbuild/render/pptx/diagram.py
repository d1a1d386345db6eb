"""The diagram slide: one group of editable shapes (rounded rectangles holding their text,
block arrows, divider lines) at the boxes and sizes of ``layout.diagram``, with the diagram
in words as the group's alternative text; arrows and dividers are marked decorative."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Pt

from deckbuild.layout.diagram import HEAD_NOTE, NOTE_SPACE, DiagramLayout
from deckbuild.layout.diagram_grid import SHAFT
from deckbuild.layout.fitter import TextBlock
from deckbuild.layout.geometry import Box, emu
from deckbuild.model.deck import DiagramContent, Rich, Slide
from deckbuild.model.diagram import Paint, paint
from deckbuild.render.pptx.base import Ctx, caption, chrome
from deckbuild.render.pptx.ns import qn
from deckbuild.render.pptx.shapes import set_decorative, set_description
from deckbuild.render.pptx.text import Style, add_rich, format_paragraph, frame, paragraph
from deckbuild.text.fit import para_size

RADIUS = 6.0  # points: the corners of a box
_ARROWS = {"right": MSO_SHAPE.RIGHT_ARROW, "up": MSO_SHAPE.UP_ARROW}


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def _plain(shape) -> None:
    """No theme style on the shape (PowerPoint would add its outline and shadow)."""
    style = shape.element.find(qn("p:style"))
    if style is not None:
        shape.element.remove(style)


def _painted(shape, p: Paint, width: float = 1.25) -> None:
    if p.fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(p.fill)
    if p.line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = _rgb(p.line)
        shape.line.width = Pt(width)
        if p.dashed:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _write(shape, box: Box, block: TextBlock, lines: list[tuple[Rich, str, bool, float]], align: str,
           anchor: str = "middle") -> None:
    """Paragraphs (text, colour, bold, size relative to the block's) at the block's size, in
    the block's box inside the shape's ``box`` (the text frame's insets); each after the first
    a little below the one before (a box's note), as ``layout.diagram.paras`` measures them."""
    tf = frame(shape, anchor)
    inner = block.box
    tf.margin_left, tf.margin_right = Emu(emu(inner.x - box.x)), Emu(emu(box.right - inner.right))
    tf.margin_top, tf.margin_bottom = Emu(emu(inner.y - box.y)), Emu(emu(box.bottom - inner.bottom))
    for i, (text, color, bold, scale) in enumerate(line for line in lines if line[0]):
        size = para_size(block.size, scale)
        p = paragraph(tf, i == 0)
        format_paragraph(p, align=align, space_before=size * NOTE_SPACE if i else 0.0)
        add_rich(p, text, Style(size, color, bold=bold))


def build_diagram(ctx: Ctx, so: PptxSlide, slide: Slide, content: DiagramContent, lay: DiagramLayout) -> None:
    c, d, g = ctx.c, content.diagram, lay.grid
    chrome(ctx, so, slide, lay.chrome)
    caption(ctx, so, lay.caption, content.caption, align="ctr")
    group = so.shapes.add_group_shape()
    group.name = "Diagram"
    set_description(group, content.alt)
    shapes = group.shapes
    for line in g.dividers:
        x, top, _, h = line.emu()
        divider = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x), Emu(top), Emu(x), Emu(top + h))
        divider.line.color.rgb = _rgb(c.muted)
        divider.line.width = Pt(1)
        divider.name = "Divider"
        _plain(divider)
        set_decorative(divider)
    for stack, box, block in zip(d.stacks, g.heads, lay.headings):
        head = shapes.add_textbox(*(Emu(v) for v in box.emu()))
        head.name = "Diagram heading"
        lines = [(stack.heading, c.primary, True, 1.0), (stack.note, c.muted, False, HEAD_NOTE)]
        _write(head, box, block, lines, "ctr", "bottom")
    for item, box, block in zip(d.items, g.cells, lay.cells):
        p = paint(item.tone, c)
        shape = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *(Emu(v) for v in box.emu()))
        _plain(shape)
        shape.adjustments[0] = min(0.5, RADIUS / max(min(box.w, box.h), 1.0))
        _painted(shape, p)
        shape.name = "Diagram box"
        lines = [(item.text, p.text, True, 1.0), (item.note, p.note, False, 1.0)]
        _write(shape, box, block, lines, "ctr")
    for arrow in g.arrows:
        shape = shapes.add_shape(_ARROWS[arrow.direction], *(Emu(v) for v in arrow.box.emu()))
        _plain(shape)
        shape.adjustments[0] = SHAFT  # of the thickness; the head's length in thicknesses:
        shape.adjustments[1] = arrow.head / arrow.thickness
        _painted(shape, Paint(c.muted, None, c.text, c.text))
        shape.name = "Arrow"
        set_decorative(shape)
    for rich, where, block, align, anchor in zip((d.x_axis, d.y_axis), (g.x_label, g.y_label), lay.axes,
                                                 ("ctr", "r"), ("top", "middle")):
        assert where is not None
        label = shapes.add_textbox(*(Emu(v) for v in where.emu()))
        label.name = "Axis label"
        _write(label, where, block, [(rich, c.text, False, 1.0)], align, anchor)

