"""A font's advance widths by code point, in a form that loads as a copy of bytes.

A CJK font maps some 30,000 characters but has only about 150 distinct widths. ``Widths``
keeps the Basic Multilingual Plane as an array of 16-bit indices into those widths (the
last index names "not in the font") and the few characters of other planes in a dict. Turning
the cached form back into a ``Widths`` takes well under a millisecond, where a dict of
30,000 entries takes about 7 ms to unmarshal. Lookups give the very floats the font's
units give (``advance / unitsPerEm``), in the same order, so the width of a text is the
sum a dict of widths would give, to the last bit.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Mapping
from typing import Any

_PLANE = 0x10000  # code points below this are in the index
_TYPECODES = {2: "H", 4: "I"}  # bytes an index entry → array type


def _within(raw: bytes, index: array, top: int) -> bool:
    """Whether every entry of the little-endian ``raw`` (read into ``index``) is at most
    ``top``. The usual case, 16-bit entries below 256, is two scans of bytes (0.3 ms, against
    1 ms for ``max``): every high byte zero, no low byte outside ``0..top``."""
    if index.itemsize == 2 and top < 256:
        return not raw[1::2].strip(b"\0") and not raw[0::2].translate(None, bytes(range(top + 1)))
    if sys.byteorder != "little":
        index = array(index.typecode, index)
        index.byteswap()
    return max(index, default=0) <= top


class Widths:
    """Advance widths in em by code point, with ``fallback`` (the .notdef glyph's width) for
    characters the font lacks."""

    __slots__ = ("_values", "_index", "_absent", "_astral", "fallback")

    def __init__(self, values: Iterable[float], index: array, astral: Mapping[int, float], fallback: float):
        self._values = (*values, fallback)  # the last entry stands for "not in the font"
        self._absent = len(self._values) - 1
        if len(index) != _PLANE or index.typecode not in ("H", "I") or self._absent >= 1 << (8 * index.itemsize):
            raise ValueError("not a width index")
        self._index = index
        self._astral = dict(astral)
        self.fallback = fallback

    @classmethod
    def of(cls, widths: Mapping[int, float], fallback: float) -> Widths:
        """From a mapping of code point to width."""
        values = sorted(set(widths.values()))
        position = {w: i for i, w in enumerate(values)}
        # 16 bits an entry; 32 for a font of more than 65,534 distinct widths (none known)
        index = array("H" if len(values) < 0xFFFF else "I", [len(values)]) * _PLANE
        for cp, w in widths.items():
            if cp < _PLANE:
                index[cp] = position[w]
        return cls(values, index, {cp: w for cp, w in widths.items() if cp >= _PLANE}, fallback)

    def data(self) -> dict[str, Any]:
        """A plain form for marshal: ``Widths.from_data(w.data())`` equals ``w``."""
        index = self._index
        if sys.byteorder != "little":
            index = array(index.typecode, index)
            index.byteswap()
        return {"values": self._values[:-1], "index": index.tobytes(), "astral": self._astral,
                "fallback": self.fallback}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Widths:
        """The inverse of ``data``; ValueError or TypeError when ``data`` is not of that form
        (a cache file is checked here: any index past the widths is refused)."""
        raw, values, astral, fallback = data["index"], data["values"], data["astral"], data["fallback"]
        if not (isinstance(raw, bytes) and isinstance(values, tuple) and all(type(v) is float for v in values)
                and type(fallback) is float and isinstance(astral, dict)
                and all(type(k) is int and type(v) is float for k, v in astral.items())):
            raise TypeError("not the widths' data")
        index = array(_TYPECODES.get(len(raw) // _PLANE, "H"))
        index.frombytes(raw)
        if not _within(raw, index, len(values)):
            raise ValueError("a width index past the widths")
        if sys.byteorder != "little":
            index.byteswap()
        return cls(values, index, astral, fallback)

    def __contains__(self, cp: int) -> bool:
        return self._index[cp] != self._absent if cp < _PLANE else cp in self._astral

    def em(self, text: str) -> float:
        """The sum of the widths of ``text``'s characters, in order."""
        values, index, astral, fallback = self._values, self._index, self._astral, self.fallback
        return sum(values[index[cp]] if cp < _PLANE else astral.get(cp, fallback) for cp in map(ord, text))

    def as_dict(self) -> dict[int, float]:
        """Every character the font has, with its width."""
        absent, values = self._absent, self._values
        found = {cp: values[i] for cp, i in enumerate(self._index) if i != absent}
        return {**found, **self._astral}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Widths):
            return NotImplemented
        return self.fallback == other.fallback and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # unhashable: equal by content (typeshed types __hash__ as a method)
