"""UAX #14 line-break opportunities, exactly as uniseg finds them, but fast for ordinary prose.

uniseg costs about 0.1 ms a character. Most of a text needs none of it: between two
ideographs, after the spaces that follow a word, after a hyphen between two words, UAX #14
allows a break whatever surrounds the spot; inside a word, a number or an ideograph with its
punctuation it never does. ``units`` cuts the text at such context-free opportunities
(``_SPLIT``), keeps each piece with no opportunity inside (``_WHOLE``) and hands only the
others to uniseg (remembered: the same pieces recur). The result is what uniseg gives on the
whole text; tests/test_textfit.py compares the two on every string of up to three classes and
on random strings.

The rules work on a few classes of characters (``CLASSES``; the tests check each member's
Line_Break class, general category and East Asian width against uniseg's). The text is first
spelled with one letter per class (``kinds``), so the patterns stay small and quick to compile.
A cut between ``a`` and ``b`` must also leave uniseg's other decisions alone when it sees the
two pieces apart: no cut goes before a space, a closing mark or a quotation mark (except
after spaces), none after an opening mark or a quotation mark (except the CJK cases below),
and no cut goes before a number's ``$`` or ``%`` when a digit may come before it (LB25). A
text with a Hebrew letter goes to uniseg whole (LB21a looks two characters back for one).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters by Line_Break class, each class spelled with one letter in ``kinds``. _N: East
# Asian width narrow or ambiguous; _W: wide or full width (it matters next to quotation marks).
CLASSES: dict[str, tuple[str, str]] = {  # name: (letter, characters)
    "AL": ("A", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#&*<=>@^_`~\u00b7"),  # · is AI → AL
    "NU": ("N", "0123456789"),
    "OP_N": ("o", "([{"),
    "OP_W": ("O", "（《「『【〔〈〖［｛"),
    "CL_N": ("c", "}"),
    "CL_W": ("C", "，。、）」』》】〕〉〗．］｝"),
    "CP": ("p", ")]"),
    "EX_N": ("x", "!?"),
    "EX_W": ("X", "！？"),
    "IS": ("s", ",.;:"),
    "NS_W": ("S", "；："),
    "QU_PO": ("q", "\"'"),  # general category Po
    "QU_PI": ("i", "“‘"),  # initial quotes
    "QU_PF": ("f", "”’"),  # final quotes
    "HY": ("h", "-"),
    "BA": ("b", "–|"),
    "B2": ("d", "—"),
    "IN": ("e", "…"),
    "SY": ("y", "/"),
    "PR": ("r", "$+\\£¥€±−"),
    "PO": ("t", "%‰°℃"),
}
# Class ID, all wide: "I" (CJK ideographs, 〇, full-width letters and digits).
IDEOGRAPHS = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF10, 0xFF19),
              (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F),
              (0x30000, 0x3134F))
_HEBREW = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))  # "H"; anything else: "?"


class _Kinds(dict):
    """``str.translate`` table: a character's class letter (filled in as characters come)."""

    def __missing__(self, code: int) -> str:
        kind = ("I" if any(lo <= code <= hi for lo, hi in IDEOGRAPHS)
                else "H" if any(lo <= code <= hi for lo, hi in _HEBREW) else "?")
        self[code] = kind
        return kind


_KINDS = _Kinds({ord(ch): letter for letter, chars in CLASSES.values() for ch in chars})
_KINDS.update({ord(" "): " ", ord("\n"): "\n"})


def kinds(text: str) -> str:
    """``text`` spelled with the letter of each character's class (same length)."""
    return text.translate(_KINDS)


def _cls(*names: str) -> str:
    """A character class of ``kinds`` letters."""
    return "[" + "".join({"ID": "I", "SP": " "}.get(n) or CLASSES[n][0] for n in names) + "]"


