"""Diagnostics as values: located, typed, collected, printed once.

One problem is always one printed line. Paths and messages are printed as they are, except
for characters that would break the line or deceive the reader (see ``printable``), which
are written as escapes: a file named ``a<newline>b.yaml`` prints as ``a\\nb.yaml``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

# What is escaped when printed: C0 and C1 controls and DEL (Cc), line and paragraph
# separators (Zl, Zp), invisible format characters such as bidi overrides and zero-width
# spaces (Cf), lone surrogates (Cs: undecodable bytes of a file name).
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNPRINTABLE = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def printable(text: str) -> str:
    """``text`` with every character that could break a line or deceive the reader written
    as an escape (``\\n``, ``\\t``, ``\\x1b``, ``\\u202e``, ``\\udcff``); other text, including
    every script and emoji, is unchanged."""
    if text.isprintable():  # the common case: nothing to look at
        return text
    category = unicodedata.category
    return "".join(_escape(ch) if category(ch) in _UNPRINTABLE else ch for ch in text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # as a UTF-16 surrogate pair, the only way JSON can escape it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_lines(diagnostics: Iterable[Diagnostic]) -> str:
    """The diagnostics as a JSON array, values exact; the characters ``printable`` escapes
    are written as JSON escapes, so the text is as safe to print and decodes to the same."""
    import json

    text = json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2)
    if text.isprintable():
        return text
    category = unicodedata.category
    return "".join(_json_escape(ch) if ch not in "\n" and category(ch) in _UNPRINTABLE else ch for ch in text)


def quoted(value: object, limit: int = 80) -> str:
    """A user's value for a message: in single quotes, cut to ``limit`` characters."""
    text = str(value)
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A position in a source file; line and column are 1-based (0 = unknown)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        path = printable(self.path)
        if self.line:
            return f"{path}:{self.line}:{self.column}"
        return path


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's input."""

    location: Location
    severity: Severity
    message: str
    code: str = ""

    def format(self) -> str:
        """The diagnostic as one line of text (see ``printable``)."""
        return f"{self.location}: {self.severity.value}: {printable(self.message)}"

    def as_dict(self) -> dict:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Diagnostics:
    """A collector: stages add to it; the command line prints it once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(location, Severity.ERROR, message, code))

    def warning(self, location: Location, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(location, Severity.WARNING, message, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Unique diagnostics in file order."""
        seen: set[Diagnostic] = set()
        out = []
        for d in sorted(self.items, key=lambda d: (d.location, d.severity.value)):
            if d not in seen:
                seen.add(d)
                out.append(d)
        return out


class InputError(Exception):
    """Raised to abandon a stage whose input is invalid; carries the diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` when one is close enough to be a slip, else None."""
    import difflib

    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or ''."""
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match else ""


def with_fix(message: str, hint: str, fix: str) -> str:
    """``message`` + did-you-mean ``hint`` + how to fix it, punctuated either way."""
    return f"{message}{hint} {fix}" if hint else f"{message}; {fix}"
