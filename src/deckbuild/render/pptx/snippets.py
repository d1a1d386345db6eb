"""Text XML made once and copied: runs and paragraph properties.

A deck writes the same few kinds of run (size, weight, colour, typefaces) and paragraph
format over and over. Each kind is built once, on python-pptx's own element classes and in
the order python-pptx writes it, and every later use is an lxml deep copy with the text
filled in: one C call instead of a dozen element and attribute calls. Finding children goes
through ``iterchildren`` (C) rather than ``find`` (lxml's Python ElementPath).
"""

from __future__ import annotations

import copy
import re

from lxml.etree import SubElement

from deckbuild.layout.geometry import emu
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.drawingml import T_END, T_PPR, A, new_run

_CACHE_LIMIT = 4096  # kinds kept per cache; a deck uses a few dozen (``watch`` keeps a process alive)
_runs: dict[tuple, ooxml.Element] = {}
_paragraph_formats: dict[tuple, ooxml.Element] = {}
_CTRL = re.compile(r"[\x00-\x08\x0B-\x1F]")


def escape(text: str) -> str:
    """Control characters as PowerPoint writes them (_x0007_), as python-pptx does."""
    if _CTRL.search(text) is None:
        return text
    return _CTRL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def _remember(cache: dict[tuple, ooxml.Element], key: tuple, element: ooxml.Element) -> ooxml.Element:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = element
    return element


def append_inline(p, el) -> None:
    """Append a run, field or break to paragraph ``p``, before its a:endParaRPr if any
    (where python-pptx's ``add_r`` puts it)."""
    end = next(p.iterchildren(T_END), None)
    if end is None:
        p.append(el)
    else:
        end.addprevious(el)


FONT_TAGS = (A + "latin", A + "ea", A + "cs")
Faces = tuple[str, str, str]  # the typefaces of a:latin, a:ea and a:cs


def font_faces(family: str, latin: str = "") -> Faces:
    """The run typefaces for a theme: ``latin`` (default: the family) for latin and complex
    script, the family for East Asian."""
    return (latin or family, family, latin or family)


def run_element(text: str, size: float, bold: bool, italic: bool, color: str, faces: Faces | None = None):
    """A new, detached ``a:r``: ``<a:rPr sz b i><a:solidFill><a:srgbClr/></a:solidFill>`` (then
    ``<a:latin/><a:ea/><a:cs/>`` with ``faces``, as ``pptx_text.apply_fonts`` appends them)
    ``</a:rPr><a:t>text</a:t>``."""
    key = (size, bold, italic, color, faces)
    template = _runs.get(key)
    if template is None:
        holder = ooxml.new_element("a:p")
        template = new_run(holder, "", size, bold, italic, color)
        holder.remove(template)
        if faces is not None:
            for tag, face in zip(FONT_TAGS, faces):
                SubElement(template[0], tag, {"typeface": face})
        _remember(_runs, key, template)
    r = copy.copy(template)  # lxml's __copy__ copies the whole subtree
    r[-1].text = escape(text)
    return r


def set_paragraph_format(p, align: str, space_before: float, line_pct: int | None, level: int,
                         margin_left: float, indent: float, bullet: str | None, bullet_color: str | None,
                         bullet_font: str | None, bullet_pct: int) -> None:
    """Give paragraph ``p`` (an a:p) a new a:pPr in place of any it has (see
    ``pptx_text.format_paragraph``); ``bullet_pct``: the marker's size in thousandths of a percent."""
    key = (align, space_before, line_pct, level, margin_left, indent, bullet, bullet_color, bullet_font, bullet_pct)
    template = _paragraph_formats.get(key)
    if template is None:
        template = _remember(_paragraph_formats, key, _paragraph_properties(*key))
    ppr = copy.copy(template)
    old = next(p.iterchildren(T_PPR), None)
    if old is None:  # python-pptx's get_or_add_pPr: the first child of a:p
        p.insert(0, ppr)
    else:
        p.replace(old, ppr)


def _paragraph_properties(align: str, space_before: float, line_pct: int | None, level: int,
                          margin_left: float, indent: float, bullet: str | None, bullet_color: str | None,
                          bullet_font: str | None, bullet_pct: int):
    """An a:pPr with its attributes and children in schema order."""
    pPr = ooxml.new_element("a:pPr")
    pPr.set("marL", str(emu(margin_left)))
    pPr.set("indent", str(emu(indent)))
    if align:  # "": the alignment the placeholder's layout gives
        pPr.set("algn", align)
    # No punctuation hanging past the box's edge: the fit (pptx_fitter) measures without it.
    pPr.set("hangingPunct", "0")
    if level:
        pPr.set("lvl", str(level))
    if line_pct is not None:
        ln = pPr.makeelement(A + "lnSpc", {})
        ln.append(ln.makeelement(A + "spcPct", {"val": str(line_pct * 1000)}))
        pPr.append(ln)
    spc = pPr.makeelement(A + "spcBef", {})
    spc.append(spc.makeelement(A + "spcPts", {"val": str(int(round(space_before * 100)))}))
    pPr.append(spc)
    if bullet:
        if bullet_color:
            clr = pPr.makeelement(A + "buClr", {})
            clr.append(clr.makeelement(A + "srgbClr", {"val": bullet_color.lstrip("#").upper()}))
            pPr.append(clr)
        pPr.append(pPr.makeelement(A + "buSzPct", {"val": str(bullet_pct)}))
        if bullet_font:
            pPr.append(pPr.makeelement(A + "buFont", {"typeface": bullet_font}))
        pPr.append(pPr.makeelement(A + "buChar", {"char": bullet}))
    else:
        pPr.append(pPr.makeelement(A + "buNone", {}))
    return pPr
