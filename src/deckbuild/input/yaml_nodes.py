"""Read YAML safely into a tree of located nodes.

Every node keeps the file, line and column it came from, so that validation and
compilation can point at the exact place of a problem. Only plain data is read: no
tags that construct objects, no duplicate keys, bounded size, depth and node count
(checked while the file is parsed, and again while aliases are expanded, so that a
"billion laughs" file stops early with bounded memory). Strings may not hold characters
that XML (and so PPTX and PDF metadata) cannot carry, even when written as escapes.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, Event

from deckbuild.diagnostics import Diagnostic, InputError, Location, Severity
from deckbuild.digests import note_found, note_missing, note_read
from deckbuild.input.numbers import underflows
from deckbuild.input.yaml_hints import QUOTE_FACT, syntax_message

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_EXPANDED_TEXT = MAX_FILE_BYTES  # characters of text once aliases and merge keys are expanded

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "omap", "set", "merge")
}
_MERGE = "tag:yaml.org,2002:merge"
# Characters refused anywhere in a file: C0 controls except tab and line breaks, DEL and C1
# controls except NEL, surrogates, and the non-characters U+FFFE and U+FFFF. XML 1.0 cannot
# carry most of them; the others are invisible and almost always a mistake.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def illegal_character(text: str) -> re.Match | None:
    """The first character deckbuild refuses in text, or None."""
    return _CONTROL.search(text)


def describe_character(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X}"
    if code in (0xFFFE, 0xFFFF):
        return f"non-character U+{code:04X}"
    return f"control character U+{code:04X}"


@dataclass
class Node:
    loc: Location


@dataclass
class Scalar(Node):
    value: Any  # str, int, float, bool or None (timestamps become ISO strings)


@dataclass
class Mapping(Node):
    entries: dict[str, tuple[Scalar, AnyNode]] = field(default_factory=dict)

    def get(self, key: str) -> AnyNode | None:
        pair = self.entries.get(key)
        return pair[1] if pair else None

    def key_loc(self, key: str) -> Location:
        pair = self.entries.get(key)
        return pair[0].loc if pair else self.loc

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def items(self) -> Iterator[tuple[str, AnyNode]]:
        for k, (_, v) in self.entries.items():
            yield k, v


@dataclass
class Sequence(Node):
    items: list[AnyNode] = field(default_factory=list)


AnyNode: TypeAlias = Scalar | Mapping | Sequence


def items_of(node: AnyNode | None) -> list[AnyNode]:
    """The items of a sequence node; none for anything else."""
    return node.items if isinstance(node, Sequence) else []


def string_of(node: AnyNode | None, default: str) -> str:
    """A scalar node's value as a string; ``default`` for anything else or a null."""
    return str(node.value) if isinstance(node, Scalar) and node.value is not None else default


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory if inside."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("..") else str(path)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``; \\r\\n, \\r and \\n end lines."""
    before = text[:index]
    breaks = list(re.finditer("\r\n|\r|\n", before))
    line = len(breaks) + 1
    start = breaks[-1].end() if breaks else 0
    return line, index - start + 1


def _fail(shown: str, message: str, line: int = 0, col: int = 0, code: str = "yaml") -> InputError:
    return InputError([Diagnostic(Location(shown, line, col), Severity.ERROR, message, code)])


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n % (1024 * 1024) == 0 else f"{n} bytes"


def read_text(path: Path, shown: str | None = None, limit: int = MAX_FILE_BYTES, what: str = "YAML") -> str:
    """Read a UTF-8 text file (BOM accepted), refusing what is not text.

    ``what`` names the expected kind of file in messages ('YAML', 'CSV')."""
    shown = shown or display_path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        note_missing(path)
        raise _fail(shown, "file not found; check the path", code="missing-file") from None
    except OSError as exc:
        note_found(path)
        raise _fail(shown, f"cannot read file: {exc.strerror}; check the path and its permissions",
                    code="unreadable") from None
    note_found(path)
    if stat.S_ISDIR(st.st_mode):
        raise _fail(shown, f"is a directory, not a {what} file", code="not-a-file")
    if not stat.S_ISREG(st.st_mode):
        raise _fail(shown, f"is not a regular file (a device, pipe or socket); name a {what} file",
                    code="not-a-file")
    if st.st_size > limit:
        raise _fail(shown, f"file is {st.st_size} bytes, over the limit of {limit} bytes ({_size(limit)}); "
                    "split it into smaller files", code="too-large")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise _fail(shown, f"cannot read file: {exc.strerror}; check its permissions", code="unreadable") from None
    if len(data) > limit:
        raise _fail(shown, f"file is over the limit of {limit} bytes ({_size(limit)}); split it into smaller files",
                    code="too-large")
    note_read(path, data)  # what the build made its artifacts from (``Session.snapshot``)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(shown, "the file is UTF-16; save it as UTF-8", 1, 1, code="encoding")
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
        raise _fail(shown, f"{describe_character(m.group())} is not allowed; remove it",
                    line, col, code="control-char")
    return text


