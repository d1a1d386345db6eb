"""New slides and notes pages in constant time, with python-pptx's part classes.

``Slides.add_slide`` clones the layout's placeholders through python-pptx's shape proxies
(an XPath query per attribute) and relates the slide with ``get_or_add``, which compares
against every relationship the presentation already has: a slide costs milliseconds and
the deck O(n²). Here the placeholders of a layout are cloned once by python-pptx and
deep-copied for every later slide of that layout (a fresh slide numbers its shapes the
same way, so the copy is exact), and a new part is related without the search (it cannot
be related yet). Notes pages likewise. The XML is what python-pptx writes, byte for byte.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart


class SlideMaker:
    """Makes the slides (and notes pages) of one presentation."""

    def __init__(self, prs):
        self.prs = prs
        self._layout_shapes: dict[object, list] = {}  # layout part → its cloned placeholders
        self._notes_shapes: list | None = None
        self._notes_master = None
        self._next_id = 0  # the next p:sldId id (python-pptx's rule: one more than the largest, from 256)

    def slide(self, layout):
        """A new slide made from ``layout`` (a python-pptx SlideLayout), at the end of the deck."""
        pres = self.prs.part
        ids = self.prs.slides._sldIdLst
        part = SlidePart(PackURI("/ppt/slides/slide%d.xml" % (len(ids) + 1)), CT.PML_SLIDE, pres.package,
                         CT_Slide.new())
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rId = pres._rels._add_relationship(RT.SLIDE, part)
        slide = part.slide
        shapes = self._layout_shapes.get(layout.part)
        if shapes is None:
            slide.shapes.clone_layout_placeholders(layout)
            self._layout_shapes[layout.part] = _copies(slide.shapes._spTree)
        else:
            _append(slide.shapes._spTree, shapes)
        if not self._next_id:
            self._next_id = max([255] + [int(i) for i in ids.xpath("./p:sldId/@id")]) + 1
        ids._add_sldId(id=self._next_id, rId=rId)
        self._next_id += 1
        return slide

    def notes(self, slide):
        """The new notes page of ``slide`` (which has none yet)."""
        slide_part = slide.part
        package = slide_part.package
        if self._notes_master is None:
            self._notes_master = package.presentation_part.notes_master_part
        master = self._notes_master
        part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                              package, CT_NotesSlide.new())
        part.relate_to(master, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        notes = part.notes_slide
        if self._notes_shapes is None:
            notes.clone_master_placeholders(master.notes_master)
            self._notes_shapes = _copies(notes.shapes._spTree)
        else:
            _append(notes.shapes._spTree, self._notes_shapes)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        return notes


def _copies(tree) -> list:
    return [copy.deepcopy(el) for el in tree.iter_shape_elms()]


def _append(tree, shapes: list) -> None:
    for el in shapes:
        tree.append(copy.deepcopy(el))
