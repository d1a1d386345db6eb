"""Whether colours stay apart for readers with a colour-vision deficiency.

The check: simulate each colour as seen with protanopia, deuteranopia and tritanopia (Machado,
Oliveira & Fernandes 2009, "A physiologically-based model for simulation of color vision
deficiency", the published matrices at severity 1.0, applied to linear sRGB), and measure every
pair apart with CIEDE2000 (Sharma, Wu & Dalal 2005) in CIELAB under D65. A pair passes when
its distance is at least ``MIN_DELTA_E`` under normal vision and under each of the three.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

MIN_DELTA_E = 10.0  # CIEDE2000: about the distance two chart fills need to be told apart at a glance

# Machado et al. 2009, Table 1, severity 1.0 (rows: R, G, B out; columns: R, G, B in; linear RGB).
MACHADO: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("normal", *MACHADO)


def _linear(color: str) -> tuple[float, float, float]:
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(int(c[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return r, g, b


def simulate(color: str, vision: str) -> tuple[float, float, float]:
    """``color`` ('#RRGGBB') as linear RGB seen with ``vision`` (one of VISIONS), clipped to 0..1."""
    rgb = _linear(color)
    if vision == "normal":
        return rgb
    m = MACHADO[vision]
    return tuple(min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3))  # type: ignore[return-value]


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB → CIELAB (D65)."""
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    cm = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(cm ** 7 / (cm ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lm = (l1 + l2) / 2
    cmp_ = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hm = (h1p + h2p) / 2
    else:
        hm = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hm - 30)) + 0.24 * math.cos(math.radians(2 * hm))
         + 0.32 * math.cos(math.radians(3 * hm + 6)) - 0.20 * math.cos(math.radians(4 * hm - 63)))
    d_theta = 30 * math.exp(-(((hm - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cmp_ ** 7 / (cmp_ ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc = 1 + 0.045 * cmp_
    sh = 1 + 0.015 * cmp_ * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def distance(c1: str, c2: str, vision: str = "normal") -> float:
    """CIEDE2000 between two '#RRGGBB' colours as seen with ``vision``."""
    return delta_e2000(lab(simulate(c1, vision)), lab(simulate(c2, vision)))


@dataclass(frozen=True)
class Clash:
    """Two colours closer than the threshold for one kind of vision."""

    first: str
    second: str
    vision: str
    delta_e: float

    def describe(self) -> str:
        seen = "" if self.vision == "normal" else f" with {self.vision}"
        return f"{self.first} and {self.second} are {self.delta_e:.1f} apart{seen} (CIEDE2000, need {MIN_DELTA_E:g})"


def clashes(colors: Sequence[str], minimum: float = MIN_DELTA_E) -> list[Clash]:
    """Every pair of distinct ``colors`` closer than ``minimum`` under normal vision or a
    simulated deficiency; each pair once, with the vision it is closest under."""
    out = []
    unique = list(dict.fromkeys(c.upper() for c in colors))
    for a, b in combinations(unique, 2):
        worst = min((distance(a, b, v), v) for v in VISIONS)
        if worst[0] < minimum:
            out.append(Clash(a, b, worst[1], worst[0]))
    return out
