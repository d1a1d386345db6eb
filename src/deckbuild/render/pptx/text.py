"""Writing text on slides: runs with explicit size and the theme font as latin, East Asian
and complex script, paragraph formats (bullets, spacing). What size and where is decided
by ``pptx_fit``; this module only writes it.

Runs and paragraph formats are copies of XML made once (``snippets``). ``apply_fonts`` gives
every run of a slide its typefaces and language once the slide is written; speaker notes are
written with their typefaces already (``write_paragraphs``), where it only adds the language."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from deckbuild.cjk import close_latin_gaps
from deckbuild.layout.geometry import LEVEL_CHAR, LEVEL_HANG, LEVEL_MARGIN, LEVEL_SCALE, LEVEL_SPACE
from deckbuild.model import links
from deckbuild.model.deck import Rich
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.drawingml import (
    T_BR,
    T_END,
    T_FLD,
    T_P,
    T_R,
    T_RPR,
    A,
    body_properties,
    clear_text,
    new_break,
    new_paragraph,
)
from deckbuild.render.pptx.links import set_link
from deckbuild.render.pptx.ns import qn
from deckbuild.render.pptx.snippets import (
    FONT_TAGS,
    Faces,
    append_inline,
    font_faces,
    run_element,
    set_paragraph_format,
)
from deckbuild.text.fit import para_size

_TXBODY = qn("p:txBody")


# --- writing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # colour of hyperlinks (None: same as text)


def frame(shape, anchor: str = "top", wrap: bool = True):
    """Prepare a shape's text frame: no inset, no autofit, word wrap, one empty paragraph."""
    body = next(shape.element.iterchildren(_TXBODY), None)  # Shape.text_frame finds it with ElementPath
    tf = ooxml.text_frame(shape, body) if body is not None else shape.text_frame
    body = ooxml.text_body(tf)
    clear_text(body)
    body_properties(body, anchor, wrap)
    return tf


def paragraph(tf, first: bool):
    """The frame's first (empty) paragraph, or a new one."""
    body = ooxml.text_body(tf)
    return ooxml.paragraph(next(body.iterchildren(T_P), None) if first else new_paragraph(body), tf)


def add_run(p, text: str, style: Style, *, bold: bool = False, italic: bool = False, href: str | None = None):
    """A run of ``text``; with ``href`` a link (when ``pptx_links`` allows it), in the link colour."""
    if href and not href.startswith("#") and links.allowed(href) is None:
        href = None  # refused: plain text
    color = style.link if href and style.link else style.color
    r = run_element(text, style.size, bool(style.bold or bold), bool(style.italic or italic), color)
    append_inline(ooxml.paragraph_xml(p), r)
    run = ooxml.run(r, p)
    if href:
        set_link(run, href)
    return run


def add_rich(p, rich: Rich, style: Style) -> None:
    """Append a Rich's spans to a paragraph: bold, italic, links; line breaks as a:br; no
    space between CJK and Latin text (``cjk.close_latin_gaps``)."""
    texts = close_latin_gaps([span.text for span in rich.spans])
    for span, text in zip(rich.spans, texts):
        for i, part in enumerate(text.split("\n")):
            if i:
                new_break(ooxml.paragraph_xml(p))
            if part:
                add_run(p, part, style, bold=span.bold, italic=span.italic, href=span.href)


def with_breaks(rich: Rich, at: Sequence[int]) -> Rich:
    """``rich`` with a line break before each character offset of ``at``."""
    if not at:
        return rich
    cuts, spans, pos = set(at), [], 0
    for span in rich.spans:
        text = "".join(("\n" + ch) if pos + i in cuts else ch for i, ch in enumerate(span.text))
        spans.append(replace(span, text=text))
        pos += len(span.text)
    return Rich(tuple(spans))


def format_paragraph(p, *, align: str = "l", space_before: float = 0.0, line_pct: int | None = None,
                     level: int = 0, margin_left: float = 0.0, indent: float = 0.0,
                     bullet: str | None = None, bullet_color: str | None = None,
                     bullet_font: str | None = None) -> None:
    """Write a:pPr from scratch, children in schema order. Without ``bullet`` the
    paragraph gets buNone (body placeholders would otherwise inherit the master's)."""
    set_paragraph_format(ooxml.paragraph_xml(p), align, space_before, line_pct, level, margin_left, indent, bullet,
                         bullet_color, bullet_font, 100000)


def write_lines(tf, lines: Iterable[Rich], style: Style, *, align: str = "l", space: float = 0.0,
                line_pct: int | None = None, first: bool = True) -> None:
    """Plain paragraphs (no bullets) of one style."""
    for rich in lines:
        p = paragraph(tf, first)
        format_paragraph(p, align=align, space_before=0.0 if first else space, line_pct=line_pct)
        add_rich(p, rich, style)
        first = False


