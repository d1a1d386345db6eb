"""Layout decisions for every slide of the deck, without python-pptx: where each text box
goes, the type size at which its text fits, and by how much it overflows when it cannot.

The PPTX renderer writes exactly these boxes and sizes (``render.pptx``), and ``deckbuild
check`` reports the same overflows through ``overflows``: one source of truth. Text is
measured with the theme's own font files (the ones the outputs use) by ``deckbuild.text``;
nothing here imports python-pptx, reportlab or matplotlib.

Sizing: a text box gets the largest size from its preferred size down to its minimum
(body text: ``theme.slide.body_size`` to ``body_min``; titles: two lines at most, down to
¾ of the title size) at which its text fits. Text that does not fit even at the minimum
is reported, and shrinks further (down to ``RESCUE`` × the minimum) so that it still
stays inside its box rather than run over its neighbours.

This module lays out whole slides: ``layout_slide`` (with the layout function of the
slide's kind, ``model.kinds``), ``overflow_diagnostic`` and ``overflows``. The work is
done by

- ``fitter``: the ``Fitter`` (measurement with the theme's fonts) and ``TextBlock``;
- ``parts``: the chrome of a content slide, bullet lists, captions;
- ``text_slides``: title, section, bullets, columns and closing slides;
- ``visuals``: chart, table, quote, stats and image slides;
- ``diagram``: diagram slides, over ``diagram_grid`` (where the boxes go);
- ``table``: a table's size, column widths and row heights;
- ``footer``: the source line and the slide number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, Union

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.layout.fitter import TITLE_FLOOR, Fitter, named_blocks, text_blocks
from deckbuild.layout.footer import FooterLayout, layout_footer
from deckbuild.layout.text_slides import BulletsLayout, ClosingLayout, ColumnsLayout, SectionLayout, TitleLayout
from deckbuild.model.deck import Deck, Slide
from deckbuild.model.kinds import KINDS
from deckbuild.model.labels import labels_for
from deckbuild.model.theme import Theme

if TYPE_CHECKING:  # the visual kinds' layouts are loaded with the first such slide
    from deckbuild.layout.diagram import DiagramLayout
    from deckbuild.layout.visuals import ChartLayout, ImageLayout, QuoteLayout, StatsLayout, TableLayout

OVERFLOW = "overflow"  # diagnostic code

# The layout of a slide's body: one dataclass per slide family.
BodyLayout = Union[TitleLayout, SectionLayout, BulletsLayout, ColumnsLayout, ClosingLayout,
                   "ChartLayout", "TableLayout", "QuoteLayout", "StatsLayout", "ImageLayout", "DiagramLayout"]

C_contra = TypeVar("C_contra", contravariant=True)
L_co = TypeVar("L_co", covariant=True)


class KindLayout(Protocol[C_contra, L_co]):
    """A slide kind's layout function (``KindSpec.layout``): the kind's content laid out."""

    def __call__(self, f: Fitter, deck: Deck, slide: Slide, content: C_contra, /) -> L_co: ...


@dataclass(frozen=True)
class SlideLayout:
    body: BodyLayout  # the layout the slide's kind returns
    footer: FooterLayout

    @property
    def overflow(self) -> float:
        """The worst overflow of the slide's text boxes (0 when everything fits)."""
        return max((b.overflow for b in text_blocks(self)), default=0.0)


def layout_slide(f: Fitter, deck: Deck, slide: Slide, labels: dict | None = None) -> SlideLayout:
    """Every box of ``slide`` and the size of its text."""
    layout: KindLayout[Any, BodyLayout] = KINDS[slide.kind].layout.load()
    body = layout(f, deck, slide, slide.content)
    if labels is None:
        labels = labels_for(deck.language, deck.labels)
    return SlideLayout(body, layout_footer(f, deck, slide, labels))


