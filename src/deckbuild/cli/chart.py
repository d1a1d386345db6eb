"""``deckbuild chart``: resolve one chart spec and render it alone to PNG, SVG or PDF."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from deckbuild.diagnostics import Diagnostics, Location, printable, quoted


def render_chart_command(args: argparse.Namespace, report) -> int:
    from deckbuild.input.chart_spec import load_spec, resolve
    from deckbuild.input.outline import load_outline
    from deckbuild.input.project import Project
    from deckbuild.input.texts import Texts
    from deckbuild.model.theme import default_theme

    diags = Diagnostics()
    spec_path: Path = args.spec
    out: Path = args.out or Path("build") / f"{spec_path.stem}.png"
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        given = printable(quoted(out.suffix or out.name))
        print(f"deckbuild: error: --out must end in .png, .svg or .pdf, not {given}", file=sys.stderr)
        return 2
    facts, sources, theme, language = {}, {}, default_theme(), "en"
    project = Project(spec_path.resolve().parent.parent)
    found = None
    if not args.deck and spec_path.is_file():
        found = outline_using(spec_path.stem, project)
        if found is not None:
            from deckbuild.input.yaml_nodes import display_path

            args.deck = found
            print(f"using {printable(display_path(found))}, the outline that uses chart '{spec_path.stem}', for its "
                  "facts, sources and theme (--deck chooses another)")
    if args.deck:
        outline = load_outline(args.deck, diags)
        if outline is None:
            report(diags, False)
            return 2
        from deckbuild.input.editions import deck_sources

        facts, language, project = outline.facts, outline.languages[0], outline.project
        theme = outline.theme
        sources = {s.id: s for s in deck_sources(outline.node, Texts(language, outline.languages, facts, diags))}
    else:  # the built-in fonts at the versions this command reads (as a theme file's loader takes them)
        theme = replace(theme, fonts=theme.fonts.taken())
    if not spec_path.is_file():
        diags.error(Location(str(spec_path)), "chart spec not found; check the path", "missing-file")
        report(diags, False)
        return 2
    spec = load_spec(spec_path.stem, Project(spec_path.resolve().parent.parent) if not args.deck else project, diags) \
        if spec_path.resolve().parent.name == "charts" else None
    if spec is None and not diags.has_errors:
        diags.error(Location(str(spec_path)), "a chart spec must live in a charts/ folder", "path")
    chart = None
    if spec is not None:
        lang = args.lang or language
        theme = theme.for_language(lang)  # the edition's fonts (Noto Sans JP for --lang ja)
        from deckbuild.input.glyphs import coverage

        chart = resolve(spec, Texts(lang, (lang,), facts, diags, coverage=coverage(theme.fonts)), sources, theme.digest)
    if not args.deck and any(d.code in ("unknown-fact", "unknown-source") for d in diags.items):
        diags.error(Location(str(spec_path)), f"no outline in {project.decks.name}/ uses chart '{spec_path.stem}', so "
                    "its facts and sources are unknown; pass --deck DECK.yaml, the outline that declares them",
                    "no-deck")
    if report(diags, False) or chart is None:
        return 2
    from deckbuild.charts.export import render_one
    from deckbuild.cli.preview import InTheWay, clear_way
    from deckbuild.libwarnings import caught

    try:
        clear_way([out])
        out.parent.mkdir(parents=True, exist_ok=True)
        with caught() as said:
            render_one(chart, theme, out)
    except InTheWay as exc:
        print(f"{printable(str(exc.path))}: error: {exc.said('chart')}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file where a folder on the way goes, a read-only folder, a full disk
        print(f"{printable(str(exc.filename or out))}: error: cannot write: {exc.strerror or exc}; choose another "
              "--out, or check that its folder is writable and the disk has space", file=sys.stderr)
        return 2
    for text in said:
        diags.warning(chart.location or Location(str(spec_path)), f"chart '{chart.name}': {text}", "chart-render")
    report(Diagnostics([d for d in diags.items if d.code == "chart-render"]), False)
    print(f"wrote {printable(str(out))}")
    return 0


def outline_using(name: str, project) -> Path | None:
    """The first outline in the project's decks/ (in name order) that loads and uses chart
    ``name``, or None."""
    import re

    from deckbuild.input.outline import load_outline

    if not project.decks.is_dir():
        return None
    # a quick look before loading: the name as a word anywhere (a block or a flow mapping)
    mention = re.compile(r"(?<![\w.-])" + re.escape(name) + r"(?![\w.-])")
    for deck in sorted(project.decks.glob("*.yaml")):
        try:
            text = deck.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if not mention.search(text):
            continue
        outline = load_outline(deck, Diagnostics())
        if outline is not None and name in outline.charts:
            return deck
    return None
