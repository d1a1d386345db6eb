"""What the text handling knows of Chinese, Japanese and Korean: which languages and
characters are CJK, and kinsoku, the characters a line may not start or end with. Shared
by fact substitution, the source line, and both line breakers (``textfit.linebreak``
measuring slide text, ``render.pdf_wrap`` setting the report), so they never disagree."""

from __future__ import annotations


def is_cjk_language(language: str) -> bool:
    """Chinese, Japanese or Korean ('zh-CN', 'ja', 'ko-KR', ...)."""
    return language.split("-")[0].lower() in ("zh", "ja", "ko")


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
