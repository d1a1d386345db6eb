"""Warnings of the libraries deckbuild draws with (matplotlib, numpy, reportlab and
Pillow), caught while rendering and reported as deckbuild's own warnings at the input
they concern: nothing a library says reaches stderr raw. Both kinds are caught: Python
warnings, and log records of level WARNING and above (which Python would otherwise print
to stderr when no handler is set up)."""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

from deckbuild.diagnostics import quoted

# A library's words → what the user can do about it (None: said already, by deckbuild).
_KNOWN: tuple[tuple[tuple[str, ...], str | None], ...] = (
    (("constrained_layout not applied", "axes sizes collapsed", "divide by zero", "invalid value encountered"),
     "its texts leave no room for the plot; shorten the titles, categories, legend or annotations"),
    # Every chart text is checked against the theme's fonts when the outline is compiled
    # (deckbuild.input.glyphs), at its own position; matplotlib's word would say it twice.
    (("missing from font",), None),
)


class _Collect(logging.Handler):
    """Log records of level WARNING and above, described, each once."""

    def __init__(self, found: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.found = found

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format
            message = str(record.msg)
        _add(self.found, message)


def _add(found: list[str], message: str) -> None:
    text = describe(message)
    if text is not None and text not in found:  # a font without emoji warns once per glyph: keep one line
        found.append(text)


@contextlib.contextmanager
def caught() -> Iterator[list[str]]:
    """Catch every warning raised and logged inside the block; the list it gives holds
    their descriptions (``describe``), each once, in the order first met."""
    found: list[str] = []
    root = logging.getLogger()
    handler = _Collect(found)
    root.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            # A file left open is said when its object is collected, which may happen inside
            # any block, whoever opened it: nothing about the input, so not the user's to act on.
            warnings.simplefilter("ignore", ResourceWarning)
            warnings.showwarning = lambda message, *args, **kw: _add(found, str(message))
            yield found
    finally:
        root.removeHandler(handler)


def describe(message: str) -> str | None:
    """A library's warning in the user's terms, or its own words (first line, cut short);
    None for one that deckbuild reports itself."""
    for needles, text in _KNOWN:
        if any(n in message for n in needles):
            return text
    first = (message.strip().splitlines() or ["(no message)"])[0]
    return f"the renderer warns: {quoted(first, 160)}"
