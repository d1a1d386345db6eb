"""The Latin typefaces a deck names (a theme's or a company template's), each with the files
its text is measured with: given by the theme, else a bundled metric-compatible font."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from deckbuild.diagnostics import Diagnostics, Location
from deckbuild.model.theme import SAFETY_MARGIN, Face, metric_compatible


def measured_face(name: str, measure: Mapping[str, tuple[Path, Path]], diags: Diagnostics,
                  where: Location | None) -> Face:
    """The face ``name`` with the files that measure it: ``measure``'s, else a bundled
    metric-compatible font; else none, with a warning at ``where`` naming the face."""
    files = measure.get(name.casefold()) or metric_compatible(name)
    if files is None:
        if where is not None:
            diags.warning(where, f"no metrics for the typeface '{name}': its text is measured with the theme's "
                          f"font {SAFETY_MARGIN:.2f} × wider, so it may fit loosely or, in a wider face, overflow; "
                          "give its .ttf files under 'fonts: deck: measure:' in the theme", "font-metrics")
        return Face(name)
    return Face(name, *files)
