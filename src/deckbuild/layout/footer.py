"""The footer of a slide, laid out: the source line (its sources and its chart's) and the
slide number's box."""

from __future__ import annotations

from dataclasses import dataclass

from deckbuild.cjk import is_cjk_language
from deckbuild.layout.fitter import Fitter, TextBlock
from deckbuild.layout.geometry import Box
from deckbuild.model.deck import ChartContent, Deck, Rich, Slide, Source, Span
from deckbuild.model.kinds import KINDS
from deckbuild.text.fit import Para


def slide_sources(slide: Slide) -> tuple[Source, ...]:
    """The slide's sources and its chart's, each once, in deck order."""
    found = list(slide.sources)
    if isinstance(slide.content, ChartContent):
        found += slide.content.chart.sources
    unique = {s.id: s for s in reversed(found)}
    return tuple(sorted(unique.values(), key=lambda s: (s.number, s.id)))


def source_line(sources: tuple[Source, ...], label: str, language: str) -> Rich:
    """'来源：[1] Title — Publisher；[2] …' with each title linked to its URL."""
    wide = is_cjk_language(language)
    spans = [Span(label + ("：" if wide else ": "))]
    for i, s in enumerate(sources):
        if i:
            spans.append(Span("；" if wide else "; "))
        spans.append(Span(f"[{s.number}] "))
        spans.append(Span(s.title, href=s.url or None))
        if s.publisher:
            spans.append(Span(f" — {s.publisher}"))
    return Rich(tuple(spans))


@dataclass(frozen=True)
class FooterLayout:
    sources: TextBlock | None
    line: Rich
    number: Box | None  # the slide number (none on the deck's opening slide)


def layout_footer(f: Fitter, deck: Deck, slide: Slide, labels: dict) -> FooterLayout:
    g, s = f.geometry(slide.kind), f.s
    sources = slide_sources(slide)
    block, line = None, Rich()
    if sources:
        line = source_line(sources, labels.get("source", "Source"), deck.language)
        block = f.fit([Para(line.plain)], g.footer, s.small_size, max(7.0, s.small_size - 2))
    return FooterLayout(block, line, None if KINDS[slide.kind].opening else g.number)
