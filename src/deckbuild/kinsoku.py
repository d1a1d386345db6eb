"""Kinsoku: the characters a line may not start or end with, for both line breakers
(``textfit.linebreak`` measuring slide text, ``render.pdf_wrap`` setting the report), so
that the deck and the report never disagree on them."""

from __future__ import annotations

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
