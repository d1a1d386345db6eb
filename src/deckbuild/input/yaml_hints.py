"""What most likely caused a YAML syntax error, said as a fix: PyYAML's messages name the
token it choked on; the hints name the author's mistake (a tab, an unquoted ': ' or
'{{fact}}', a '{' left open, a line indented differently from the one it goes with)."""

from __future__ import annotations

import re

import yaml

_SYNTAX_HINTS = (
    ("found character '\\t' that cannot start any token", "indent with spaces, not tabs"),
    ("mapping values are not allowed here", "quote a value that contains ': '"),
    ("found undefined alias", "define the anchor (&name) before using it (*name)"),
    ("found duplicate anchor", "give each anchor (&name) a different name"),
    ("but found another document", "keep one document per file (remove '---')"),
    ("found unexpected end of stream", "close the quote or bracket"),
    ("while scanning a quoted scalar", "close the quote"),
    ("found unknown escape character", "write a backslash as '\\\\' or use single quotes"),
)


_UNQUOTED_BRACE = re.compile(r"(?:^|[:,\[]\s|^\s*-\s)\s*(\{\{?)")
QUOTE_FACT = "a value that starts with '{{' is read as a YAML mapping: quote it, e.g. title: \"{{fact}} grew\""


def _structure_hint(exc: yaml.MarkedYAMLError, mark, text: str) -> str | None:
    """The likely cause of PyYAML's "expected <block end>" and "expected ',' or '}'": an
    unquoted ``{{fact}}`` or ``{``, a '{...}' left open, or a line indented differently
    from its neighbours."""
    problem = exc.problem or ""
    lines = text.splitlines()
    row = mark.line if mark else -1
    line = lines[row] if 0 <= row < len(lines) else ""
    if problem.startswith("expected ',' or '}'"):
        if "{{" in line:
            return QUOTE_FACT
        start = exc.context_mark
        if "but got '{'" in problem:
            return "quote a text that contains '{' or '}' inside a '{...}' mapping, e.g. {en: \"Share {x}\"}"
        if start is not None and start.line != row:
            return (f"close the '{{' that opens at line {start.line + 1}, column {start.column + 1} with '}}' on its "
                    "line, or put a ',' between its entries; quote a value that contains ':', '{' or '}'")
        return "put a ',' between the entries of a '{...}' mapping; quote a value that contains ':', '{' or '}'"
    if problem.startswith("expected <block end>") or problem.startswith("expected <block"):
        match = _UNQUOTED_BRACE.search(line)
        if match and match.group(1) == "{{":
            return QUOTE_FACT
        sibling = _sibling(lines, row) if line.strip() else None
        if sibling is not None:
            indent, (at, column, item) = len(line) - len(line.lstrip(" ")), sibling
            return (f"check the indentation: line {row + 1} is indented {indent} spaces, but the "
                    f"{'list item' if item else 'key'} on line {at + 1} that it seems to go with is indented "
                    f"{column}; the items of one list, and the keys of one mapping, must line up")
        return ("check the indentation (the keys of one mapping must line up), and quote a value that starts "
                "with a quote, '{' or '[' but goes on after it")
    return None


def _columns(text: str) -> tuple[int | None, int | None]:
    """(column of a list item's dash, column of a key) on a line of block YAML; None: none."""
    indent = len(text) - len(text.lstrip(" "))
    body = text.strip()
    if body == "-" or body.startswith("- "):
        rest = body[1:].lstrip(" ")
        return indent, (indent + len(body) - len(rest) if ":" in rest and not rest.startswith(("{", "[", '"', "'"))
                        else None)
    return None, (indent if ":" in body else None)


_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"|\s#.*")  # quoted text, a comment
_BLOCK_SCALAR = re.compile(r":\s+[|>][-+0-9]*\s*(?:#.*)?$")  # 'key: |' or 'key: >-'


def _structural(lines: list[str], row: int) -> list[bool]:
    """For each line above ``row``: whether it starts an entry of a block list or mapping, not a
    line inside a '{...}' or '[...]' opened on a line before it, nor a line of a block scalar."""
    out, depth, block = [], 0, None  # depth of open brackets; indent of a block scalar's key
    for text in lines[:row]:
        indent = len(text) - len(text.lstrip(" "))
        if block is not None and (not text.strip() or indent > block):
            out.append(False)
            continue
        block = None
        out.append(depth == 0)
        bare = _QUOTED.sub("", text)
        depth = max(0, depth + bare.count("{") + bare.count("[") - bare.count("}") - bare.count("]"))
        if depth == 0 and _BLOCK_SCALAR.search(bare):
            block = indent
    return out


def _sibling(lines: list[str], row: int) -> tuple[int, int, bool] | None:
    """The line a misindented line ``row`` most likely belongs with: of the lines above of its
    kind (list items, or keys), the one at the nearest column at or right of its own (else the
    nearest left of it), as (line, column, whether a list item); None when it lines up."""
    item = _columns(lines[row])[0] is not None
    indent = len(lines[row]) - len(lines[row].lstrip(" "))
    found: list[tuple[int, int]] = []  # (column, line), nearest line first
    structural = _structural(lines, row)
    for i in range(row - 1, -1, -1):
        if structural[i] and lines[i].strip() and not lines[i].lstrip().startswith("#"):
            column = _columns(lines[i])[0 if item else 1]
            if column is not None:
                if column == indent:
                    return None
                found.append((column, i))
    right = [f for f in found if f[0] > indent]
    pick = min(right, key=lambda f: f[0]) if right else max(found, key=lambda f: f[0], default=None)
    return None if pick is None else (pick[1], pick[0], item)


def syntax_message(exc: yaml.MarkedYAMLError, mark, text: str = "") -> str:
    problem = exc.problem or "invalid YAML"
    context = ""
    if exc.context and exc.context != problem:
        cm = exc.context_mark
        where = f" that starts at line {cm.line + 1}, column {cm.column + 1}" if cm and cm is not mark else ""
        context = f" ({exc.context}{where})"
    message = f"YAML syntax error: {problem}{context}"
    hint = _structure_hint(exc, mark, text)
    if hint:
        return f"{message}; {hint}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            return f"{message}; {hint}"
    return message
