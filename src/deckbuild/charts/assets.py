"""Rendered files of one chart, as the renderers receive them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class ChartAssets:
    """Files rendered from one chart (keyed by ``Chart.digest`` in a mapping)."""

    svg: Optional[Path] = None  # vector drawing for the report
    png: Optional[Path] = None  # raster picture for the deck when the chart is not native
