"""Read YAML safely into a tree of located nodes.

Every node keeps the file, line and column it came from, so that validation and
compilation can point at the exact place of a problem. Only plain data is read: no
tags that construct objects, no duplicate keys, bounded size, depth and node count
(alias expansion counts, so "billion laughs" stops early).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Union

import yaml

from deckbuild.diagnostics import Diagnostic, InputError, Location, Severity

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "omap", "set", "merge")
}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Node:
    loc: Location


@dataclass
class Scalar(Node):
    value: Any  # str, int, float, bool or None (timestamps become ISO strings)


@dataclass
class Mapping(Node):
    entries: dict[str, tuple[Scalar, "AnyNode"]] = field(default_factory=dict)

    def get(self, key: str) -> Optional["AnyNode"]:
        pair = self.entries.get(key)
        return pair[1] if pair else None

    def key_loc(self, key: str) -> Location:
        pair = self.entries.get(key)
        return pair[0].loc if pair else self.loc

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def items(self) -> Iterator[tuple[str, "AnyNode"]]:
        for k, (_, v) in self.entries.items():
            yield k, v


@dataclass
class Sequence(Node):
    items: list["AnyNode"] = field(default_factory=list)


AnyNode = Union[Scalar, Mapping, Sequence]


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory if inside."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _fail(shown: str, message: str, line: int = 0, col: int = 0, code: str = "yaml") -> InputError:
    return InputError([Diagnostic(Location(shown, line, col), Severity.ERROR, message, code)])


def read_text(path: Path, shown: Optional[str] = None, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file (BOM accepted), refusing what is not text."""
    shown = shown or display_path(path)
    if not path.exists():
        raise _fail(shown, "file not found; check the path", code="missing-file")
    if path.is_dir():
        raise _fail(shown, "is a directory, not a YAML file", code="not-a-file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise _fail(shown, f"file is {size} bytes, over the limit of {limit} bytes", code="too-large")
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(shown, f"cannot read file: {exc.strerror}", code="unreadable") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", "replace")
        line, col = _position(prefix, len(prefix))
        raise _fail(shown, f"invalid UTF-8 byte 0x{data[exc.start]:02x}; save the file as UTF-8",
                    line, col, code="encoding") from None
    m = _CONTROL.search(text)
    if m:
        line, col = _position(text, m.start())
        raise _fail(shown, f"control character U+{ord(m.group()):04X} is not allowed; remove it",
                    line, col, code="control-char")
    return text


def load_yaml(path: Path, shown: Optional[str] = None, text: Optional[str] = None) -> AnyNode:
    """Parse one YAML file into located nodes, or raise InputError."""
    shown = shown or display_path(path)
    if text is None:
        text = read_text(path, shown)
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise _fail(shown, "file is empty; expected a mapping of keys such as 'title:'", 1, 1, code="empty")
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = ""
        if exc.context and exc.context != problem:
            cm = exc.context_mark
            where = f" that starts at line {cm.line + 1}, column {cm.column + 1}" if cm and cm is not mark else ""
            context = f" ({exc.context}{where})"
        raise _fail(shown, f"YAML syntax error: {problem}{context}",
                    (mark.line + 1) if mark else 0, (mark.column + 1) if mark else 0) from None
    except yaml.YAMLError as exc:
        raise _fail(shown, f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise _fail(shown, f"nesting is too deep (limit {MAX_DEPTH} levels)", code="too-deep") from None
    finally:
        loader.dispose()
    if root is None:
        raise _fail(shown, "file is empty; expected a mapping of keys such as 'title:'", 1, 1, code="empty")
    return _Converter(shown, loader).convert(root)


class _Converter:
    def __init__(self, shown: str, loader: yaml.SafeLoader):
        self.shown = shown
        self.loader = loader
        self.count = 0

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.shown, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node, depth: int = 0) -> AnyNode:
        self.count += 1
        if self.count > MAX_NODES:
            raise _fail(self.shown, f"too many YAML nodes (limit {MAX_NODES}); aliases may be expanding without bound",
                        *self._lc(node), code="too-many-nodes")
        if depth > MAX_DEPTH:
            raise _fail(self.shown, f"nesting is too deep (limit {MAX_DEPTH} levels)", *self._lc(node), code="too-deep")
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _fail(self.shown, f"tag '{tag}' is not allowed; deckbuild reads plain data only",
                        *self._lc(node), code="tag")
        if isinstance(node, yaml.ScalarNode):
            return Scalar(self.loc(node), self._scalar(node))
        if isinstance(node, yaml.SequenceNode):
            return Sequence(self.loc(node), [self.convert(n, depth + 1) for n in node.value])
        assert isinstance(node, yaml.MappingNode)
        self.loader.flatten_mapping(node)  # merge keys (<<) as YAML defines them
        out = Mapping(self.loc(node))
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise _fail(self.shown, "a mapping key must be a plain string", *self._lc(knode), code="key")
            key = self._scalar(knode)
            key_s = str(key).lower() if isinstance(key, bool) else ("" if key is None else str(key))
            if key_s in out.entries:
                first = out.entries[key_s][0].loc
                raise _fail(self.shown, f"duplicate key '{key_s}' (first defined at line {first.line}); keep one",
                            *self._lc(knode), code="duplicate-key")
            self.count += 1
            out.entries[key_s] = (Scalar(self.loc(knode), key_s), self.convert(vnode, depth + 1))
        return out

    @staticmethod
    def _lc(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:binary":
            raise _fail(self.shown, "binary values are not supported", *self._lc(node), code="tag")
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise _fail(self.shown, f"invalid value: {exc}", *self._lc(node), code="value") from None
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        return value


def plain(node: Optional[AnyNode]) -> Any:
    """The node as plain Python data (positions dropped)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [plain(n) for n in node.items]
    return {k: plain(v) for k, v in node.items()}
