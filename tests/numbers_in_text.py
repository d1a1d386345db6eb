"""The numbers a text prints, read back as values in any edition's language: '4.12億',
'412 Millionen $' and '$412 million' are all 412000000 (the tests that compare editions)."""

from __future__ import annotations

import re
from decimal import Decimal

# words of scale by language, as CLDR's long compact forms print them
SCALES = {"万": 1e4, "萬": 1e4, "만": 1e4, "億": 1e8, "亿": 1e8, "억": 1e8, "兆": 1e12, "조": 1e12,
          "thousand": 1e3, "million": 1e6, "billion": 1e9, "Tausend": 1e3, "Millionen": 1e6, "Million": 1e6,
          "Milliarden": 1e9, "Milliarde": 1e9, "millions": 1e6, "milliards": 1e9, "millones": 1e6,
          "mil millones": 1e9}
# digits with grouping and decimal signs; a (narrow) no-break space groups only three digits,
# so that a title's no-break space in 'Q3 2026' does not make one number of two
_DIGITS = r"(\d+(?:[,.]\d+|[\u202f\u00a0]\d{3}(?!\d))*)"
_NUMBER = re.compile(_DIGITS + r"(?:–" + _DIGITS + r")?\s?(mil\smillones|[万萬만億亿억兆조]|[A-Za-z]+)?")

# month names of the Latin-script editions, so that '22 October 2026' reads as 22, 10, 2026
# like '2026年10月22日'
_MONTHS = {name: n for names in (
    "January February March April May June July August September October November December",
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember")
    for n, name in enumerate(names.split(), 1)}
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b")


def values(text: str, decimal_comma: bool) -> list[Decimal]:
    """Every number in ``text`` as a value: '66–72 Milliarden' is 66e9 and 72e9."""
    out = []
    for m in _NUMBER.finditer(text):
        scale = Decimal(str(SCALES.get(" ".join((m.group(3) or "").split()), 1)))
        for digits in filter(None, m.group(1, 2)):
            digits = re.sub(r"[\u202f\u00a0]", "", digits)
            digits = digits.replace(".", "").replace(",", ".") if decimal_comma else digits.replace(",", "")
            out.append(Decimal(digits) * scale)
    return out


def months_as_numbers(text: str) -> str:
    """``text`` with English and German month names written as their numbers."""
    return _MONTH.sub(lambda m: str(_MONTHS[m.group(1)]), text)
