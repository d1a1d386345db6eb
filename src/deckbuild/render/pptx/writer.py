"""The PowerPoint renderer: a model.Deck and a Theme to the bytes of an editable .pptx.

Titles sit in real title placeholders, body text in text frames, tables are tables;
every run carries an explicit size, the deck language and the theme family as latin,
East Asian and complex-script font. Output is byte-identical for identical input.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional

from deckbuild.diagnostics import Diagnostic
from deckbuild.layout.fitter import Fitter
from deckbuild.layout.footer import FooterLayout
from deckbuild.layout.slides import BodyLayout, layout_slide, overflow_diagnostic
from deckbuild.model.deck import Deck, Slide
from deckbuild.model.kinds import KINDS
from deckbuild.model.labels import labels_for
from deckbuild.model.theme import Theme
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.base import Ctx, KindWriter, soft, textbox
from deckbuild.render.pptx.drawingml import shape_tree
from deckbuild.render.pptx.links import resolve_jumps
from deckbuild.render.pptx.ns import qn
from deckbuild.render.pptx.package import save_package
from deckbuild.render.pptx.parts import SlideMaker
from deckbuild.render.pptx.placeholders import drop_empty_placeholders
from deckbuild.render.pptx.template import finish_app_properties, open_presentation, slide_layout
from deckbuild.render.pptx.text import Style, add_rich, add_run, apply_fonts, font_faces, format_paragraph, paragraph, write_paragraphs

if TYPE_CHECKING:  # for annotations only: loaded when a deck has charts
    from deckbuild.charts.assets import ChartAssets

NOTES_SIZE = 12.0
_SLIDENUM_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # fixed: output must not vary


def render(deck: Deck, theme: Theme, assets: Mapping[str, ChartAssets], when: dt.datetime,
           progress: Optional[Callable[[int, int], None]] = None) -> tuple[bytes, list[Diagnostic]]:
    """The .pptx bytes for ``deck`` and the warnings met on the way; ``when`` stamps the
    core properties and the zip entries; ``progress(done, total)`` hears of every slide."""
    when = when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)
    prs = open_presentation(theme)
    ooxml.count_partnames(ooxml.package_of(prs))
    maker = SlideMaker(prs)
    ctx = Ctx(deck, theme, Fitter(theme), labels_for(deck.language, deck.labels), assets)
    family = theme.fonts.family
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
        _footer(ctx, so, slide, index, lay.footer)
        warning = overflow_diagnostic(deck, slide, lay)
        if warning is not None:
            ctx.warnings.append(warning)
        _notes(ctx, maker, so, slide)
        apply_fonts(shape_tree(so.element), family, deck.language, theme.fonts.latin)
        if progress is not None:
            progress(index, len(deck.slides))
    resolve_jumps(made)
    _core_properties(prs, deck, when)
    s = theme.slide
    finish_app_properties(prs, len(deck.slides), sum(1 for sl in deck.slides if sl.notes),
                          abs(s.width * 9 - s.height * 16) < 1)
    return save_package(prs, when), ctx.warnings


def _footer(ctx: Ctx, so, slide: Slide, index: int, lay: FooterLayout) -> None:
    s = ctx.theme.slide
    color = soft(ctx, ctx.dark(slide.kind))
    if lay.sources is not None:
        shape, tf = textbox(so, lay.sources.box, "top", name="Sources")
        p = paragraph(tf, True)
        format_paragraph(p)
        add_rich(p, lay.line, Style(lay.sources.size, color, link=color))
    if lay.number is not None:
        shape, tf = textbox(so, lay.number, "top", name="Slide number")
        p = paragraph(tf, True)
        format_paragraph(p, align="r")
        run = add_run(p, str(index), Style(s.small_size, color))
        # A slide-number field: PowerPoint and LibreOffice keep it right when slides move.
        r = ooxml.run_xml(run)
        fld = r.makeelement(qn("a:fld"), {"id": _SLIDENUM_FIELD_ID, "type": "slidenum"})
        for child in list(r):
            fld.append(child)
        r.addprevious(fld)
        r.getparent().remove(r)


def _notes(ctx: Ctx, maker: SlideMaker, so, slide: Slide) -> None:
    if not slide.notes:
        return
    notes, body = maker.notes_body(so)
    if body is None:
        return
    fonts = ctx.theme.fonts
    style = Style(NOTES_SIZE, ctx.theme.colors.text)
    write_paragraphs(body, slide.notes, style, font_faces(fonts.family, fonts.latin))
    apply_fonts(shape_tree(notes.element), fonts.family, ctx.deck.language, fonts.latin)


def _core_properties(prs, deck: Deck, when: dt.datetime) -> None:
    naive = when.replace(tzinfo=None)
    cp = prs.core_properties
    cp.title = deck.title[:255]
    cp.subject = deck.subtitle[:255]
    cp.author = deck.author[:255]
    cp.last_modified_by = deck.author[:255]
    cp.language = deck.language
    cp.comments = ""
    cp.keywords = ""
    cp.created = naive
    cp.modified = naive
    cp.last_printed = naive
    cp.revision = 1
