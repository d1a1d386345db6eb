"""A table read from a CSV file (``table: {csv: …, columns: […]}``) for one edition: the
columns picked, each cell shown as written (plain text, never markup or a formula) or, in a
column with a ``format``, as a number printed by the facts' formatter in the edition's
language, with the column's alignment."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from deckbuild.diagnostics import Diagnostics, Location, did_you_mean
from deckbuild.input.csv_data import CSV_NUMBER, CsvData, csv_number
from deckbuild.input.facts import Fact, decimals_of, format_fact, given, locale_of, with_currency
from deckbuild.input.outline import Outline
from deckbuild.input.slide_schemas import MAX_TABLE_COLUMNS
from deckbuild.input.texts import Texts
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, display_path, items_of
from deckbuild.model.deck import Rich, Table

MAX_DECIMALS = 6  # what 'decimals' allows: a column's own digits are shown up to this many


@dataclass(frozen=True)
class Column:
    """One column of the table as an edition shows it."""

    name: str  # the CSV's
    header: Rich
    unit: str | None  # a fact's unit, or None: cells as written
    scale: float
    decimals: int | tuple[tuple[str, int], ...] | None
    signed: bool
    align: str | None  # None: by the cells


def csv_table(t: Mapping, outline: Outline, texts: Texts) -> tuple[Table, int] | None:
    """The table ``t`` reads from its CSV file, and how many columns it has; None when the file
    could not be read (its errors are reported) or a column is unknown."""
    ref = t.get("csv")
    assert isinstance(ref, Scalar)  # validated
    path, _ = outline.project.resolve(str(ref.value), outline.path.parent)
    data = outline.tables.get(path) if path is not None else None
    if data is None:
        return None
    if not data.rows:
        texts.diags.error(ref.loc, f"csv '{ref.value}' has no rows below its header line; add the rows to show, or "
                          "leave the table out", "empty")
        return None
    columns = _columns(t, data, texts)
    if columns is None:
        return None
    if len(columns) > MAX_TABLE_COLUMNS:
        texts.diags.error(ref.loc, f"the CSV has {len(columns)} columns, over the limit of {MAX_TABLE_COLUMNS} a "
                          "table shows; pick the ones to show with 'columns:'", "table-size")
        return None
    body: list[list[Rich]] = [[] for _ in data.rows]
    align, points = [], []
    for col in columns:
        cells = [row[col.name] for row in data.rows]
        shown = _numbers(col, cells, texts) if col.unit else [texts.cell(text, loc) for text, loc in cells]
        align.append(col.align or ("right" if col.unit or _all_numbers([text for text, _ in cells]) else "left"))
        # a number printed for the edition has its decimal sign; a CSV number, a point
        points.append(decimal_sign(texts.language) if col.unit else ".")
        for i, cell in enumerate(shown):
            body[i].append(cell)
    table = Table(tuple(c.header for c in columns), tuple(tuple(r) for r in body), align=tuple(align))
    return with_tails(table, points), len(columns)


def decimal_sign(language: str) -> str:
    """The sign between a number's whole part and its fraction in ``language`` ('.', ',')."""
    return str(locale_of(language).number_symbols.get("latn", {}).get("decimal", "."))


def with_tails(table: Table, points: list[str]) -> Table:
    """``table`` with the tails of its decimal columns, each split at its ``points`` entry."""
    if "decimal" not in table.align:
        return table
    tails = tuple(tuple(_tail(cell.plain, points[c]) if table.alignment(c) == "decimal" else 0
                        for c, cell in enumerate(row)) for row in table.rows)
    return replace(table, tails=tails)


def _columns(t: Mapping, data: CsvData, texts: Texts) -> list[Column] | None:
    """The columns ``columns:`` picks (every column of the CSV without it); None after an error."""
    given_columns = t.get("columns")
    if given_columns is None:
        return [Column(name, texts.cell(name, Location(display_path(data.path), 1, 1)), None, 1.0, None, False, None)
                for name in data.columns]
    out = []
    for item in items_of(given_columns):
        spec = item if isinstance(item, Mapping) else None
        node = spec.get("column") if spec is not None else item
        name_node = _for_language(node, texts.language, texts.diags)
        if not isinstance(name_node, Scalar):
            return None
        name = str(name_node.value)
        if name not in data.columns:
            texts.diags.error(name_node.loc, f"no column '{name}' in {data.path.name}{did_you_mean(name, data.columns)}"
                              f" (columns: {', '.join(data.columns)})", "csv-column")
            return None
        if spec is None:
            out.append(Column(name, texts.cell(name, name_node.loc), None, 1.0, None, False, None))
            continue
        out.append(_column(spec, name, name_node, texts))
    return out


