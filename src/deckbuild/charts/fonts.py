"""Make the theme's font files known to matplotlib (each pair once per process)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from deckbuild.model.theme import Fonts


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
