"""Overflow check without rendering: the same geometry and fitter the PPTX renderer uses."""

from __future__ import annotations

from deckbuild.diagnostics import Diagnostics
from deckbuild.model import Deck
from deckbuild.theme import Theme


def overflow_warnings(deck: Deck, theme: Theme, diags: Diagnostics) -> None:
    """Add a warning for every text box of ``deck`` that overflows even at the minimum size."""
    try:
        from deckbuild.render.pptx_fit import overflows
    except ImportError:  # the renderer's fitting layer is not available
        return
    diags.extend(overflows(deck, theme))
