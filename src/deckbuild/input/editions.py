"""Compile a loaded outline into the model: one ``Deck`` per edition (language), each slide's
content by its kind's compiler (``model.kinds``, ``slide_contents``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from deckbuild.diagnostics import Diagnostics
from deckbuild.input.dates import calendar_date
from deckbuild.input.outline import NO_OVERRIDES, Outline, Overrides, guarded, load_outline_checked
from deckbuild.input.schemas import SLIDE
from deckbuild.input.slide_contents import SlideInput
from deckbuild.input.texts import Texts
from deckbuild.input.yaml_nodes import Mapping, Scalar, items_of, string_of
from deckbuild.model.deck import ChartContent, Content, Deck, Slide, SlideKind, Source
from deckbuild.model.kinds import KINDS
from deckbuild.model.labels import DEFAULTS, missing_words

Compiler = Callable[[SlideInput], Content | None]


def compile_outline(path: Path, diags: Diagnostics,
                    overrides: Overrides = NO_OVERRIDES) -> tuple[Outline | None, list[Deck]]:
    """Every edition of an outline; (None, []) with the errors in ``diags`` when the input is
    invalid (its own errors: ``diags`` may already hold another outline's). An outline with
    errors is still compiled, to report the problems of every edition in the same pass."""
    own = Diagnostics()
    outline = load_outline_checked(path, own, overrides)
    decks = []
    for lang in outline.languages if outline else ():
        with guarded(own):
            decks.append(compile_edition(outline, lang, own))  # type: ignore[arg-type]
    if overrides.language is not None and outline is not None:
        decks = [d for d in decks if d.language == overrides.language]
    diags.extend(own.items)
    if outline is None or outline.broken or own.has_errors:
        return None, []
    return outline, decks


def edition_name(outline: Outline, language: str) -> str:
    """NAME for the main language, NAME.LANG for translations."""
    return outline.name if language == outline.languages[0] else f"{outline.name}.{language}"


def slide_ids(outline: Outline) -> frozenset[str]:
    """The slides' ids: what a ``[text](#id)`` link may name."""
    return frozenset(str(i.value) for i in (s.get("id") for s in outline.slides) if isinstance(i, Scalar))


def compile_edition(outline: Outline, language: str, diags: Diagnostics) -> Deck:
    """Build the model of one edition (the outline is already validated). A slide whose
    content has an error is left out; the error is in ``diags``."""
    node = outline.node
    from deckbuild.input.glyphs import coverage

    texts = Texts(language, outline.languages, outline.facts, diags, anchors=slide_ids(outline),
                  coverage=coverage(outline.theme.for_language(language).fonts),
                  shared=outline.shared_texts if language == outline.languages[0] else None)
    sources = deck_sources(node, replace(texts, shared=None))  # a source is cited as it was published
    by_id = {s.id: s for s in sources}
    slides = []
    seen: dict[SlideKind, int] = {}
    for number, snode in enumerate(outline.slides, 1):
        name = SLIDE.variant_of(snode)
        if name is None:  # an unknown kind: reported by the schema
            continue
        kind = SlideKind(name)
        seen[kind] = seen.get(kind, 0) + 1
        slide = None
        with guarded(diags):
            slide = _slide(SlideInput(outline, snode, texts, by_id, seen[kind]), kind, number)
        if slide is not None:
            slides.append(slide)
    labels_node = node.get("labels")
    overrides = outline.theme.label_words(language)  # the theme's words, then the outline's
    words = labels_node.get(language) if isinstance(labels_node, Mapping) else None
    if isinstance(words, Mapping):
        overrides.update({k: texts.as_written(v) for k, v in words.items()})
    missing = missing_words(language, overrides)
    if missing:
        key = "language" if language == outline.languages[0] else "translations"
        where = labels_node.loc if isinstance(labels_node, Mapping) else node.key_loc(key) or node.loc
        shown = ", ".join(f"{name} ('{DEFAULTS['en'][name]}')" for name in missing)
        diags.warning(where, f"no built-in words for language '{language}': {shown} are printed in English; "
                      f"give them under 'labels: {{{language}: {{...}}}}' in the outline or its theme "
                      f"(built in: {', '.join(DEFAULTS)})", "labels")
    return Deck(
        name=edition_name(outline, language), title=texts.plain(node.get("title")), language=language,
        slides=tuple(slides), subtitle=texts.plain(node.get("subtitle")), author=texts.plain(node.get("author")),
        date=texts.date(node.get("date")), issued=_issued(node.get("date")), sources=sources,
        summary=texts.paragraphs(node.get("summary")), labels=overrides, location=node.loc,
    )


def _issued(node) -> dt.date | None:
    """The calendar date the outline's ``date:`` names (validated), or None without one."""
    return calendar_date(str(node.value)) if isinstance(node, Scalar) and node.value is not None else None


def deck_sources(node: Mapping, texts: Texts) -> tuple[Source, ...]:
    """The deck's sources, numbered in the order they are listed."""
    out = []
    for n, s in enumerate(items_of(node.get("sources")), 1):
        assert isinstance(s, Mapping)  # validated
        url = s.get("url")
        out.append(Source(string_of(s.get("id"), ""), n, texts.plain(s.get("title")), texts.plain(s.get("publisher")),
                          texts.date(s.get("date")), texts.url(url) if isinstance(url, Scalar) else None))
    return tuple(out)


def _slide(src: SlideInput, kind: SlideKind, number: int) -> Slide | None:
    """One slide: the fields every kind has, and its content from its kind's compiler."""
    s, texts, deck = src.node, src.texts, src.outline.node
    title = texts.heading(s.get("title")) if "title" in s else texts.heading(deck.get("title"))
    subtitle = texts.rich(s.get("subtitle"))
    spec = KINDS[kind]
    compile_content: Compiler = spec.compile.load()
    content = compile_content(src)
    if spec.opening and not subtitle:
        subtitle = texts.rich(deck.get("subtitle"))
    slide_sources = tuple(src.sources[str(r.value)] for r in items_of(s.get("sources"))
                          if isinstance(r, Scalar) and r.value in src.sources)
    if isinstance(content, ChartContent):  # the chart's own sources too
        extra = tuple(x for x in content.chart.sources if x not in slide_sources)
        slide_sources = tuple(sorted(slide_sources + extra, key=lambda x: x.number))
    notes, report = texts.plain_paragraphs(s.get("notes")), texts.paragraphs(s.get("report"))
    if content is None:
        return None
    return Slide(kind, number, title, content, subtitle, notes, report, slide_sources, s.loc,
                 string_of(s.get("id"), ""), tuple((k, s.key_loc(k)) for k in s.entries))
