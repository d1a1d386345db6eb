"""The PowerPoint renderer: a model.Deck and a Theme to the bytes of an editable .pptx.

Titles sit in real title placeholders, body text in text frames, tables are tables;
every run carries an explicit size, the deck language and the theme family as latin,
East Asian and complex-script font. Output is byte-identical for identical input.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Callable, Mapping

from pptx.oxml.ns import qn

from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Diagnostic
from deckbuild.labels import labels_for
from deckbuild.model import ChartContent, Deck, Rich, Slide, SlideKind, Source, Span
from deckbuild.reproducible import normalize_zip
from deckbuild.theme import Theme

from .pptx_base import DARK, Ctx, soft, textbox
from .pptx_layout import (
    COMPARISON, SECTION_HEADER, TITLE_AND_CONTENT, TITLE_ONLY, TITLE_SLIDE, Geometry, finish_app_properties,
    new_presentation,
)
from .pptx_slides import build_bullets, build_closing, build_columns, build_section, build_title
from .pptx_visuals import build_chart, build_image, build_quote, build_stats, build_table
from .pptx_text import Style, add_rich, add_run, apply_fonts, fit_size, format_paragraph, Para, paragraph

NOTES_SIZE = 12.0
_SLIDENUM_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # fixed: output must not vary

Builder = Callable[[Ctx, object, Slide], None]

# The default template's layout each kind starts from (its placeholders are used) and its builder.
LAYOUTS: dict[SlideKind, tuple[int, Builder]] = {
    SlideKind.TITLE: (TITLE_SLIDE, build_title),
    SlideKind.SECTION: (SECTION_HEADER, build_section),
    SlideKind.BULLETS: (TITLE_AND_CONTENT, build_bullets),
    SlideKind.COLUMNS: (COMPARISON, build_columns),
    SlideKind.CHART: (TITLE_ONLY, build_chart),
    SlideKind.TABLE: (TITLE_ONLY, build_table),
    SlideKind.QUOTE: (TITLE_ONLY, build_quote),
    SlideKind.STATS: (TITLE_ONLY, build_stats),
    SlideKind.IMAGE: (TITLE_ONLY, build_image),
    SlideKind.CLOSING: (TITLE_AND_CONTENT, build_closing),
}


def render(deck: Deck, theme: Theme, assets: Mapping[str, ChartAssets],
           when: dt.datetime) -> tuple[bytes, list[Diagnostic]]:
    """The .pptx bytes for ``deck`` and the warnings met on the way; ``when`` stamps the
    core properties and the zip entries."""
    when = when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)
    prs = new_presentation(theme)
    ctx = Ctx(deck, theme, Geometry.of(theme), labels_for(deck.language, deck.labels), assets)
    family = theme.fonts.family
    for index, slide in enumerate(deck.slides, 1):
        layout, build = LAYOUTS[slide.kind]
        so = prs.slides.add_slide(prs.slide_layouts[layout])
        so.name = slide.title.plain[:80]
        build(ctx, so, slide)
        _footer(ctx, so, slide, index)
        _notes(ctx, so, slide)
        apply_fonts(so.shapes._spTree, family, deck.language)
    _core_properties(prs, deck, when)
    s = theme.slide
    finish_app_properties(prs, len(deck.slides), sum(1 for sl in deck.slides if sl.notes),
                          abs(s.width * 9 - s.height * 16) < 1)
    buf = io.BytesIO()
    prs.save(buf)
    return normalize_zip(buf.getvalue(), when), ctx.warnings


def slide_sources(slide: Slide) -> tuple[Source, ...]:
    """The slide's sources and its chart's, each once, in deck order."""
    found = list(slide.sources)
    if isinstance(slide.content, ChartContent):
        found += slide.content.chart.sources
    unique = {s.id: s for s in reversed(found)}
    return tuple(sorted(unique.values(), key=lambda s: (s.number, s.id)))


def source_line(sources: tuple[Source, ...], label: str, language: str) -> Rich:
    """'来源：[1] Title — Publisher；[2] …' with each title linked to its URL."""
    wide = language.split("-")[0] in ("zh", "ja", "ko")
    spans = [Span(label + ("：" if wide else ": "))]
    for i, s in enumerate(sources):
        if i:
            spans.append(Span("；" if wide else "; "))
        spans.append(Span(f"[{s.number}] "))
        spans.append(Span(s.title, href=s.url or None))
        if s.publisher:
            spans.append(Span(f" — {s.publisher}"))
    return Rich(tuple(spans))


def _footer(ctx: Ctx, so, slide: Slide, index: int) -> None:
    g, s = ctx.geo, ctx.theme.slide
    color = soft(ctx, slide.kind in DARK)
    sources = slide_sources(slide)
    if sources:
        line = source_line(sources, ctx.labels.get("source", "Source"), ctx.deck.language)
        size, ok = fit_size([Para(line.plain)], g.footer.w, g.footer.h, s.small_size, max(7.0, s.small_size - 2))
        if not ok:
            ctx.warn(slide, "source line too long for the footer; shorten the source titles", "pptx-overflow")
        shape, tf = textbox(so, g.footer, "top", name="Sources")
        p = tf.paragraphs[0]
        format_paragraph(p)
        add_rich(p, line, Style(size, color, link=color))
    if slide.kind is not SlideKind.TITLE:
        shape, tf = textbox(so, g.number, "top", name="Slide number")
        p = tf.paragraphs[0]
        format_paragraph(p, align="r")
        run = add_run(p, str(index), Style(s.small_size, color))
        # A slide-number field: PowerPoint and LibreOffice keep it right when slides move.
        r = run._r
        fld = r.makeelement(qn("a:fld"), {"id": _SLIDENUM_FIELD_ID, "type": "slidenum"})
        for child in list(r):
            fld.append(child)
        r.addprevious(fld)
        r.getparent().remove(r)


def _notes(ctx: Ctx, so, slide: Slide) -> None:
    if not slide.notes:
        return
    notes = so.notes_slide
    tf = notes.notes_text_frame
    if tf is None:
        return
    tf.clear()
    first = True
    for text in slide.notes:
        p = paragraph(tf, first)
        add_run(p, text, Style(NOTES_SIZE, ctx.theme.colors.text))
        first = False
    apply_fonts(notes.shapes._spTree, ctx.theme.fonts.family, ctx.deck.language)


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
