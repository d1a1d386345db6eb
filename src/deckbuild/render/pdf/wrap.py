"""Line breaking for Chinese, Japanese and Korean paragraphs in the PDF report.

reportlab's own CJK wrapping breaks before a full-width comma or a closing book-title
mark (``，`` and ``》`` are missing from its list of characters that may not start a
line), splits Latin words and numbers inside CJK text at any letter, and cannot justify
text that has no spaces. :class:`CJKParagraph` replaces the breaking with
:func:`break_glyphs`, which

* never starts a line with closing punctuation and never ends one with opening
  punctuation (the preceding character moves down with it: "push-in" kinsoku);
* keeps runs of Latin letters and digits ("660–720", "Llama", URLs) together unless a
  run is longer than a line;
* justifies full lines by spreading the leftover width over the gaps that may widen
  (:func:`stretch`: between CJK characters, where CJK meets Latin, and three times as much
  at a space; never inside a Latin run or a "——"), by PDF character spacing set by
  zero-width callbacks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence, Set

from reportlab.platypus.paragraph import Paragraph

from deckbuild.cjk import CANNOT_END, CANNOT_START, is_hangul, is_wide  # the same rules as the slides
from deckbuild.render.pdf.fallback import with_fallback
from deckbuild.render.pdf.rl_internals import FUZZ, RuledCJKParagraph, WrapOnce
from deckbuild.render.pdf.tagging import Tagged, TaggedParagraph
from deckbuild.text.linebreak import keeps_unit
from deckbuild.text.phrases import phrase_starts

# Pairs that are never split ("——", "……").
_NO_SPLIT_PAIRS = frozenset("—…‥")


def _is_space(ch: str) -> bool:
    return len(ch) == 1 and (ch in " \t" or (unicodedata.category(ch) == "Zs" and ch != "\u00a0"))


# General punctuation that behaves like CJK punctuation in CJK text: a line may break
# next to it (subject to the start/end rules) even when a Latin letter follows.
_CJK_LIKE = frozenset("—―…‥“”‘’•·")


def _is_word(ch: str) -> bool:
    """Part of a run that should not be split (Latin letters, digits, most symbols)."""
    return bool(ch) and not _is_space(ch) and not is_wide(ch) and ch not in _CJK_LIKE


def can_break_before(text: Sequence[str], i: int) -> bool:
    """May a line break fall between ``text[i-1]`` and ``text[i]``? (Each item is one
    character, or '' for a zero-width object.)"""
    if i <= 0 or i >= len(text):
        return False
    a, b = text[i - 1], text[i]
    if not b or not a:
        return True
    if b in CANNOT_START or a in CANNOT_END:
        return False
    if keeps_unit("".join(text[max(0, i - 24):i]), "".join(text[i:i + 12])):
        return False  # a number keeps its unit ('2025年', '1,280億円', '18–24 か月'), as on the slides
    if _is_space(b):
        return False  # break after the space, not before it
    if _is_space(a):
        return True
    if a == b and a in _NO_SPLIT_PAIRS:
        return False
    if (is_hangul(a) and (is_hangul(b) or _is_word(b))) or (is_hangul(b) and _is_word(a)):
        return False  # a Korean word ('2026년도', 'Meta는') breaks at its spaces only (``cjk.is_hangul``)
    if _is_word(a) and _is_word(b):
        # inside a Latin run: only after a hyphen or a slash followed by a letter
        return a in "-/" and b.isalnum() and i >= 2 and text[i - 2].isalnum()
    return True


# How much more a gap next to a space widens than one between CJK characters: a word space
# (two gaps) takes six shares, so the leftover width of a line with Latin words goes mostly to
# its word spaces and its CJK gaps stay under 0.1 em, where text extraction reads no space.
SPACE_STRETCH = 3.0


def stretch(a: str, b: str) -> float:
    """The share of a justified line's leftover width that the gap between the adjacent
    characters ``a`` and ``b`` takes: none inside a Latin run ("Meta", "660–720", a URL: it
    would read "M e t a") or inside a pair that is one mark ("——", "……"); SPACE_STRETCH next
    to a space; one between CJK characters and where CJK meets Latin."""
    if (_is_word(a) and _is_word(b)) or (a == b and a in _NO_SPLIT_PAIRS):
        return 0.0
    return SPACE_STRETCH if _is_space(a) or _is_space(b) else 1.0


def break_glyphs(text: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                 hard: Sequence[bool] = (), phrases: Set[int] | None = None) -> list[tuple[int, int]]:
    """Greedy line breaking of a sequence of characters with their widths.

    Returns ``(start, end)`` index pairs, one per line; ``hard[i]`` marks a forced
    break after item ``i`` (a ``<br/>``). Spaces at a break are dropped. Never starts a
    line with a CANNOT_START character or ends one with a CANNOT_END character unless a
    single unbreakable run is wider than the line. With ``phrases`` (the indexes where a
    phrase starts), a line breaks between phrases, and inside one only when a phrase is
    longer than the line.
    """
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        used = 0.0
        i = start
        end = None
        while i < n:
            w = widths[i]
            if used + w > max_width + FUZZ and i > start and not _is_space(text[i]):
                # overflow at i: break at the last opportunity in (start, i]
                b = i
                while b > start and not (can_break_before(text, b) and (phrases is None or b in phrases)):
                    b -= 1
                if b <= start and phrases is not None:  # a phrase longer than the line
                    b = i
                    while b > start and not can_break_before(text, b):
                        b -= 1
                if b > start:
                    end = b
                else:
                    # one run wider than the line: cut it, but let closing punctuation hang
                    end = i
                    while end < n and text[end] in CANNOT_START:
                        end += 1
                break
            used += w
            if hard and hard[i]:
                end = i + 1
                break
            i += 1
        if end is None:
            end = n
        lines.append((start, end))
        start = end
        while start < n and _is_space(text[start]) and not (hard and hard[start]):
            start += 1  # a space at a break disappears
    return _no_stranded_last_glyph(text, lines, hard)


def _no_stranded_last_glyph(text: Sequence[str], lines: list[tuple[int, int]],
                            hard: Sequence[bool]) -> list[tuple[int, int]]:
    """Avoid a last line that holds one character (plus closing punctuation): move the
    break one or two characters earlier when the rules allow it."""
    if len(lines) < 2:
        return lines
    (s1, e1), (s2, e2) = lines[-2], lines[-1]
    body = [c for c in text[s2:e2] if not _is_space(c) and c not in CANNOT_START]
    if len(body) != 1 or s2 != e1 or (hard and any(hard[s1:e1])):
        return lines
    for b in (e1 - 1, e1 - 2):
        if b - s1 >= 3 and can_break_before(text, b) and not _is_space(text[b]):
            return lines[:-2] + [(s1, b), (b, e2)]
    return lines


class LatinParagraph(WrapOnce, TaggedParagraph):
    """reportlab's Paragraph (its own line breaking), tagged, wrapped once per width."""


