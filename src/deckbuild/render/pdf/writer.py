"""The PDF report: a typeset analyst's report compiled from the same model as the deck.

Title page, table of contents, executive summary, one numbered part per section slide
with a subsection per slide (its report prose, then its content set for print: key
points, figures, tables, quotes, figures in numbers), a concluding part and the numbered
source list. Charts are vector drawings (each chart drawn once by matplotlib as a one-page
PDF, placed as a form), every font is the theme's (embedded), the outline mirrors the
headings, and the bytes depend only on the inputs and ``when``.

Modules: pdf_styles (paragraph styles), pdf_markup (rich text → escaped markup),
pdf_wrap (CJK line breaking), pdf_figures (charts, pictures, placeholders),
pdf_doc (document template, header/footer, contents, outline, metadata), pdf_story
(slides → flowables).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4

from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.model.deck import Deck, SectionContent
from deckbuild.model.labels import labels_for
from deckbuild.model.theme import Theme
from deckbuild.render.pdf import markup as mk
from deckbuild.render.pdf.doc import LaidOut, page_size
from deckbuild.render.pdf.doc import lay_out as doc_lay_out
from deckbuild.render.pdf.story import StoryBuilder
from deckbuild.render.pdf.styles import make_styles

__all__ = ["Report", "lay_out", "render"]


def keywords(deck: Deck) -> list[str]:
    """The report's keywords: the titles of its parts (the outline's section slides), in order."""
    seen: list[str] = []
    for s in deck.slides:
        title = s.title.plain.strip()
        if isinstance(s.content, SectionContent) and title and title not in seen:
            seen.append(title)
    return seen


def link_names(deck: Deck, labels: Mapping[str, str]) -> dict[str, str]:
    """What a link to a slide's place or to a numbered source goes to, in words (the link
    annotations' descriptions in the tagged report)."""
    names = {mk.slide_anchor(s.id): s.title.plain for s in deck.slides if s.id}
    for s in deck.sources:
        names[mk.source_anchor(s.number)] = f"{labels['source']} {s.number}: {s.title}"
    return names


@dataclass
class Report:
    """A report laid out, and what laying it out warned of; ``finish`` gives its bytes."""

    laid: LaidOut
    diagnostics: list[Diagnostic]

    def finish(self) -> tuple[bytes, list[Diagnostic]]:
        """The report's bytes (its charts' drawings must be there now) and its warnings."""
        return self.laid.finish(), self.diagnostics


def render(deck: Deck, theme: Theme, assets: Mapping[str, ChartAssets], when: datetime
           ) -> tuple[bytes, list[Diagnostic]]:
    """The report of ``deck`` as PDF bytes, and warnings (a missing chart drawing, an
    unreadable picture, an unknown page size). Deterministic: the same inputs and ``when``
    give the same bytes."""
    return lay_out(deck, theme, assets, when).finish()


def lay_out(deck: Deck, theme: Theme, assets: Mapping[str, ChartAssets], when: datetime) -> Report:
    """The report of ``deck`` laid out (see ``render``). A chart whose drawing is still being made
    (its asset has a ``size``) takes its place at that size; its file is read by ``finish``."""
    theme = theme.for_report()
    diagnostics: list[Diagnostic] = []
    where = deck.location or Location(deck.name)
    size = page_size(theme.page.size)
    if size is None:
        diagnostics.append(Diagnostic(where, Severity.WARNING,
                                      f"unknown page size '{theme.page.size}' in theme '{theme.name}'; using A4",
                                      "pdf-page-size"))
        size = A4
    styles = make_styles(theme, deck.language)
    labels = labels_for(deck.language, deck.labels)
    m = theme.page.margin
    builder = StoryBuilder(deck=deck, theme=theme, styles=styles, labels=labels, assets=assets,
                           frame_width=size[0] - 2 * m, frame_height=size[1] - 2 * m)
    story = builder.build()
    diagnostics += builder.diagnostics
    footer = " · ".join(x for x in (deck.author, deck.date) if x)
    laid = doc_lay_out(
        story, marks=builder.marks, theme=theme, styles=styles, size=size, when=when,
        title=deck.title, author=deck.author, subject=deck.subtitle or deck.title,
        language=deck.language, keywords=keywords(deck), header_left=deck.title, footer_left=footer,
        page_label=labels["page"], link_names=link_names(deck, labels), forms=builder.forms,
    )
    return Report(laid, diagnostics)
