"""The range of numbers deckbuild shows: every fact, formula result and chart value.

A number must be 0 or have a magnitude from 1e-15 to 1e15. Up to 1e15 every integer is
exact in a double (they are up to 2**53, about 9e15), so a value prints without float noise,
babel formats it with any unit and decimals, and matplotlib lays out axes, ticks and labels;
far beyond, babel's decimal arithmetic fails, axis ranges overflow to infinity and label
widths collapse the plot. Below 1e-15 a number prints as 0 with the 6 decimals allowed, and
a log axis would span hundreds of decades.
"""

from __future__ import annotations

import math
import re

MAX_MAGNITUDE = 1e15
MIN_MAGNITUDE = 1e-15
RANGE_TEXT = "0 or from 1e-15 to 1e15 in magnitude"


def magnitude_problem(value: float, larger: str = "write it in larger units",
                      smaller: str = "write it in smaller units, or as 0") -> str | None:
    """Why ``value`` is outside the range (phrased to follow "is N, "), with the fix given
    (``larger`` for a number too large, ``smaller`` for one too small), or None."""
    if not math.isfinite(value):
        return "not a finite number"
    if abs(value) > MAX_MAGNITUDE:
        return f"too large: a number must be {RANGE_TEXT}; {larger}"
    if 0 < abs(value) < MIN_MAGNITUDE:
        return f"too small: a number must be {RANGE_TEXT}; {smaller}"
    return None


def shown_number(value: float) -> str:
    """``value`` in the fewest digits that give it back exactly (1000000000000001, not the
    1e+15 of ``:g``, which reads as the limit itself)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def underflows(text: str, value: float) -> bool:
    """Whether ``text``, a number written with a nonzero digit before its exponent, was read
    as 0 (``1e-400``: too small for a double)."""
    return value == 0 and re.search(r"[1-9]", re.split(r"[eE]", text, maxsplit=1)[0]) is not None


def underflow_problem(text: str) -> str:
    """The message for a number ``underflows`` finds."""
    return f"'{text[:30]}' is too small to be read as a number (it would become 0): a number must be {RANGE_TEXT}; " \
           "write it in smaller units, or as 0"
