"""The size of the box each picture chart fills on its slide, from the deck's layout.

Rendering a chart's PNG at that size (rather than scaling a standard-size picture into a
narrower box) keeps its labels at the type size the theme sets.
"""

from __future__ import annotations

from deckbuild.model.deck import ChartContent, Deck
from deckbuild.model.theme import Theme

MIN_SIDE = 72.0  # points: the smallest picture a chart is drawn at


def picture_sizes(deck: Deck, theme: Theme) -> dict[str, tuple[float, float]]:
    """Width and height in points of every chart's box on its slide, by chart digest."""
    from deckbuild.layout.fitter import Fitter
    from deckbuild.layout.slides import layout_slide
    from deckbuild.layout.visuals import ChartLayout

    fitter = Fitter(theme, deck.language)
    sizes: dict[str, tuple[float, float]] = {}
    for slide in deck.slides:
        if isinstance(slide.content, ChartContent):
            body = layout_slide(fitter, deck, slide).body
            assert isinstance(body, ChartLayout)
            box = body.chart
            # A box that long text left (nearly) empty still gets a picture that can be drawn.
            sizes.setdefault(slide.content.chart.digest, (max(box.w, MIN_SIDE), max(box.h, MIN_SIDE)))
    return sizes
