"""The PowerPoint renderer: a model.Deck and a Theme to the bytes of an editable .pptx.

Titles sit in real title placeholders, body text in text frames, tables are tables;
every run carries an explicit size, the deck language and the deck's faces as latin,
East Asian and complex-script font (docs/fonts.md). Output is byte-identical for identical input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from deckbuild.cjk import close_latin_gap
from deckbuild.diagnostics import Diagnostic
from deckbuild.layout.fitter import Fitter
from deckbuild.layout.slides import BodyLayout, layout_slide, overflow_diagnostic
from deckbuild.model.deck import Deck, Slide
from deckbuild.model.kinds import KINDS
from deckbuild.model.labels import labels_for
from deckbuild.model.theme import Theme
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.base import Ctx, KindWriter
from deckbuild.render.pptx.drawingml import shape_tree
from deckbuild.render.pptx.footer import write_footer
from deckbuild.render.pptx.links import resolve_jumps
from deckbuild.render.pptx.package import save_package
from deckbuild.render.pptx.parts import SlideMaker
from deckbuild.render.pptx.placeholders import drop_empty_placeholders
from deckbuild.render.pptx.properties import app_properties, core_properties, set_thumbnail
from deckbuild.render.pptx.template import open_presentation, slide_layout
from deckbuild.render.pptx.text import Style, apply_fonts, write_paragraphs
from deckbuild.render.pptx.thumbnail import thumbnail_jpeg

if TYPE_CHECKING:  # for annotations only: loaded when a deck has charts
    from deckbuild.charts.assets import ChartAssets

NOTES_SIZE = 12.0


def render(deck: Deck, theme: Theme, assets: Mapping[str, ChartAssets], when: dt.datetime,
           progress: Callable[[int, int], None] | None = None) -> tuple[bytes, list[Diagnostic]]:
    """The .pptx bytes for ``deck`` and the warnings met on the way; ``when`` stamps the
    core properties and the zip entries; ``progress(done, total)`` hears of every slide."""
    when = when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)
    prs = open_presentation(theme)
    ooxml.count_partnames(ooxml.package_of(prs))
    maker = SlideMaker(prs)
    ctx = Ctx(deck, theme, Fitter(theme, deck.language), labels_for(deck.language, deck.labels), assets, when)
    faces = ctx.faces()
    # Each kind's slides are made from its first layout name in python-pptx's default
    # template, or from the layout the theme's company template maps it to.
    layouts = {kind: slide_layout(prs, theme, kind.value, spec.layouts[0]) for kind, spec in KINDS.items()}
    made = []
    for index, slide in enumerate(deck.slides, 1):
        write: KindWriter[Any, BodyLayout] = KINDS[slide.kind].pptx.load()
        so = maker.slide(layouts[slide.kind])
        made.append((slide.id, so))
        so.name = slide.title.plain[:80]
        lay = layout_slide(ctx.fitter, deck, slide, ctx.labels)
        write(ctx, so, slide, slide.content, lay.body)
        if ctx.plain:
            drop_empty_placeholders(so)
        write_footer(ctx, so, slide, index, lay.footer)
        warning = overflow_diagnostic(deck, slide, lay, theme)
        if warning is not None:
            ctx.warnings.append(warning)
        _notes(ctx, maker, so, slide)
        apply_fonts(shape_tree(so.element), faces[1], deck.language, faces[0])
        if progress is not None:
            progress(index, len(deck.slides))
    resolve_jumps(made)
    core_properties(prs, deck, when)
    s = theme.slide
    app_properties(prs, deck, abs(s.width * 9 - s.height * 16) < 1)
    set_thumbnail(prs, thumbnail_jpeg(deck, theme, bool(deck.slides) and ctx.dark(deck.slides[0].kind)))
    return save_package(prs, when), ctx.warnings


def _notes(ctx: Ctx, maker: SlideMaker, so, slide: Slide) -> None:
    if not slide.notes:
        return
    notes, body = maker.notes_body(so)
    if body is None:
        return
    style = Style(NOTES_SIZE, ctx.theme.colors.text)
    faces = ctx.faces()
    write_paragraphs(body, [close_latin_gap(text) for text in slide.notes], style, faces)  # as on the slide
    apply_fonts(shape_tree(notes.element), faces[1], ctx.deck.language, faces[0])
