"""Writing text on slides: runs with explicit size and the theme font as latin, East Asian
and complex script, paragraph formats (bullets, spacing). What size and where is decided
by ``pptx_fit``; this module only writes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from pptx.text.text import _Paragraph, _Run

from deckbuild.model import Rich
from deckbuild.textfit.fit import para_size

from .pptx_layout import LEVEL_CHAR, LEVEL_HANG, LEVEL_MARGIN, LEVEL_SCALE, LEVEL_SPACE, emu
from .pptx_xml import (
    A, T_BR, T_END, T_FLD, T_P, T_PPR, T_R, T_RPR, body_properties, clear_text, new_break, new_paragraph, new_run,
)


# --- writing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    link: Optional[str] = None  # colour of hyperlinks (None: same as text)


def frame(shape, anchor: str = "top", wrap: bool = True):
    """Prepare a shape's text frame: no inset, no autofit, word wrap, one empty paragraph."""
    tf = shape.text_frame
    body = tf._txBody
    clear_text(body)
    body_properties(body, anchor, wrap)
    return tf


def paragraph(tf, first: bool):
    """The frame's first (empty) paragraph, or a new one."""
    body = tf._txBody
    return _Paragraph(body.find(T_P) if first else new_paragraph(body), tf)


def add_run(p, text: str, style: Style, *, bold: bool = False, italic: bool = False, href: Optional[str] = None):
    color = style.link if href and style.link else style.color
    run = _Run(new_run(p._p, text, style.size, bool(style.bold or bold), bool(style.italic or italic), color), p)
    if href:
        run.hyperlink.address = href
    return run


def add_rich(p, rich: Rich, style: Style) -> None:
    """Append a Rich's spans to a paragraph: bold, italic, links; line breaks as a:br."""
    for span in rich.spans:
        for i, part in enumerate(span.text.split("\n")):
            if i:
                new_break(p._p)
            if part:
                add_run(p, part, style, bold=span.bold, italic=span.italic, href=span.href)


def format_paragraph(p, *, align: str = "l", space_before: float = 0.0, line_pct: Optional[int] = None,
                     level: int = 0, margin_left: float = 0.0, indent: float = 0.0,
                     bullet: Optional[str] = None, bullet_color: Optional[str] = None,
                     bullet_font: Optional[str] = None) -> None:
    """Write a:pPr from scratch, children in schema order. Without ``bullet`` the
    paragraph gets buNone (body placeholders would otherwise inherit the master's)."""
    pPr = p._p.find(T_PPR)
    if pPr is None:  # python-pptx's get_or_add_pPr: the first child of a:p
        pPr = p._p.makeelement(T_PPR, {})
        p._p.insert(0, pPr)
    for child in list(pPr):
        pPr.remove(child)
    for attr in list(pPr.attrib):
        del pPr.attrib[attr]
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
        pPr.append(pPr.makeelement(A + "buSzPct", {"val": "100000"}))
        if bullet_font:
            pPr.append(pPr.makeelement(A + "buFont", {"typeface": bullet_font}))
        pPr.append(pPr.makeelement(A + "buChar", {"char": bullet}))
    else:
        pPr.append(pPr.makeelement(A + "buNone", {}))


def write_lines(tf, lines: Iterable[Rich], style: Style, *, align: str = "l", space: float = 0.0,
                line_pct: Optional[int] = None, first: bool = True) -> None:
    """Plain paragraphs (no bullets) of one style."""
    for rich in lines:
        p = paragraph(tf, first)
        format_paragraph(p, align=align, space_before=0.0 if first else space, line_pct=line_pct)
        add_rich(p, rich, style)
        first = False


# --- bullets ---------------------------------------------------------------------------------


def write_bullets(tf, items: Sequence[tuple[int, Rich]], size: float, color: str, marker: str, muted: str,
                  family: str, link: Optional[str] = None, first: bool = True) -> None:
    """Bulleted paragraphs with real levels (a:pPr lvl) and hanging indents."""
    for lv, rich in items:
        s = para_size(size, LEVEL_SCALE[lv])
        p = paragraph(tf, first)
        hang = size * LEVEL_HANG[lv]
        format_paragraph(p, level=lv, margin_left=size * LEVEL_MARGIN[lv], indent=-hang,
                         space_before=0.0 if first else s * LEVEL_SPACE[lv],
                         bullet=LEVEL_CHAR[lv], bullet_color=marker if lv == 0 else muted, bullet_font=family)
        if lv == 0:
            # A small square marker: shrink it relative to the text.
            p._p.pPr.find(A + "buSzPct").set("val", "60000")
        add_rich(p, rich, Style(s, color, link=link))
        first = False


# --- fonts and language on every run -----------------------------------------------------------

_FONT_TAGS = (A + "latin", A + "ea", A + "cs")
_FONT_SUCCESSORS = tuple(A + t for t in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"))
_ANY_FONT = frozenset(_FONT_TAGS + _FONT_SUCCESSORS)


def _ensure_font(rPr, tag: str, family: str) -> None:
    if rPr.find(tag) is not None:
        return
    el = rPr.makeelement(tag, {"typeface": family})
    later = _FONT_TAGS[_FONT_TAGS.index(tag) + 1:] + _FONT_SUCCESSORS
    for name in later:
        nxt = rPr.find(name)
        if nxt is not None:
            nxt.addprevious(el)
            return
    rPr.append(el)


def apply_fonts(root, family: str, language: str, latin: str = "") -> None:
    """Give every run (a:r, a:fld, a:br) and paragraph end under ``root`` the deck language
    and the theme family as a:ea, and ``latin`` (default: the family) as a:latin and a:cs,
    keeping fonts already set."""
    alt = "en-US" if not language.lower().startswith("en") else ""
    faces = (latin or family, family, latin or family)
    for holder in root.iter(T_R, T_FLD, T_BR):
        if holder.find(T_RPR) is None:
            holder.insert(0, holder.makeelement(T_RPR, {}))
    for rPr in root.iter(T_RPR, T_END):
        rPr.set("lang", language)
        if alt:
            rPr.set("altLang", alt)
        if not any(child.tag in _ANY_FONT for child in rPr):  # the usual case: append the three
            for tag, face in zip(_FONT_TAGS, faces):
                rPr.append(rPr.makeelement(tag, {"typeface": face}))
            continue
        for tag, face in zip(_FONT_TAGS, faces):
            _ensure_font(rPr, tag, face)
