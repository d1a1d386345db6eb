"""New slides and notes pages in constant time, with python-pptx's part classes.

``Slides.add_slide`` parses a blank slide, clones the layout's placeholders through
python-pptx's shape proxies (an XPath query per attribute), relates the slide with
``get_or_add`` and numbers it by counting the slide list (both O(n) per slide, so the deck
is O(n²)). Here the first slide of each layout is made by python-pptx and kept, blank, as
that layout's template; every later slide of the layout is a deep copy of it (a fresh
slide numbers its shapes the same way, so the copy is exact), wrapped in python-pptx's own
``SlidePart`` and related without the search (a new part cannot be related yet). Notes
pages likewise, from one template cloned from the notes master. The XML is what
python-pptx writes, byte for byte.

A slide's shape tree is python-pptx's, but for the next shape id (python-pptx compiles its
XPath query anew for every shape), the names of cloned placeholders (python-pptx searches
the slide's names once per placeholder, so a layout's placeholders cost the square of their
number) and the typefaces ``pptx_text`` writes on new runs.
"""

from __future__ import annotations

from typing import Optional

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.simpletypes import ST_Direction
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.shapes.autoshape import Shape
from pptx.shapes.shapetree import NotesSlideShapes, SlideShapes

from deckbuild.render.pptx.snippets import Faces, font_faces

_SLDID, _RID = qn("p:sldId"), qn("r:id")
_CSLD, _SPTREE, _TXBODY = qn("p:cSld"), qn("p:spTree"), qn("p:txBody")
_NVPR_PH = qn("p:nvPr") + "/" + qn("p:ph")
_ALL_IDS = etree.XPath("//@id")  # python-pptx's max_shape_id query, compiled once


def _next_shape_id(shapes) -> int:
    """python-pptx's ``_BaseShapes._next_shape_id`` (one more than the largest numeric @id in
    the document, or the turbo-mode counter), with the query compiled once instead of per call."""
    if shapes._cached_max_shape_id is not None:
        shapes._cached_max_shape_id += 1
        return shapes._cached_max_shape_id
    used = [int(value) for value in _ALL_IDS(shapes._spTree) if value.isdigit()]
    return (max(used) if used else 0) + 1


class FastSlideShapes(SlideShapes):
    """python-pptx's slide shape tree, numbering new shapes without recompiling XPath;
    ``run_faces``: the typefaces ``pptx_text`` writes on the runs it adds to these shapes
    (the ones ``apply_fonts`` will give the slide), or None."""

    _next_shape_id = property(_next_shape_id)
    run_faces: Optional[Faces] = None
    _names: Optional[set[str]] = None  # the shape names on the slide while placeholders are cloned

    def clone_layout_placeholders(self, slide_layout) -> None:
        """python-pptx's, in time linear in the layout's placeholders: ids counted up from
        the largest (its turbo mode) and the names taken kept in a set; the same XML."""
        self.turbo_add_enabled = True
        self._names = set(self._spTree.xpath("//p:cNvPr/@name"))
        try:
            super().clone_layout_placeholders(slide_layout)
        finally:
            self.turbo_add_enabled = False
            self._names = None

    def _next_ph_name(self, ph_type, id: int, orient: str) -> str:
        if self._names is None:
            return super()._next_ph_name(ph_type, id, orient)
        basename = self.ph_basename(ph_type)
        if orient == ST_Direction.VERT:
            basename = "Vertical %s" % basename
        numpart = id - 1
        while "%s %d" % (basename, numpart) in self._names:
            numpart += 1
        name = "%s %d" % (basename, numpart)
        self._names.add(name)
        return name


class FastNotesSlideShapes(NotesSlideShapes):
    """python-pptx's notes-page shape tree, numbering new shapes without recompiling XPath."""

    _next_shape_id = property(_next_shape_id)


def _relate(source, target, reltype: str) -> str:
    """``source.relate_to(target, reltype)`` for a pair not related yet (one of them is new):
    python-pptx's ``get_or_add`` first regroups all of the source's relationships by type to
    look for an existing one."""
    return source._rels._add_relationship(reltype, target)


