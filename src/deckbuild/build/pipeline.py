"""The build: compile outlines, render charts once, render each edition, write atomically."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuild.atomic import atomic_write
from deckbuild.build.artifact_names import FORMATS, Edition, clashes, editions_named, editions_of
from deckbuild.build.artifacts import lay_out_report, render_deck
from deckbuild.build.collector import settle
from deckbuild.build.manifest import FileVersion, Manifest
from deckbuild.build.output import UnsafeFolder, check_folders, prune_chart_cache, sweep_temporaries
from deckbuild.build.session import BuildResult, Session, Tick
from deckbuild.diagnostics import Diagnostic, Diagnostics, Location
from deckbuild.digests import FileChanged
from deckbuild.input.editions import compile_outline
from deckbuild.input.outline import NO_OVERRIDES, Outline, Overrides
from deckbuild.input.yaml_nodes import display_path
from deckbuild.model.deck import Deck
from deckbuild.render.reproducible import build_time

if TYPE_CHECKING:
    from deckbuild.charts.assets import ChartAssets
    from deckbuild.charts.cache import ChartRequest

__all__ = ["FORMATS", "build", "outside_message", "render_deck"]


@dataclass
class _Plan:
    """One outline of the build: up to date (``fresh``), or compiled and ready to render."""

    path: Path
    key: str
    fresh: list[Path] | None = None
    outline: Outline | None = None
    decks: list[Deck] = field(default_factory=list)
    local: Diagnostics = field(default_factory=Diagnostics)
    versions: dict[Path, FileVersion] = field(default_factory=dict)  # of the inputs, as compiled
    notes: list[Diagnostic] = field(default_factory=list)  # the lint summary, kept in the manifest
    kept: list[Path] = field(default_factory=list)  # artifacts made from what they would be made from now

    def editions(self) -> list[Edition]:
        if self.outline is not None:
            return editions_of(self.outline)
        return editions_named(self.path, sorted({p.name[: -len(p.suffix)] for p in self.fresh or []}))


def _unique(paths: Iterable[Path]) -> list[Path]:
    """The outlines in order, each once (the same file named twice is built once)."""
    seen: set[Path] = set()
    out = []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _refuse_clashes(plans: list[_Plan], out_dir: Path, formats: tuple[str, ...], preview: bool,
                    overrides: Overrides) -> set[int]:
    """Report editions that would share a file (as errors of their outlines); return the
    indices of the plans refused. An up-to-date outline in a clash is loaded to place it."""
    found = clashes([e for p in plans for e in p.editions()], out_dir, formats, preview)
    if not found:
        return set()
    placed = {d.location for d in found}
    unplaced = [p for p in plans if p.outline is None and any(e.where in placed for e in p.editions())]
    if unplaced:
        from deckbuild.input.outline import load_outline

        for plan in unplaced:
            plan.outline = load_outline(plan.path, Diagnostics(), overrides)
        found = clashes([e for p in plans for e in p.editions()], out_dir, formats, preview)
    refused = set()
    for i, plan in enumerate(plans):
        mine = {e.where for e in plan.editions()}
        own = [d for d in found if d.location in mine]
        if own:
            plan.local.extend(own)
            refused.add(i)
    return refused


def build(paths: Iterable[Path], out_dir: Path, formats: tuple[str, ...], diags: Diagnostics,
          log: Callable[[str], None] = lambda s: None,
          counter: Callable[[str], Tick | None] = lambda label: None, preview: bool = False,
          strict: bool = False, overrides: Overrides = NO_OVERRIDES, jobs: int = 1) -> BuildResult:
    """Build every outline; an outline with errors (with ``strict``, also warnings, such as
    those only drawing its charts finds, or its lint summary) writes nothing, not even its
    charts into the cache; the others still build.
    ``log`` hears of each stage, ``counter(label)`` gives a slide counter (or None). Editions
    that would write the same file are refused before anything is written (with ``preview``,
    the contact sheets of ``deckbuild preview`` count too). ``overrides``: the command line's
    ``--theme`` and ``--lang``, for every outline. ``jobs``: how many artifacts are rendered at
    a time, each in a process of its own (``build.parallel``)."""
    result = BuildResult()
    if out_dir.exists() and not out_dir.is_dir():
        diags.error(Location(display_path(out_dir)), "the output folder is a file; remove it or choose another --out",
                    "out-dir")
        return result
    try:
        check_folders(out_dir, (".cache", "charts"), *([("preview",)] if preview else []))
    except UnsafeFolder as exc:
        diags.error(Location(display_path(exc.link)), outside_message(exc, out_dir), "symlink")
        return result
    sweep_temporaries(out_dir)
    prune_chart_cache(out_dir)
    session = Session(out_dir, formats, Manifest(out_dir), log, counter, result, jobs)
    plans: list[_Plan] = []
    for path in _unique(paths):
        key = Manifest.key(path, formats, overrides.key())
        fresh = session.up_to_date(key)
        if fresh is not None:
            plans.append(_Plan(path, key, fresh=fresh, notes=session.manifest.notes(key)))
            continue
        local = Diagnostics()
        outline, decks = compile_outline(path, local, overrides)
        versions = session.snapshot(outline) if outline is not None else {}
        if outline is None or not decks:
            diags.extend(local.items)
            continue
        from deckbuild.build.lint import lint_summary

        summary = lint_summary(outline, decks)
        plans.append(_Plan(path, key, outline=outline, decks=decks, local=local, versions=versions,
                           notes=[summary] if summary else []))
    refused = _refuse_clashes(plans, out_dir, formats, preview, overrides)
    for i, plan in enumerate(plans):
        if i in refused:
            diags.extend(plan.local.items)
        elif plan.fresh is not None:
            log(f"{plan.path}: up to date")
            result.up_to_date.extend(plan.fresh)
            diags.extend(plan.notes)
        else:
            _build_one(plan, session, strict)
            diags.extend(plan.local.items)
            diags.extend(plan.notes)
    return result


def _build_one(plan: _Plan, session: Session, strict: bool = False) -> None:
    """Render one compiled outline's editions and write them, with the charts rendered for
    them into the cache, unless rendering found an error (with ``strict``, a warning, or
    the outline has a lint summary);
    problems go to ``plan.local``."""
    with tempfile.TemporaryDirectory(prefix="deckbuild-charts-") as staging:
        try:
            artifacts = _render(plan, session, build_time(plan.decks[0].issued), Path(staging))
        except FileChanged as exc:  # a font saved during the build: what it was measured with is gone
            plan.local.error(Location(display_path(Path(exc.filename))), f"{exc.strerror}; build again", "changed")
            return
        if plan.local.has_errors or (strict and (plan.local.items or plan.notes)):
            return
        _write(plan, session, artifacts, Path(staging))
        session.result.up_to_date.extend(plan.kept)


@dataclass
class _Artifact:
    """One edition in one format: where it goes, the digest of what it is made from, and
    (once rendered) its bytes and whether rendering it was clean (no warning of its own)."""

    deck: Deck
    fmt: str
    target: Path
    digest: str
    data: bytes = b""
    clean: bool = True


def _stale(plan: _Plan, session: Session, when) -> list[_Artifact]:
    """The artifacts of ``plan`` to render: those whose dependency digest or file changed
    since they were made; the others are up to date (in ``plan.kept``)."""
    from deckbuild.build.dependencies import artifact_digest, theme_text
    from deckbuild.build.silence import Silencer

    assert plan.outline is not None
    # what the outline silences decides what rendering says: an artifact made while a warning
    # was silenced is made again when it no longer is, so that the warning is shown
    silenced = Silencer(plan.outline).codes()
    theme_parts: dict[str, str] = {}
    out = []
    for deck in plan.decks:
        if deck.language not in theme_parts:
            theme_parts[deck.language] = theme_text(plan.outline.theme.for_language(deck.language)) + silenced
        for fmt in session.formats:
            target = session.out_dir / f"{deck.name}.{fmt}"
            digest = artifact_digest(deck, fmt, theme_parts[deck.language], when)
            if session.manifest.current(target, digest):
                plan.kept.append(target)
            else:
                out.append(_Artifact(deck, fmt, target, digest))
    return out


def _chart_requests(outline: Outline, todo: list[_Artifact]) -> list[tuple[str, ChartRequest]]:
    """By language, the charts of the artifacts to render and what of each they need: the
    report's drawing, the deck's picture (at the size of its box on the slide)."""
    requests = []
    for language in {a.deck.language: None for a in todo}:  # the editions whose fonts differ draw their charts apart
        theme = outline.theme.for_language(language)
        mine = [a for a in todo if a.deck.language == language]
        charts = [c for d in {id(a.deck): a.deck for a in mine}.values() for c in d.charts]
        if not charts:
            continue
        from deckbuild.charts.cache import ChartRequest
        from deckbuild.layout.pictures import picture_sizes

        sizes = {}
        for deck in {id(a.deck): a.deck for a in mine if a.fmt == "pptx"}.values():
            sizes.update(picture_sizes(deck, theme))
        requests.append((language, ChartRequest(charts, theme, want_drawing=any(a.fmt == "pdf" for a in mine),
                                                want_png=any(a.fmt == "pptx" for a in mine), png_sizes=sizes)))
    return requests


def _render(plan: _Plan, session: Session, when, staging: Path) -> list[_Artifact]:
    """The artifacts of one outline that changed, rendered in memory. The charts they use that
    the cache lacks are drawn into ``staging`` (by worker processes when there are several),
    while this process (with one job) renders the decks that show no chart as a picture and
    lays out the reports; the reports end, taking the drawings, once the charts are drawn, and
    decks with chart pictures are rendered then."""
    outline, local = plan.outline, plan.local
    assert outline is not None
    out_dir, log, result = session.out_dir, session.log, session.result
    todo = _stale(plan, session, when)
    for target in plan.kept:
        log(f"{target.name}: up to date")
    requests = _chart_requests(outline, todo)
    said: dict[int, list[Diagnostic]] = {}
    laid_out: dict[int, list | None] = {}

    def begin(art: _Artifact) -> Callable[[], tuple[bytes, list[Diagnostic], list | None]]:
        """Start rendering ``art``: a deck is rendered now, a report laid out now; the function
        returned ends it (a report reads its charts' drawings then) and gives what it made."""
        found = Diagnostics()
        if art.fmt != "pdf":
            tick = session.counter(f"{art.target.name}: slide") if session.jobs <= 1 else None
            data = render_deck(art.deck, outline, art.fmt, assets, when, found, tick)
            return lambda: (data, found.items, None)
        finish = lay_out_report(art.deck, outline, assets, when, found)
        from deckbuild.render.pdf.doc import layouts  # where its headings fell, for the next build

        remembered = layouts()
        return lambda: (finish(), found.items, remembered)

    def task(art: _Artifact) -> Callable[[], tuple[bytes, list[Diagnostic], list | None]]:
        return lambda: begin(art)()

    def rendered(arts: list[_Artifact], results: Iterable[tuple[bytes, list[Diagnostic], list | None]]) -> None:
        for art, (data, found, layout) in zip(arts, results):
            art.data = data
            said[id(art)], laid_out[id(art)] = found, layout

    if any(a.fmt == "pdf" for a in todo):
        from deckbuild.build import report_layouts

        report_layouts.load(out_dir)
    assets: dict[str, ChartAssets] = {}
    early: list[_Artifact] = []
    warned_in: set[str] = set()
    if requests:
        from deckbuild.charts.cache import chart_key, needs_picture, start_assets

        settle()  # charts make garbage with cycles (matplotlib figures)
        pending = start_assets([r for _, r in requests], out_dir / ".cache", staging=staging)
        try:
            assets.update(pending.assets)
            ending = []
            if session.jobs <= 1:
                # while the workers draw: the reports are laid out (they read the drawings when
                # they end), and the decks that show no chart as a picture are rendered
                early = [a for a in todo if a.fmt == "pdf" or not any(needs_picture(c) for c in a.deck.charts)]
                for art in early:
                    log(f"rendering {art.target.name}")
                    ending.append(begin(art))
            drawn_now, warned = pending.wait()
        finally:
            pending.close()
        rendered(early, (end() for end in ending))
        for language, request in requests:
            for chart in request.charts:
                for text in warned.get(chart_key(chart, request.theme), []):
                    warned_in.add(language)
                    local.warning(chart.location or Location(display_path(outline.path)),
                                  f"chart '{chart.name}': {text}", "chart-render")
        result.rendered_charts += len(drawn_now)
        log(f"charts: {len(drawn_now)} rendered, {len(assets) - len(drawn_now)} from the cache")
    # Render everything in memory first: a failure leaves every earlier artifact untouched.
    # In parallel, the reports first: they take longest.
    rest = [a for a in todo if all(a is not e for e in early)]
    order = sorted(rest, key=lambda a: a.fmt != "pdf") if session.jobs > 1 else rest
    for art in order:
        log(f"rendering {art.target.name}")

    from deckbuild.build.parallel import run

    rendered(order, run([task(a) for a in order], session.jobs))
    for art in todo:
        local.extend(said[id(art)])
        art.clean = not said[id(art)] and art.deck.language not in warned_in
        if laid_out[id(art)] is not None:  # rendered in another process: remembered here
            from deckbuild.render.pdf.doc import remember_layouts

            remember_layouts(laid_out[id(art)])
    return todo


def _write(plan: _Plan, session: Session, artifacts: list[_Artifact], staging: Path) -> None:
    """Write the artifacts atomically, keep the charts rendered for them in the cache, then
    record them in the manifest: each with the digest of what it was made from (one whose
    rendering warned is made again next time, so the warning is shown again), and the
    outline's entry made from the inputs at the versions the outline was compiled from."""
    local, manifest = plan.local, session.manifest
    current = session.out_dir
    try:
        for art in artifacts:
            current = art.target
            atomic_write(art.target, art.data)
            session.result.written.append(art.target)
        if (staging / "charts").is_dir():  # charts were drawn (a deck of text loads no chart code)
            from deckbuild.charts.cache import keep_staged

            current = session.out_dir / ".cache" / "charts"
            keep_staged(staging, session.out_dir / ".cache")
        for art in artifacts:
            if art.clean:
                manifest.made(art.target, art.digest)
            else:
                manifest.forget(art.target)
        if any(a.fmt == "pdf" for a in artifacts):
            from deckbuild.build import report_layouts

            current = session.out_dir / ".cache" / report_layouts.NAME
            report_layouts.save(session.out_dir)
        if not local.items:  # a build with warnings is redone, so they are shown again
            manifest.record(plan.key, plan.versions, [a.target for a in artifacts] + plan.kept, plan.notes)
        current = manifest.path
        manifest.save()
    except OSError as exc:  # a full disk, a read-only folder, a directory in the way
        fix = ("a folder of this name is in the way; remove it" if isinstance(exc, IsADirectoryError)
               else "check that the output folder is writable and the disk has space")
        local.error(Location(display_path(current)), f"cannot write: {exc.strerror or exc}; {fix}", "write")


def outside_message(exc: UnsafeFolder, out_dir: Path) -> str:
    """What to say of a folder in the output folder that is a link out of it."""
    if exc.in_the_way:
        return ("this is not a folder (a file, or a link to nothing) where deckbuild keeps a folder; remove it "
                "(the folder is made in its place)")
    if exc.loop:
        return (f"this folder is a symbolic link to '{exc.target}' that leads round in a loop; remove the link "
                "(a real folder is made in its place)")
    return (f"this folder is a symbolic link to '{exc.target}', outside the output folder {display_path(out_dir)}; "
            "deckbuild writes nothing through it: remove the link (a real folder is made in its place) "
            "or point it inside the output folder")
