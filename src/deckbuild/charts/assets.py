"""Rendered files of one chart, as the renderers receive them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChartAssets:
    """Files rendered from one chart (keyed by ``Chart.digest`` in a mapping)."""

    svg: Path | None = None  # vector drawing for the report
    png: Path | None = None  # raster picture for the deck when the chart is not native
    # The SVG as the report's renderer reads it (a reportlab drawing, render/pdf/drawings.py):
    # ``drawing`` where the cache keeps it (read when it is there), ``drawing_new`` where one
    # made now is written (a build's staging folder, moved into the cache with the build).
    drawing: Path | None = None
    drawing_new: Path | None = None
