"""Outline → model: validate an outline and everything it names, then build each edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from deckbuild.diagnostics import Diagnostics, Location, did_you_mean, with_fix
from deckbuild.input.facts import Fact, FormulaError, evaluate, formula_names
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, Sequence, display_path
from deckbuild.model.deck import (
    Bullet, BulletsContent, ChartContent, ClosingContent, Column, ColumnsContent, Deck, ImageContent,
    QuoteContent, SectionContent, Slide, SlideKind, Source, Stat, StatsContent, Table, TableContent, TitleContent,
)
from deckbuild.input.numbers import magnitude_problem
from deckbuild.input.project import Project, file_problem, image_problem
from deckbuild.input.schema import load_validated
from deckbuild.input.schemas import OUTLINE, SLIDE
from deckbuild.input.texts import Texts
from deckbuild.model.theme import Theme
from deckbuild.input.theme import load_theme

if TYPE_CHECKING:  # for annotations only: loaded when a deck has charts
    from deckbuild.input.chart_spec import ChartSpec


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
    inputs: list[Path] = field(default_factory=list)  # every file read, for change detection
    absent: list[Path] = field(default_factory=list)  # files looked for and not found (e.g. a theme override)

    @property
    def name(self) -> str:
        return self.path.stem


def load_outline(path: Path, diags: Diagnostics) -> Optional[Outline]:
    """Load, validate and cross-check an outline; None when it has errors (all reported).
    Only this outline's own errors count: ``diags`` may already hold another's."""
    own = Diagnostics()
    outline = _load_outline(path, own)
    diags.extend(own.items)
    return outline


def _load_outline(path: Path, diags: Diagnostics) -> Optional[Outline]:
    node = load_validated(path, OUTLINE, diags, "an outline must be a mapping with 'title:' and 'slides:'",
                          "the outline")
    if node is None or diags.has_errors:
        return None
    project = Project.of_deck(path)
    language = _str(node.get("language"), "en")
    languages = (language,) + tuple(s.value for s in _items(node.get("translations")) if s.value != language)
    theme_node = node.get("theme")
    theme = load_theme(_str(theme_node, "default"), project, diags,
                       theme_node.loc if theme_node else node.loc)
    facts = _facts(node.get("facts"), diags)
    _check_labels(node.get("labels"), diags)
    outline = Outline(path.resolve(), node, project, theme, languages, facts, inputs=[path.resolve()])  # type: ignore[arg-type]
    if theme is not None:
        outline.inputs += [theme.directory / "theme.yaml", theme.fonts.regular, theme.fonts.bold]
        if theme.template is not None:
            from deckbuild.input.template import warn_missing_layouts

            outline.inputs.append(theme.template.path)
            kinds = {SLIDE.variant_of(s) for s in _slides(outline)}
            warn_missing_layouts(_str(theme_node, "default"), theme.template, kinds, diags)
        override = project.templates / theme.directory.name / "theme.yaml"
        if override.resolve() != (theme.directory / "theme.yaml").resolve():
            outline.absent.append(override)
    _load_charts(outline, diags)
    _check_references(outline, diags)
    return None if diags.has_errors or theme is None else outline


def _str(node: Optional[AnyNode], default: str) -> str:
    return str(node.value) if isinstance(node, Scalar) and node.value is not None else default


def _drawn_str(texts: Texts, node: Optional[AnyNode]) -> str:
    """A plain string field the outputs show as written (a date, a URL), checked against the fonts."""
    return texts.drawn(str(node.value), node.loc) if isinstance(node, Scalar) and node.value is not None else ""


def _items(node: Optional[AnyNode]) -> list:
    return node.items if isinstance(node, Sequence) else []


def _facts(node: Optional[AnyNode], diags: Diagnostics) -> dict[str, Fact]:
    """Facts with a value, then facts with a formula, in the order their inputs allow."""
    facts: dict[str, Fact] = {}
    formulas: dict[str, tuple[Mapping, Scalar]] = {}
    if not isinstance(node, Mapping):
        return facts

    def make(name: str, f: Mapping, value) -> Fact:
        dec = f.get("decimals")
        return Fact(name, value, _str(f.get("unit"), "number"), int(dec.value) if isinstance(dec, Scalar) else None,
                    bool(f.get("signed").value) if isinstance(f.get("signed"), Scalar) else False)

    for name, f in node.items():
        assert isinstance(f, Mapping)
        v, formula = f.get("value"), f.get("formula")
        if (v is None) == (formula is None):
            diags.error(f.loc, f"fact '{name}' needs exactly one of 'value' or 'formula'", "fact")
        elif isinstance(formula, Scalar):
            formulas[name] = (f, formula)
        else:
            value = (float(v.items[0].value), float(v.items[1].value)) if isinstance(v, Sequence) else float(v.value)
            facts[name] = make(name, f, value)
    pending = dict(formulas)
    while pending:
        ready = [n for n, (_, fm) in pending.items() if not (formula_names(str(fm.value)) & set(pending))]
        if not ready:  # what is left refers to itself, directly or not
            for name, (_, fm) in pending.items():
                diags.error(fm.loc, f"formula of fact '{name}' depends on itself through "
                            + ", ".join(sorted(formula_names(str(fm.value)) & set(pending))), "fact-cycle")
            break
        for name in ready:
            f, fm = pending.pop(name)
            try:
                facts[name] = make(name, f, evaluate(str(fm.value), facts))
            except FormulaError as exc:
                diags.error(fm.loc, str(exc), "formula")
                continue
            fix = "write the facts it uses in other units"
            beyond = magnitude_problem(facts[name].number(), fix, fix)
            if beyond:
                diags.error(fm.loc, f"formula of fact '{name}' gives {facts[name].number():g}, {beyond}", "range")
    return facts


def _check_labels(node: Optional[AnyNode], diags: Diagnostics) -> None:
    """Every label override names a known label and is a valid template (``labels.parse``)."""
    from deckbuild.model.labels import DEFAULTS, TemplateError, parse

    names = DEFAULTS["en"]
    for _, words in node.items() if isinstance(node, Mapping) else ():
        for name, value in words.items() if isinstance(words, Mapping) else ():
            if name not in names:
                diags.error(words.key_loc(name), with_fix(f"unknown label '{name}'", did_you_mean(name, names),
                                                          "labels are " + ", ".join(names)), "unknown-label")
            elif isinstance(value, Scalar) and isinstance(value.value, str):
                try:
                    parse(name, value.value)
                except TemplateError as exc:
                    diags.error(value.loc, str(exc), "label-template")


def _slides(outline: Outline) -> list[Mapping]:
    return [s for s in _items(outline.node.get("slides")) if isinstance(s, Mapping)]


def _load_charts(outline: Outline, diags: Diagnostics) -> None:
    available = sorted(p.stem for p in outline.project.charts.glob("*.yaml")) if outline.project.charts.is_dir() else []
    for slide in _slides(outline):
        ref = slide.get("chart")
        if not isinstance(ref, Scalar) or ref.value in outline.charts:
            continue
        name = str(ref.value)
        inside, why = outline.project.contains(outline.project.charts / f"{name}.yaml")
        if not inside:
            diags.error(ref.loc, f"chart '{name}' is refused: charts/{name}.yaml: {why}", "path")
            continue
        if not (outline.project.charts / f"{name}.yaml").is_file():
            diags.error(ref.loc, f"chart '{name}' not found: no file charts/{name}.yaml{did_you_mean(name, available)}",
                        "unknown-chart")
            continue
        from deckbuild.input.chart_spec import load_spec  # decks without charts never load it

        spec = load_spec(name, outline.project, diags)
        if spec is not None:
            outline.charts[name] = spec
            outline.inputs.append(spec.path)
            csv = spec.node.get("csv")
            if isinstance(csv, Scalar):
                outline.inputs.append((spec.path.parent / str(csv.value)).resolve())


def _check_references(outline: Outline, diags: Diagnostics) -> None:
    ids = [s.get("id").value for s in _items(outline.node.get("sources")) if isinstance(s.get("id"), Scalar)]
    seen: dict[str, Location] = {}
    for s in _items(outline.node.get("sources")):
        i = s.get("id")
        if isinstance(i, Scalar):
            if i.value in seen:
                diags.error(i.loc, f"duplicate source id '{i.value}' (first at line {seen[i.value].line}); ids must be unique", "duplicate-id")
            seen.setdefault(i.value, i.loc)
    seen_ids: dict[str, Location] = {}
    for slide in _slides(outline):
        sid = slide.get("id")
        if isinstance(sid, Scalar):
            if sid.value in seen_ids:
                first = seen_ids[sid.value]
                diags.error(sid.loc, f"duplicate slide id '{sid.value}' (first at line {first.line}); ids must be "
                            "unique, since links name them", "duplicate-id")
            seen_ids.setdefault(sid.value, sid.loc)
        for ref in _items(slide.get("sources")):
            if isinstance(ref, Scalar) and ref.value not in ids:
                diags.error(ref.loc, with_fix(f"unknown source '{ref.value}'", did_you_mean(str(ref.value), ids), "add it to the deck's 'sources:' list"), "unknown-source")
        img = slide.get("image")
        if isinstance(img, Scalar):
            resolved, why = outline.project.resolve(str(img.value), outline.path.parent)
            missing = file_problem(resolved, "an image file") if resolved is not None else None
            if resolved is None:
                diags.error(img.loc, f"image '{img.value}' is refused: {why}", "path")
            elif missing == "not found":
                diags.error(img.loc, f"image file '{img.value}' not found (paths are relative to {display_path(outline.path.parent)})",
                            "missing-file")
            elif missing:
                diags.error(img.loc, f"image '{img.value}' {missing}; name a PNG, JPEG or GIF file", "missing-file")
            elif resolved.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif"):
                diags.error(img.loc, f"image '{img.value}' must be a PNG, JPEG or GIF file", "image-format")
            elif image_problem(resolved):
                diags.error(img.loc, f"image '{img.value}' {image_problem(resolved)}", "image-format")
            else:
                outline.inputs.append(resolved)


def edition_name(outline: Outline, language: str) -> str:
    """NAME for the main language, NAME.LANG for translations."""
    return outline.name if language == outline.languages[0] else f"{outline.name}.{language}"


def compile_edition(outline: Outline, language: str, diags: Diagnostics) -> Deck:
    """Build the model of one edition (the outline is already validated)."""
    node = outline.node
    from deckbuild.input.glyphs import coverage

    texts = Texts(language, outline.languages, outline.facts, diags, anchors=slide_ids(outline),
                  coverage=coverage(outline.theme.fonts))
    sources = _sources(node, texts)
    by_id = {s.id: s for s in sources}
    slides = []
    section = 0
    for number, snode in enumerate(_slides(outline), 1):
        kind = SlideKind(SLIDE.variant_of(snode))
        if kind is SlideKind.SECTION:
            section += 1
        slides.append(_slide(outline, snode, kind, number, section, texts, by_id))
    labels_node = node.get("labels")
    overrides = {}
    if isinstance(labels_node, Mapping) and isinstance(labels_node.get(language), Mapping):
        overrides = {k: texts.drawn(str(v.value), v.loc) for k, v in labels_node.get(language).items()}  # type: ignore[union-attr]
    return Deck(
        name=edition_name(outline, language), title=texts.plain(node.get("title")), language=language,
        slides=tuple(slides), subtitle=texts.plain(node.get("subtitle")), author=texts.plain(node.get("author")),
        date=_drawn_str(texts, node.get("date")), sources=sources, summary=texts.paragraphs(node.get("summary")),
        labels=overrides, location=node.loc,
    )


def slide_ids(outline: Outline) -> frozenset[str]:
    """The slides' ids: what a ``[text](#id)`` link may name."""
    return frozenset(str(i.value) for i in (s.get("id") for s in _slides(outline)) if isinstance(i, Scalar))


