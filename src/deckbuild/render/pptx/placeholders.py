"""Finding a slide's placeholders by role, with lxml: the title (python-pptx's rule: idx 0)
and the text placeholders (body, content, subtitle) in the layout's order. By role rather
than by idx, since templates number them differently (LibreOffice gives every content
placeholder idx 0); and without python-pptx's proxies, which run an XPath query per shape."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from deckbuild.layout.geometry import Box
from deckbuild.render.pptx.drawingml import P_NS, shape_tree
from deckbuild.render.pptx.ooxml import Element
from deckbuild.render.pptx.shapes import place, proxy, text_box

NOT_TEXT = {"title", "ctrTitle", "dt", "ftr", "sldNum"}
_SHAPES = tuple(P_NS + t for t in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
_NVPR_PH = P_NS + "nvPr/" + P_NS + "ph"


def placeholders_of(owner) -> Iterator[tuple[Element, Element]]:
    """(shape element, its p:ph) of every placeholder on a slide, notes page, layout or
    master, in order: python-pptx's rule (a shape whose first child element has
    p:nvPr/p:ph), without its XPath query per shape."""
    for el in shape_tree(owner.element).iterchildren(*_SHAPES):
        first = next(el.iterchildren(etree.Element), None)
        ph = first.find(_NVPR_PH) if first is not None else None
        if ph is not None:
            yield el, ph


def _text_placeholders(slide_obj) -> list:
    return [el for el, ph in placeholders_of(slide_obj) if ph.get("type", "obj") not in NOT_TEXT]


def placeholder(slide_obj, n: int):
    """The slide's ``n``-th text placeholder (0-based), or None."""
    found = _text_placeholders(slide_obj)
    return proxy(found[n], slide_obj.shapes) if n < len(found) else None


def body_or_box(slide_obj, n: int, box: Box, name: str):
    """The ``n``-th text placeholder moved to ``box``, or a new text box there when the
    layout has none."""
    ph = placeholder(slide_obj, n)
    if ph is None:
        return text_box(slide_obj.shapes, box.emu(), name)
    place(ph, box)
    return ph


def title_shape(slide_obj):
    """The slide's title placeholder, or a text box for the title when the layout has none."""
    el = next((el for el, ph in placeholders_of(slide_obj) if ph.get("idx", "0") == "0"), None)
    return proxy(el, slide_obj.shapes) if el is not None else text_box(slide_obj.shapes, (0, 0, 1, 1), "Title")


def drop_empty_placeholders(slide_obj) -> None:
    """Remove text placeholders a builder left empty (they would show "Click to add text")."""
    for el in _text_placeholders(slide_obj):
        if not "".join(el.itertext()).strip():
            el.getparent().remove(el)
