"""Line-break opportunities: Unicode UAX #14 (via uniseg), tailored for Chinese and numbers.

UAX #14 already breaks between CJK ideographs, keeps Latin words and the segments of a
URL together, and mostly keeps CJK punctuation with its neighbours. The tailoring:

* a number keeps the unit that follows it (``660亿``, ``10 GW``, ``2025 年``, ``1,280億円``,
  ``18–24 か月``; ``keeps_unit``, which the report's line breaking uses too) and a range
  stays whole (``660–720亿``, ``$66–72 billion``);
* no piece starts with closing punctuation (，。、；：！？）》」』’”… and friends) and none
  ends with opening punctuation (（《「『‘“ …), whatever the context (UAX #14 allows a few
  of these, e.g. around quotation marks next to Latin text);
* CJK closing punctuation keeps a Latin word or number that follows it directly
  (``，660亿``, ``）ChatGPT``), as LibreOffice does: measuring with fewer break
  opportunities than the renderer has can only overestimate the lines it needs;
* a Latin word or number keeps a CJK opening bracket right after it (``ROAS（2025``), as
  LibreOffice does (it applies UAX #14's LB30 to wide brackets too);
* a Korean word stays whole (``word-break: keep-all``): Korean breaks at its spaces, not
  between syllables as UAX #14 allows (``cjk.is_hangul``).

The opportunities themselves come from ``uax14``: uniseg's, found without uniseg
for ordinary prose (it costs about 0.1 ms a character).
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from deckbuild.cjk import CANNOT_END, CANNOT_START, is_hangul
from deckbuild.text.uax14 import units as _uax14

# Never at the start / the end of a line: the report's rules too.
CLOSING, OPENING = CANNOT_START, CANNOT_END

# Units a number keeps: CJK counters and magnitudes (Chinese, then Japanese: 億円, 3か月, 5社),
# Japanese currency words, Latin units and magnitude words.
CJK_UNITS = ("亿万千百十兆倍元角分年月日时秒个位名人次家款台块只项条张件层代岁天周季度届期成折美港欧英镑%"
             "億円時個歳週社割点枚本号回かヶカケ")
_JA_UNITS = "ドル|ユーロ|ポンド|ウォン|ルピー"
_LATIN_UNITS = (
    "GW|MW|kW|TW|GWh|MWh|kWh|W|Wh|V|A|Hz|kHz|MHz|GHz|THz|"
    "B|KB|MB|GB|TB|PB|EB|Kb|Mb|Gb|Tb|bps|Kbps|Mbps|Gbps|"
    "nm|µm|mm|cm|m|km|mi|ft|in|kg|g|mg|t|lb|oz|L|ml|"
    "ms|s|min|h|hrs?|d|yrs?|x|×|pp|bp|bps|pts?|"
    "k|K|M|bn|mn|tn|B|T|billion|million|trillion|thousand|"
    "USD|EUR|RMB|CNY|JPY|GBP|HKD|FLOPS|TFLOPS|PFLOPS|EFLOPS|tokens?|GPUs?|TPUs?|"
    "°C|°F|℃"
)
# LibreOffice never breaks between CJK closing punctuation (class CL, closing quotes, %) and a
# Latin letter or digit right after it ("，660亿", "）ChatGPT"); UAX #14 would.
_CLOSE_THEN_LATIN = frozenset("，。、）」』》】〕〗〉”’%％")
_WIDE_OPEN = frozenset("（「『《【〔〖〈［｛")  # after a Latin letter or digit: no break (LibreOffice)
_RANGE_OPEN = re.compile(r"\d[–\-~]$")  # "660–" | "720亿": a numeric range stays whole
# A number (digits with separators, maybe a range, maybe one space) and the unit it keeps.
_NUMBER_WITH_UNIT = re.compile(rf"(?<![A-Za-z0-9.,_])[+\-−±~≈$€£¥]?\d[\d.,]*(?:[–\-~至到]\d[\d.,]*)?[%‰]? ?"
                               rf"(?:(?:[{CJK_UNITS}]|{_JA_UNITS})+|(?:{_LATIN_UNITS})(?![A-Za-z]))")
_UNIT_TAIL = frozenset(CJK_UNITS + _JA_UNITS.replace("|", ""))  # a unit's characters before a break
_UNIT_CHARS = _UNIT_TAIL | frozenset(string.ascii_letters + "°℃×µ")  # what a unit may start with after a break


def keeps_unit(before: str, after: str) -> bool:
    """Whether a line may not break between ``before`` and ``after`` (the text on each side of
    the break, a dozen characters or more) because it falls between a number and its unit or
    inside the unit ('2025' | '年', '18–24 ' | 'か月', '1,280億' | '円', '43億ド' | 'ル', '10 ' | 'GW')."""
    if not after or after[0] not in _UNIT_CHARS:
        return False  # no unit goes on here: most breaks
    k = len(before)  # before the unit's first characters and a space: a number?
    while k > len(before) - 8 and k and before[k - 1] in _UNIT_TAIL:
        k -= 1
    k -= k > 0 and before[k - 1] == " "
    if not k or not (before[k - 1].isdigit() or before[k - 1] in "%‰"):
        return False
    left = before[-24:]
    return any(m.start() < len(left) < m.end() for m in _NUMBER_WITH_UNIT.finditer(left + after[:12]))


def _korean_word(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are inside one Korean word: Hangul next to Hangul, a letter or
    a digit ('2026년도', 'Meta는')."""
    return (is_hangul(a) and (is_hangul(b) or b.isalnum())) or (is_hangul(b) and a.isalnum())


@lru_cache(maxsize=16384)
def break_units(text: str) -> tuple[str, ...]:
    """Split ``text`` into the pieces between which a line may break (they join back to ``text``)."""
    units: list[str] = []
    end = 0
    for unit in _uax14(text):
        start, end = end, end + len(unit)  # where ``unit`` lies in ``text``
        if units:
            prev = units[-1]
            core = prev.rstrip(" ")
            if unit[0] in CLOSING or (core and core[-1] in OPENING) \
                    or keeps_unit(text[max(0, start - 24):start], text[start:start + 12]) \
                    or (unit[0].isdigit() and _RANGE_OPEN.search(prev)) \
                    or (prev[-1] in _CLOSE_THEN_LATIN and unit[0].isascii() and unit[0].isalnum()) \
                    or (unit[0] in _WIDE_OPEN and prev[-1].isascii() and prev[-1].isalnum()) \
                    or _korean_word(prev[-1], unit[0]):
                units[-1] = prev + unit
                continue
        units.append(unit)
    return tuple(units)
