"""Lint: problems of craft that are not errors of form. ``deckbuild check`` reports each;
``build`` and ``watch`` one summary line per outline (``lint_summary``). An outline's
``lint: {ignore: [...]}`` keys silence them (``silence``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from deckbuild.build.silence import Silencer
from deckbuild.build.slide_lint import SlideLint
from deckbuild.build.untranslated import lint_translations
from deckbuild.diagnostics import Diagnostic, Diagnostics, Location, Severity
from deckbuild.input.outline import NO_OVERRIDES, Outline, Overrides
from deckbuild.input.yaml_nodes import Mapping, Scalar, display_path, items_of
from deckbuild.model.deck import Deck, Slide
from deckbuild.model.kinds import KINDS

SlideChecks = Callable[[SlideLint, Slide, Any], None]


def lint(outline: Outline, deck: Deck, diags: Diagnostics) -> None:
    """Warnings about one edition (the main edition is enough for language-independent checks):
    a slide without a title, then the checks of the slide's kind (``slide_lint``)."""
    for slide in deck.slides:
        loc = slide.location or Location(str(outline.path))
        if not slide.title:
            diags.warning(loc, f"slide {slide.number} has no title; add 'title:' stating its takeaway", "no-title")
        checks: SlideChecks = KINDS[slide.kind].lint.load()
        checks(SlideLint(slide, loc, outline.theme.slide.max_bullets, diags), slide, slide.content)


def lint_sources(outline: Outline, decks: list[Deck], diags: Diagnostics) -> None:
    """Sources listed but never cited (by a slide or a chart)."""
    cited = {s.id for d in decks for sl in d.slides for s in sl.sources}
    for node in items_of(outline.node.get("sources")):
        sid = node.get("id") if isinstance(node, Mapping) else None
        if isinstance(node, Mapping) and isinstance(sid, Scalar):
            if sid.value not in cited:
                diags.warning(node.loc, f"source '{sid.value}' is listed but never cited; cite it in a slide's "
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


def lint_colors(outline: Outline, deck: Deck, diags: Diagnostics) -> None:
    """Colours a reader with a colour-vision deficiency cannot tell apart (deckbuild.colors.cvd):
    of the theme's accent and as many palette colours as the deck's most colourful chart uses,
    and of each chart (its series, slices, highlight)."""
    from deckbuild.charts.style import chart_colors
    from deckbuild.colors.cvd import clashes

    theme = outline.theme.for_language(deck.language)
    used = max((len(chart_colors(c, theme)) for c in deck.charts), default=0)  # the palette's part in use
    for clash in clashes([*theme.colors.palette[:used], theme.colors.accent] if used else []):
        diags.warning(Location(display_path(outline.path)), f"theme palette: {clash.describe()}; choose colours "
                      "that differ more in lightness", "palette-colors")
    for chart in deck.charts:
        found = clashes(chart_colors(chart, theme))
        if found:
            diags.warning(chart.location or Location(display_path(outline.path)),
                          f"chart '{chart.name}': " + "; ".join(c.describe() for c in found)
                          + "; change its 'palette:' or the highlight", "chart-colors")


def lint_warnings(outline: Outline, decks: list[Deck]) -> list[Diagnostic]:
    """The lint warnings of one compiled outline that its ``lint:`` keys do not silence."""
    found = Diagnostics()
    _lint_outline(outline, decks, found)
    return Silencer(outline).filter(found.sorted())


def _lint_outline(outline: Outline, decks: list[Deck], found: Diagnostics) -> None:
    """Every lint of one compiled outline but the layout's (``check`` adds those)."""
    lint(outline, decks[0], found)
    lint_sources(outline, decks, found)
    lint_colors(outline, decks[0], found)
    lint_translations(outline, found)


def lint_summary(outline: Outline, decks: list[Deck]) -> Diagnostic | None:
    """One warning that counts the outline's lint warnings by code, for ``build`` and
    ``watch`` (``check`` shows them one by one), or None when there are none, e.g.
    ``decks/q3.yaml: warning: 3 lint warnings (2 uncited-figure, 1 no-title); run 'deckbuild
    check decks/q3.yaml' to see them``."""
    found = lint_warnings(outline, decks) if decks else []
    if not found:
        return None
    counts: dict[str, int] = {}
    for d in found:
        counts[d.code] = counts.get(d.code, 0) + 1
    shown = display_path(outline.path)
    return Diagnostic(Location(shown), Severity.WARNING,
                      f"{len(found)} lint warning{'s' if len(found) > 1 else ''} ("
                      + ", ".join(f"{n} {code}" for code, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
                      + f"); run 'deckbuild check {shown}' to see them", "lint-summary")


def check_outlines(decks: list[Path], diags: Diagnostics, overrides: Overrides = NO_OVERRIDES) -> None:
    """What ``deckbuild check`` reports: validation errors, lint and overflow warnings
    (``overrides``: the command line's ``--theme`` and ``--lang``)."""
    from deckbuild.input.editions import compile_outline
    from deckbuild.layout.fill import layout_warnings

    outlines = []
    for d in decks:
        outline, editions = compile_outline(d, diags, overrides)
        if outline is None or not editions:
            continue
        outlines.append(outline)
        found = Diagnostics()
        _lint_outline(outline, editions, found)
        for deck in editions:
            found.extend(layout_warnings(deck, outline.theme.for_language(deck.language)))
        diags.extend(Silencer(outline).filter(found.items))
    from deckbuild.build.artifact_names import FORMATS, clashes, editions_of

    diags.extend(clashes([e for o in outlines for e in editions_of(o)], Path("build"), FORMATS))
    for project in {o.project.root: o.project for o in outlines}.values():
        lint_charts(project.charts, [o for o in outlines if o.project == project],
                    sorted(project.decks.glob("*.yaml")) if project.decks.is_dir() else [], diags)
