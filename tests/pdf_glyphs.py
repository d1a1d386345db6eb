"""Where each glyph of a PDF page is drawn: the text operators of its content stream (pypdf parses
them), run the way a PDF viewer runs them, for the fonts reportlab writes (simple TrueType subsets
with /Widths and a /ToUnicode map).

pdfplumber (pdfminer.six 20260107) adds the character spacing (Tc) only between the glyphs of one
string, not after a string's last glyph as PDF does (ISO 32000-1, 9.4.4), so it misplaces every
glyph after a string that ends where a justified line changes its spacing; pdftotext gives words,
not glyphs. Form XObjects are not entered (the report's charts), and text in a font without
/Widths is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float  # x0 plus the glyph's own advance, without character or word spacing
    y: float  # the baseline
    size: float  # the font size on the page
    block: int  # which BT…ET text object of the page drew it (reportlab: one per paragraph, one per bullet)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _translate(tx: float, ty: float) -> Matrix:
    return (1.0, 0.0, 0.0, 1.0, tx, ty)


@dataclass
class _Font:
    first: int
    widths: list[float]
    unicode: dict[int, str]

    def width(self, code: int) -> float:
        i = code - self.first
        return float(self.widths[i]) if 0 <= i < len(self.widths) else 0.0


def _to_unicode(cmap: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(int(dst, 16) + k)
    return out


def _fonts(page) -> dict[str, _Font]:
    fonts = {}
    for name, ref in (page["/Resources"].get("/Font") or {}).items():
        f = ref.get_object()
        if "/Widths" not in f or "/ToUnicode" not in f:
            continue
        cmap = f["/ToUnicode"].get_object().get_data().decode("latin-1")
        fonts[str(name)] = _Font(int(f.get("/FirstChar", 0)), [float(w) for w in f["/Widths"]], _to_unicode(cmap))
    return fonts


def _raw(s) -> bytes:
    return s.get_original_bytes() if hasattr(s, "get_original_bytes") else bytes(s)


def page_glyphs(page) -> list[Glyph]:
    """The glyphs of a pypdf page, in the order the content stream draws them."""
    fonts = _fonts(page)
    contents = page.get_contents()
    if contents is None:
        return []
    out: list[Glyph] = []
    stack: list[tuple] = []  # q saves the graphics state, which holds the text state (not Tm)
    ctm = IDENTITY
    tm = tlm = IDENTITY
    tc = tw = 0.0
    th = 1.0
    leading = 0.0
    font: _Font | None = None
    size = 0.0
    block = -1

    def show(s) -> None:
        nonlocal tm
        for code in _raw(s):
            w = font.width(code) if font else 0.0
            m = _mul(tm, ctm)
            if font is not None:
                x0 = m[4]
                out.append(Glyph(font.unicode.get(code, ""), x0, x0 + w / 1000 * size * th * m[0], m[5],
                                 size * m[3], block))
            tm = _mul(_translate((w / 1000 * size + tc + (tw if code == 32 else 0.0)) * th, 0.0), tm)

    for operands, op in contents.operations:
        o = op.decode("latin-1") if isinstance(op, bytes) else op
        if o == "q":
            stack.append((ctm, tc, tw, th, leading, font, size))
        elif o == "Q":
            ctm, tc, tw, th, leading, font, size = stack.pop()
        elif o == "cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif o == "BT":
            tm = tlm = IDENTITY
            block += 1
        elif o == "Tm":
            tm = tlm = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif o in ("Td", "TD"):
            if o == "TD":
                leading = -float(operands[1])
            tm = tlm = _mul(_translate(float(operands[0]), float(operands[1])), tlm)
        elif o == "T*":
            tm = tlm = _mul(_translate(0.0, -leading), tlm)
        elif o == "TL":
            leading = float(operands[0])
        elif o == "Tc":
            tc = float(operands[0])
        elif o == "Tw":
            tw = float(operands[0])
        elif o == "Tz":
            th = float(operands[0]) / 100
        elif o == "Tf":
            font = fonts.get(str(operands[0]))
            size = float(operands[1])
        elif o == "Tj":
            show(operands[0])
        elif o in ("'", '"'):
            if o == '"':
                tw, tc = float(operands[0]), float(operands[1])
            tm = tlm = _mul(_translate(0.0, -leading), tlm)
            show(operands[-1])
        elif o == "TJ":
            for item in operands[0]:
                if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                    tm = _mul(_translate(-float(item) / 1000 * size * th, 0.0), tm)
                else:
                    show(item)
    return out


def pdf_glyphs(path: Path) -> Iterator[list[Glyph]]:
    """The glyphs of each page of the PDF at ``path``."""
    from pypdf import PdfReader

    for page in PdfReader(path).pages:
        yield page_glyphs(page)


def lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Runs of glyphs drawn one after the other on one baseline, in one text object."""
    out: list[list[Glyph]] = []
    for g in glyphs:
        if out and out[-1][-1].block == g.block and abs(out[-1][-1].y - g.y) < 0.01:
            out[-1].append(g)
        else:
            out.append([g])
    return out
