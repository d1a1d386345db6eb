"""Advance widths from the font files the outputs use (fontTools), in em units."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class FontMetrics:
    """Widths of characters in one TrueType font, as fractions of the em."""

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True)
        self.path = Path(path)
        self.units_per_em = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        upm = float(self.units_per_em)
        self._widths = {cp: hmtx[name][0] / upm for cp, name in cmap.items()}
        self._fallback = hmtx.get(".notdef", (upm, 0))[0] / upm
        hhea = font["hhea"]
        self.ascent = hhea.ascent / upm
        self.descent = -hhea.descent / upm
        self.line_gap = (hhea.ascent - hhea.descent + hhea.lineGap) / upm  # natural line height, em
        self.line_height = self.line_gap
        font.close()
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
            get, fb = self._widths.get, self._fallback
            w = self._em[text] = sum(get(ord(c), fb) for c in text)
        return w

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` points, in points."""
        return self.em(text) * size


@lru_cache(maxsize=8)
def metrics(path: Path) -> FontMetrics:
    """The metrics of a font file, read once per process."""
    return FontMetrics(Path(path))
