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
- ``table``: a table's size, column widths and row heights;
- ``footer``: the source line and the slide number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, Union

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.layout.fitter import Fitter, text_blocks
from deckbuild.layout.footer import FooterLayout, layout_footer
from deckbuild.layout.text_slides import BulletsLayout, ClosingLayout, ColumnsLayout, SectionLayout, TitleLayout
from deckbuild.model.deck import Deck, Slide
from deckbuild.model.kinds import KINDS
from deckbuild.model.labels import labels_for
from deckbuild.model.theme import Theme

if TYPE_CHECKING:  # the visual kinds' layouts are loaded with the first such slide
    from deckbuild.layout.visuals import ChartLayout, ImageLayout, QuoteLayout, StatsLayout, TableLayout

OVERFLOW = "overflow"  # diagnostic code

# The layout of a slide's body: one dataclass per slide family.
BodyLayout = Union[TitleLayout, SectionLayout, BulletsLayout, ColumnsLayout, ClosingLayout,
                   "ChartLayout", "TableLayout", "QuoteLayout", "StatsLayout", "ImageLayout"]

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
    """``text`` cut to ``limit`` characters with an ellipsis (as the linter names slides)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def overflow_diagnostic(deck: Deck, slide: Slide, layout: SlideLayout) -> Diagnostic | None:
    """The warning for a slide whose text does not fit even at the smallest size, or None."""
    over = layout.overflow
    if over <= 0:
        return None
    title = (slide.title.plain if slide.title else "") or (deck.title if KINDS[slide.kind].opening else "")
    percent = max(1, math.ceil(over * 100 - 1e-9))
    loc = slide.location or deck.location or Location(deck.name)
    return Diagnostic(loc, Severity.WARNING,
                      f'slide {slide.number} "{clip(title)}": text overflows its box by {percent} %', OVERFLOW)


def overflows(deck: Deck, theme: Theme) -> list[Diagnostic]:
    """A warning for every slide of ``deck`` with text that does not fit its box even at the
    theme's smallest size, located at the slide in the outline."""
    f = Fitter(theme)
    labels = labels_for(deck.language, deck.labels)
    out = []
    for slide in deck.slides:
        d = overflow_diagnostic(deck, slide, layout_slide(f, deck, slide, labels))
        if d is not None:
            out.append(d)
    return out
