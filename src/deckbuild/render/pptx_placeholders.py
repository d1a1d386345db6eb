"""Finding a slide's placeholders by role, with lxml: the title (python-pptx's rule: idx 0)
and the text placeholders (body, content, subtitle) in the layout's order. By role rather
than by idx, since templates number them differently (LibreOffice gives every content
placeholder idx 0); and without python-pptx's proxies, which run an XPath query per shape."""

from __future__ import annotations

from .pptx_layout import Box
from .pptx_shapes import proxy, text_box
from .pptx_template import place
from .pptx_xml import placeholders_of

NOT_TEXT = {"title", "ctrTitle", "dt", "ftr", "sldNum"}


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
