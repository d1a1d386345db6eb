"""How much of a text slide's body its content fills, for ``check``'s warning about a slide
that leaves most of its body empty (``sparse_diagnostic``), and every warning laying out a
deck gives (``layout_warnings``).

Bullet lists are spread down their box already (``parts.spread_down``); a list that still
fills less than ``SPARSE`` of the body has too little to say for a slide of its own: merge it
with a neighbour, add the evidence (a chart, a table, numbers), or make it a section slide.
"""

from __future__ import annotations

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.layout.fitter import Fitter
from deckbuild.layout.slides import SlideLayout, clip, layout_slide, overflow_diagnostic
from deckbuild.layout.text_slides import BulletsLayout, ColumnsLayout
from deckbuild.model.deck import Deck, Slide
from deckbuild.model.labels import labels_for
from deckbuild.model.theme import Theme

SPARSE = 0.2  # a text slide whose content fills less of its body's height is warned of
SPARSE_CODE = "sparse-slide"


def body_fill(layout: SlideLayout) -> float | None:
    """The share of the body's height a bullets or columns slide's content fills (None for
    other slides: visuals fill their box, and a closing slide says little by design)."""
    body = layout.body
    if isinstance(body, BulletsLayout):
        return body.body.block.height / body.chrome.content.h
    if isinstance(body, ColumnsLayout):
        top = body.chrome.content.y
        bottom = max(b.block.box.y + b.block.height for b in body.bodies)
        return (bottom - top) / body.chrome.content.h
    return None


def sparse_diagnostic(deck: Deck, slide: Slide, layout: SlideLayout) -> Diagnostic | None:
    """The warning for a text slide that fills less than SPARSE of its body, or None."""
    fill = body_fill(layout)
    if fill is None or fill >= SPARSE:
        return None
    loc = slide.location or deck.location or Location(deck.name)
    return Diagnostic(loc, Severity.WARNING,
                      f'slide {slide.number} "{clip(slide.title.plain)}": its content fills {fill:.0%} of the '
                      f"slide's body (less than {SPARSE:.0%}); merge it with a neighbour, add the evidence (a chart, "
                      "a table, numbers), or make it a section slide", SPARSE_CODE)


def layout_warnings(deck: Deck, theme: Theme) -> list[Diagnostic]:
    """What laying out ``deck`` finds, slide by slide: text that overflows
    (``slides.overflow_diagnostic``) and text slides that leave most of their body empty."""
    f = Fitter(theme, deck.language)
    labels = labels_for(deck.language, deck.labels)
    out: list[Diagnostic] = []
    for slide in deck.slides:
        layout = layout_slide(f, deck, slide, labels)
        out.extend(d for d in (overflow_diagnostic(deck, slide, layout, theme), sparse_diagnostic(deck, slide, layout))
                   if d is not None)
    return out
