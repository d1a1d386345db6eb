"""Rectangles and text boxes made from a copy of the first one python-pptx made, and
moving a shape to a box.

``shapes.add_shape`` and ``shapes.add_textbox`` parse an XML template and set up fill and
line through proxies for every shape; a deck adds a few of them to every slide. The first
of each kind is made by python-pptx, and later ones are deep copies with their id, name,
position and colour changed — the same XML, byte for byte.
"""

from __future__ import annotations

import copy

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE

from deckbuild.layout.geometry import Box
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.drawingml import P_NS, T_EXT, T_OFF, A, place_sp
from deckbuild.render.pptx.ns import qn

_CNVPR = P_NS + "nvSpPr/" + P_NS + "cNvPr"
_XFRM = P_NS + "spPr/" + A + "xfrm"
_FILL_RGB = P_NS + "spPr/" + A + "solidFill/" + A + "srgbClr"
_made: dict[str, ooxml.Element] = {}  # kind → a finished shape element to copy


def place(shape, box: Box) -> None:
    """Move a shape (python-pptx's proxy) to ``box``."""
    if not place_sp(shape.element, *box.emu()):
        shape.left, shape.top, shape.width, shape.height = box.emu()


def proxy(el, shapes):
    """python-pptx's proxy for a shape element (see ``ooxml.shape_proxy``)."""
    return ooxml.shape_proxy(el, shapes)


def _child(el: ooxml.Element, path: str) -> ooxml.Element:
    """The element at ``path`` under ``el``, a shape this module made (which has it)."""
    found = el.find(path)
    assert found is not None, path
    return found


def _copy(shapes, kind: str, box: tuple[int, int, int, int], name: str, default: str):
    """A copy of the cached ``kind`` shape appended to ``shapes`` with a new id, name and box,
    or None when there is none yet."""
    made = _made.get(kind)
    if made is None:
        return None
    sp = copy.deepcopy(made)
    shape_id = ooxml.next_shape_id(shapes)
    c = _child(sp, _CNVPR)
    c.set("id", str(shape_id))
    c.set("name", name or f"{default} {shape_id - 1}")
    xfrm = _child(sp, _XFRM)
    off, ext = _child(xfrm, T_OFF), _child(xfrm, T_EXT)
    off.set("x", str(box[0]))
    off.set("y", str(box[1]))
    ext.set("cx", str(box[2]))
    ext.set("cy", str(box[3]))
    tree = shapes.element
    last = tree[-1] if len(tree) else None
    if last is not None and last.tag == P_NS + "extLst":
        last.addprevious(sp)
    else:
        tree.append(sp)
    return proxy(sp, shapes)


def filled_rect(shapes, box: tuple[int, int, int, int], color: str, name: str = ""):
    """A filled rectangle without outline or theme style (no shadow in PowerPoint)."""
    value = color.lstrip("#").upper()
    shape = _copy(shapes, "rect", box, name, "Rectangle")
    if shape is not None:
        shape.element.find(_FILL_RGB).set("val", value)
        return shape
    shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, *box)
    style = shape.element.find(qn("p:style"))
    if style is not None:
        shape.element.remove(style)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(value)
    shape.line.fill.background()
    if name:
        shape.name = name
    _made["rect"] = copy.deepcopy(shape.element)
    return shape


def text_box(shapes, box: tuple[int, int, int, int], name: str = ""):
    """An empty text box (python-pptx's, as it makes them)."""
    shape = _copy(shapes, "textbox", box, name, "TextBox")
    if shape is not None:
        return shape
    shape = shapes.add_textbox(*box)
    _made["textbox"] = copy.deepcopy(shape.element)
    if name:
        shape.name = name
    return shape


_NV_PR = tuple(P_NS + t for t in ("nvSpPr", "nvPicPr", "nvGraphicFramePr", "nvGrpSpPr", "nvCxnSpPr"))


def _properties(shape):
    """The shape's p:cNvPr (its name, id, alternative text)."""
    holder = next(shape.element.iterchildren(*_NV_PR))
    return next(holder.iterchildren(P_NS + "cNvPr"))


def set_description(shape, text: str) -> None:
    """The shape's alternative text (``descr`` of its p:cNvPr), read out by screen readers."""
    _properties(shape).set("descr", text)


DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def set_decorative(shape) -> None:
    """Mark the shape decorative as PowerPoint does (Format > Alt Text > Mark as decorative: an
    a:ext of the p:cNvPr holding adec:decorative): screen readers skip it and PowerPoint's
    accessibility checker asks no alternative text of it."""
    c_nv_pr = _properties(shape)
    ext_list = c_nv_pr.find(A + "extLst")
    if ext_list is None:
        ext_list = c_nv_pr.makeelement(A + "extLst", {})
        c_nv_pr.append(ext_list)  # last: after a:hlinkClick and a:hlinkHover
    if any(e.get("uri") == DECORATIVE_EXT for e in ext_list):
        return
    ext = ext_list.makeelement(A + "ext", {"uri": DECORATIVE_EXT})
    ext.append(ext.makeelement(f"{{{DECORATIVE_NS}}}decorative", {"val": "1"}, nsmap={"adec": DECORATIVE_NS}))
    ext_list.append(ext)
