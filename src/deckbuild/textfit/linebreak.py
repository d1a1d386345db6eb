"""Line-break opportunities: Unicode UAX #14 (via uniseg), tailored for Chinese and numbers.

UAX #14 already breaks between CJK ideographs, keeps Latin words and the segments of a
URL together, and mostly keeps CJK punctuation with its neighbours. The tailoring:

* a number keeps the unit that follows it (``660亿``, ``10 GW``, ``2025 年``) and a range
  stays whole (``660–720亿``, ``$66–72 billion``);
* no piece starts with closing punctuation (，。、；：！？）》」』’”… and friends) and none
  ends with opening punctuation (（《「『‘“ …), whatever the context (UAX #14 allows a few
  of these, e.g. around quotation marks next to Latin text);
* CJK closing punctuation keeps a Latin word or number that follows it directly
  (``，660亿``, ``）ChatGPT``), as LibreOffice does: measuring with fewer break
  opportunities than the renderer has can only overestimate the lines it needs.

``break_units`` first splits the text at context-free opportunities (between two
ideographs, after a space before a letter, ...) and hands only the pieces that need it
to uniseg, which costs about 0.1 ms a character (and remembers them); the result is the
same as uniseg's on the whole text (tests/test_textfit.py checks that on random strings).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Never at the start of a line (closing brackets and quotes, CJK stops and commas, iteration
# marks, small kana, prolonged sound mark, ellipsis, percent and degree signs).
CLOSING = frozenset(
    "，。、；：！？）》」』】〕〗〙〛〉’”…‥·・〆々ゝゞーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？］｝｠｣､%‰℃°′″,.;:!?)]}"
)
# Never at the end of a line.
OPENING = frozenset("（《「『【〔〖〘〚〈‘“﹙﹛﹝（［｛｟｢([{")

_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Context-free split points (UAX #14 allows a break there whatever surrounds it):
# * an ideograph or a CJK stop/closing bracket (classes ID, CL, NS, EX) before an
#   ideograph or a CJK opening bracket (ID, OP), or before an ASCII letter or digit;
# * an ideograph before an ASCII letter or digit (ID ÷ AL, ID ÷ NU);
# * spaces after a letter, digit, '&' or ideograph, or after a letter or digit and one
#   ASCII stop, comma, colon, semicolon, question or exclamation mark (IS, EX), before an
#   ASCII letter, digit, '&' or an ideograph (LB18: SP ÷; LB14–17 need OP, QU, CL, CP or
#   B2 before the spaces);
# * a hyphen between two letters (HY ÷ AL; only numbers hold on to a hyphen, LB25);
# * a line feed (LB5: a mandatory break after it).
_CJK_CLOSE = "，。、；：！？）」』》】〕"
_SPLIT = re.compile(
    rf"(?<=[{_IDEO}{_CJK_CLOSE}])(?=[{_IDEO}（「『《【〔])"
    rf"|(?<=[{_IDEO}{_CJK_CLOSE}])(?=[A-Za-z0-9])"
    rf"|(?<=[A-Za-z0-9&{_IDEO}] )(?=[A-Za-z0-9&{_IDEO}])"
    rf"|(?<=[A-Za-z0-9][,.;:!?] )(?=[A-Za-z0-9&{_IDEO}])"
    r"|(?<=[A-Za-z]-)(?=[A-Za-z])"
    r"|(?<=\n)(?=[\s\S])"
)
# Chunks with no opportunity inside: letters and digits (LB28, LB23), maybe an apostrophe
# and more letters (LB19: × QU ×), maybe one hyphen (LB21: × HY), one full stop or comma
# (LB13: × IS) or CJK stops and closing brackets (× CL, × NS, × EX), then spaces (LB7: × SP); an ideograph, CJK stops and closing brackets
# (× CL, × NS, × EX), then spaces; either maybe ending the line (LB6: × BK).
_WHOLE = re.compile(rf"[A-Za-z0-9&]+(?:'[A-Za-z]+)?(?:-|[,.;:!?]|[{_CJK_CLOSE}]+)? *\n?|[{_IDEO}][{_CJK_CLOSE}]* *\n?|.", re.S)

# A piece that ends in a number (digits with separators, maybe a range, maybe one space).
_NUMBER_END = re.compile(r"(?<![A-Za-z0-9.,_])[+\-−±~≈$€£¥]?\d[\d.,]*(?:[–\-~至到]\d[\d.,]*)?[%‰]? ?$")
# Units a number keeps: CJK counters and magnitudes, Latin units and magnitude words.
CJK_UNITS = "亿万千百十兆倍元角分年月日时秒个位名人次家款台块只项条张件层代岁天周季度届期成折美港欧英镑%"
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
_RANGE_OPEN = re.compile(r"\d[–\-~]$")  # "660–" | "720亿": a numeric range stays whole
_UNIT_START = re.compile(rf"^(?:[{CJK_UNITS}]|(?:{_LATIN_UNITS})(?![A-Za-z]))")


def _chunks(text: str) -> list[str]:
    if len(text) < 8:
        return [text]
    out, start = [], 0
    for m in _SPLIT.finditer(text):
        if m.start() > start:
            out.append(text[start:m.start()])
            start = m.start()
    out.append(text[start:])
    return out


def _uax14(text: str) -> list[str]:
    units: list[str] = []
    for chunk in _chunks(text):
        if _WHOLE.fullmatch(chunk):
            units.append(chunk)
        else:
            units.extend(_uniseg(chunk))
    return units


@lru_cache(maxsize=8192)
def _uniseg(chunk: str) -> tuple[str, ...]:
    """uniseg's pieces of a chunk the regular expressions cannot split (the same chunks
    recur: "Meta AI", "（2025 年）")."""
    from uniseg.linebreak import line_break_units

    return tuple(line_break_units(chunk))


@lru_cache(maxsize=16384)
def break_units(text: str) -> tuple[str, ...]:
    """Split ``text`` into the pieces between which a line may break (they join back to ``text``)."""
    units: list[str] = []
    for unit in _uax14(text):
        if units:
            prev = units[-1]
            core = prev.rstrip(" ")
            if unit[0] in CLOSING or (core and core[-1] in OPENING) \
                    or (_NUMBER_END.search(prev) and _UNIT_START.match(unit)) \
                    or (unit[0].isdigit() and _RANGE_OPEN.search(prev)) \
                    or (prev[-1] in _CLOSE_THEN_LATIN and unit[0].isascii() and unit[0].isalnum()):
                units[-1] = prev + unit
                continue
        units.append(unit)
    return tuple(units)
