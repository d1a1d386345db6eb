"""Overflow check without rendering: the same geometry and fitter the PPTX renderer uses."""

from __future__ import annotations

from deckbuild.diagnostics import Diagnostics
from deckbuild.model import Deck
from deckbuild.render.pptx_fit import overflows
from deckbuild.theme import Theme


def overflow_warnings(deck: Deck, theme: Theme, diags: Diagnostics) -> None:
    """Add a warning for every slide of ``deck`` with text that overflows its box even at the
    theme's smallest size (code "overflow", at the slide's position in the outline)."""
    diags.extend(overflows(deck, theme))
