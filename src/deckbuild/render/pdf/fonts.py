"""Make the theme's font files known to reportlab (each pair once per process)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from deckbuild.model.theme import Fonts


@lru_cache(maxsize=None)
def _reportlab(regular: Path, bold: Path) -> tuple[str, str]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = (f"DB-{regular.stem}", f"DB-{bold.stem}")
    pdfmetrics.registerFont(TTFont(names[0], str(regular)))
    pdfmetrics.registerFont(TTFont(names[1], str(bold)))
    # <b> and <i> inside paragraphs map to these faces (no italic face: keep upright).
    addMapping(names[0], 0, 0, names[0])
    addMapping(names[0], 1, 0, names[1])
    addMapping(names[0], 0, 1, names[0])
    addMapping(names[0], 1, 1, names[1])
    return names


def reportlab_fonts(fonts: Fonts) -> tuple[str, str]:
    """Register the theme fonts with reportlab; return (regular, bold) font names."""
    return _reportlab(fonts.regular, fonts.bold)