EX, CL, OP, QU = ("EX_N", "EX_W"), ("CL_N", "CL_W"), ("OP_N", "OP_W"), ("QU_PO", "QU_PI", "QU_PF")
_ALL = ("ID", *CLASSES)

# --- where a break is allowed whatever the context -------------------------------------------
# Each rule: the classes of b, the character after the cut, and a pattern that looks back from
# just after b (and maybe ahead) for what must surround it.


def _after(*names: str) -> str:
    """b follows a character of these classes."""
    return f"(?<={_cls(*names)}.)"


def _after_spaces(*names: str) -> str:
    """b follows one or two spaces that follow a character of these classes."""
    return f"(?<= .)(?:(?<={_cls(*names)} .)|(?<={_cls(*names)}  .))"


# Before spaces: anything but an opening mark or an initial quote (LB14, LB15a); a closing
# mark only because no nonstarter comes after (LB16), a dash only before no dash (LB17).
_BEFORE_SPACES = ("AL", "NU", "ID", *CL, "CP", *EX, "IS", "NS_W", "QU_PO", "QU_PF", "HY", "BA", "IN", "PR",
                  "PO", "SY")
_EA = ("ID", "CL_W", "NS_W", "EX_W")  # wide characters around CJK quotation marks (LB19a)
_CUTS: tuple[tuple[tuple[str, ...], str], ...] = (
    # pairs no rule of LB13-LB30 joins (they need other classes on one side or the other)
    (("AL",), _after("ID", *CL, "NS_W", *EX, "B2", "BA", "IN", "SY")),
    (("NU",), _after("ID", *CL, "NS_W", *EX, "B2", "BA", "IN")),
    (("ID",), _after("ID", *CL, "NS_W", *EX, "CP", "AL", "NU", "IS", "SY", "HY", "BA", "B2", "IN", "PO")),
    (("OP_W",), _after("ID", *CL, "NS_W", *EX, "CP", "AL", "NU", "IS", "SY", "HY", "BA", "B2", "IN")),
    (("OP_N",), _after("ID", *CL, "NS_W", *EX, "CP", "IS", "SY", "HY", "BA", "B2", "IN")),
    (("B2",), _after("ID", *CL, "NS_W", *EX, "CP", "AL", "NU", "IS", "SY", "HY", "BA", "IN", "PO")),
    (("PR",), _after("ID", "NS_W", *EX, "HY", "BA", "B2", "IN", "PO")),
    # after spaces (LB18), except before what may not start a line anyway (LB13, LB15b-d)
    (("AL", "NU", "ID", *OP, "QU_PO", "QU_PI", "HY", "BA", "IN", "PR", "PO"), _after_spaces(*_BEFORE_SPACES, "B2")),
    (("B2",), _after_spaces(*_BEFORE_SPACES)),
    # a hyphen before a letter, unless it starts a word (LB20a): "well-known"
    (("AL",), f"(?<={_cls('AL', 'NU', 'ID', *CL, 'CP', 'PO')}{_cls('HY')}.)"),
    # CJK text before an initial quote that an ideograph follows (no LB19a: all are wide)
    (("QU_PI",), _after(*_EA) + "(?=I)"),
    # a final quote between CJK text and an ideograph or a CJK opening mark (likewise)
    (("ID", "OP_W"), f"(?<={_cls(*_EA)}{_cls('QU_PF')}.)"),
)


def _split_pattern() -> str:
    """One branch per set of classes with the same rules: it matches b (testing it first keeps
    the search fast), then tries the rules; the cut is at the start of each match."""
    rules: dict[str, list[str]] = {}
    for names, rule in _CUTS:
        for name in names:
            rules.setdefault(name, []).append(rule)
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, found in rules.items():
        groups.setdefault(tuple(found), []).append(name)
    alts = [f"{_cls(*names)}(?:{'|'.join(found)})" for found, names in groups.items()]
    return "|".join(alts + [r".(?<=\n.)"])  # a line feed: a mandatory break after it (LB5)


_SPLIT = re.compile(_split_pattern(), re.S)

