"""Lint: problems of craft that are not errors of form (``deckbuild check`` reports them)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from deckbuild.input.outline import Outline, _items
from deckbuild.diagnostics import Diagnostics, Location
from deckbuild.input.yaml_nodes import Mapping, Scalar
from deckbuild.model.deck import (
    Bullet, BulletsContent, ChartContent, ClosingContent, ColumnsContent, Deck, ImageContent, QuoteContent, Slide,
    StatsContent, TableContent,
)

# A figure: a number with a decimal point, a percent sign, or a CJK/Latin magnitude word;
# bare years (1900–2099) and single digits are not figures.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)+|\d+\s?(?:%|％|亿|万|千|百万|million|billion|thousand|[MBK]\b)|\b(?!(?:19|20)\d\d\b)\d{2,}\b")


def _label(slide: Slide) -> str:
    title = slide.title.plain
    return f'slide {slide.number} "{title if len(title) <= 40 else title[:39] + "…"}"'


def _bullet_texts(bullets: Iterable[Bullet]) -> Iterable[str]:
    for b in bullets:
        yield b.text.plain
        yield from _bullet_texts(b.children)


def slide_texts(slide: Slide) -> list[str]:
    """Every text a slide shows in the deck."""
    c = slide.content
    out = [slide.title.plain, slide.subtitle.plain]
    if isinstance(c, (BulletsContent, ClosingContent)):
        out += _bullet_texts(c.bullets)
    elif isinstance(c, ColumnsContent):
        for col in (c.left, c.right):
            out += [col.heading.plain, *_bullet_texts(col.bullets)]
    elif isinstance(c, ChartContent):
        out += [c.caption.plain, *_bullet_texts(c.bullets)]
    elif isinstance(c, TableContent):
        out += [cell.plain for row in (c.table.header, *c.table.rows) for cell in row]
    elif isinstance(c, QuoteContent):
        out += [c.text.plain]
    elif isinstance(c, StatsContent):
        out += [s.value for s in c.stats] + [s.label.plain for s in c.stats]
    elif isinstance(c, ImageContent):
        out += [c.caption.plain]
    return [t for t in out if t]


def _bullet_count(slide: Slide) -> int:
    c = slide.content
    if isinstance(c, (BulletsContent, ClosingContent)):
        return len(c.bullets)
    if isinstance(c, ColumnsContent):
        return max(len(c.left.bullets), len(c.right.bullets))
    if isinstance(c, ChartContent):
        return len(c.bullets)
    return 0


def lint(outline: Outline, deck: Deck, diags: Diagnostics) -> None:
    """Warnings about one edition (the main edition is enough for language-independent checks)."""
    limit = outline.theme.slide.max_bullets
    for slide in deck.slides:
        loc = slide.location or Location(str(outline.path))
        if not slide.title:
            diags.warning(loc, f"slide {slide.number} has no title; add 'title:' stating its takeaway", "no-title")
        n = _bullet_count(slide)
        if n > limit:
            diags.warning(loc, f"{_label(slide)}: {n} bullets, more than the theme allows ({limit}); "
                          "split the slide or cut bullets", "too-many-bullets")
        if not slide.sources and not isinstance(slide.content, ChartContent):
            figures = [m.group() for t in slide_texts(slide) for m in _FIGURE.finditer(t)]
            if figures:
                diags.warning(loc, f"{_label(slide)}: figures without a cited source ({', '.join(figures[:3])}); "
                              "add 'sources:'", "uncited-figure")
        if isinstance(slide.content, ImageContent) and not slide.content.alt.strip():
            diags.warning(loc, f"{_label(slide)}: image without alt text; add 'alt:'", "no-alt")


def lint_sources(outline: Outline, decks: list[Deck], diags: Diagnostics) -> None:
    """Sources listed but never cited (by a slide or a chart)."""
    cited = {s.id for d in decks for sl in d.slides for s in sl.sources}
    for node in _items(outline.node.get("sources")):
        if isinstance(node, Mapping) and isinstance(node.get("id"), Scalar):
            sid = node.get("id").value
            if sid not in cited:
                diags.warning(node.loc, f"source '{sid}' is listed but never cited; cite it in a slide's "
                              "'sources:' or remove it", "unused-source")


def lint_charts(project_charts: Path, outlines: list[Outline], all_decks: Iterable[Path], diags: Diagnostics) -> None:
    """Chart specs in charts/ that no outline of the project uses."""
    if not project_charts.is_dir():
        return
    used: set[str] = set()
    for o in outlines:
        used |= set(o.charts)
    from deckbuild.input.yaml_nodes import display_path

    for deck in all_decks:
        try:
            text = deck.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        used |= set(re.findall(r"chart:\s*['\"]?([A-Za-z0-9_-]+)", text))
    for spec in sorted(project_charts.glob("*.yaml")):
        if spec.stem not in used:
            diags.warning(Location(display_path(spec), 1, 1), f"chart '{spec.stem}' is never used by an outline in "
                          "decks/; use it in a slide ('chart: " + spec.stem + "') or delete it", "unused-chart")


def check_outlines(decks: list[Path], diags: Diagnostics) -> None:
    """What ``deckbuild check`` reports: validation errors, lint and overflow warnings."""
    from deckbuild.input.outline import compile_outline
    from deckbuild.layout.slides import overflows

    outlines = []
    for d in decks:
        outline, editions = compile_outline(d, diags)
        if outline is None or not editions:
            continue
        outlines.append(outline)
        lint(outline, editions[0], diags)
        lint_sources(outline, editions, diags)
        for deck in editions:
            diags.extend(overflows(deck, outline.theme))
    from deckbuild.build.artifact_names import clashes, editions_of
    from deckbuild.build.pipeline import FORMATS

    diags.extend(clashes([e for o in outlines for e in editions_of(o)], Path("build"), FORMATS))
    for project in {o.project.root: o.project for o in outlines}.values():
        lint_charts(project.charts, [o for o in outlines if o.project == project],
                    sorted(project.decks.glob("*.yaml")) if project.decks.is_dir() else [], diags)
