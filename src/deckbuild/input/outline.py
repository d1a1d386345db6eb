"""Load an outline: validate it and cross-check everything it names (facts, labels, sources,
slide ids, the theme and its template, and the files its slides name, by their kinds:
``slide_files``); ``editions`` compiles what this loads into the model.

Every problem is reported in one pass: an error in one phase (a misspelt unit, an unknown
theme) does not stop the phases after it, which run on what can still be read (the default
theme stands in for an unknown one). A phase that cannot run on the broken input is skipped
(``guarded``), since its input's errors are reported already."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuild.diagnostics import Diagnostics, Location, did_you_mean, with_fix
from deckbuild.digests import looking
from deckbuild.input.facts import Fact, FormulaError, evaluate, formula_names
from deckbuild.input.label_words import check_labels
from deckbuild.input.numbers import magnitude_problem, shown_number
from deckbuild.input.project import Project
from deckbuild.input.schema import load_validated
from deckbuild.input.schemas import OUTLINE, SLIDE
from deckbuild.input.theme import load_theme
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, Sequence, items_of, string_of
from deckbuild.model.kinds import kind_named
from deckbuild.model.theme import Theme

if TYPE_CHECKING:  # for annotations only: loaded when a deck has charts, or tables read from CSV files
    from deckbuild.input.chart_spec import ChartSpec
    from deckbuild.input.csv_data import CsvData


@dataclass(frozen=True)
class Overrides:
    """What the command line sets for one build instead of the outline: ``--theme`` (a theme's
    name, as ``theme:`` takes) and ``--lang`` (the one edition to make)."""

    theme: str | None = None
    language: str | None = None

    def __bool__(self) -> bool:
        return self.theme is not None or self.language is not None

    def key(self) -> str:
        """A short text that tells builds with different overrides apart (in the manifest)."""
        return f"theme={self.theme or ''};lang={self.language or ''}" if self else ""


NO_OVERRIDES = Overrides()


@dataclass
class Outline:
    """A validated outline with everything it references loaded."""

    path: Path
    node: Mapping
    project: Project
    theme: Theme
    languages: tuple[str, ...]
    facts: dict[str, Fact]
    charts: dict[str, ChartSpec] = field(default_factory=dict)
    tables: dict[Path, CsvData] = field(default_factory=dict)  # the CSV files tables read, by real path
    inputs: list[Path] = field(default_factory=list)  # every file read, for change detection
    absent: list[Path] = field(default_factory=list)  # files looked for and not found (e.g. a theme override)
    broken: bool = False  # loaded with errors: compiled only to find the problems of later phases
    overrides: Overrides = NO_OVERRIDES  # what the command line set instead of the outline
    # the texts written once for every edition of a translated outline (where, and the text), as
    # compiling its main edition found them: for the 'untranslated' lint
    shared_texts: dict[Location, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def slides(self) -> list[Mapping]:
        """The slides' nodes, in order."""
        return [s for s in items_of(self.node.get("slides")) if isinstance(s, Mapping)]


# A kind's loader of what its slides name in other files (``KindSpec.files``).
FilesLoader = Callable[[Outline, Mapping, Diagnostics], None]


def load_outline(path: Path, diags: Diagnostics, overrides: Overrides = NO_OVERRIDES) -> Outline | None:
    """Load, validate and cross-check an outline; None when it has errors (all reported).
    Only this outline's own errors count: ``diags`` may already hold another's."""
    outline = load_outline_checked(path, diags, overrides)
    return None if outline is None or outline.broken else outline


def load_outline_checked(path: Path, diags: Diagnostics, overrides: Overrides = NO_OVERRIDES) -> Outline | None:
    """As ``load_outline``, but an outline with errors is returned too, marked ``broken``,
    so that later phases can look for more problems; None only when the file cannot be read
    as a mapping."""
    own = Diagnostics()
    outline = _load_outline(path, own, overrides)
    diags.extend(own.items)
    if outline is not None and own.has_errors:
        outline.broken = True
    return outline


@contextmanager
def guarded(diags: Diagnostics) -> Iterator[None]:
    """Run a phase on input that may be broken: when ``diags`` already holds an error, a
    phase that fails on what the error left is skipped (the error says what to fix)."""
    had_errors = diags.has_errors
    try:
        yield
    except Exception:
        if not (had_errors or diags.has_errors):
            raise


