"""Text on slides: runs with explicit size and the theme font as latin, East Asian and
complex script, paragraph formats (bullets, spacing) and a simple fit estimate."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckbuild.model import Bullet, Rich

from .pptx_layout import emu, rgb

LINE = 1.45  # line height in em at single spacing (Noto Sans CJK: ascent 1.16 + descent 0.288)
MAX_LEVEL = 2  # bullets nest three levels deep: 0, 1, 2


# --- measuring -----------------------------------------------------------------------------


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, hangul and full-width forms: about one em wide."""
    o = ord(ch)
    return (0x1100 <= o <= 0x115F or 0x2E80 <= o <= 0xA4CF or 0xAC00 <= o <= 0xD7A3
            or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFF60
            or 0xFFE0 <= o <= 0xFFE6 or 0x20000 <= o <= 0x3FFFD)


def text_em(text: str, bold: bool = False) -> float:
    """Estimated width in em: CJK 1, anything else 0.55 (0.6 bold)."""
    narrow = 0.6 if bold else 0.55
    return sum(1.0 if is_wide(c) else narrow for c in text)


def line_count(text: str, size: float, width: float, bold: bool = False) -> int:
    """Lines that ``text`` wraps to at ``size`` in ``width`` points (estimate)."""
    if width <= size:
        return 99
    usable = width * 0.94  # wrapping at word boundaries wastes part of each line
    return sum(max(1, math.ceil(text_em(part, bold) * size / usable)) for part in text.split("\n"))


@dataclass(frozen=True)
class Para:
    """A paragraph to measure: text, size relative to the base size, left indent and
    space before in em of its own size."""

    text: str
    scale: float = 1.0
    indent: float = 0.0
    space: float = 0.0
    bold: bool = False
    line: float = LINE


def text_height(paras: Sequence[Para], size: float, width: float) -> float:
    total = 0.0
    for i, p in enumerate(paras):
        s = size * p.scale
        lines = line_count(p.text, s, width - p.indent * s, p.bold)
        total += (p.space * s if i else 0.0) + lines * s * p.line
    return total


def fit_size(paras: Sequence[Para], width: float, height: float, largest: float, smallest: float) -> tuple[float, bool]:
    """The largest size (1 pt steps from ``largest`` down to ``smallest``) at which the
    paragraphs fit the box; ``(smallest, False)`` when none does."""
    size = largest
    while size >= smallest - 1e-6:
        if text_height(paras, size, width) <= height:
            return size, True
        size -= 1
    return smallest, False


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
    pPr.set("algn", align)
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


def flatten(bullets: Sequence[Bullet], level: int = 0) -> tuple[list[tuple[int, Rich]], bool]:
    """(level, text) in reading order; levels deeper than MAX_LEVEL are clamped.
    The flag says whether clamping happened."""
    out: list[tuple[int, Rich]] = []
    clamped = level > MAX_LEVEL and bool(bullets)
    for b in bullets:
        out.append((min(level, MAX_LEVEL), b.text))
        sub, deep = flatten(b.children, level + 1)
        out.extend(sub)
        clamped = clamped or deep
    return out, clamped


LEVEL_SCALE = (1.0, 0.88, 0.8)
LEVEL_MARGIN = (1.0, 2.2, 3.3)  # left margin in em of the base size
LEVEL_CHAR = ("■", "–", "·")
LEVEL_SPACE = (0.55, 0.25, 0.2)  # space before, em


def bullet_paras(items: Sequence[tuple[int, Rich]]) -> list[Para]:
    return [Para(r.plain, LEVEL_SCALE[lv], LEVEL_MARGIN[lv] / LEVEL_SCALE[lv], LEVEL_SPACE[lv]) for lv, r in items]


def write_bullets(tf, items: Sequence[tuple[int, Rich]], size: float, color: str, marker: str, muted: str,
                  family: str, link: Optional[str] = None, first: bool = True) -> None:
    """Bulleted paragraphs with real levels (a:pPr lvl) and hanging indents."""
    for lv, rich in items:
        s = round(size * LEVEL_SCALE[lv] * 2) / 2
        p = paragraph(tf, first)
        hang = size * (0.9 if lv == 0 else 0.8)
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


def apply_fonts(root, family: str, language: str) -> None:
    """Give every run (a:r, a:fld, a:br) and paragraph end under ``root`` the deck language
    and the theme family as a:latin, a:ea and a:cs, keeping fonts already set."""
    alt = "en-US" if not language.lower().startswith("en") else ""
    for holder in root.iter(qn("a:r"), qn("a:fld"), qn("a:br")):
        if holder.find(qn("a:rPr")) is None:
            holder.insert(0, holder.makeelement(qn("a:rPr"), {}))
    for rPr in root.iter(qn("a:rPr"), qn("a:endParaRPr")):
        rPr.set("lang", language)
        if alt:
            rPr.set("altLang", alt)
        for tag in _FONT_TAGS:
            _ensure_font(rPr, tag, family)
