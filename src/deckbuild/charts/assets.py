"""Rendered files of one chart, as the renderers receive them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChartAssets:
    """Files rendered from one chart (keyed by ``Chart.digest`` in a mapping)."""

    pdf: Path | None = None  # the report's drawing: a one-page PDF it places whole
    size: tuple[float, float] | None = None  # its page size (points) while it is being drawn, not there yet
    png: Path | None = None  # raster picture for the deck when the chart is not native
