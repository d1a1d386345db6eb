"""Characters the theme's fonts have no glyph for, in any text that reaches the deck or report.

The report draws every text in the theme's TrueType fonts (regular and bold) and nothing
else, so a character they lack would vanish from it; the deck names the same fonts and shows
such a character only if the viewer has a fallback font. Each text that has some is a warning
at its position, naming the font and the characters (``U+0645 'م'``), the first 10 of them
and how many more. Characters that are not drawn are not looked for: spaces and line
separators (drawn as blank space whatever the font), control and format characters
(zero-width joiners and non-joiners, bidirectional marks and isolates, soft hyphens, the
byte-order mark, tag characters) and variation selectors.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from deckbuild.diagnostics import Diagnostics, Location
from deckbuild.model.theme import Fonts

MAX_LISTED = 10
_NOT_DRAWN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x180B, 0x180D), (0x180F, 0x180F), (0x034F, 0x034F))


def drawn(ch: str) -> bool:
    """Whether ``ch`` needs a glyph: not a space, a control or format character, or a
    variation selector (or the combining grapheme joiner, which is invisible too)."""
    if unicodedata.category(ch) in _NOT_DRAWN:
        return False
    cp = ord(ch)
    return not any(lo <= cp <= hi for lo, hi in _SELECTORS)


def describe(ch: str) -> str:
    """``U+0645 'م'``; a combining mark on a dotted circle; only the code for what has no look."""
    code = f"U+{ord(ch):04X}"
    if unicodedata.category(ch).startswith("M"):
        return f"{code} '\u25cc{ch}'"
    return f"{code} '{ch}'" if ch.isprintable() else code


@dataclass
class Coverage:
    """The characters a theme's fonts can draw (a character counts when every face has it)."""

    family: str
    files: tuple[Path, ...]
    _faces: tuple = ()
    _known: dict[str, bool] = field(default_factory=dict)

    def has(self, ch: str) -> bool:
        found = self._known.get(ch)
        if found is None:
            found = self._known[ch] = all(face.has(ch) for face in self._faces)
        return found

    def missing(self, text: str) -> list[str]:
        """The distinct characters of ``text`` that need a glyph the fonts lack, in order."""
        out: dict[str, None] = {}
        for ch in text:
            if ch not in out and not self.has(ch) and drawn(ch):
                out[ch] = None
        return list(out)

    def check(self, text: str, where: Location, diags: Diagnostics) -> None:
        """A warning at ``where`` when ``text`` has characters the fonts cannot draw."""
        if not text or text.isascii() and all(self.has(ch) for ch in set(text)):
            return
        missing = self.missing(text)
        if missing:
            diags.warning(where, self.message(missing), "missing-glyph")

    def message(self, missing: Sequence[str]) -> str:
        lacking = [f.name for f, face in zip(self.files, self._faces) if any(not face.has(c) for c in missing)]
        font = f"font '{self.family}'" + ("" if len(lacking) == len(self.files) else f" ({', '.join(lacking)})")
        listed = ", ".join(describe(c) for c in missing[:MAX_LISTED])
        more = f" and {len(missing) - MAX_LISTED} more" if len(missing) > MAX_LISTED else ""
        one = len(missing) == 1
        it = "it" if one else "them"
        return (f"{font} has no glyph{'' if one else 's'} for {listed}{more}; {'it' if one else 'they'} would be "
                "missing from the report, and from the deck unless the viewer has a fallback font; "
                f"use a theme font that has {it}, or remove {it}")


@lru_cache(maxsize=8)
def _coverage(family: str, files: tuple[tuple[Path, str], ...]) -> Coverage:
    from deckbuild.text.metrics import metrics

    return Coverage(family, tuple(p for p, _ in files), tuple(metrics(p, sha256) for p, sha256 in files))


def coverage(fonts: Fonts) -> Coverage:
    """The coverage of a theme's fonts (read once per process for each version of the font
    files, from the font metrics cache)."""
    files = tuple(zip((fonts.regular, fonts.bold), fonts.digests()))
    return _coverage(fonts.family, files[:1] if files[0] == files[1] else files)
