"""Line-break opportunities: Unicode UAX #14 (via uniseg), tailored to keep numbers whole.

UAX #14 already breaks between CJK ideographs, never before closing punctuation
(，。、）」…) or after opening punctuation, and keeps Latin words and URLs' segments
together. The tailoring glues a number to the unit that follows it ("660亿", "10 GW").
"""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER_END = re.compile(r"[\d][\d.,%‰\-–]*\s?$")
_UNIT_START = re.compile(r"^([A-Za-z%]{1,4}\b|[\u4e00-\u9fff])")


@lru_cache(maxsize=4096)
def break_units(text: str) -> tuple[str, ...]:
    """Split ``text`` into the pieces between which a line may break (they join back to ``text``)."""
    from uniseg.linebreak import line_break_units

    units: list[str] = []
    for unit in line_break_units(text):
        if units and _NUMBER_END.search(units[-1]) and _UNIT_START.match(unit):
            units[-1] += unit
        else:
            units.append(unit)
    return tuple(units)
