"""The command line: ``deckbuild build|check|chart|schema``.

Exit codes: 0 success, 2 invalid input or usage, 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from deckbuild import __version__
from deckbuild.diagnostics import Diagnostics, Severity, json_lines, printable

EXIT_OK, EXIT_FAILURE, EXIT_INPUT = 0, 1, 2

EPILOG = """\
examples:
  deckbuild build                       build every outline in decks/ into build/
  deckbuild build decks/meta-ai-bet.yaml --format pdf
  deckbuild build decks/meta-ai-bet.yaml --theme acme --lang en --out build/acme
  deckbuild check decks/meta-ai-bet.yaml --strict
  deckbuild chart charts/capex.yaml --deck decks/meta-ai-bet.yaml --out capex.png
  deckbuild schema > outline.schema.json          (--kind chart|theme for the others)

exit codes: 0 success, 2 invalid input or usage, 1 any other failure
"""


WATCH_DESCRIPTION = """\
Build, then rebuild after every saved change; invalid input prints its diagnostics
and waits for the next save. Ctrl-C stops.

What it costs: one process stays loaded (libraries, fonts and the theme's template;
about 210 MB for the flagship with the chart workers' server) and looks at the files
it builds from ten times a second (a stat of each); a change is built once no file
has been written for 0.03 s, so a save caught half-way is not. A rebuild compiles the outline
(about 0.15 s of CPU for the flagship) and renders only the artifacts whose inputs
changed, then says what it wrote and how long that took. Flagship, 2 cores, from
saving to the last file written: a speaker note rewrites that edition's deck (about
0.3 s of CPU); a sentence of one edition's report, that report (about 0.4 s: reportlab
lays it out once, from where its headings fell last time, and its charts come from the
cache as drawn); a slide's text, that edition's deck and report; a fact, a chart or a
title every edition shows, everything (about 1 s: with two jobs, the default where
there are two cores, one process forked beside this one during the rebuild renders its
share, about 300 MB in all while it runs; --jobs 1 keeps to one process, about 1.3 s
and 250 MB).
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        print(f"deckbuild: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _add_overrides(p: argparse.ArgumentParser) -> None:
    p.add_argument("--theme", metavar="NAME", help="use this theme instead of the outline's 'theme:' "
                   "(templates/NAME/theme.yaml, or a built-in one)")
    p.add_argument("--lang", metavar="LANG", help="only the edition in this language (the outline's "
                   "'language:' or one of its 'translations:')")


def _jobs(text: str) -> int:
    if text == "auto":  # as many as this process may use cores
        from deckbuild.cores import usable_cores

        return usable_cores()
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more, nor 'auto'")
    return n


def _add_jobs(p: argparse.ArgumentParser, default: int = 1, said: str = "1") -> None:
    p.add_argument("-j", "--jobs", type=_jobs, default=default, metavar="N",
                   help="render up to N artifacts (editions × formats) at a time: this process and N - 1 "
                   "forked from it (Linux; elsewhere one at a time); 'auto': one per core this process "
                   f"may use; default {said}")


def overrides_of(args: argparse.Namespace):
    """The ``--theme`` and ``--lang`` options as the loader takes them."""
    from deckbuild.input.outline import Overrides

    return Overrides(getattr(args, "theme", None), getattr(args, "lang", None))


def make_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="deckbuild", description="Compile YAML outlines and charts into an editable PPTX deck "
                "and a typeset PDF report.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"deckbuild {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser("build", help="build decks and reports", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Build NAME.pptx and NAME.pdf for each outline (default: every decks/*.yaml).")
    b.add_argument("decks", nargs="*", type=Path, metavar="DECK.yaml")
    b.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help="output folder (default: build)")
    b.add_argument("--format", choices=["pptx", "pdf", "all"], default="all", help="what to write (default: all)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    b.add_argument("-v", "--verbose", action="store_true",
                   help="print every stage, also when not on a terminal (default: stages on a terminal only)")
    _add_jobs(b)
    _add_overrides(b)

    c = sub.add_parser("check", help="validate outlines and report problems; writes nothing",
                       description="Validate outlines (default: every decks/*.yaml) and everything they reference.")
    c.add_argument("decks", nargs="*", type=Path, metavar="DECK.yaml")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--format", choices=["text", "json"], default="text", help="diagnostics format")
    _add_overrides(c)

    ch = sub.add_parser("chart", help="render one chart alone",
                        description="Render one chart spec to PNG, SVG or PDF, to look at it without building a deck.")
    ch.add_argument("spec", type=Path, metavar="charts/NAME.yaml")
    ch.add_argument("--out", type=Path, metavar="FILE", help="FILE.png, .svg or .pdf (default: build/NAME.png)")
    ch.add_argument("--deck", type=Path, metavar="DECK.yaml", help="outline whose facts, sources and theme to use")
    ch.add_argument("--lang", metavar="LANG", help="language of the labels (default: the deck's)")

    pv = sub.add_parser("preview", help="render every slide and page to PNG, with contact sheets",
                        description="Build, then render every slide (LibreOffice) and report page (poppler) to PNG "
                        "under OUT/preview/NAME/, with contact sheets OUT/NAME.preview.png (deck) and "
                        "OUT/NAME.report.preview.png (report).")
    pv.add_argument("decks", nargs="*", type=Path, metavar="DECK.yaml")
    pv.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help="output folder (default: build)")
    pv.add_argument("--dpi", type=int, default=50, help="resolution of the page images (default 50)")
    pv.add_argument("--designer", action="store_true",
                    help="render the slides with the theme's font files too (default: only the fonts this "
                         "machine has, as a recipient of the deck sees it)")
    _add_overrides(pv)

    sc = sub.add_parser("schema", help="print the JSON Schema of outlines, chart specs or themes",
                        description="Print the JSON Schema (draft 2020-12) the validator uses, for editors: "
                        "the outline's by default.")
    sc.add_argument("--kind", choices=["outline", "chart", "theme", "all"], default="outline",
                    help="which schema (default: outline; all: the three under $defs, any of them at the root)")

    w = sub.add_parser("watch", help="rebuild whenever the outline, its charts, data or theme change",
                       description=WATCH_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    w.add_argument("deck", type=Path, metavar="DECK.yaml")
    w.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help="output folder (default: build)")
    w.add_argument("--format", choices=["pptx", "pdf", "all"], default="all", help="what to write (default: all)")
    _add_jobs(w, default=min(2, _jobs("auto")), said="2, or 1 on a machine with one core")
    _add_overrides(w)

    nw = sub.add_parser("new", help="scaffold an outline, a chart with a CSV and a theme",
                        description="Write decks/NAME.yaml, charts/NAME-quarters.yaml (+ .csv), "
                        "templates/NAME/theme.yaml and schema/*.schema.json (never overwriting a file: "
                        "existing schemas are kept); 'deckbuild build' then works.")
    nw.add_argument("name", metavar="NAME")
    return p


def _default_decks() -> list[Path]:
    decks = sorted(Path("decks").glob("*.yaml"))
    return decks


def _print_diagnostics(diags: Diagnostics, strict: bool, as_json: bool = False) -> bool:
    """Print diagnostics; return True when they make the command fail."""
    items = diags.sorted()
    if strict:
        from dataclasses import replace

        items = [replace(d, severity=Severity.ERROR) for d in items]
    if as_json:
        print(json_lines(items))
    else:
        for d in items:
            print(d.format(), file=sys.stderr)
    return any(d.severity is Severity.ERROR for d in items)


def cmd_build(args: argparse.Namespace) -> int:
    from deckbuild.build.pipeline import FORMATS, build

    decks = args.decks or _default_decks()
    if not decks:
        print("deckbuild: error: no outlines given and none in decks/; try 'deckbuild build decks/NAME.yaml'",
              file=sys.stderr)
        return EXIT_INPUT
    formats = FORMATS if args.format == "all" else (args.format,)
    diags = Diagnostics()
    if args.strict:
        # Check first, so that a warning stops the build before anything is written.
        _check(decks, diags, overrides_of(args))
        if _print_diagnostics(diags, True):
            return EXIT_INPUT
        diags = Diagnostics()
    from deckbuild.cli.progress import Progress

    progress = Progress.for_terminal(args.quiet, args.verbose)
    result = build(decks, args.out, formats, diags, progress.stage, progress.counter, strict=args.strict,
                   overrides=overrides_of(args), jobs=args.jobs)
    failed = _print_diagnostics(diags, args.strict)
    if not args.quiet:
        for path in result.written:
            print(f"wrote {printable(str(path))}")
    return EXIT_INPUT if failed else EXIT_OK


def _check(decks: list[Path], diags: Diagnostics, overrides=None) -> None:
    from deckbuild.build.lint import check_outlines
    from deckbuild.input.outline import NO_OVERRIDES

    check_outlines(decks, diags, overrides or NO_OVERRIDES)


def cmd_check(args: argparse.Namespace) -> int:
    decks = args.decks or _default_decks()
    if not decks:
        print("deckbuild: error: no outlines given and none in decks/", file=sys.stderr)
        return EXIT_INPUT
    diags = Diagnostics()
    _check(decks, diags, overrides_of(args))
    failed = _print_diagnostics(diags, args.strict, args.format == "json")
    return EXIT_INPUT if failed else EXIT_OK


def cmd_chart(args: argparse.Namespace) -> int:
    from deckbuild.cli.chart import render_chart_command

    return render_chart_command(args, _print_diagnostics)


def cmd_preview(args: argparse.Namespace) -> int:
    from deckbuild.build.output import UnsafeFolder
    from deckbuild.build.pipeline import FORMATS, build
    from deckbuild.cli.preview import InTheWay, MissingTool, need, preview
    from deckbuild.input.outline import load_outline

    decks = args.decks or _default_decks()
    if not decks:
        print("deckbuild: error: no outlines given and none in decks/", file=sys.stderr)
        return EXIT_INPUT
    try:
        need("soffice"), need("pdftoppm")
    except MissingTool as exc:
        print(f"deckbuild: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    diags = Diagnostics()
    overrides = overrides_of(args)
    result = build(decks, args.out, FORMATS, diags, preview=True, overrides=overrides)
    if _print_diagnostics(diags, False):
        return EXIT_INPUT
    for deck in decks:
        outline = load_outline(deck, Diagnostics(), overrides)
        if outline is None:
            continue
        arts = sorted(p for p in result.written + result.up_to_date
                      if p.name.startswith(outline.name + "."))
        try:
            sheets = preview(arts, args.out, outline.theme.fonts, args.dpi, args.designer)
        except UnsafeFolder as exc:
            from deckbuild.build.pipeline import outside_message
            from deckbuild.input.yaml_nodes import display_path

            print(f"{display_path(exc.link)}: error: {outside_message(exc, args.out)}", file=sys.stderr)
            return EXIT_INPUT
        except InTheWay as exc:
            from deckbuild.input.yaml_nodes import display_path

            print(f"{printable(display_path(exc.path))}: error: {exc.said('preview')}", file=sys.stderr)
            return EXIT_INPUT
        except OSError as exc:  # a read-only folder, a full disk
            where = printable(str(exc.filename or args.out))
            print(f"{where}: error: cannot write: {exc.strerror or exc}; check that the output folder is writable "
                  "and the disk has space", file=sys.stderr)
            return EXIT_INPUT
        for sheet in sheets:
            print(f"wrote {sheet}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from deckbuild.input.json_schema import schema_for

    print(json.dumps(schema_for(args.kind), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from deckbuild.cli.new import ScaffoldError, scaffold

    kept: list[Path] = []
    try:
        written = scaffold(args.name, Path.cwd(), kept)
    except ScaffoldError as exc:
        print(f"deckbuild: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    for path in written:
        print(f"wrote {path.relative_to(Path.cwd())}")
    for path in kept:
        print(f"kept {path.relative_to(Path.cwd())} (it exists; delete it and run 'deckbuild new' again, or "
              f"'deckbuild schema --kind {path.name.split('.')[0]} > {path.relative_to(Path.cwd())}', "
              "for the current one)")
    print(f"next: deckbuild build decks/{args.name}.yaml")
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from deckbuild.build.collector import settle
    from deckbuild.build.pipeline import FORMATS
    from deckbuild.cli.watch import watch

    settle()  # a long-running loop: collect as usual
    formats = FORMATS if args.format == "all" else (args.format,)
    return watch(args.deck, args.out, formats, lambda d: _print_diagnostics(d, False),
                 lambda s: print(s, file=sys.stderr, flush=True), overrides=overrides_of(args), jobs=args.jobs)


# Commands that render, or check what a build would do: SOURCE_DATE_EPOCH must be valid.
STAMPING = frozenset({"build", "check", "chart", "preview", "watch"})

COMMANDS = {"watch": cmd_watch, "new": cmd_new, "build": cmd_build, "check": cmd_check, "chart": cmd_chart,
            "preview": cmd_preview, "schema": cmd_schema}


def run() -> NoReturn:
    """The ``deckbuild`` command (and ``python -m deckbuild``): ``main`` on the process's
    arguments, then exit with its code. Programs that go on afterwards call ``main``."""
    code = main()
    from deckbuild.build.collector import before_exit

    before_exit()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    if args.command in STAMPING:
        from deckbuild.render.reproducible import source_date_epoch_problem

        problem = source_date_epoch_problem()
        if problem:  # before anything is read or rendered (matplotlib reads the variable too)
            print(f"deckbuild: error: {problem}", file=sys.stderr)
            return EXIT_INPUT
    from deckbuild.build.collector import paused

    try:
        with paused(), warnings.catch_warnings():
            # Python warnings (matplotlib's: a glyph missing, a layout it could not apply) are not
            # for the terminal: what to act on is a diagnostic, and stderr holds only those.
            warnings.simplefilter("ignore")
            return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("deckbuild: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_FAILURE
    except Exception:  # an internal error: say so, keep the traceback in a file
        fd, log = tempfile.mkstemp(prefix="deckbuild-crash-", suffix=".log")
        with os.fdopen(fd, "w") as fh:
            traceback.print_exc(file=fh)
        print(f"deckbuild: internal error: {sys.exc_info()[1]!r}\n"
              f"the traceback is saved in {log}; please report it", file=sys.stderr)
        return EXIT_FAILURE
