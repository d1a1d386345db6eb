"""Diagnostics as values: located, typed, collected, printed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Optional


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
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's input."""

    location: Location
    severity: Severity
    message: str
    code: str = ""

    def format(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"

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


def closest(word: str, choices: Iterable[str]) -> Optional[str]:
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
