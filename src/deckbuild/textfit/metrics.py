"""Advance widths from the font files the outputs use (fontTools), in em units.

Reading the character map of a CJK font with fontTools takes about 0.3 s (it names 65,000
glyphs), so the table of advances is kept in the user's cache folder
(``$XDG_CACHE_HOME/deckbuild/metrics`` or ``~/.cache/deckbuild/metrics``), keyed by the
font file's path, size and modification time; a build then loads it in a few
milliseconds. A cache that cannot be read or written is ignored: widths are then
computed as before, never guessed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

FORMAT = 1  # bump when the cached data changes shape


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deckbuild" / "metrics"


def _cache_file(path: Path) -> Optional[Path]:
    try:
        st = path.stat()
    except OSError:
        return None
    key = f"{FORMAT}:{path.resolve()}:{st.st_size}:{st.st_mtime_ns}"
    return cache_dir() / f"{path.stem[:40]}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.marshal"


def _read_font(path: Path) -> dict:
    """What the metrics need from a font file, in font units."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    try:
        hmtx = font["hmtx"].metrics
        hhea = font["hhea"]
        upm = font["head"].unitsPerEm
        return {
            "format": FORMAT,
            "upm": upm,
            "advances": {cp: hmtx[name][0] for cp, name in font.getBestCmap().items()},
            "notdef": hmtx.get(".notdef", (upm, 0))[0],
            "ascent": hhea.ascent, "descent": hhea.descent, "line_gap": hhea.lineGap,
        }
    finally:
        font.close()


def _load(path: Path) -> dict:
    """The font's data from the cache, or read from the font (and cached)."""
    target = _cache_file(path)
    if target is not None:
        try:
            data = marshal.loads(target.read_bytes())
            if isinstance(data, dict) and data.get("format") == FORMAT:
                return data
        except (OSError, ValueError, EOFError, TypeError):
            pass
    data = _read_font(path)
    if target is not None:
        _store(target, data)
    return data


def _store(target: Path, data: dict) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(data))
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only home, a full disk: measure without a cache


class FontMetrics:
    """Widths of characters in one TrueType font, as fractions of the em."""

    def __init__(self, path: Path):
        self.path = Path(path)
        data = _load(self.path)
        upm = float(data["upm"])
        self.units_per_em = data["upm"]
        self._widths = {cp: adv / upm for cp, adv in data["advances"].items()}
        self._fallback = data["notdef"] / upm
        self.ascent = data["ascent"] / upm
        self.descent = -data["descent"] / upm
        self.line_gap = (data["ascent"] - data["descent"] + data["line_gap"]) / upm  # natural line height, em
        self.line_height = self.line_gap
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
