"""What the text metrics need from a font file, read once and kept in the user's cache folder.

fontTools names every glyph before it maps characters to them (30,000 names for a CJK font,
about 0.1 s), so ``read_font`` gives them numbered names instead when it can tell that glyph 0
would be the .notdef glyph (the only name the metrics use): the advances are those of the same
glyphs either way. The result, widths already in em, is kept in
``$XDG_CACHE_HOME/deckbuild/metrics`` (or ``~/.cache/deckbuild/metrics``), one file per font
content, named by the SHA-256 of the font file (so a font replaced under the same name is
read anew, and a copy of a font elsewhere is not) and checked with a CRC: a build loads it in
a few milliseconds. A cache folder that cannot be written or a file that cannot be read is
ignored (the font is read again), never trusted.
"""

from __future__ import annotations

import io
import logging
import marshal
import re
import zlib
from pathlib import Path
from typing import Any

from deckbuild.digests import read_version
from deckbuild.usercache import user_cache_dir, write_entry

FORMAT = 5  # bump when the cached data changes shape
_MAGIC = b"DBFM"


def cache_dir() -> Path:
    """The folder of the cached font data."""
    return user_cache_dir("metrics")


def _numbered_glyphs(font: Any) -> bool:
    """Give the glyphs numbered names ("g0", "g1", ...) if fontTools would name glyph 0, and
    no other, ".notdef": the widths are then the same as with the real names. The raw 'post'
    table tells (format 1: the standard names; format 2: name index 0 for glyph 0), or, when
    fontTools makes the names from the character map (format 3, or 1 with too many glyphs),
    no Unicode subtable may map a character to glyph 0."""
    if "CFF " in font or "DMAP" in font or "post" not in font:
        return False
    raw = font.reader["post"]
    version, count = int.from_bytes(raw[:4], "big"), font["maxp"].numGlyphs
    if version == 0x00020000:
        if raw[32:34] == b"\0\0" or raw[34:36] != b"\0\0":
            return False
        from_cmap = False
    elif version == 0x00010000 and count <= 258:
        from_cmap = False
    elif version in (0x00010000, 0x00030000):
        from_cmap = True
    else:
        return False
    font.setGlyphOrder([f"g{i}" for i in range(count)])
    return not (from_cmap and any(t.isUnicode() and "g0" in t.cmap.values() for t in font["cmap"].tables))


class _NoDates(logging.Filter):
    """Drops fontTools' word on a font's creation and modification dates (Carlito's are
    odd), which measuring never reads: stderr shows deckbuild's own lines only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "timestamp" not in str(record.msg)


logging.getLogger("fontTools.ttLib.tables._h_e_a_d").addFilter(_NoDates())


def read_font(source: Path | bytes, *, glyph_names: bool = False) -> dict[str, Any]:
    """The metrics of a font (a file, or its bytes): advance widths in em by code point, the
    width of the .notdef glyph (drawn for characters the font lacks), ascent, descent and
    natural line height in em."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source) if isinstance(source, bytes) else str(source), lazy=True)
    try:
        if glyph_names:
            notdef = ".notdef"
        elif _numbered_glyphs(font):
            notdef = "g0"
        else:
            return read_font(source, glyph_names=True)  # the numbered names may be set: start again
        hmtx = font["hmtx"].metrics
        hhea = font["hhea"]
        upm = font["head"].unitsPerEm
        scale = float(upm)
        return {
            "format": FORMAT,
            "upm": upm,
            "widths": {cp: hmtx[name][0] / scale for cp, name in font.getBestCmap().items()},
            "notdef": hmtx.get(notdef, (upm, 0))[0] / scale,
            "ascent": hhea.ascent / scale, "descent": -hhea.descent / scale,
            "line_height": (hhea.ascent - hhea.descent + hhea.lineGap) / scale,
        }
    finally:
        font.close()


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _entry(sha256: str) -> Path:
    """The cache file of the font whose SHA-256 is ``sha256``."""
    return cache_dir() / f"{sha256}.v{FORMAT}.marshal"


def _valid(data: Any, source: str) -> bool:
    return (isinstance(data, dict) and data.get("format") == FORMAT and data.get("source") == source
            and isinstance(data.get("widths"), dict) and type(data.get("upm")) is int
            and set(map(type, data["widths"])) <= {int} and set(map(type, data["widths"].values())) <= {float}
            and all(type(data.get(k)) is float for k in ("notdef", "ascent", "descent", "line_height")))


def _read_cache(target: Path, source: str) -> dict[str, Any] | None:
    try:
        blob = target.read_bytes()
        if blob[:4] != _MAGIC or int.from_bytes(blob[4:8], "big") != zlib.crc32(blob[8:]):
            return None
        data = marshal.loads(blob[8:])
        if not _valid(data, source):
            return None
        return data
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return None


def _write_cache(target: Path, data: dict[str, Any]) -> None:
    payload = marshal.dumps(data)
    write_entry(target, _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)


def load(path: Path, sha256: str = "") -> dict[str, Any]:
    """The metrics (``read_font``) of the font file ``path``, of the
    version whose SHA-256 is ``sha256``: from the cache when it holds them, else read from the
    file (``digests.FileChanged`` when it is no longer that version). Without a digest the
    file is read and nothing is cached."""
    if not _SHA256.fullmatch(sha256):
        return read_font(Path(path))
    target = _entry(sha256)
    data = _read_cache(target, sha256)
    if data is None:
        data = {**read_font(read_version(path, sha256)), "source": sha256}
        _write_cache(target, data)
    return data
