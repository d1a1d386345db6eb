"""Warnings of the libraries deckbuild draws with (matplotlib, numpy, reportlab, svglib,
Pillow), caught while rendering and reported as deckbuild's own warnings at the input
they concern: nothing a library says reaches stderr raw."""

from __future__ import annotations

import contextlib
import warnings
from typing import Iterator

from deckbuild.diagnostics import quoted

# A library's words → what the user can do about it.
_KNOWN = (
    (("constrained_layout not applied", "axes sizes collapsed", "divide by zero", "invalid value encountered"),
     "its texts leave no room for the plot; shorten the titles, categories, legend or annotations"),
    (("missing from font",),
     "a character has no glyph in the chart's font and is drawn as a box"),
)


@contextlib.contextmanager
def caught() -> Iterator[list[str]]:
    """Catch every warning raised inside the block; when it ends, the list it gave holds
    their descriptions (``describe``), each once, in the order first met."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        yield found
    for r in records:
        text = describe(str(r.message))
        if text not in found:
            found.append(text)


def describe(message: str) -> str:
    """A library's warning in the user's terms, or its own words (first line, cut short)."""
    for needles, text in _KNOWN:
        if any(n in message for n in needles):
            return text
    first = (message.strip().splitlines() or ["(no message)"])[0]
    return f"the renderer warns: {quoted(first, 160)}"
