"""Fit paragraphs into a box: wrap with the real metrics, pick the largest size that fits.

Everything is in points. A paragraph's lines advance by ``line`` em of its own size
(PowerPoint and LibreOffice set single spacing at 1.2 × the type size); ``space`` em go
before every paragraph but the first; ``tail`` em of the base size are added below the
last line for the descenders. ``autospace`` em are added wherever Chinese (or Japanese,
Korean) text meets Latin letters or digits, as LibreOffice does ("spacing between Asian
and non-Asian text"); spaces and punctuation between them do not cancel it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from deckbuild.text.linebreak import CLOSING, OPENING, break_units
from deckbuild.text.metrics import Metrics
from deckbuild.text.phrases import phrase_units


@dataclass(frozen=True)
class Para:
    """A paragraph to fit: its text (``\\n`` = a line break), size relative to the box's base
    size (rounded to half points), left margin in em of the base size, space before in em
    of its own size, weight and line pitch in em of its own size; ``phrases``: the language
    of a heading that breaks only between phrases (``phrases.phrase_units``), or ""."""

    text: str
    scale: float = 1.0
    margin: float = 0.0
    space: float = 0.0
    bold: bool = False
    line: float = 1.2
    phrases: str = ""


@dataclass(frozen=True)
class Faces:
    """The regular and bold metrics of one family."""

    regular: Metrics
    bold: Metrics

    def of(self, bold: bool) -> Metrics:
        return self.bold if bold else self.regular


@dataclass(frozen=True)
class Fit:
    size: float  # chosen type size, points (the smallest allowed when nothing fits)
    lines: int  # total lines at that size
    height: float  # text height at that size, points
    overflow: float  # 0 when it fits; else the fraction by which the text exceeds the box

    @property
    def fits(self) -> bool:
        return self.overflow == 0.0


def para_size(size: float, scale: float) -> float:
    """A paragraph's size: the base size times its scale, to the half point."""
    return size if scale == 1.0 else round(size * scale * 2) / 2


# --- wrapping ------------------------------------------------------------------------------


_SPACED_SYMBOLS = frozenset("$%‰€£")  # LibreOffice sets these apart from CJK text, as letters


def _script(ch: str) -> int:
    """1 for CJK (wide) characters, 2 for letters and digits of other scripts (and the
    symbols LibreOffice spaces like them), 0 for the rest."""
    o = ord(ch)
    if (0x1100 <= o <= 0x115F or 0x2E80 <= o <= 0xA4CF or 0xAC00 <= o <= 0xD7A3 or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFE6 or o >= 0x20000):
        return 1
    return 2 if ch.isalnum() or ch in _SPACED_SYMBOLS else 0


@lru_cache(maxsize=32768)
def _scripts(unit: str) -> tuple[int, int, int]:
    """(first strong script, last strong script, script changes inside) of a piece."""
    first = last = changes = 0
    for ch in unit:
        s = _script(ch)
        if s:
            if not first:
                first = s
            elif s != last:
                changes += 1
            last = s
    return first, last, changes


def text_em(text: str, font: Metrics, autospace: float = 0.0) -> float:
    """Width of ``text`` on one line, in em (with the CJK/Latin spacing)."""
    return font.em(text) + autospace * _scripts(text)[2]


def _pieces(unit: str) -> Iterator[str]:
    """A piece too wide for a line, cut between characters, still keeping closing punctuation
    with the character before it and opening punctuation with the one after it (lazily: a
    wrap that stops early does not cut the rest)."""
    piece = ""
    for ch in unit:
        if piece and (ch in CLOSING or piece[-1] in OPENING):
            piece += ch
        else:
            if piece:
                yield piece
            piece = ch
    if piece:
        yield piece


def wrap(text: str, width: float, size: float, font: Metrics, autospace: float = 0.0,
         max_lines: int | None = None, phrases: str = "") -> list[str]:
    """Lines of ``text`` broken at allowed points so that each fits ``width`` points; a piece
    wider than a whole line (a long URL) is split between characters. ``\\n`` breaks a line.
    With ``max_lines``, wrapping stops once there are more lines than that (the list then
    holds ``max_lines + 1`` or a few more): enough to know the text does not fit. With
    ``phrases`` (a language), lines break between phrases only (``Para.phrases``)."""
    lines: list[str] = []
    limit = width / size if size > 0 else 0.0  # in em
    for part in text.split("\n"):
        units = phrase_units(part, phrases) if phrases else break_units(part)
        lines.extend(_wrap_em(units, limit, font, autospace, None if max_lines is None else max_lines - len(lines)))
        if max_lines is not None and len(lines) > max_lines:
            break
    return lines


