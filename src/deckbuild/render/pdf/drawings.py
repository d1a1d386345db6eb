"""A chart's reportlab drawing kept as data, so that a build does not convert its SVG again.

svglib turns a chart's SVG into a tree of reportlab shapes; for the flagship's eight charts
that takes about 1.1 s of CPU per build, while rebuilding the tree from this file takes
about 0.15 s. The file is JSON (it cannot run code when read: it sits in the output folder,
which others may write to): the drawing's size and transform, then its groups, paths and
strings (what svglib makes of matplotlib's SVG), each shape with the properties
``getProperties`` reports and colours as RGBA. A drawing with anything else is not kept
(``encode`` returns None) and is converted on every build.

Reading checks every name and value against what ``encode`` writes (``_PROPERTIES``);
anything else, or a file of another version of this format, reportlab or svglib, is
refused with ValueError (the caller converts the SVG again).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Path, String
from reportlab.lib.colors import Color

FORMAT = 1
_GROUP, _PATH, _STRING = "g", "p", "s"


@lru_cache(maxsize=1)
def stamp() -> str:
    """What a kept drawing was made by: this format, reportlab's version and svglib's converter
    (the size and time of its module: svglib's version is only known once it is imported,
    which is what a kept drawing saves)."""
    import importlib.util

    import reportlab

    spec = importlib.util.find_spec("svglib")
    converter = "none"
    if spec is not None and spec.origin:
        st = os.stat(os.path.join(os.path.dirname(spec.origin), "svglib.py"))
        converter = f"{st.st_size}:{st.st_mtime_ns}"
    return f"{FORMAT}:reportlab {reportlab.Version}:svglib {converter}"


class _NotKept(Exception):
    """A drawing holds something this format does not write."""


_NUMBER_TYPES = {int, float}


def _number(v: Any) -> bool:
    return isinstance(v, (int, float))


def _numbers(v: Any) -> bool:
    return isinstance(v, list) and set(map(type, v)) <= _NUMBER_TYPES


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or check(v)


def _dashes(v: Any) -> bool:
    """reportlab's dash array: [dash, gap, …] or [phase, [dash, gap, …]]."""
    return _numbers(v) or (isinstance(v, list) and len(v) == 2 and _number(v[0]) and _numbers(v[1]))


def _color(v: Any) -> bool:
    return _numbers(v) and len(v) == 4 and all(0 <= x <= 1 for x in v)


_OPERATORS = {0, 1, 2, 3}  # move to, line to, curve to, close
_COLORS = {"fillColor", "strokeColor"}  # kept as [red, green, blue, alpha], or None
# The properties of each kind of shape the format keeps, and what their values may be.
_PROPERTIES: dict[str, dict[str, Callable[[Any], bool]]] = {
    _PATH: {"points": _numbers, "operators": lambda v: isinstance(v, list) and set(v) <= _OPERATORS,
            "isClipPath": _number, "autoclose": _optional(lambda v: v in ("svg", "pdf")), "fillMode": _number,
            "fillColor": _optional(_color), "strokeColor": _optional(_color),
            "fillOpacity": _optional(_number), "strokeOpacity": _optional(_number), "strokeWidth": _number,
            "strokeLineCap": _number, "strokeLineJoin": _number, "strokeMiterLimit": _number,
            "strokeDashArray": _optional(_dashes)},
    _STRING: {"x": _number, "y": _number, "text": lambda v: isinstance(v, str), "textAnchor":
              lambda v: v in ("start", "middle", "end", "numeric"), "fontName": lambda v: isinstance(v, str),
              "fontSize": _number, "fillColor": _optional(_color)},
}


def _plain(value: Any) -> Any:
    """A value as JSON: tuples as lists, colours as [red, green, blue, alpha]."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if type(value) is Color:
        return [value.red, value.green, value.blue, value.alpha]
    return value


def _properties(kind: str, node: Path | String) -> dict[str, Any]:
    """The shape's properties as JSON, when the format has each of them."""
    allowed = _PROPERTIES[kind]
    properties = {name: _plain(value) for name, value in node.getProperties().items()}
    if not all(name in allowed and allowed[name](value) for name, value in properties.items()):
        raise _NotKept(kind)
    return properties


def _encode(node: Any) -> list[Any]:
    if type(node) is Group:
        transform = _plain(node.transform)
        if not (_numbers(transform) and len(transform) == 6):
            raise _NotKept("transform")
        return [_GROUP, transform, [_encode(child) for child in node.contents]]
    if isinstance(node, Path):  # svglib's clipping and unstroked paths report what they draw
        return [_PATH, _properties(_PATH, node)]
    if type(node) is String:
        return [_STRING, _properties(_STRING, node)]
    raise _NotKept(type(node).__name__)


def encode(drawing: Drawing) -> bytes | None:
    """The drawing as this format's bytes, or None when it holds a shape the format has not."""
    try:
        tree = {"stamp": stamp(), "size": [drawing.width, drawing.height], "transform": _plain(drawing.transform),
                "contents": [_encode(child) for child in drawing.contents]}
        if not (_numbers(tree["size"]) and _numbers(tree["transform"]) and len(tree["transform"]) == 6):
            raise _NotKept("size")
    except _NotKept:
        return None
    return json.dumps(tree, separators=(",", ":")).encode()


def _keywords(kind: str, properties: Any) -> dict[str, Any]:
    """A shape's keyword arguments from its properties, each checked."""
    allowed = _PROPERTIES[kind]
    if not isinstance(properties, dict):
        raise ValueError("a shape's properties are not a mapping")
    keywords = {}
    for name, value in properties.items():
        if name not in allowed or not allowed[name](value):
            raise ValueError(f"not a property of this format: {str(name)[:40]!r}")
        keywords[name] = Color(*value) if name in _COLORS and value is not None else value
    return keywords


def _decode(node: Any) -> Group | Path | String:
    if not isinstance(node, list) or len(node) < 2:
        raise ValueError("a shape is not a list")
    kind = node[0]
    if kind == _GROUP and len(node) == 3 and _numbers(node[1]) and len(node[1]) == 6 and isinstance(node[2], list):
        return Group(*[_decode(child) for child in node[2]], transform=tuple(node[1]))
    if kind == _PATH and len(node) == 2:
        keywords = _keywords(_PATH, node[1])
        if len(keywords.get("points", ())) % 2:
            raise ValueError("a path of an odd number of coordinates")
        return Path(**keywords)
    if kind == _STRING and len(node) == 2:
        keywords = _keywords(_STRING, node[1])
        if not {"x", "y", "text"} <= keywords.keys():
            raise ValueError("a string without its place or text")
        return String(keywords.pop("x"), keywords.pop("y"), keywords.pop("text"), **keywords)
    raise ValueError(f"not a shape of this format: {str(kind)[:20]!r}")


def decode(data: bytes) -> Drawing:
    """The drawing ``encode`` wrote; ValueError for anything else."""
    try:
        tree = json.loads(data)
        if not isinstance(tree, dict) or tree.get("stamp") != stamp():
            raise ValueError("made by another version")
        size, transform = tree["size"], tree["transform"]
        if not (_numbers(size) and len(size) == 2 and _numbers(transform) and len(transform) == 6):
            raise ValueError("a drawing's size or transform is not numbers")
        width, height = size
        return Drawing(width, height, *[_decode(child) for child in tree["contents"]],
                       transform=tuple(tree["transform"]))
    except ValueError:
        raise
    except Exception as exc:  # a wrong type anywhere: the shapes' validation raises what it raises
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc
