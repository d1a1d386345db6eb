"""Fit paragraphs into a box: wrap with the real metrics, pick the largest size that fits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from deckbuild.textfit.linebreak import break_units
from deckbuild.textfit.metrics import FontMetrics


@dataclass(frozen=True)
class Para:
    """A paragraph to fit: its text, indent level (0-based), relative size and weight."""

    text: str
    level: int = 0
    scale: float = 1.0  # size relative to the box's size (e.g. 0.9 for sub-bullets)
    bold: bool = False


@dataclass(frozen=True)
class Fit:
    size: float  # chosen type size, points
    lines: int  # total lines at that size
    height: float  # text height at that size, points
    overflow: float  # 0 when it fits; else the fraction by which height exceeds the box


def wrap(text: str, width: float, size: float, font: FontMetrics) -> list[str]:
    """Lines of ``text`` broken at allowed points so that each fits ``width`` points
    (a single unbreakable piece wider than the line is split by characters)."""
    lines: list[str] = []
    line, line_w = "", 0.0
    for unit in break_units(text):
        w = font.width(unit, size)
        trimmed_w = font.width(unit.rstrip(), size)
        if line and line_w + trimmed_w > width:
            lines.append(line.rstrip())
            line, line_w = "", 0.0
        if not line and trimmed_w > width:  # a very long word or URL: break anywhere
            for ch in unit:
                cw = font.width(ch, size)
                if line and line_w + cw > width:
                    lines.append(line)
                    line, line_w = "", 0.0
                line += ch
                line_w += cw
            continue
        line += unit
        line_w += w
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def measure(paras: Sequence[Para], width: float, size: float, regular: FontMetrics, bold: FontMetrics,
            indent: float, line_spacing: float, space_before: float) -> tuple[int, float]:
    """(lines, height in points) of the paragraphs at ``size``."""
    total_lines, height = 0, 0.0
    for i, p in enumerate(paras):
        s = size * p.scale
        font = bold if p.bold else regular
        n = len(wrap(p.text, max(width - indent * p.level - s * 1.2, s), s, font))
        total_lines += n
        height += n * s * line_spacing + (space_before * s if i else 0.0)
    return total_lines, height


def fit(paras: Sequence[Para], width: float, height: float, largest: float, smallest: float,
        regular: FontMetrics, bold: FontMetrics, indent: float = 18.0, line_spacing: float = 1.2,
        space_before: float = 0.5, step: float = 0.5, max_lines: int | None = None) -> Fit:
    """The largest size from ``largest`` down to ``smallest`` at which the text fits the box."""
    size = largest
    while True:
        lines, h = measure(paras, width, size, regular, bold, indent, line_spacing, space_before)
        fits = h <= height and (max_lines is None or lines <= max_lines)
        if fits or size - step < smallest - 1e-9:
            over = 0.0 if fits else max(h / height - 1.0, 0.0) if height > 0 else 1.0
            if not fits and max_lines is not None and lines > max_lines:
                over = max(over, lines / max_lines - 1.0)
            return Fit(size, lines, h, over)
        size -= step