class CJKParagraph(WrapOnce, Tagged, RuledCJKParagraph):
    """A Paragraph that breaks and justifies CJK text by the rules above (style.wordWrap ==
    'CJK'); a justified line whose CJK gaps would widen by more than 0.1 em is left ragged
    rather than visibly letter-spaced (from 0.1 em, pdftotext reads a space between them)."""

    break_glyphs = staticmethod(break_glyphs)
    stretch = staticmethod(stretch)
    is_space = staticmethod(_is_space)
    max_justify_em = 0.1


class PhrasedParagraph(CJKParagraph):
    """A CJK paragraph that breaks between phrases (a heading, a title): Japanese is split
    into phrases by BudouX ('2026年度 / 決算の / 自社施工に'), so that a line never ends
    inside a word as '2026年 / 度決算' does."""

    def break_glyphs(self, text: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                     hard: Sequence[bool] = (), phrases: Set[int] | None = None) -> list[tuple[int, int]]:
        if phrases is None:
            joined = "".join(ch or "\ufffc" for ch in text)  # a zero-width object keeps its place
            phrases = phrase_starts(joined, self.style.phrase_language)
        return break_glyphs(text, widths, max_widths, hard, phrases)


def paragraph(text: str, style, bullet: str | None = None) -> Paragraph:
    """A Paragraph of reportlab markup, with CJK rules when the style wraps as CJK (between
    phrases when it has a ``phrase_language``), and the characters its font lacks set in the
    theme's family."""
    text = with_fallback(text, style.fontName)
    if getattr(style, "phrase_language", "") and getattr(style, "wordWrap", None) == "CJK":
        return PhrasedParagraph(text, style, bulletText=bullet)
    if getattr(style, "wordWrap", None) == "CJK":
        return CJKParagraph(text, style, bulletText=bullet)
    return LatinParagraph(text, style, bulletText=bullet)
