"""Babel's locale data for an edition's language: which locale formats its numbers, the
decimal and grouping marks its charts use ('36,2' in German, '1 234' with a narrow no-break
space in French), and where a percent sign goes ('36,2 %' in German)."""

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
def percent_affixes(language: str) -> tuple[str, str]:
    """What stands before and after a percentage's digits in ``language``, as Babel formats
    one by CLDR's percent pattern: ('', '%') in English and Chinese, ('', '\u00a0%') in German
    and French ('12,5 %'), ('%', '') in Turkish ('%12,5'); a minus sign goes before both."""
    if not language:
        return "", "%"
    from babel.numbers import format_percent

    before, _, after = format_percent(1, locale=locale_of(language)).partition("100")
    return before, after


def with_percent(number: str, language: str) -> str:
    """``number`` (its digits, maybe with a leading minus sign) as a percentage in ``language``."""
    before, after = percent_affixes(language)
    minus = number[:1] if number[:1] in ("-", "\u2212") else ""
    return minus + before + number[len(minus):] + after


@lru_cache(maxsize=64)
def number_marks(language: str) -> tuple[str, str]:
    """(decimal mark, grouping mark) of ``language``'s numbers; '.' and ',' without one."""
    if not language:
        return ".", ","
    loc = locale_of(language)
    return loc.number_symbols["latn"]["decimal"], loc.number_symbols["latn"]["group"]
