"""Quotation marks by language: what typography turns straight quotes into, and the marks
the report sets around a quotation."""

from __future__ import annotations

# (outer open, outer close, inner open, inner close) for the languages typography knows;
# English's for every other language that is not written in CJK characters.
QUOTES: dict[str, str | tuple[str, ...]] = {
    "en": "“”‘’", "de": "„“‚‘", "fr": ("«\u202f", "\u202f»", "‹\u202f", "\u202f›"), "es": "«»“”"}
_CJK = {"zh": "“”", "zh-tw": "「」", "zh-hk": "「」", "zh-hant": "「」", "ja": "「」", "ko": "“”"}


def outer_marks(language: str) -> tuple[str, str]:
    """The marks around a quotation in ``language`` (“…”, „…“, « … », 「…」)."""
    tag = language.lower()
    base = tag.split("-")[0]
    marks = _CJK.get(tag) or _CJK.get(base) or QUOTES.get(base, QUOTES["en"])
    return marks[0], marks[1]