# --- parsing ----------------------------------------------------------------------------


class _Limit(Exception):
    def __init__(self, mark, message: str, code: str):
        super().__init__(message)
        self.mark, self.message, self.code = mark, message, code


class _LimitedComposer(Composer):
    """Counts nodes and depth while composing, before anything is expanded."""

    peek_event: Callable[[], Event]  # the parser's, which each loader mixes in beside the composer

    def _start_limits(self) -> None:
        Composer.__init__(self)
        self.node_count = 0
        self.depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if not isinstance(event, AliasEvent):
            self.node_count += 1
            if self.node_count > MAX_NODES:
                raise _Limit(event.start_mark, _TOO_MANY, "too-many-nodes")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Limit(event.start_mark, _TOO_DEEP, "too-deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_TOO_MANY = (f"too many YAML nodes (limit {MAX_NODES}): the file is too large, or aliases (*name) "
             "expand without bound; split the file or remove the aliases")
_TOO_DEEP = f"nesting is too deep (limit {MAX_DEPTH} levels); flatten the structure"


class _PyLoader(_LimitedComposer, yaml.SafeLoader):
    def __init__(self, text: str):
        yaml.SafeLoader.__init__(self, text)
        self._start_limits()


FastLoader: type[yaml.CSafeLoader] | None = None
"""libyaml's parser (fast) with the Python composer and its limits on top; None without libyaml,
when PyYAML's own parser is used (tests set it to None to compare the two)."""
if yaml.__with_libyaml__:
    class _FastLoader(_LimitedComposer, yaml.CSafeLoader):
        def __init__(self, text: str):
            yaml.CSafeLoader.__init__(self, text)
            self._start_limits()

    FastLoader = _FastLoader

