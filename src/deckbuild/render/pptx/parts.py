"""New slides and notes pages in constant time.

``Slides.add_slide`` parses a blank slide, clones the layout's placeholders through
python-pptx's shape proxies (an XPath query per attribute), relates the slide with
``get_or_add`` and numbers it by counting the slide list (both O(n) per slide, so the deck
is O(n²)). Here the first slide of each layout is made as python-pptx makes it and kept,
blank, as that layout's template; every later slide of the layout is a deep copy of it (a
fresh slide numbers its shapes the same way, so the copy is exact), attached by
``ooxml.attach_slide``. Notes pages likewise: the first is python-pptx's own, the others
copies of it. The XML is what python-pptx writes, byte for byte (tests/test_pptx_fast.py).
"""

from __future__ import annotations

import copy

from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.drawingml import shape_tree
from deckbuild.render.pptx.ns import qn

_TXBODY = qn("p:txBody")
_NVPR_PH = qn("p:nvPr") + "/" + qn("p:ph")


class SlideMaker:
    """Makes the slides (and notes pages) of one presentation."""

    def __init__(self, prs):
        self.prs = prs
        _ = prs.slides  # python-pptx adds the slide list (p:sldIdLst) when the presentation has none
        self._ids = prs.element.find(qn("p:sldIdLst"))
        used = [int(i) for i in (el.get("id", "") for el in self._ids) if i.isdigit()]
        self._next_id = max([255, *used]) + 1  # python-pptx's rule: one more than the largest, from 256
        self._slide_templates: dict[object, ooxml.Element] = {}  # layout part → a blank p:sld with its placeholders
        self._notes_template: ooxml.Element | None = None  # a blank p:notes with the master's placeholders
        self._notes_body_at: int | None = None  # where in p:spTree the notes placeholder is (-1: none)

    def slide(self, layout):
        """A new slide made from ``layout`` (a python-pptx SlideLayout), at the end of the deck."""
        template = self._slide_templates.get(layout.part)
        element = ooxml.blank_slide() if template is None else copy.copy(template)  # lxml's __copy__ copies deep
        slide = ooxml.attach_slide(self.prs, layout, element, self._ids, self._next_id)
        self._next_id += 1
        if template is None:
            ooxml.add_layout_placeholders(slide, layout)
            self._slide_templates[layout.part] = copy.copy(element)
        return slide

    def notes(self, slide):
        """The new notes page of ``slide`` (which has none yet)."""
        if self._notes_template is None:
            notes = slide.notes_slide  # python-pptx's: the notes master's placeholders cloned
            self._notes_template = copy.copy(notes.element)
            return notes
        return ooxml.attach_notes(slide, copy.copy(self._notes_template))

    def notes_body(self, slide):
        """A new notes page for ``slide`` and the text body (p:txBody) of its notes placeholder
        (the first of type body; None when the notes master has none)."""
        notes = self.notes(slide)
        tree = shape_tree(notes.element)
        if self._notes_body_at is None:  # the same place on every page: they are copies
            self._notes_body_at = next((i for i, el in enumerate(tree) if _placeholder_type(el) == "body"), -1)
        if self._notes_body_at < 0:
            return notes, None
        sp = tree[self._notes_body_at]
        body = next(sp.iterchildren(_TXBODY), None)
        if body is None:
            body = ooxml.text_body(ooxml.shape_proxy(sp, notes.shapes).text_frame)
        return notes, body


def _placeholder_type(shape) -> str | None:
    """The p:ph type of a shape element (``obj`` when a placeholder does not say), or None
    for a shape that is not a placeholder."""
    ph = shape[0].find(_NVPR_PH) if len(shape) else None
    return None if ph is None else ph.get("type", "obj")