def _wrap_em(units: Sequence[str], limit: float, font: Metrics, autospace: float,
             max_lines: int | None = None) -> list[str]:
    stop = float("inf") if max_lines is None else max(max_lines, 0) + 1  # lines enough to say "too many"
    lines: list[str] = []
    line, line_w, last = "", 0.0, 0  # text, width in em (with trailing spaces), last strong script
    for unit in units:
        first, end, changes = _scripts(unit)
        trimmed = unit.rstrip()
        join = autospace if (last and first and first != last) else 0.0
        inner = autospace * changes
        trimmed_w = font.em(trimmed) + inner
        if len(lines) >= stop:
            return lines
        if line and line_w + join + trimmed_w > limit + 1e-9:
            lines.append(line.rstrip())
            line, line_w, last, join = "", 0.0, 0, 0.0
        if not line and trimmed_w > limit + 1e-9:  # a very long word or URL: break anywhere
            for piece in _pieces(unit):
                s, end, inner = _scripts(piece)
                j = autospace if (last and s and s != last) else 0.0
                cw = font.em(piece) + autospace * inner
                if line and not piece.isspace() and line_w + j + cw > limit + 1e-9:
                    lines.append(line.rstrip())
                    line, line_w, j = "", 0.0, 0.0
                    if len(lines) >= stop:
                        return lines
                line += piece
                line_w += j + cw
                last = end or last
            continue
        line += unit
        line_w += join + font.em(unit) + inner
        last = end or last
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


# --- measuring and fitting -------------------------------------------------------------------


def measure(paras: Sequence[Para], width: float, size: float, faces: Faces, autospace: float = 0.0,
            tail: float = 0.0, give_up: float | None = None) -> tuple[int, float]:
    """(lines, height in points) of the paragraphs at base ``size`` in a box ``width`` wide.
    With ``give_up``, measuring stops as soon as the height is past it (lines and height
    are then only known to be more than that): long text costs only what a box can hold."""
    total_lines, height = 0, 0.0
    for i, p in enumerate(paras):
        s = para_size(size, p.scale)
        pitch = s * p.line
        gap = p.space * s if i else 0.0
        cap = None
        if give_up is not None and pitch > 0:
            cap = max(0, math.floor((give_up - height - gap) / pitch)) + 1
        n = len(wrap(p.text, max(width - p.margin * size, s), s, faces.of(p.bold), autospace, cap, p.phrases))
        total_lines += n
        height += n * pitch + gap
        if give_up is not None and height > give_up:
            break
    if paras:
        height += tail * size
    return total_lines, height


def widest_words(paras: Sequence[Para], faces: Faces, autospace: float) -> list[float]:
    """The width in em of each paragraph's widest piece between two break opportunities: a
    size at which one is wider than its line cuts a word in two ('Analyseplattfo / rm'),
    which ``fit`` accepts only at the smallest size."""
    out = []
    for p in paras:
        font = faces.of(p.bold)
        units = (u for part in p.text.split("\n")
                 for u in (phrase_units(part, p.phrases) if p.phrases else break_units(part)))
        out.append(max((text_em(u.rstrip(), font, autospace) for u in units), default=0.0))
    return out


def sizes(largest: float, smallest: float, step: float = 0.5) -> list[float]:
    """The sizes tried, largest first: ``largest``, then the multiples of ``step`` below it,
    then ``smallest`` (which need not be a multiple)."""
    out = [largest]
    s = math.floor((largest - 1e-9) / step) * step
    while s > smallest + 1e-9:
        out.append(s)
        s -= step
    if smallest < largest - 1e-9:
        out.append(smallest)
    return out


def fit(paras: Sequence[Para], width: float, height: float, largest: float, smallest: float, faces: Faces, *,
        step: float = 0.5, max_lines: int | None = None, autospace: float = 0.0, tail: float = 0.0) -> Fit:
    """The largest size from ``largest`` down to ``smallest`` at which the paragraphs fit a box
    ``width`` × ``height`` (and take at most ``max_lines`` lines). When none does: the smallest
    size, with ``overflow`` the fraction by which the text is taller than the box (or has more
    lines than allowed), whichever is worse."""
    lines, h = 0, 0.0
    tried = sizes(largest, smallest, step)
    widest: list[float] = []  # measured once a size fits in height

    def whole(size: float) -> bool:
        """Whether no word is wider than its line at ``size``."""
        if not widest:
            widest.extend(widest_words(paras, faces, autospace))
        return all(em * para_size(size, p.scale) <= max(width - p.margin * size, 0) + 1e-6
                   for p, em in zip(paras, widest))

    for size in tried:
        # Sizes that do not fit are told apart from those that do without wrapping all of a
        # long text; the smallest is measured in full, for the overflow it reports.
        lines, h = measure(paras, width, size, faces, autospace, tail,
                           None if size == tried[-1] else max(height, 0.0) + 1e-6)
        if h <= height + 1e-6 and (max_lines is None or lines <= max_lines) \
                and (size == tried[-1] or whole(size)):
            return Fit(size, lines, h, 0.0)
    over = h / height - 1.0 if height > 0 else 9.99
    if max_lines is not None and lines > max_lines:
        over = max(over, lines / max_lines - 1.0)
    return Fit(min(smallest, largest), lines, h, max(over, 1e-6))
