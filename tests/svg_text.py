"""The text of a chart SVG whose text matplotlib wrote as outlines (``svg.fonttype='path'``):
each text is a ``<g id="text_N">`` of ``<use xlink:href="#FONT-GLYPH">`` (the font's PostScript
name and the glyph index in hex), read back through the font's character map. Tick labels sit
in ``<g id="xtick_N">`` / ``<g id="ytick_N">`` groups."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lxml import etree

import deckbuild

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


@functools.cache
def _glyph_chars() -> dict[str, dict[int, str]]:
    """{PostScript name: {glyph index: character}} of the bundled fonts and matplotlib's."""
    import matplotlib
    from fontTools.ttLib import TTFont

    dirs = [Path(deckbuild.__file__).parent / "fonts", Path(matplotlib.get_data_path()) / "fonts" / "ttf"]
    out: dict[str, dict[int, str]] = {}
    for d in dirs:
        for f in sorted(d.glob("*.[ot]tf")):
            font = TTFont(f, lazy=True)
            ps = font["name"].getDebugName(6)
            if not ps or ps in out:
                continue
            cmap = font.getBestCmap() or {}
            chars: dict[int, str] = {}
            for cp, name in sorted(cmap.items(), key=_rank):  # the best code point last
                chars[font.getGlyphID(name)] = chr(cp)
            out[ps] = chars
    return out


def _rank(item: tuple[int, str]) -> tuple[bool, int]:
    """Of the code points sharing a glyph, a unified ideograph before a radical or a
    compatibility form (长 before ⻓), then the lowest."""
    cp = item[0]
    return (not (0x2E80 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF), -cp)


def _text(g) -> str:
    chars = _glyph_chars()
    s = ""
    for use in g.iter(SVG + "use"):
        m = re.fullmatch(r"#(.+)-([0-9a-f]+)", use.get(XLINK, ""))
        if m:
            s += chars.get(m.group(1), {}).get(int(m.group(2), 16), "\ufffd")
    return s


def tick_labels(svg: bytes, axis: str = "y") -> list[str]:
    """The tick labels of the ``axis`` ("x" or "y") in drawing order (empty ones left out)."""
    root = etree.fromstring(svg)
    out = []
    for g in root.iter(SVG + "g"):
        if re.fullmatch(f"{axis}tick_\\d+", g.get("id", "")):
            for t in g.iter(SVG + "g"):
                if t.get("id", "").startswith("text_"):
                    text = _text(t)
                    if text:
                        out.append(text)
    return out


def texts(svg: bytes) -> list[str]:
    """Every text of the chart (labels, titles, ticks, legend) in drawing order, empty ones left out."""
    root = etree.fromstring(svg)
    return [text for g in root.iter(SVG + "g") if g.get("id", "").startswith("text_") and (text := _text(g))]
