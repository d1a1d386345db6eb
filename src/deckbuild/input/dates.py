"""An outline's ``date:``: an ISO 8601 calendar date to the day, the month or the year
(``2025-08-20``, ``2025-08``, ``2025``), stamped on the artifacts and shown in each edition's language."""

from __future__ import annotations

import datetime as dt
import re

from deckbuild.cjk import is_wide

DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
DATE_HELP = "use an ISO 8601 date: YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2025-08-20)"


def calendar_date(text: str) -> dt.date | None:
    """The first day ``text`` names (``2025-08`` → 1 August 2025), or None when it is not a
    date of the calendar in one of the three forms."""
    if not re.fullmatch(DATE, text.strip()):
        return None
    parts = [int(p) for p in text.strip().split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2]) if parts[0] >= 1 else None
    except ValueError:
        return None


def shown_date(text: str, language: str) -> str:
    """``text`` as a reader of ``language`` writes the date it names, to the precision written
    (CLDR's patterns, through babel): ``2025-08`` is "August 2025" and "2025 年 8 月",
    ``2025-08-05`` "5 August 2025" and "2025 年 8 月 5 日". A text that is no calendar date
    (a source's "spring 2024"), or a language babel does not know, stays as written."""
    day = calendar_date(text)
    locale = _locale(language) if day is not None else None
    if day is None or locale is None:
        return text
    from babel.dates import format_skeleton

    shown = format_skeleton(_SKELETONS[text.strip().count("-")], day, locale=locale)
    return _spaced(shown) if locale.language in ("zh", "ja") else shown


_SKELETONS = ("y", "yMMMM", "yMMMMd")  # year, month, day: CLDR skeletons, the locale orders the fields


def _locale(language: str):
    """The babel locale of a language tag: plain ``en`` is CLDR's world English (``en_001``,
    "5 August 2025"; ``en-US`` writes "August 5, 2025"); None when babel knows neither the tag
    nor its language."""
    from babel import Locale, UnknownLocaleError

    tags = ("en_001",) if language.lower() == "en" else (language.replace("-", "_"), language.split("-")[0])
    for tag in tags:
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return None


def _spaced(text: str) -> str:
    """Chinese and Japanese text with one space between an ideograph and a digit, the gap the
    project's text puts there (``2025年8月`` → ``2025 年 8 月``; the deck drops it again, see
    ``cjk.close_latin_gaps``)."""
    out = []
    for i, ch in enumerate(text):
        if i and (ch.isascii() and ch.isdigit() and is_wide(text[i - 1])
                  or is_wide(ch) and text[i - 1].isascii() and text[i - 1].isdigit()):
            out.append(" ")
        out.append(ch)
    return "".join(out)
