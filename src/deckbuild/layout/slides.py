"""Layout decisions for every slide of the deck, without python-pptx: where each text box
goes, the type size at which its text fits, and by how much it overflows when it cannot.

The PPTX renderer writes exactly these boxes and sizes (``render.pptx``), and ``deckbuild check`` reports the same overflows through ``overflows``:
one source of truth. Text is measured with the theme's own font files (the ones the
outputs use) by ``deckbuild.layout.text``; nothing here imports python-pptx, reportlab or
matplotlib.

Sizing: a text box gets the largest size from its preferred size down to its minimum
(body text: ``theme.slide.body_size`` to ``body_min``; titles: two lines at most, down to
¾ of the title size) at which its text fits. Text that does not fit even at the minimum
is reported, and shrinks further (down to ``RESCUE`` × the minimum) so that it still
stays inside its box rather than run over its neighbours.

This module lays out whole slides: ``layout_slide``, ``overflow_diagnostic`` and
``overflows``. The work is done by

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
from typing import Optional

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.model.labels import labels_for
from deckbuild.model.deck import Deck, Slide, SlideKind
from deckbuild.model.theme import Theme

from deckbuild.layout.footer import FooterLayout, layout_footer
from deckbuild.layout.text_slides import (
    layout_bullets, layout_closing,
    layout_columns, layout_section, layout_title,
)
from deckbuild.layout.fitter import (
    Fitter, text_blocks,
)


OVERFLOW = "overflow"  # diagnostic code


@dataclass(frozen=True)
class SlideLayout:
    body: object  # TitleLayout, SectionLayout, BulletsLayout, ... by the slide's kind
    footer: FooterLayout

    @property
    def overflow(self) -> float:
        """The worst overflow of the slide's text boxes (0 when everything fits)."""
        return max((b.overflow for b in text_blocks(self)), default=0.0)


# The layout of every slide kind but the title slide (which also needs the deck); the
# visual kinds' are added by _layout_of when first needed.
_LAYOUTS = {
    SlideKind.SECTION: layout_section, SlideKind.BULLETS: layout_bullets, SlideKind.COLUMNS: layout_columns,
    SlideKind.CLOSING: layout_closing,
}
def _layout_of(kind: SlideKind):
    """The layout function of slides of ``kind`` (not the title slide)."""
    found = _LAYOUTS.get(kind)
    if found is None:
        from deckbuild.layout import visuals as v

        _LAYOUTS.update({SlideKind.CHART: v.layout_chart, SlideKind.TABLE: v.layout_table,
                         SlideKind.QUOTE: v.layout_quote, SlideKind.STATS: v.layout_stats,
                         SlideKind.IMAGE: v.layout_image})
        found = _LAYOUTS[kind]
    return found


def layout_slide(f: Fitter, deck: Deck, slide: Slide, labels: Optional[dict] = None) -> SlideLayout:
    """Every box of ``slide`` and the size of its text."""
    if slide.kind is SlideKind.TITLE:
        body: object = layout_title(f, deck, slide)
    else:
        body = _layout_of(slide.kind)(f, slide)
    if labels is None:
        labels = labels_for(deck.language, deck.labels)
    return SlideLayout(body, layout_footer(f, deck, slide, labels))


def clip(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (as the linter names slides)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def overflow_diagnostic(deck: Deck, slide: Slide, layout: SlideLayout) -> Optional[Diagnostic]:
    """The warning for a slide whose text does not fit even at the smallest size, or None."""
    over = layout.overflow
    if over <= 0:
        return None
    title = (slide.title.plain if slide.title else "") or (deck.title if slide.kind is SlideKind.TITLE else "")
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
