"""Chart specs (charts/NAME.yaml, optionally with a CSV beside them) resolved into model charts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from deckbuild.diagnostics import Diagnostics, Location, did_you_mean, with_fix
from deckbuild.digests import code_version
from deckbuild.input.csv_data import csv_number, read_csv
from deckbuild.input.numbers import magnitude_problem
from deckbuild.input.project import Project, file_problem, similar_file
from deckbuild.input.schema import load_validated
from deckbuild.input.schemas import CHART, CHART_TEXT_LIMIT
from deckbuild.input.texts import Texts
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, Sequence, display_path, string_of
from deckbuild.model.deck import Annotation, Chart, ChartKind, NumberFormat, ReferenceLine, Series, Source

MAX_POINTS = 10_000
KIND_WORDS = {
    "en": {"column": "Column chart", "bar": "Bar chart", "line": "Line chart", "area": "Area chart",
           "pie": "Pie chart", "donut": "Donut chart", "scatter": "Scatter chart", "range": "Range chart",
           "magnitude": "Bar chart (log scale)", "combo": "Bar and line chart", "scorecard": "Scorecard"},
    "zh": {"column": "柱状图", "bar": "条形图", "line": "折线图", "area": "面积图", "pie": "饼图",
           "donut": "环形图", "scatter": "散点图", "range": "区间图", "magnitude": "条形图(对数刻度)",
           "combo": "柱线组合图", "scorecard": "评分卡"},
}


@dataclass
class ChartSpec:
    """A validated chart spec file, ready to resolve for any language."""

    name: str
    path: Path
    node: Mapping
    csv_rows: list[dict[str, tuple[str, Location]]] | None = None
    csv_columns: tuple[str, ...] = ()


def load_spec(name: str, project: Project, diags: Diagnostics) -> ChartSpec | None:
    """Load and validate charts/NAME.yaml (and its CSV); None if it has errors."""
    path = project.charts / f"{name}.yaml"
    errors_before = len([d for d in diags.items])
    inside, why = project.contains(path)
    if not inside:
        diags.error(Location(display_path(path)), f"chart spec is refused: {why}", "path")
        return None
    node = load_validated(path, CHART, diags, "a chart spec must be a mapping with 'title', 'kind' and data",
                          "the chart spec")
    if node is None:
        return None
    spec = ChartSpec(name, path, node)
    csv_node = node.get("csv")
    if isinstance(csv_node, Scalar) and isinstance(csv_node.value, str):
        resolved, why = project.resolve(csv_node.value, path.parent)
        if resolved is None:
            diags.error(csv_node.loc, f"csv '{csv_node.value}' is refused: {why}", "path")
        elif file_problem(resolved) == "not found":
            diags.error(csv_node.loc, f"csv file '{csv_node.value}' not found beside {display_path(path)}"
                        f"{similar_file(resolved, csv_node.value)}", "missing-file")
        elif file_problem(resolved, "a CSV file"):
            diags.error(csv_node.loc, f"csv '{csv_node.value}' {file_problem(resolved, 'a CSV file')}; "
                        "name a CSV file", "missing-file")
        else:
            data = read_csv(resolved, diags, MAX_POINTS, "aggregate the data or split the chart")
            if data is not None:
                spec.csv_rows, spec.csv_columns = list(data.rows), data.columns
    if len(diags.items) > errors_before and diags.has_errors:
        return None
    return spec


def _column_for(node: AnyNode | None, language: str, diags: Diagnostics) -> Scalar | None:
    """The CSV column ``category_column`` names for an edition: the one name, or of a mapping
    (a column per language) the language's own, else its base language's."""
    if not isinstance(node, Mapping):
        return node if isinstance(node, Scalar) else None
    for tag in (language, language.split("-")[0]):
        found = node.get(tag)
        if isinstance(found, Scalar):
            return found
    diags.error(node.loc, f"'category_column' names no column for language '{language}'; add "
                f"'{language}: COLUMN' (given: {', '.join(k for k, _ in node.items())})", "csv-column")
    return None


def resolve(spec: ChartSpec, texts: Texts, sources: dict[str, Source], theme_digest: str,
            where: Location | None = None) -> Chart | None:
    """The chart for one language, values scaled for display; None if the data is invalid."""
    node, diags = spec.node, texts.diags
    before = len(diags.items)
    kind = ChartKind(string_of(node.get("kind"), ""))  # validated
    scale = _scale(node.get("scale"), texts.language)
    categories: list[str] = []
    series: list[Series] = []
    cat_node = node.get("categories")
    reported = len(diags.items)
    if isinstance(cat_node, Sequence):
        categories = [texts.plain(c, data=True) for c in cat_node.items]
    elif spec.csv_rows is not None:
        col = _column_for(node.get("category_column"), texts.language, diags)
        if isinstance(col, Scalar):
            if col.value not in spec.csv_columns:
                diags.error(col.loc, f"no column '{col.value}' in the CSV{did_you_mean(col.value, spec.csv_columns)}"
                            f" (columns: {', '.join(spec.csv_columns)})", "csv-column")
            else:
                categories = [texts.drawn(*r[col.value]) for r in spec.csv_rows]
                for text, loc in (r[col.value] for r in spec.csv_rows):
                    if len(text) > CHART_TEXT_LIMIT:
                        diags.error(loc, f"category is {len(text)} characters long, over the limit of "
                                    f"{CHART_TEXT_LIMIT}; a chart shows short labels", "too-long")
    categories_failed = len(diags.items) > reported  # said once, not again as each series' length
    series_node = node.get("series")
    if not isinstance(series_node, Sequence) or not series_node.items:
        diags.error(node.loc, "the chart has no data; add 'series:' with values", "empty")
        return None
    value_locs: list[list[Location]] = []
    for s in series_node.items:
        assert isinstance(s, Mapping)
        located = _values(s, spec, texts, "values", "column")
        located_x = _values(s, spec, texts, "x", "x_column") if kind is ChartKind.SCATTER else []
        if located is None or located_x is None:
            continue
        values = [v for v, _ in located]
        xs = [v for v, _ in located_x]
        if not values:
            diags.error(s.loc, "series has no values; add 'values:' (or 'column:' with 'csv:')", "empty")
            continue
        if kind is ChartKind.SCATTER:
            if len(xs) != len(values):
                diags.error(s.loc, f"series has {len(values)} values but {len(xs)} x values; give one x per value",
                            "length")
        elif len(values) != len(categories) and not categories_failed:
            diags.error(s.loc, f"series has {len(values)} values but the chart has {len(categories)} categories; "
                        "give one value per category", "length")
        own = _scale(s.get("scale"), texts.language) if s.get("scale") is not None else scale
        for v, loc in located:
            _check_scaled(v, own, loc, diags)
        sec = s.get("secondary")
        series.append(Series(texts.plain(s.get("name"), data=True), tuple(v / own for v in values),
                             tuple(xs), bool(sec.value) if isinstance(sec, Scalar) else False,
                             _number_format(s.get("format"), texts) if s.get("format") is not None else None))
        value_locs.append([loc for _, loc in located])
    _check_kind(kind, series, node, diags, value_locs)
    if len(diags.items) > before and diags.has_errors:
        return None
    categories_t = tuple(categories)
    sort = node.get("sort")
    if isinstance(sort, Scalar) and sort.value in ("asc", "desc") and categories_t and series:
        order = sorted(range(len(categories_t)), key=lambda i: series[0].values[i], reverse=sort.value == "desc")
        categories_t = tuple(categories_t[i] for i in order)
        series = [replace(s, values=tuple(s.values[i] for i in order)) for s in series]
    number_format = _number_format(node.get("format"), texts)
    ref = node.get("reference_line")
    reference = None
    if isinstance(ref, Mapping):
        value_node = ref.get("value")
        line_at = _value(value_node, texts)
        if line_at is not None and value_node is not None and _check_scaled(line_at, scale, value_node.loc, diags):
            reference = ReferenceLine(line_at / scale, texts.plain(ref.get("label"), data=True))
    annotations = []
    ann_node = node.get("annotations")
    for a in ann_node.items if isinstance(ann_node, Sequence) else []:
        assert isinstance(a, Mapping)
        x, y = a.get("x"), a.get("y")
        if isinstance(y, Scalar):
            _check_scaled(float(y.value), scale, y.loc, diags)
        annotations.append(Annotation(texts.plain(a.get("text")), texts.plain(a.get("category"), data=True),
                                      float(x.value) if isinstance(x, Scalar) else None,
                                      float(y.value) / scale if isinstance(y, Scalar) else None))
    src_ids = []
    src = node.get("source")
    if isinstance(src, Scalar):
        if src.value not in sources:
            diags.error(src.loc, with_fix(f"unknown source '{src.value}'", did_you_mean(src.value, sources),
                                          "add it to the deck's 'sources:' list"), "unknown-source")
        else:
            src_ids.append(sources[src.value])
    stacked = _flag(node, "stacked", False)
    highlight = texts.plain(node.get("highlight"), drawn=False, data=True) or None  # a category, checked as one
    if highlight and highlight not in categories_t:
        diags.warning(node.key_loc("highlight"), f"highlight '{highlight}' is not a category of the chart"
                      f"{did_you_mean(highlight, categories_t)}", "highlight")
    palette = node.get("palette")
    chart = Chart(
        name=spec.name, kind=kind, title=texts.plain(node.get("title")), categories=categories_t,
        series=tuple(series), subtitle=texts.plain(node.get("subtitle")), unit=texts.plain(node.get("unit")),
        number_format=number_format, stacked=bool(stacked), percent=stacked == "percent",
        data_labels=bool(_flag(node, "data_labels", True)), highlight=highlight, reference_line=reference,
        annotations=tuple(annotations), x_title=texts.plain(node.get("x_title")),
        y_title=texts.plain(node.get("y_title")), y2_title=texts.plain(node.get("y2_title")),
        legend=str(_flag(node, "legend", "bottom")), log_scale=bool(_flag(node, "log_scale", False)),
        native=bool(_flag(node, "native", True)),
        palette=tuple(string_of(p, "") for p in palette.items) if isinstance(palette, Sequence) else (),
        max_value=float(top.value) if isinstance(top := node.get("max"), Scalar) else None,
        sources=tuple(src_ids), language=texts.language, location=where or spec.node.loc,
    )
    alt = texts.plain(node.get("alt"), drawn=False) or alt_text(chart, texts.language)
    chart = replace(chart, alt_text=alt)
    # the code that draws it is part of what it is: an edited checkout draws its charts again
    digest = hashlib.sha256(repr((replace(chart, location=None), theme_digest, code_version())).encode()).hexdigest()
    return replace(chart, digest=digest)


def _number_format(fmt_node: AnyNode | None, texts: Texts) -> NumberFormat:
    """A 'format:' mapping (of the chart or of a series) as a NumberFormat."""
    if not isinstance(fmt_node, Mapping):
        return NumberFormat()
    dec = fmt_node.get("decimals")
    return NumberFormat(int(dec.value) if isinstance(dec, Scalar) else 0, texts.plain(fmt_node.get("prefix")),
                        texts.raw(fmt_node.get("suffix")), bool(_flag(fmt_node, "signed", False)))


def _check_scaled(value: float, scale: float, loc: Location, diags: Diagnostics) -> bool:
    """Whether ``value`` divided by the chart's ``scale`` is still in the range of numbers
    shown; an error at ``loc`` when not (the value itself was checked when read)."""
    beyond = magnitude_problem(value / scale, "use a smaller 'scale'", "use a larger 'scale'") if scale != 1 else None
    if beyond:
        diags.error(loc, f"value {value:g} divided by 'scale' ({scale:g}) is {value / scale:g}, {beyond}", "range")
    return beyond is None


def _flag(node: Mapping, key: str, default):
    v = node.get(key)
    return v.value if isinstance(v, Scalar) else default


def _scale(node: AnyNode | None, language: str) -> float:
    if isinstance(node, Scalar):
        return float(node.value)
    if isinstance(node, Mapping):
        v = node.get(language) or node.get(language.split("-")[0])
        if isinstance(v, Scalar):
            return float(v.value)
    return 1.0


def _value(node: AnyNode | None, texts: Texts) -> float | None:
    if not isinstance(node, Scalar):
        return None
    if isinstance(node.value, (int, float)):
        return float(node.value)
    ref = str(node.value)[1:]
    name, _, part = ref.partition(".")
    fact = texts.facts.get(name)
    if fact is None:
        texts.diags.error(node.loc, with_fix(f"unknown fact '{name}'", did_you_mean(name, texts.facts),
                                             "declare it under 'facts:' in the outline"), "unknown-fact")
        return None
    texts.used_facts.add(name)
    return fact.number(part or None)


def _values(s: Mapping, spec: ChartSpec, texts: Texts, key: str, col_key: str) -> list[tuple[float, Location]] | None:
    """The numbers of one series with where each was written; None after an error."""
    node, col = s.get(key), s.get(col_key)
    if isinstance(node, Sequence):
        if len(node.items) > MAX_POINTS:
            texts.diags.error(node.loc, f"series has {len(node.items)} values, over the limit of {MAX_POINTS}; "
                              "aggregate the data or split the chart", "too-large")
            return None
        out = [(x, v.loc) for v in node.items if (x := _value(v, texts)) is not None]
        return out if len(out) == len(node.items) else None
    if isinstance(col, Scalar):
        if spec.csv_rows is None:
            texts.diags.error(col.loc, f"'{col_key}' needs 'csv:' naming a CSV file", "csv")
            return None
        if col.value not in spec.csv_columns:
            texts.diags.error(col.loc, f"no column '{col.value}' in the CSV{did_you_mean(col.value, spec.csv_columns)}"
                              f" (columns: {', '.join(spec.csv_columns)})", "csv-column")
            return None
        out = [(x, r[col.value][1]) for r in spec.csv_rows if (x := csv_number(*r[col.value], texts.diags)) is not None]
        return out if len(out) == len(spec.csv_rows) else None
    return []


def _check_kind(kind: ChartKind, series: list[Series], node: Mapping, diags: Diagnostics,
                value_locs: list[list[Location]] | None = None) -> None:
    loc = node.key_loc("series")

    def at(si: int, vi: int) -> Location:  # where value vi of series si was written
        try:
            return value_locs[si][vi] if value_locs else loc
        except IndexError:
            return loc

    if kind is ChartKind.RANGE and len(series) != 2:
        diags.error(loc, f"a range chart needs exactly 2 series (low, high), found {len(series)}", "series-count")
    elif kind is ChartKind.RANGE and any(lo > hi for lo, hi in zip(series[0].values, series[1].values)):
        i = next(i for i, (lo, hi) in enumerate(zip(series[0].values, series[1].values)) if lo > hi)
        diags.error(at(0, i), "in a range chart every low value must be at most its high value", "range")
    if kind in (ChartKind.PIE, ChartKind.DONUT):
        if len(series) != 1:
            diags.error(loc, f"a {kind.value} chart takes exactly 1 series, found {len(series)}", "series-count")
        elif any(v < 0 for v in series[0].values):
            i = next(i for i, v in enumerate(series[0].values) if v < 0)
            diags.error(at(0, i), f"a {kind.value} chart cannot show negative values; use a bar chart", "negative")
        elif series[0].values and not any(series[0].values):
            diags.error(at(0, 0), f"a {kind.value} chart shows shares of a total, but all "
                        f"{len(series[0].values)} of its values are 0; give it a value above 0, or leave the "
                        "chart out", "zero-total")
    if kind is ChartKind.MAGNITUDE and any(v <= 0 for s in series for v in s.values):
        si, vi = next((si, vi) for si, s in enumerate(series) for vi, v in enumerate(s.values) if v <= 0)
        diags.error(at(si, vi), "a magnitude (log-scale) chart needs values greater than 0", "non-positive")
    if kind is ChartKind.COMBO and not any(s.secondary for s in series):
        diags.error(loc, "a combo chart needs a series with 'secondary: true' (drawn as a line)", "combo")


def alt_text(chart: Chart, language: str) -> str:
    """A description generated from the data, e.g. 'Column chart, Capex: 2025 low 66; 2025 high 72 (billion USD)'."""
    zh = language.startswith("zh")
    words = KIND_WORDS["zh" if zh else "en"]
    sep, colon, semi = ("，", "：", "；") if zh else (", ", ": ", "; ")
    fmt = chart.number_format
    parts = []
    if chart.kind is ChartKind.RANGE and len(chart.series) == 2:
        for c, lo, hi in zip(chart.categories, chart.series[0].values, chart.series[1].values):
            parts.append(f"{c} {fmt.format(lo)}–{fmt.format(hi)}")
    elif chart.kind is ChartKind.SCATTER:
        for s in chart.series:
            parts.append(f"{s.name} " + ", ".join(f"({x:g}, {y:g})" for x, y in list(zip(s.x, s.values))[:12]))
    else:
        for s in chart.series:
            own = s.number_format or fmt
            vals = ", ".join(f"{c} {own.format(v)}" for c, v in list(zip(chart.categories, s.values))[:24])
            parts.append(f"{s.name}{colon}{vals}" if len(chart.series) > 1 else vals)
    unit = f" ({chart.unit})" if chart.unit and not zh else (f"（单位：{chart.unit}）" if chart.unit else "")
    return f"{words[chart.kind.value]}{sep}{chart.title}{colon}{semi.join(parts)}{unit}"
