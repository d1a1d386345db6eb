"""Advance widths from the font files the outputs use, in em units (read with fontTools,
kept in the user's cache folder by ``fontcache``), by the SHA-256 of the font file: a font
replaced under the same name (``watch``) is measured anew, and two different fonts that
share a file name never share metrics."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TypeAlias

from deckbuild.cjk import is_wide
from deckbuild.digests import file_sha256
from deckbuild.text import fontcache

KEPT = 8  # fonts whose metrics a process keeps (a build uses two; ``watch`` may see several versions)
_kept: OrderedDict[str, FontMetrics] = OrderedDict()  # SHA-256 → metrics, the last used last


class FontMetrics:
    """Widths of characters in one TrueType font, as fractions of the em."""

    def __init__(self, path: Path, sha256: str = ""):
        """The metrics of ``path``, of the version whose SHA-256 is ``sha256`` (default: the
        file as it is now)."""
        self.path = Path(path)
        self.sha256 = sha256 or file_sha256(self.path) or ""
        data = fontcache.load(self.path, self.sha256)
        self.units_per_em: int = data["upm"]
        self._widths: dict[int, float] = data["widths"]
        self._fallback: float = data["notdef"]
        self.ascent: float = data["ascent"]
        self.descent: float = data["descent"]
        self.line_gap: float = data["line_height"]  # natural line height, em
        self.line_height: float = self.line_gap
        self._em: dict[str, float] = {}

    def has(self, ch: str) -> bool:
        return ord(ch) in self._widths

    def missing(self, text: str) -> str:
        """The characters of ``text`` this font has no glyph for (shown as tofu), each once."""
        return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in self._widths}))

    def em(self, text: str) -> float:
        """Width of ``text`` in em (cached: the same pieces recur at every size tried)."""
        w = self._em.get(text)
        if w is None:
            widths, fallback = self._widths, self._fallback
            w = self._em[text] = sum(widths.get(cp, fallback) for cp in map(ord, text))
        return w

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` points, in points."""
        return self.em(text) * size


def metrics(path: Path, sha256: str = "") -> FontMetrics:
    """The metrics of a font file (of the version whose SHA-256 is ``sha256``; default: the
    file as it is now), read once per process for each content."""
    key = sha256 or file_sha256(Path(path)) or ""
    found = _kept.get(key) if key else None
    if found is None:
        found = FontMetrics(path, key)
        if key:
            _kept[key] = found
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    else:
        _kept.move_to_end(key)
    return found


# Characters a client sets in the East Asian face or the Latin one depending on the text's
# language and its neighbours: measured at the wider of the two.
_EITHER = frozenset("‘’‚‛“”„‟…—―·•‥※")


class MixedMetrics:
    """Widths of text the deck sets in two faces, as PowerPoint and LibreOffice set it: East
    Asian characters in ``east`` (every CJK font sets ideographs a full em wide, so the
    theme's CJK font measures whichever one the reader's machine has), the rest in ``latin``
    (its widths times ``scale``; a character it lacks at ``east``'s width), and characters
    either face may take at the wider of the two."""

    def __init__(self, latin: FontMetrics, east: FontMetrics, scale: float = 1.0):
        self.latin, self.east, self.scale = latin, east, scale
        self.ascent = max(latin.ascent, east.ascent)
        self.descent = max(latin.descent, east.descent)
        self.line_height = max(latin.line_height, east.line_height)
        self._em: dict[str, float] = {}

    def has(self, ch: str) -> bool:
        return self.latin.has(ch) or self.east.has(ch)

    def missing(self, text: str) -> str:
        return "".join(sorted({c for c in text if not c.isspace() and not self.has(c)}))

    def _char(self, ch: str) -> float:
        east = self.east.em(ch)
        if is_wide(ch) or not self.latin.has(ch):
            return east
        latin = self.latin.em(ch) * self.scale
        return max(latin, east) if ch in _EITHER else latin

    def em(self, text: str) -> float:
        """Width of ``text`` in em (cached, as ``FontMetrics.em``)."""
        w = self._em.get(text)
        if w is None:
            w = self._em[text] = sum(self._char(ch) for ch in text)
        return w

    def width(self, text: str, size: float) -> float:
        return self.em(text) * size


Metrics: TypeAlias = FontMetrics | MixedMetrics  # what text is measured with