def _sources(node: Mapping, texts: Texts) -> tuple[Source, ...]:
    out = []
    for n, s in enumerate(_items(node.get("sources")), 1):
        url = s.get("url")
        out.append(Source(str(s.get("id").value), n, texts.plain(s.get("title")), texts.plain(s.get("publisher")),
                          _drawn_str(texts, s.get("date")), texts.url(url) if isinstance(url, Scalar) else None))
    return tuple(out)


def _bullets(node: Optional[AnyNode], texts: Texts) -> tuple[Bullet, ...]:
    out = []
    for item in _items(node):
        if isinstance(item, Mapping) and "text" in item:
            out.append(Bullet(texts.rich(item.get("text")), _bullets(item.get("bullets"), texts)))
        else:
            out.append(Bullet(texts.rich(item)))
    return tuple(out)


def _slide(outline: Outline, s: Mapping, kind: SlideKind, number: int, section: int, texts: Texts,
           sources: dict[str, Source]) -> Slide:
    deck = outline.node
    title = texts.rich(s.get("title")) if "title" in s else texts.rich(deck.get("title"))
    subtitle = texts.rich(s.get("subtitle"))
    content: object
    if kind is SlideKind.TITLE:
        content = TitleContent(texts.plain(deck.get("author")), _drawn_str(texts, deck.get("date")))
        if not subtitle:
            subtitle = texts.rich(deck.get("subtitle"))
    elif kind is SlideKind.SECTION:
        content = SectionContent(section)
    elif kind is SlideKind.BULLETS:
        content = BulletsContent(_bullets(s.get("bullets"), texts))
    elif kind is SlideKind.COLUMNS:
        cols = [Column(texts.rich(c.get("heading")), _bullets(c.get("bullets"), texts))
                for c in (s.get("left"), s.get("right"))]  # type: ignore[union-attr]
        content = ColumnsContent(cols[0], cols[1])
    elif kind is SlideKind.CHART:
        from deckbuild.input.chart_spec import resolve

        spec = outline.charts[str(s.get("chart").value)]  # type: ignore[union-attr]
        chart = resolve(spec, texts, sources, outline.theme.digest, s.get("chart").loc)  # type: ignore[union-attr]
        content = ChartContent(chart, texts.rich(s.get("caption")), _bullets(s.get("bullets"), texts)) if chart else None
    elif kind is SlideKind.TABLE:
        t = s.get("table")
        assert isinstance(t, Mapping)
        header = tuple(texts.rich(c) for c in _items(t.get("header")))
        rows = []
        for r in _items(t.get("rows")):
            cells = tuple(texts.rich(c) for c in _items(r))
            if len(cells) != len(header):
                texts.diags.error(r.loc, f"row has {len(cells)} cells but the header has {len(header)}", "table-row")
            rows.append(cells)
        widths = tuple(float(w.value) for w in _items(t.get("widths")))
        if widths and len(widths) != len(header):
            texts.diags.error(t.key_loc("widths"), f"'widths' has {len(widths)} entries but the table has {len(header)} columns", "table-widths")
        content = TableContent(Table(header, tuple(rows), widths), texts.rich(s.get("caption")))
    elif kind is SlideKind.QUOTE:
        content = QuoteContent(texts.rich(s.get("quote")), texts.plain(s.get("attribution")))
    elif kind is SlideKind.STATS:
        content = StatsContent(tuple(Stat(texts.plain(st.get("value")), texts.rich(st.get("label")))
                                     for st in _items(s.get("stats"))))
    elif kind is SlideKind.IMAGE:
        path, _ = outline.project.resolve(str(s.get("image").value), outline.path.parent)  # type: ignore[union-attr]
        content = ImageContent(path, texts.plain(s.get("alt"), drawn=False), texts.rich(s.get("caption")))  # type: ignore[arg-type]
    else:
        content = ClosingContent(_bullets(s.get("bullets"), texts))
    slide_sources = tuple(sources[r.value] for r in _items(s.get("sources")) if r.value in sources)
    if isinstance(content, ChartContent):
        extra = tuple(x for x in content.chart.sources if x not in slide_sources)
        slide_sources = tuple(sorted(slide_sources + extra, key=lambda x: x.number))
    return Slide(kind, number, title, content, subtitle, texts.plain_paragraphs(s.get("notes")),  # type: ignore[arg-type]
                 texts.paragraphs(s.get("report")), slide_sources, s.loc, _str(s.get("id"), ""))


def compile_outline(path: Path, diags: Diagnostics) -> tuple[Optional[Outline], list[Deck]]:
    """Every edition of an outline; ([], errors in diags) when the input is invalid (its
    own errors: ``diags`` may already hold another outline's)."""
    own = Diagnostics()
    outline = load_outline(path, own)
    decks = [compile_edition(outline, lang, own) for lang in outline.languages] if outline else []
    diags.extend(own.items)
    return outline, [] if own.has_errors else decks
