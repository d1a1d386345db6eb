"""Babel's locale data for an edition's language: which locale formats its numbers, and the
decimal and grouping marks its charts use ('36,2' in German, '1 234' with a narrow no-break
space in French)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale


@lru_cache(maxsize=64)
def locale_of(language: str) -> Locale:
    """Babel's locale for a language tag: the tag's own, else its base language's, else
    English."""
    from babel import Locale, UnknownLocaleError

    for tag in (language.replace("-", "_"), language.split("-")[0], "en"):
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("babel has English")


@lru_cache(maxsize=64)
def number_marks(language: str) -> tuple[str, str]:
    """(decimal mark, grouping mark) of ``language``'s numbers; '.' and ',' without one."""
    if not language:
        return ".", ","
    loc = locale_of(language)
    return loc.number_symbols["latn"]["decimal"], loc.number_symbols["latn"]["group"]
