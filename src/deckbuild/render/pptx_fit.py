"""Layout decisions for every slide of the deck, without python-pptx: where each text box
goes, the type size at which its text fits, and by how much it overflows when it cannot.

The PPTX renderer writes exactly these boxes and sizes (``pptx_slides``, ``pptx_visuals``,
``pptx.py``), and ``deckbuild check`` reports the same overflows through ``overflows``:
one source of truth. Text is measured with the theme's own font files (the ones the
outputs use) by ``deckbuild.textfit``; nothing here imports python-pptx, reportlab or
matplotlib.

Sizing: a text box gets the largest size from its preferred size down to its minimum
(body text: ``theme.slide.body_size`` to ``body_min``; titles: two lines at most, down to
¾ of the title size) at which its text fits. Text that does not fit even at the minimum
is reported, and shrinks further (down to ``RESCUE`` × the minimum) so that it still
stays inside its box rather than run over its neighbours.

This module is the layer's public face: ``layout_slide``, ``overflow_diagnostic`` and
``overflows``. The work is done by

- ``pptx_fitter``: the ``Fitter`` (measurement with the theme's fonts) and ``TextBlock``;
- ``pptx_fit_parts``: the chrome of a content slide, bullet lists, captions;
- ``pptx_fit_slides``: title, section, bullets, columns and closing slides;
- ``pptx_fit_visuals``: chart, table, quote, stats and image slides;
- ``pptx_fit_table``: a table's size, column widths and row heights;
- ``pptx_fit_footer``: the source line and the slide number.

Their names are importable from here too. ``pptx_fit_visuals`` and ``pptx_fit_table`` load
on first use (a deck of text slides never needs them): ``layout_slide`` imports them for
the first chart, table, quote, stats or image slide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import import_module
from typing import Optional

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.labels import labels_for
from deckbuild.model import Deck, Slide, SlideKind
from deckbuild.theme import Theme

from .pptx_fit_footer import FooterLayout, layout_footer, slide_sources, source_line
from .pptx_fit_parts import (
    BulletList, Chrome, bullet_list, bullet_paras, caption_block, chrome, flatten, title_block,
)
from .pptx_fit_slides import (
    BulletsLayout, ClosingLayout, ColumnsLayout, SectionLayout, TitleLayout, layout_bullets, layout_closing,
    layout_columns, layout_section, layout_title,
)
from .pptx_fitter import (
    AUTOSPACE, RESCUE, RESCUE_FLOOR, STEP, TAIL, TITLE_FLOOR, WIDTH_SAFETY, Fitter, TextBlock, caption_size,
    lines_box, text_blocks,
)
from .pptx_layout import COLUMN_GAP

__all__ = [
    "layout_slide", "overflow_diagnostic", "overflows", "clip", "SlideLayout", "OVERFLOW",
    # re-exported from the modules that do the work
    "Fitter", "TextBlock", "text_blocks", "lines_box", "caption_size",
    "WIDTH_SAFETY", "AUTOSPACE", "TAIL", "STEP", "TITLE_FLOOR", "RESCUE", "RESCUE_FLOOR", "COLUMN_GAP",
    "BulletList", "Chrome", "bullet_list", "bullet_paras", "caption_block", "chrome", "flatten", "title_block",
    "TitleLayout", "SectionLayout", "BulletsLayout", "ColumnsLayout", "ClosingLayout",
    "layout_title", "layout_section", "layout_bullets", "layout_columns", "layout_closing",
    "ChartLayout", "TableLayout", "QuoteLayout", "StatsLayout", "ImageLayout",
    "chart_heading", "layout_chart", "layout_table", "layout_quote", "layout_stats", "layout_image",
    "PAD_X", "PAD_Y", "TableGrid", "table_cells", "table_grid",
    "FooterLayout", "layout_footer", "slide_sources", "source_line",
]

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
# Names importable from here that live in the modules loaded on first use.
_LATER = {
    **dict.fromkeys(("PAD_X", "PAD_Y", "TableGrid", "table_cells", "table_grid"), "pptx_fit_table"),
    **dict.fromkeys(("ChartLayout", "ImageLayout", "QuoteLayout", "StatsLayout", "TableLayout", "chart_heading",
                     "layout_chart", "layout_image", "layout_quote", "layout_stats", "layout_table"),
                    "pptx_fit_visuals"),
}


def __getattr__(name: str) -> object:
    """The names of ``pptx_fit_table`` and ``pptx_fit_visuals``, importing them on first use."""
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __package__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LATER})


def _layout_of(kind: SlideKind):
    """The layout function of slides of ``kind`` (not the title slide)."""
    found = _LAYOUTS.get(kind)
    if found is None:
        from . import pptx_fit_visuals as v

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