# --- pieces with no opportunity inside -------------------------------------------------------
# Each rule: the classes of b and those of a, the character before it, for which UAX #14 never
# allows a break between them (a space only where said: a chunk has spaces inside only there).
_NARROW = ("AL", "NU", "OP_N", "CL_N", "CP", "IS", "EX_N", *QU, "HY", "BA", "B2", "IN", "PR", "PO", "SY")
_JOINS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("AL",), ("AL", "NU", "IS", "PR", "PO", *OP, *QU, "CP")),  # LB14, LB19, LB19a, LB23, LB24, LB28-30
    (("ID",), (*OP, "QU_PO", "QU_PI", "PR")),  # LB14, LB19, LB23a
    ((*CL, "CP", *EX, "SY", "IS", "NS_W", "QU_PO", "QU_PF", "HY", "BA", "IN"), _ALL),  # LB13, LB15d, LB19, LB21-22
    ((*CL, "CP", *EX, "SY"), ("SP",)),  # LB13 (the chunk starts at a cut or the start: no ZW before, LB8)
    (("NU",), ("AL", "NU", "IS", "PR", "PO", "HY", *OP, *QU, "CP")),  # LB14, LB19, LB19a, LB23, LB25, LB30
    (("QU_PI",), (*_NARROW, "OP_W")),  # LB19a (a narrow character before), LB14
    (("OP_N",), ("AL", "NU", *OP, *QU)),  # LB14, LB19, LB19a, LB30
    (("OP_W",), (*OP, "QU_PO", "QU_PI")),  # LB14, LB19
    (("PR",), ("AL", "NU", *OP, *QU)),  # LB14, LB19, LB19a, LB24, LB25
    (("PO",), ("AL", "NU", "ID", *OP, *QU)),  # LB14, LB19, LB19a, LB23a, LB24, LB25
    (("B2",), ("B2", *OP, *QU)),  # LB17, LB14, LB19, LB19a
)


def _whole_pattern() -> str:
    """Any character or space, then characters joined to the one before, spaces (LB7) and maybe
    a line feed (LB6)."""
    nexts = [f"{_cls(*b)}(?<={_cls(*a)}.)" for b, a in _JOINS]
    nexts += [
        "N(?<=Ny.)",  # LB25: NU SY × NU
        f"i(?<={_cls(*_ALL)}.)(?={_cls(*_NARROW)[:-1]} \\n])",  # LB19a: × QU before a narrow character
        f"[IO](?<={_cls(*_NARROW)}f.)",  # LB19a: a narrow character, QU ×
    ]
    return f"(?:{_cls(*_ALL, 'SP')}(?:{'|'.join(nexts)}| )*)?\\n?"


_WHOLE = re.compile(_whole_pattern(), re.S)


def chunks(text: str) -> list[str]:
    """``text`` cut at context-free break opportunities."""
    out, start = [], 0
    for m in _SPLIT.finditer(kinds(text)):
        if m.start() > start:
            out.append(text[start:m.start()])
            start = m.start()
    out.append(text[start:])
    return out


def units(text: str) -> list[str]:
    """The pieces between UAX #14 break opportunities, as uniseg finds them on the whole text."""
    if not text:
        return []
    spelled = kinds(text)
    if "H" in spelled:
        return list(uniseg_units(text))
    out: list[str] = []
    start = 0
    for end in [m.start() for m in _SPLIT.finditer(spelled) if m.start()] + [len(text)]:
        if _WHOLE.fullmatch(spelled, start, end):
            out.append(text[start:end])
        else:
            out.extend(uniseg_units(text[start:end]))
        start = end
    return out


@lru_cache(maxsize=8192)
def uniseg_units(chunk: str) -> tuple[str, ...]:
    """uniseg's pieces of a chunk the patterns cannot split (the same chunks recur)."""
    from uniseg.linebreak import line_break_units

    return tuple(line_break_units(chunk))