def _load_outline(path: Path, diags: Diagnostics, overrides: Overrides) -> Outline | None:
    """The outline at ``path`` with every file its loaders looked at among its inputs (found)
    or absent (not found), those that failed to load too: a fix to one is a change."""
    with looking() as looked:
        outline = _read_outline(path, diags, overrides)
    if outline is not None:
        outline.inputs += [p for p in looked.found if p not in outline.inputs]
        outline.absent += [p for p in looked.missing if p not in looked.found and p not in outline.absent]
        outline.inputs += [p for p in looked.through_links(list(outline.inputs)) if p not in outline.inputs]
        outline.absent += [p for p in looked.through_links(list(outline.absent)) if p not in outline.absent]
    return outline


def _read_outline(path: Path, diags: Diagnostics, overrides: Overrides) -> Outline | None:
    node = load_validated(path, OUTLINE, diags, "an outline must be a mapping with 'title:' and 'slides:'",
                          "the outline")
    if node is None:
        return None
    project = Project.of_deck(path)
    language = string_of(node.get("language"), "en")
    translations = (string_of(s, "") for s in items_of(node.get("translations")))
    languages = (language,) + tuple(t for t in translations if t != language)
    if overrides.language is not None:
        languages = _one_language(overrides.language, languages, node, diags)
    theme_node = node.get("theme")
    theme_name = string_of(theme_node, "default")
    where = theme_node.loc if theme_node else node.loc
    if overrides.theme is not None:
        theme_name, where = overrides.theme, Location("--theme")
    theme = load_theme(theme_name, project, diags, where)
    if theme is None:  # the default theme stands in, so that the checks after this one still run
        theme_name = "default"
        with guarded(diags):
            theme = load_theme("default", project, Diagnostics(), where)
    facts: dict[str, Fact] = {}
    with guarded(diags):
        facts = _facts(node.get("facts"), diags)
    with guarded(diags):
        check_labels(node.get("labels"), diags)
    if theme is None:
        return None
    theme = replace(theme, fonts=theme.fonts.for_languages(languages))  # its editions' script families, read now
    outline = Outline(path.resolve(), node, project, theme, languages, facts, inputs=[path.resolve()],
                      overrides=overrides)
    if theme is not None:
        outline.inputs += [theme.directory / "theme.yaml", *theme.fonts.files(languages)]
        if theme.template is not None:
            from deckbuild.input.template import warn_missing_layouts

            outline.inputs.append(theme.template.path)
            kinds = {kind for kind in map(SLIDE.variant_of, outline.slides) if kind is not None}
            warn_missing_layouts(theme_name, theme.template, kinds, diags)
        override = project.templates / theme.directory.name / "theme.yaml"
        if override.resolve() != (theme.directory / "theme.yaml").resolve():
            outline.absent.append(override)
    with guarded(diags):
        _load_files(outline, diags)
    with guarded(diags):
        _check_references(outline, diags)
    return outline


def _one_language(wanted: str, languages: tuple[str, ...], node: Mapping, diags: Diagnostics) -> tuple[str, ...]:
    """``--lang``: the one edition to make, which must be the outline's language or one of
    its translations. The main language is kept first, as texts are checked against all."""
    if wanted in languages:
        return (wanted,) if wanted == languages[0] else (languages[0], wanted)
    diags.error(Location("--lang"), with_fix(f"the outline {node.loc.path} has no edition in '{wanted}'",
                                             did_you_mean(wanted, languages),
                                             "its languages are " + ", ".join(languages)), "unknown-language")
    return languages