def _sp_tree(root):
    """The p:spTree of a slide or notes page (p:cSld/p:spTree), found without ElementPath."""
    return next(next(root.iterchildren(_CSLD)).iterchildren(_SPTREE))


class SlideMaker:
    """Makes the slides (and notes pages) of one presentation."""

    def __init__(self, prs):
        self.prs = prs
        self._ids = prs.slides._sldIdLst
        self._count = len(self._ids)  # slides so far: the next slide is slide<count + 1>.xml
        used = [int(i) for i in self._ids.xpath("./p:sldId/@id")]
        self._next_id = max([255] + used) + 1  # python-pptx's rule: one more than the largest, from 256
        self._slide_templates: dict[object, object] = {}  # layout part → a blank p:sld with its placeholders
        self._notes_template: Optional[object] = None  # a blank p:notes with the master's placeholders
        self._notes_master = None
        self._notes_body_at: Optional[int] = None  # where in p:spTree the notes placeholder is (-1: none)

    def slide(self, layout, family: Optional[str] = None, latin: str = ""):
        """A new slide made from ``layout`` (a python-pptx SlideLayout), at the end of the deck.
        With ``family`` (and ``latin``: see ``pptx_text.apply_fonts``), text written on it by
        ``pptx_text`` carries those typefaces from the start."""
        pres = self.prs.part
        layout_part = layout.part
        template = self._slide_templates.get(layout_part)
        first = template is None
        element = CT_Slide.new() if first else template.__copy__()  # lxml's __copy__ copies deep
        self._count += 1
        part = SlidePart(PackURI("/ppt/slides/slide%d.xml" % self._count), CT.PML_SLIDE, pres.package, element)
        _relate(part, layout_part, RT.SLIDE_LAYOUT)
        rId = _relate(pres, part, RT.SLIDE)
        slide = part.slide
        shapes = slide.__dict__["shapes"] = FastSlideShapes(_sp_tree(element), slide)
        if family is not None:
            shapes.run_faces = font_faces(family, latin)
        if first:
            shapes.clone_layout_placeholders(layout)
            self._slide_templates[layout_part] = element.__copy__()
        entry = self._ids.makeelement(_SLDID, {"id": str(self._next_id), _RID: rId})
        self._ids.append(entry)
        self._next_id += 1
        return slide

    def notes(self, slide):
        """The new notes page of ``slide`` (which has none yet)."""
        slide_part = slide.part
        package = slide_part.package
        if self._notes_master is None:
            self._notes_master = package.presentation_part.notes_master_part
        master = self._notes_master
        first = self._notes_template is None
        element = CT_NotesSlide.new() if first else self._notes_template.__copy__()
        part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                              package, element)
        _relate(part, master, RT.NOTES_MASTER)
        _relate(part, slide_part, RT.SLIDE)
        notes = part.notes_slide
        notes.__dict__["shapes"] = FastNotesSlideShapes(_sp_tree(element), notes)
        if first:
            notes.clone_master_placeholders(master.notes_master)
            self._notes_template = element.__copy__()
        _relate(slide_part, part, RT.NOTES_SLIDE)
        return notes

    def notes_body(self, slide):
        """A new notes page for ``slide`` and the text body (p:txBody) of its notes placeholder
        (the first of type body; None when the notes master has none)."""
        notes = self.notes(slide)
        tree = notes.shapes._spTree
        if self._notes_body_at is None:  # the same place on every page: they are copies
            self._notes_body_at = next((i for i, el in enumerate(tree) if _placeholder_type(el) == "body"), -1)
        if self._notes_body_at < 0:
            return notes, None
        sp = tree[self._notes_body_at]
        body = next(sp.iterchildren(_TXBODY), None)
        return notes, body if body is not None else Shape(sp, notes.shapes).text_frame._txBody


def _placeholder_type(shape) -> Optional[str]:
    """The p:ph type of a shape element (``obj`` when a placeholder does not say), or None
    for a shape that is not a placeholder."""
    ph = shape[0].find(_NVPR_PH) if len(shape) else None
    return None if ph is None else ph.get("type", "obj")
