"""Make the theme's font files known to reportlab and matplotlib (each done once)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from deckbuild.theme import Fonts


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


@lru_cache(maxsize=None)
def _matplotlib(regular: Path, bold: Path) -> str:
    import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(regular))
    font_manager.fontManager.addfont(str(bold))
    return font_manager.FontProperties(fname=str(regular)).get_name()


def matplotlib_family(fonts: Fonts) -> str:
    """Register the theme fonts with matplotlib; return the family name to use."""
    return _matplotlib(fonts.regular, fonts.bold)