def clip(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (as the linter names slides), its
    no-break spaces (``text.ties``) shown as spaces."""
    text = text.replace("\u00a0", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


# What each field of a layout holds: the outline key it comes from and its name in a message.
_BLOCKS: dict[str, tuple[str | None, str]] = {
    "title": ("title", "title"), "subtitle": ("subtitle", "subtitle"), "body": ("bullets", "bullet text"),
    "side": ("bullets", "bullet text"), "heads": ("", "column heading"), "bodies": ("", "column text"),
    "head": ("chart", "the line above the chart"), "caption": ("caption", "caption"), "table": ("table", "table text"),
    "quote": ("quote", "quote"), "attribution": ("attribution", "attribution"), "values": ("stats", "stat value"),
    "labels": ("stats", "stat label"), "byline": (None, "byline"), "number": (None, "section number"),
    "sources": ("sources", "source line"), "cells": ("diagram", "diagram text"),
    "headings": ("diagram", "diagram heading"), "axes": ("diagram", "axis label"),
}


def _named(path: tuple) -> tuple[str | None, str]:
    """(the outline key, the name) of the text block at ``path`` in a slide's layout."""
    names = [x for x in path if isinstance(x, str) and x not in ("chrome", "block", "footer")]
    if names and names[0] == "body" and len(names) > 1:  # SlideLayout.body is the kind's layout
        names = names[1:]
    field = names[0] if names else ""
    key, noun = _BLOCKS.get(field, (None, "text"))
    if key == "":  # a column: left or right
        index = next((x for x in path if isinstance(x, int)), 0)
        key = ("left", "right")[index] if index < 2 else None
    return key, noun


def floor_name(theme: Theme, smallest: float) -> str:
    """The floor a text shrank below, as the theme names it: 'body_min 14', 'the ¾ floor of 21 pt'."""
    s = theme.slide

    def near(x: float) -> bool:
        return abs(x - smallest) < 1e-6

    if near(s.body_min):
        return f"body_min {s.body_min:g}"
    if near(s.title_size * TITLE_FLOOR):
        return f"the ¾ floor of {smallest:g} pt"
    if near(s.title_size):
        return f"title_size {s.title_size:g}"
    if near(s.small_size):
        return f"small_size {s.small_size:g}"
    if near(s.small_size + 2):
        return f"the table floor of {smallest:g} pt (small_size + 2)"
    return f"its floor of {smallest:g} pt"


def overflow_diagnostic(deck: Deck, slide: Slide, layout: SlideLayout,
                        theme: Theme | None = None) -> Diagnostic | None:
    """The warning for a slide with text that does not fit even at the smallest size allowed,
    or None: what was shrunk (the worst such text), to what size against which floor, and
    whether it fits there, located at the key it comes from."""
    over = [(path, b) for path, b in named_blocks(layout) if b.overflow > 0]
    if not over:
        return None
    path, block = max(over, key=lambda pb: pb[1].overflow)
    key, noun = _named(path)
    title = (slide.title.plain if slide.title else "") or (deck.title if KINDS[slide.kind].opening else "")
    loc = slide.key_location(key) or deck.location or Location(deck.name)
    floor = floor_name(theme, block.smallest) if theme is not None else f"its floor of {block.smallest:g} pt"
    if block.spill <= 0:
        what = f"{noun} fits only at {block.size:g} pt, below {floor}; shorten it"
    else:
        percent = max(1, math.ceil(block.spill * 100 - 1e-9))
        what = (f"{noun} shrunk to {block.size:g} pt, below {floor}, still overflows its box by {percent} %; "
                "shorten it or split the slide")
    return Diagnostic(loc, Severity.WARNING, f'slide {slide.number} "{clip(title)}": {what}', OVERFLOW)


def overflows(deck: Deck, theme: Theme) -> list[Diagnostic]:
    """A warning for every slide of ``deck`` with text that does not fit its box even at the
    theme's smallest size, located at the slide in the outline."""
    f = Fitter(theme, deck.language)
    labels = labels_for(deck.language, deck.labels)
    out = []
    for slide in deck.slides:
        d = overflow_diagnostic(deck, slide, layout_slide(f, deck, slide, labels), theme)
        if d is not None:
            out.append(d)
    return out