def _column(spec: Mapping, name: str, name_node: Scalar, texts: Texts) -> Column:
    unit = spec.get("format")
    scale_node = spec.get("scale")
    scale = _per_language(scale_node, texts.language)
    if isinstance(unit, Scalar) and unit.value == "compact" and scale_node is not None:
        texts.diags.error(spec.key_loc("scale"), "'scale' does not go with 'format: compact', which writes each "
                          "number's magnitude in words (66 billion, 660亿); drop 'scale', or use 'format: number' "
                          "and name the unit in the header", "table-format")
    decimals: int | tuple[tuple[str, int], ...] | None = None
    dec = spec.get("decimals")
    if isinstance(dec, Scalar):
        decimals = int(dec.value)
    elif isinstance(dec, Mapping):
        decimals = tuple((lang, int(n.value)) for lang, n in dec.items() if isinstance(n, Scalar))
    if unit is None:
        for key in ("scale", "decimals", "signed"):
            if key in spec:
                texts.diags.error(spec.key_loc(key), f"'{key}' needs 'format': without it the column's cells are "
                                  "shown as written; add 'format: number' (or another format)", "table-format")
    signed, align = spec.get("signed"), spec.get("align")
    header = texts.rich(spec.get("header")) if spec.get("header") is not None else texts.cell(name, name_node.loc)
    return Column(name, header, str(unit.value) if isinstance(unit, Scalar) else None, scale, decimals,
                  bool(signed.value) if isinstance(signed, Scalar) else False,
                  str(align.value) if isinstance(align, Scalar) else None)


def _for_language(node: AnyNode | None, language: str, diags: Diagnostics) -> AnyNode | None:
    """A column named once, or of a mapping (a column per language) the edition's own, else its
    base language's."""
    if not isinstance(node, Mapping):
        return node
    for tag in (language, language.split("-")[0]):
        if isinstance(found := node.get(tag), Scalar):
            return found
    diags.error(node.loc, f"'column' names no column for language '{language}'; add '{language}: COLUMN' "
                f"(given: {', '.join(k for k, _ in node.items())})", "csv-column")
    return None


def _per_language(node: AnyNode | None, language: str) -> float:
    if isinstance(node, Mapping):
        node = node.get(language) or node.get(language.split("-")[0])
    return float(node.value) if isinstance(node, Scalar) else 1.0


def _all_numbers(texts: list[str]) -> bool:
    """Whether a column shown as written holds numbers only (empty cells aside)."""
    filled = [t for t in texts if t]
    return bool(filled) and all(CSV_NUMBER.fullmatch(t) for t in filled)


def _numbers(col: Column, cells: list[tuple[str, Location]], texts: Texts) -> list[Rich]:
    """A formatted column's cells: each a number, shown as a fact of the column's unit prints in
    the edition's language; an empty cell stays empty."""
    fix = (f" (column '{col.name}' has 'format: {col.unit}'); write a number such as 1234.5 or 1,234.5, without "
           "a unit or currency sign, or leave the cell empty; or drop 'format' to show the column as written")
    values: list[float | None] = []
    for text, loc in cells:
        if not text:
            values.append(None)
            continue
        hint = fix
        if col.unit == "percent" and text.endswith("%"):
            hint = (" ('format: percent' takes a fraction and shows it as a percent); write "
                    f"{_fraction(text[:-1])} for {text}")
        values.append(csv_number(text, loc, texts.diags, hint))
    decimals = col.decimals
    if decimals is None and (col.unit in ("number", "multiple", "percent") or col.unit == "usd" and col.scale != 1):
        decimals = max((_digits(text, v, col) for (text, _), v in zip(cells, values) if v is not None), default=0)
    return [Rich() if v is None else texts.cell(_shown(v, col, decimals, texts.language), loc)
            for v, (_, loc) in zip(values, cells)]


def _fraction(percent: str) -> str:
    """'12.5' (a percent as written) as the fraction it stands for, '0.125'."""
    try:
        return f"{Decimal(percent.strip().replace(',', '')) / 100:f}"
    except ArithmeticError:
        return "the fraction"


def _digits(text: str, value: float, col: Column) -> int:
    """The decimals a cell shows without rounding: of its value as shown (scaled, as a
    percent), and of the digits written in the CSV (12.50 has 2)."""
    percent = 2 if col.unit == "percent" else 0
    shown = given(value / col.scale) * (100 if percent else 1)
    digits = decimals_of(shown)
    if col.scale == 1:
        written = Decimal(text.replace(",", "")).as_tuple().exponent
        digits = max(digits, -int(written) - percent)
    return min(digits, MAX_DECIMALS)


def _shown(value: float, col: Column, decimals: int | tuple[tuple[str, int], ...] | None, language: str) -> str:
    """``value`` as the edition prints it: by the facts' formatter, divided by the column's
    scale; US dollars scaled are a number with the currency sign ($1,234.5), not words."""
    if col.unit == "usd" and col.scale != 1:
        return with_currency(format_fact(Fact(col.name, value / col.scale, "number", decimals, col.signed), language),
                             language)
    unit = "number" if col.unit == "compact" and col.scale != 1 else col.unit or "number"
    return format_fact(Fact(col.name, value / col.scale, unit, decimals, col.signed), language)


def _tail(text: str, point: str) -> int:
    """How many characters of a number as shown stand right of its decimal line: from the
    decimal sign on, or after its last digit when it has none ('12%' → 1)."""
    at = text.rfind(point) if point and point in text else None
    if at is None:
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        at = digits[-1] + 1 if digits else len(text)
    return len(text) - at
