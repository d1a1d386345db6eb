"""Advance widths from the font files the outputs use (fontTools), in em units."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class FontMetrics:
    """Widths of characters in one TrueType font, as fractions of the em."""

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True)
        self.units_per_em = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        upm = float(self.units_per_em)
        self._widths = {cp: hmtx[name][0] / upm for cp, name in cmap.items()}
        self._fallback = hmtx.get(".notdef", (upm, 0))[0] / upm
        hhea = font["hhea"]
        self.line_gap = (hhea.ascent - hhea.descent + hhea.lineGap) / upm
        font.close()

    def has(self, ch: str) -> bool:
        return ord(ch) in self._widths

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` points, in points."""
        get = self._widths.get
        fb = self._fallback
        return sum(get(ord(c), fb) for c in text) * size


@lru_cache(maxsize=8)
def metrics(path: Path) -> FontMetrics:
    return FontMetrics(path)
