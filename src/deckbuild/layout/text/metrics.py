"""Advance widths from the font files the outputs use, in em units (read with fontTools,
kept in the user's cache folder by ``textfit.fontcache``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from deckbuild.layout.text import fontcache
from deckbuild.layout.text.widths import Widths


class FontMetrics:
    """Widths of characters in one TrueType font, as fractions of the em."""

    def __init__(self, path: Path):
        self.path = Path(path)
        data = fontcache.load(self.path)
        self.units_per_em: int = data["upm"]
        self._widths: Widths = data["widths"]
        self._fallback: float = self._widths.fallback
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
            w = self._em[text] = self._widths.em(text)
        return w

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` points, in points."""
        return self.em(text) * size


@lru_cache(maxsize=8)
def metrics(path: Path) -> FontMetrics:
    """The metrics of a font file, read once per process."""
    return FontMetrics(Path(path))