def write_paragraphs(txbody, texts: Iterable[str], style: Style, faces: Faces | None = None) -> None:
    """Plain paragraphs (no paragraph properties) of one run each, in place of a text body's
    text: what python-pptx's ``TextFrame.clear`` and ``add_run`` make (speaker notes), with
    ``faces`` (see ``font_faces``) already on the runs."""
    clear_text(txbody)
    p = next(txbody.iterchildren(T_P), None)
    for i, text in enumerate(texts):
        if i or p is None:
            p = new_paragraph(txbody)
        append_inline(p, run_element(text, style.size, bool(style.bold), bool(style.italic), style.color, faces))


# --- bullets ---------------------------------------------------------------------------------


def write_bullets(tf, items: Sequence[tuple[int, Rich]], size: float, color: str, marker: str, muted: str,
                  family: str, link: str | None = None, first: bool = True,
                  top_space: float = LEVEL_SPACE[0]) -> None:
    """Bulleted paragraphs with real levels (a:pPr lvl) and hanging indents; the markers in
    ``family`` (the East Asian face, which has the square the first level uses); ``top_space``:
    the space before a top-level bullet, in em of its size (the layout's ``BulletList``)."""
    for lv, rich in items:
        s = para_size(size, LEVEL_SCALE[lv])
        p = paragraph(tf, first)
        hang = size * LEVEL_HANG[lv]
        # A small square marker at the first level: shrunk relative to the text.
        space = top_space if lv == 0 else LEVEL_SPACE[lv]
        set_paragraph_format(ooxml.paragraph_xml(p), "l", 0.0 if first else s * space, None, lv,
                             size * LEVEL_MARGIN[lv], -hang, LEVEL_CHAR[lv], marker if lv == 0 else muted, family,
                             60000 if lv == 0 else 100000)
        add_rich(p, rich, Style(s, color, link=link))
        first = False


# --- fonts and language on every run -----------------------------------------------------------

_FONT_SUCCESSORS = tuple(A + t for t in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"))
_ANY_FONT = frozenset(FONT_TAGS + _FONT_SUCCESSORS)
_LATIN, _EA, _CS = FONT_TAGS


def _first(el, *tags):
    """The first child of ``el`` with one of ``tags``, or None (lxml's C iterator: ``find``
    goes through the Python ElementPath)."""
    return next(el.iterchildren(*tags), None)


def set_faces(paragraph, faces: Faces) -> None:
    """Give every run of ``paragraph`` (a python-pptx paragraph) the typefaces ``faces``
    (latin, East Asian, complex script) where it names none; ``apply_fonts`` keeps them."""
    for r in paragraph.runs:
        rpr = ooxml.run_properties(r)
        for tag, face in zip(FONT_TAGS, faces):
            _ensure_font(rpr, tag, face)


def _ensure_font(rPr, tag: str, family: str) -> None:
    if _first(rPr, tag) is not None:
        return
    el = rPr.makeelement(tag, {"typeface": family})
    later = FONT_TAGS[FONT_TAGS.index(tag) + 1:] + _FONT_SUCCESSORS
    for name in later:
        nxt = _first(rPr, name)
        if nxt is not None:
            nxt.addprevious(el)
            return
    rPr.append(el)


def _has_rpr(holder) -> bool:
    first = holder[0] if len(holder) else None
    return (first is not None and first.tag == T_RPR) or _first(holder, T_RPR) is not None


def _ends_with_fonts(rPr) -> bool:
    """Whether the last three children are a:latin, a:ea, a:cs (as ``run_element`` writes them)."""
    return len(rPr) >= 3 and rPr[-1].tag == _CS and rPr[-2].tag == _EA and rPr[-3].tag == _LATIN


def apply_fonts(root, family: str, language: str, latin: str = "") -> None:
    """Give every run (a:r, a:fld, a:br) and paragraph end under ``root`` the deck language
    and the theme family as a:ea, and ``latin`` (default: the family) as a:latin and a:cs,
    keeping fonts already set (runs written with ``font_faces`` have them: only the language
    is left to set, after any attribute set since, as ``cap``)."""
    alt = "en-US" if not language.lower().startswith("en") else ""
    faces = tuple(zip(FONT_TAGS, font_faces(family, latin)))
    for holder in root.iter(T_R, T_FLD, T_BR):
        if not _has_rpr(holder):
            holder.insert(0, holder.makeelement(T_RPR, {}))
    for rPr in root.iter(T_RPR, T_END):
        rPr.set("lang", language)
        if alt:
            rPr.set("altLang", alt)
        if _ends_with_fonts(rPr):
            continue
        if _first(rPr, *_ANY_FONT) is None:  # no fonts yet: append the three
            for tag, face in faces:
                rPr.append(rPr.makeelement(tag, {"typeface": face}))
            continue
        for tag, face in faces:
            _ensure_font(rPr, tag, face)