def _facts(node: AnyNode | None, diags: Diagnostics) -> dict[str, Fact]:
    """Facts with a value, then facts with a formula, in the order their inputs allow."""
    facts: dict[str, Fact] = {}
    formulas: dict[str, tuple[Mapping, Scalar]] = {}
    if not isinstance(node, Mapping):
        return facts

    def make(name: str, f: Mapping, value: float | tuple[float, float]) -> Fact:
        dec, signed = f.get("decimals"), f.get("signed")
        decimals: int | tuple[tuple[str, int], ...] | None = None
        if isinstance(dec, Scalar):
            decimals = int(dec.value)
        elif isinstance(dec, Mapping):
            decimals = tuple((lang, int(n.value)) for lang, n in dec.items() if isinstance(n, Scalar))
        return Fact(name, value, string_of(f.get("unit"), "number"), decimals,
                    bool(signed.value) if isinstance(signed, Scalar) else False)

    for name, f in node.items():
        if not isinstance(f, Mapping):  # the schema said so
            facts[name] = Fact(name, 0.0)  # declared: its uses are not reported as unknown too
            continue
        v, formula = f.get("value"), f.get("formula")
        if (v is None) == (formula is None):
            diags.error(f.loc, f"fact '{name}' needs exactly one of 'value' or 'formula'", "fact")
        elif isinstance(formula, Scalar):
            formulas[name] = (f, formula)
        else:
            try:
                if isinstance(v, Sequence):
                    low, high = (float(b.value) for b in v.items if isinstance(b, Scalar))
                    facts[name] = make(name, f, (low, high))
                elif isinstance(v, Scalar):
                    facts[name] = make(name, f, float(v.value))
            except (TypeError, ValueError, OverflowError):  # a value the schema refused: declared, worth nothing
                facts[name] = Fact(name, 0.0)
    pending = dict(formulas)
    while pending:
        ready = [n for n, (_, fm) in pending.items() if not (formula_names(str(fm.value)) & set(pending))]
        if not ready:  # what is left refers to itself, directly or not
            for name, (_, fm) in pending.items():
                diags.error(fm.loc, f"formula of fact '{name}' depends on itself through "
                            + ", ".join(sorted(formula_names(str(fm.value)) & set(pending))), "fact-cycle")
                facts[name] = Fact(name, 0.0)  # declared: its uses are not reported as unknown too
            break
        for name in ready:
            f, fm = pending.pop(name)
            try:
                facts[name] = make(name, f, evaluate(str(fm.value), facts))
            except FormulaError as exc:
                diags.error(fm.loc, str(exc), "formula")
                facts[name] = Fact(name, 0.0)  # declared: its uses are not reported as unknown too
                continue
            fix = "write the facts it uses in other units"
            beyond = magnitude_problem(facts[name].number(), fix, fix)
            if beyond:
                value = shown_number(facts[name].number())
                diags.error(fm.loc, f"formula of fact '{name}' gives {value}, {beyond}", "range")
    return facts


def _load_files(outline: Outline, diags: Diagnostics) -> None:
    """What each slide names in other files (a chart spec, an image), by its kind's loader."""
    for slide in outline.slides:
        kind = SLIDE.variant_of(slide)
        files = kind_named(kind).files if kind is not None else None
        if files is not None:
            load: FilesLoader = files.load()
            load(outline, slide, diags)


def _check_references(outline: Outline, diags: Diagnostics) -> None:
    source_ids = [s.get("id") for s in items_of(outline.node.get("sources")) if isinstance(s, Mapping)]
    ids = [str(i.value) for i in source_ids if isinstance(i, Scalar)]
    seen: dict[str, Location] = {}
    for i in source_ids:
        if isinstance(i, Scalar):
            if i.value in seen:
                diags.error(i.loc, f"duplicate source id '{i.value}' (first at line {seen[i.value].line}); "
                            "ids must be unique", "duplicate-id")
            seen.setdefault(i.value, i.loc)
    seen_ids: dict[str, Location] = {}
    for slide in outline.slides:
        sid = slide.get("id")
        if isinstance(sid, Scalar):
            if sid.value in seen_ids:
                first = seen_ids[sid.value]
                diags.error(sid.loc, f"duplicate slide id '{sid.value}' (first at line {first.line}); ids must be "
                            "unique, since links name them", "duplicate-id")
            seen_ids.setdefault(sid.value, sid.loc)
        for ref in items_of(slide.get("sources")):
            if isinstance(ref, Scalar) and ref.value not in ids:
                diags.error(ref.loc, with_fix(f"unknown source '{ref.value}'", did_you_mean(str(ref.value), ids),
                                              "add it to the deck's 'sources:' list"), "unknown-source")