def _compose(text: str, shown: str, python: bool = False) -> tuple[yaml.Node | None, Any]:
    loader = _PyLoader(text) if python or FastLoader is None else FastLoader(text)
    try:
        return loader.get_single_node(), loader
    except _Limit as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (0, 0)
        raise _fail(shown, exc.message, line, col, code=exc.code) from None
    except yaml.MarkedYAMLError as exc:
        if not python and FastLoader is not None:
            return _compose(text, shown, python=True)  # PyYAML's messages are the documented ones
        mark = exc.problem_mark or exc.context_mark
        raise _fail(shown, syntax_message(exc, mark, text),
                    (mark.line + 1) if mark else 0, (mark.column + 1) if mark else 0) from None
    except yaml.YAMLError as exc:
        if not python and FastLoader is not None:
            return _compose(text, shown, python=True)
        raise _fail(shown, f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise _fail(shown, _TOO_DEEP, code="too-deep") from None
    finally:
        loader.dispose()


def load_yaml(path: Path, shown: str | None = None, text: str | None = None) -> AnyNode:
    """Parse one YAML file into located nodes, or raise InputError."""
    shown = shown or display_path(path)
    if text is None:
        text = read_text(path, shown)
    elif text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        raise _fail(shown, "file is empty; expected a mapping of keys such as 'title:'", 1, 1, code="empty")
    root, loader = _compose(text, shown)
    if root is None:
        raise _fail(shown, "file is empty; expected a mapping of keys such as 'title:'", 1, 1, code="empty")
    converter = _Converter(shown, loader, text)
    converter.measure(root)
    return converter.convert(root)


class _Converter:
    """yaml nodes → located nodes; expands aliases and merge keys within the node budget."""

    def __init__(self, shown: str, loader: Any, text: str):
        self.shown = shown
        self.loader = loader
        self.text = text
        self.count = 0
        self._line_starts: list[int] | None = None

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.shown, node.start_mark.line + 1, node.start_mark.column + 1)

    def measure(self, root: yaml.Node) -> None:
        """Refuse, before expanding anything, a tree whose aliases expand beyond the limits.

        Counts each shared node once per use without visiting it again, so a "billion laughs"
        file is measured in the time it takes to read it."""
        sizes: dict[int, int] = {}
        chars: dict[int, int] = {}  # characters of text in the expanded subtree

        def size(node: yaml.Node, depth: int) -> int:
            known = sizes.get(id(node))
            if known is not None:
                return known
            if depth >= MAX_DEPTH:  # also ends an alias that contains itself
                raise _fail(self.shown, _TOO_DEEP + " (or remove an alias that contains itself)", *self._lc(node),
                            code="too-deep")
            total, text = 1, 0
            if isinstance(node, yaml.ScalarNode):
                text = len(node.value)
            else:
                children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
                for child in children:
                    total += size(child, depth + 1)
                    text += chars[id(child)]
            sizes[id(node)], chars[id(node)] = total, text
            return total

        if size(root, 0) > MAX_NODES:
            raise _fail(self.shown, _TOO_MANY, *self._lc(self._heaviest(root, sizes, MAX_NODES)),
                        code="too-many-nodes")
        if chars[id(root)] > MAX_EXPANDED_TEXT:
            node = self._heaviest(root, chars, MAX_EXPANDED_TEXT)
            raise _fail(self.shown, f"aliases expand the text to over {MAX_EXPANDED_TEXT} characters (the limit, "
                        "the most a file can hold without them); repeat less text", *self._lc(node),
                        code="too-much-text")

    @staticmethod
    def _heaviest(root: yaml.Node, sizes: dict[int, int], limit: int) -> yaml.Node:
        """The smallest collection under ``root`` that is over ``limit`` by itself."""
        node = root
        while isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
            heavy = [c for c in children if sizes.get(id(c), 0) > limit]
            if not heavy:
                break
            node = heavy[0]
        return node

    def _spend(self, node: yaml.Node, n: int = 1) -> None:
        self.count += n
        if self.count > MAX_NODES:
            raise _fail(self.shown, _TOO_MANY, *self._lc(node), code="too-many-nodes")

    def convert(self, node: yaml.Node, depth: int = 0) -> AnyNode:
        self._spend(node)
        if depth >= MAX_DEPTH:
            raise _fail(self.shown, _TOO_DEEP + " (or remove an alias that contains itself)", *self._lc(node),
                        code="too-deep")
        self._check_tag(node)
        if isinstance(node, yaml.ScalarNode):
            return Scalar(self.loc(node), self._scalar(node))
        if isinstance(node, yaml.SequenceNode):
            return Sequence(self.loc(node), [self.convert(n, depth + 1) for n in node.value])
        assert isinstance(node, yaml.MappingNode)
        out = Mapping(self.loc(node))
        merged: dict[str, tuple[Scalar, AnyNode]] = {}
        for knode, vnode in node.value:
            if knode.tag == _MERGE:
                self._merge(vnode, depth, merged)
                continue
            self._check_tag(knode)
            if not isinstance(knode, yaml.ScalarNode):
                message = "a mapping key must be a plain string; write the key as text"
                if node.flow_style and isinstance(knode, yaml.MappingNode) and knode.flow_style and not vnode.value:
                    message = QUOTE_FACT  # {{fact}} unquoted: YAML reads a mapping inside a mapping
                raise _fail(self.shown, message, *self._lc(knode), code="key")
            key = self._scalar(knode)
            key_s = str(key).lower() if isinstance(key, bool) else ("" if key is None else str(key))
            if key_s in out.entries:
                first = out.entries[key_s][0].loc
                raise _fail(self.shown,
                            f"duplicate key '{_clip(key_s)}' (first defined at line {first.line}); keep one",
                            *self._lc(knode), code="duplicate-key")
            self._spend(knode)
            out.entries[key_s] = (Scalar(self.loc(knode), key_s), self.convert(vnode, depth + 1))
        for key, pair in merged.items():  # explicit keys override merged ones, as YAML defines
            out.entries.setdefault(key, pair)
        return out

    def _merge(self, vnode: yaml.Node, depth: int, merged: dict) -> None:
        sources = vnode.value if isinstance(vnode, yaml.SequenceNode) else [vnode]
        for src in sources:
            if not isinstance(src, yaml.MappingNode):
                raise _fail(self.shown, "a merge key '<<' takes an alias of a mapping (<<: *name) or a list of them",
                            *self._lc(src), code="merge")
            converted = self.convert(src, depth + 1)
            assert isinstance(converted, Mapping)
            self._spend(src, len(converted.entries))
            for key, pair in converted.entries.items():
                merged.setdefault(key, pair)  # the first mapping listed wins

    def _check_tag(self, node: yaml.Node) -> None:
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _fail(self.shown, f"tag '{_clip(tag, 60)}' is not allowed; deckbuild reads plain data only",
                        *self._lc(node), code="tag")

    @staticmethod
    def _lc(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:binary":
            raise _fail(self.shown, "binary values (!!binary) are not supported; put the data in a file",
                        *self._lc(node), code="tag")
        try:
            value = self.loader.construct_object(node, deep=True)
        except Exception as exc:  # any constructor failure is the user's value, not our bug
            raise _fail(self.shown, self._value_message(node, exc), *self._lc(node), code="value") from None
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        if isinstance(value, float) and underflows(str(node.value), value):
            return str(node.value)  # as written: where a number goes, it is an error there (schema.Num)
        if isinstance(value, str):
            value = self._check_string(node, value)
        return value

    def _value_message(self, node: yaml.ScalarNode, exc: Exception) -> str:
        shown = _clip(str(node.value))
        if node.tag == "tag:yaml.org,2002:timestamp":
            return f"'{shown}' is not a valid date ({exc}); fix it, or quote it to keep it as text"
        if "integer string conversion" in str(exc):
            return (f"number '{shown}' has {len(str(node.value))} digits, too many to read; "
                    "write it with an exponent, e.g. 1.5e12")
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"invalid {tag} value '{shown}' ({_clip(detail, 60)}); fix it, or quote it to keep it as text"

    def _check_string(self, node: yaml.ScalarNode, value: str) -> str:
        if _SURROGATE.search(value):
            # JSON-style pairs such as "\ud83d\ude00" name one character: join them.
            try:
                value = value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                pass
        m = _CONTROL.search(value)
        if m is None:
            return value
        ch = m.group()
        found = self._find_escape(node)
        line, col, ch = found if found else (*self._lc(node), ch)
        if 0xD800 <= ord(ch) <= 0xDFFF:
            fix = "write the character itself, or one \\U escape with 8 hex digits"
        else:
            fix = "remove the escape"
        raise _fail(self.shown, f"{describe_character(ch)} (written as an escape) cannot go into a deck or "
                    f"report; {fix}",
                    line, col, code="control-char")

    def _find_escape(self, node: yaml.ScalarNode) -> tuple[int, int, str] | None:
        """Line, column and character of the first escape in a double-quoted scalar that gives
        a refused character (the file itself holds none: ``read_text`` refused those)."""
        if node.style != '"':
            return None
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _YAML_BREAK.finditer(self.text)]
        starts = self._line_starts
        line0 = node.start_mark.line
        if line0 >= len(starts):
            return None
        text = self.text
        i = starts[line0] + node.start_mark.column
        if i >= len(text) or text[i] != '"':
            return None
        i += 1
        escapes = re.compile(r'\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre"/\\N_LP \t])|"')
        found: list[tuple[int, str]] = []
        for m in escapes.finditer(text, i):
            if m.group() == '"':
                break
            code = m.group(1)
            ch = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "e": "\x1b"}.get(code)
            if ch is None and code[0] in "xuU" and len(code) > 1:
                ch = chr(int(code[1:], 16))
            found.append((m.start(), ch or ""))
        for n, (at, ch) in enumerate(found):
            if ch and _CONTROL.match(ch):
                nxt = found[n + 1][1] if n + 1 < len(found) else ""
                prev = found[n - 1][1] if n else ""
                if "\ud800" <= ch <= "\udbff" and nxt and "\udc00" <= nxt <= "\udfff" and found[n + 1][0] == at + 6:
                    continue  # the first half of a pair
                if "\udc00" <= ch <= "\udfff" and prev and "\ud800" <= prev <= "\udbff" and found[n - 1][0] == at - 6:
                    continue
                i = bisect.bisect_right(starts, at) - 1
                return i + 1, at - starts[i] + 1, ch
        return None


def _clip(s: str, n: int = 30) -> str:
    s = str(s).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def plain(node: AnyNode | None) -> Any:
    """The node as plain Python data (positions dropped)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [plain(n) for n in node.items]
    return {k: plain(v) for k, v in node.items()}
