"""What the text handling knows of Chinese, Japanese and Korean: which languages and
characters are CJK, and kinsoku, the characters a line may not start or end with. Shared
by fact substitution, the source line, and both line breakers (``textfit.linebreak``
measuring slide text, ``render.pdf_wrap`` setting the report), so they never disagree."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache


def is_cjk_language(language: str) -> bool:
    """Chinese, Japanese or Korean ('zh-CN', 'ja', 'ko-KR', ...)."""
    return language.split("-")[0].lower() in ("zh", "ja", "ko")


# The code points ``is_wide`` accepts (first, last), for regular expressions; the function
# spells them out as comparisons, which are faster per character (a test keeps both equal).
WIDE_RANGES = ((0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF),
               (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))


def is_hangul(ch: str) -> bool:
    """A Hangul syllable or jamo. Korean is written with spaces between words and breaks
    lines at them (CSS's ``word-break: keep-all``), never between the syllables of a word."""
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7FF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0xA960 <= o <= 0xA97F


def is_wide(ch: str) -> bool:
    """A character of CJK text (ideograph, kana, hangul, full-width form, CJK punctuation)."""
    o = ord(ch)
    return (
        0x1100 <= o <= 0x11FF
        or 0x2E80 <= o <= 0x9FFF
        or 0xA960 <= o <= 0xA97F
        or 0xAC00 <= o <= 0xD7FF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
    )


# Never at the start of a line: closing brackets and quotes, CJK stops and commas (also
# their small and half-width forms), iteration marks, small kana, the prolonged sound mark,
# wave dashes, ellipses, middle dots, percent and degree signs, ASCII closing punctuation.
CANNOT_START = frozenset(
    "，。、；：！？）》」』】〕〗〙〛〉’”…‥·・〆々〻ゝゞー〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？］｝｠｣､｡％%‰℃°′″,.;:!?)]}"
)
# Never at the end of a line: opening brackets and quotes.
CANNOT_END = frozenset("（《「『【〔〖〘〚〈‘“﹙﹛﹝（［｛｟｢([{")


_LATIN = "0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"  # letters and digits set beside CJK text
_SIGN = "[$€£+\\-\u2212]"  # a number's sign or currency, set with the number ('は$9750万', '高 -1.2%')


@cache
def _gap() -> re.Pattern[str]:
    """Spaces between a wide character and a Latin letter or digit, either way round, or a
    number's sign or currency before its digits, or a percent sign before a wide character
    (LibreOffice sets these apart from CJK text too) (compiled on first use: the wide ranges
    take about 2.5 ms, which a command without CJK text skips)."""
    wide = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in WIDE_RANGES)
    return re.compile(f"(?<=[{wide}]) +(?=[{_LATIN}]|{_SIGN}\\d)|(?<=[{_LATIN}%‰]) +(?=[{wide}])")


def close_latin_gaps(texts: Sequence[str]) -> list[str]:
    """``texts`` (the runs of one paragraph, in order) without the spaces typed between CJK
    characters and Latin letters or digits: the deck's rule (docs/fonts.md), since LibreOffice
    and WPS add their own ¼ em there and a typed space would double it."""
    joined = "".join(texts)
    if " " not in joined:
        return list(texts)
    drop = {i for m in _gap().finditer(joined) for i in range(m.start(), m.end())}
    if not drop:
        return list(texts)
    out, at = [], 0
    for text in texts:
        out.append("".join(ch for i, ch in enumerate(text, at) if i not in drop))
        at += len(text)
    return out


def close_latin_gap(text: str) -> str:
    """One text without the spaces between CJK characters and Latin letters or digits."""
    return close_latin_gaps([text])[0]
