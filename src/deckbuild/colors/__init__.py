"""Colour arithmetic on '#RRGGBB' strings, shared by the theme reader and the renderers."""

from __future__ import annotations


def blend(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` towards ``other`` ('#RRGGBB')."""
    a = [int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    b = [int(other.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b))


def luminance(color: str) -> float:
    """Relative luminance of '#RRGGBB' (0 black … 1 white; sRGB weights, no gamma)."""
    r, g, b = (int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def readable_on(fill: str, light: str, dark: str) -> str:
    """``light`` or ``dark``, whichever reads better on ``fill``."""
    return light if luminance(fill) < 0.55 else dark
