"""Writing text on slides: runs with explicit size and the theme font as latin, East Asian
and complex script, paragraph formats (bullets, spacing). What size and where is decided
by ``pptx_fit``; this module only writes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckbuild.model import Rich
from deckbuild.textfit.fit import para_size

from .pptx_layout import LEVEL_CHAR, LEVEL_HANG, LEVEL_MARGIN, LEVEL_SCALE, LEVEL_SPACE, emu
from .pptx_template import rgb


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
    tf.clear()
    tf.word_wrap = wrap
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    tf.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    return tf


def paragraph(tf, first: bool):
    """The frame's first (empty) paragraph, or a new one."""
    return tf.paragraphs[0] if first else tf.add_paragraph()


def add_run(p, text: str, style: Style, *, bold: bool = False, italic: bool = False, href: Optional[str] = None):
    run = p.add_run()
    run.text = text
    font = run.font
    font.size = Pt(style.size)
    font.bold = bool(style.bold or bold)
    font.italic = bool(style.italic or italic)
    font.color.rgb = rgb(style.link if href and style.link else style.color)
    if href:
        run.hyperlink.address = href
    return run


def add_rich(p, rich: Rich, style: Style) -> None:
    """Append a Rich's spans to a paragraph: bold, italic, links; line breaks as a:br."""
    for span in rich.spans:
        for i, part in enumerate(span.text.split("\n")):
            if i:
                p.add_line_break()
            if part:
                add_run(p, part, style, bold=span.bold, italic=span.italic, href=span.href)


def format_paragraph(p, *, align: str = "l", space_before: float = 0.0, line_pct: Optional[int] = None,
                     level: int = 0, margin_left: float = 0.0, indent: float = 0.0,
                     bullet: Optional[str] = None, bullet_color: Optional[str] = None,
                     bullet_font: Optional[str] = None) -> None:
    """Write a:pPr from scratch, children in schema order. Without ``bullet`` the
    paragraph gets buNone (body placeholders would otherwise inherit the master's)."""
    pPr = p._p.get_or_add_pPr()
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
        ln = pPr.makeelement(qn("a:lnSpc"), {})
        ln.append(ln.makeelement(qn("a:spcPct"), {"val": str(line_pct * 1000)}))
        pPr.append(ln)
    spc = pPr.makeelement(qn("a:spcBef"), {})
    spc.append(spc.makeelement(qn("a:spcPts"), {"val": str(int(round(space_before * 100)))}))
    pPr.append(spc)
    if bullet:
        if bullet_color:
            clr = pPr.makeelement(qn("a:buClr"), {})
            clr.append(clr.makeelement(qn("a:srgbClr"), {"val": bullet_color.lstrip("#").upper()}))
            pPr.append(clr)
        pPr.append(pPr.makeelement(qn("a:buSzPct"), {"val": "100000"}))
        if bullet_font:
            pPr.append(pPr.makeelement(qn("a:buFont"), {"typeface": bullet_font}))
        pPr.append(pPr.makeelement(qn("a:buChar"), {"char": bullet}))
    else:
        pPr.append(pPr.makeelement(qn("a:buNone"), {}))


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
            p._p.pPr.find(qn("a:buSzPct")).set("val", "60000")
        add_rich(p, rich, Style(s, color, link=link))
        first = False


# --- fonts and language on every run -----------------------------------------------------------

_FONT_SUCCESSORS = ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_FONT_TAGS = ("a:latin", "a:ea", "a:cs")


def _ensure_font(rPr, tag: str, family: str) -> None:
    if rPr.find(qn(tag)) is not None:
        return
    el = rPr.makeelement(qn(tag), {"typeface": family})
    later = _FONT_TAGS[_FONT_TAGS.index(tag) + 1:] + _FONT_SUCCESSORS
    for name in later:
        nxt = rPr.find(qn(name))
        if nxt is not None:
            nxt.addprevious(el)
            return
    rPr.append(el)


def apply_fonts(root, family: str, language: str, latin: str = "") -> None:
    """Give every run (a:r, a:fld, a:br) and paragraph end under ``root`` the deck language
    and the theme family as a:ea, and ``latin`` (default: the family) as a:latin and a:cs,
    keeping fonts already set."""
    alt = "en-US" if not language.lower().startswith("en") else ""
    for holder in root.iter(qn("a:r"), qn("a:fld"), qn("a:br")):
        if holder.find(qn("a:rPr")) is None:
            holder.insert(0, holder.makeelement(qn("a:rPr"), {}))
    for rPr in root.iter(qn("a:rPr"), qn("a:endParaRPr")):
        rPr.set("lang", language)
        if alt:
            rPr.set("altLang", alt)
        for tag in _FONT_TAGS:
            _ensure_font(rPr, tag, family if tag == "a:ea" else latin or family)
