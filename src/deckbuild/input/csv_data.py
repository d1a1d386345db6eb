"""CSV files as deckbuild reads them, for charts and tables: strict syntax, one header line of
unique column names, every field with the line and column it was written at, and numbers
by one grammar (docs/security.md, "Numbers")."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from deckbuild.diagnostics import Diagnostics, InputError, Location
from deckbuild.input.numbers import magnitude_problem, shown_number, underflow_problem, underflows
from deckbuild.input.yaml_nodes import display_path, read_text


@dataclass(frozen=True)
class CsvData:
    """A CSV file read: its column names (first line) and its rows, each field with where it
    was written."""

    path: Path
    columns: tuple[str, ...]
    rows: tuple[dict[str, tuple[str, Location]], ...]


def read_csv(path: Path, diags: Diagnostics, limit: int, too_many: str) -> CsvData | None:
    """The CSV file at ``path``; None after an error. More than ``limit`` data rows is an
    error whose fix is ``too_many`` (reading stops there)."""
    shown = display_path(path)
    try:
        text = read_text(path, shown, what="CSV")
    except InputError as exc:
        diags.extend(exc.diagnostics)
        return None
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []  # (line where the record starts, fields)
    last = 0
    try:
        for record in reader:
            records.append((last + 1, record))
            last = reader.line_num
            if len(records) > limit + 1:  # header + limit data rows
                diags.error(Location(shown, last, 1), f"CSV has over {limit} data rows (limit {limit}); {too_many}",
                            "too-large")
                return None
    except csv.Error as exc:
        line = last + 1
        if "field limit" in str(exc):
            message = (f"a field is longer than {csv.field_size_limit()} characters (the limit); "
                       "a quote that is never closed may have swallowed the rest of the file")
        else:
            message = (f"CSV syntax error: {exc}; quote a field that contains a comma, a quote or a line break, "
                       'and double the quotes inside it ("")')
        diags.error(Location(shown, line, 1), message, "csv-syntax")
        return None
    if not records or not any(c.strip() for c in records[0][1]):
        diags.error(Location(shown, 1, 1), "CSV file is empty; put column names on the first line", "empty")
        return None
    header = [h.strip() for h in records[0][1]]
    seen: dict[str, int] = {}
    for h, col in zip(header, _columns(lines, records[0][0], records[0][1])):
        if h in seen:
            diags.error(Location(shown, records[0][0], col), f"column '{h}' appears twice in the header "
                        f"(first at column {seen[h]}); rename one", "csv-header")
        seen.setdefault(h, col)
    rows = []
    for i, record in records[1:]:
        if not any(c.strip() for c in record):
            continue
        if len(record) != len(header):
            diags.error(Location(shown, i, 1), f"row has {len(record)} fields but the header has {len(header)}; "
                        "give one field per column (quote a field that contains a comma)", "ragged")
            continue
        rows.append({h: (cell.strip(), Location(shown, i, col))
                     for h, cell, col in zip(header, record, _columns(lines, i, record))})
    return CsvData(path, tuple(header), tuple(rows))


def _columns(lines: list[str], line: int, row: list[str]) -> list[int]:
    """1-based start column of each field of a record that starts on ``line``."""
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    cols, col, quoted, i = [1], 1, False, 0
    while i < len(raw) and len(cols) < len(row):
        c = raw[i]
        if c == '"':
            quoted = not quoted
        elif c == "," and not quoted:
            cols.append(col + 1)
        col += 1
        i += 1
    while len(cols) < len(row):  # a record that spans lines: best effort
        cols.append(cols[-1] + len(row[len(cols) - 1]) + 1)
    return cols


# A CSV number (docs/security.md, "Numbers"): an optional sign; ASCII digits, which may be grouped
# in threes by commas after a first group of 1-3, with an optional fraction ('5.' too), or
# only a fraction ('.5'); an optional exponent.
CSV_NUMBER = re.compile(r"[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?", re.ASCII)


def csv_number(text: str, loc: Location, diags: Diagnostics, not_a_number: str = "") -> float | None:
    """A CSV cell read as a number by the grammar docs/security.md states, or None with the
    problem reported at ``loc`` (``not_a_number``, when given, follows the message for a
    cell that is no number at all)."""
    if not text:
        diags.error(loc, "empty cell; write a number (or remove the row)", "not-a-number")
        return None
    if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        diags.error(loc, f"'{text}' is not a finite number; write a number (or remove the row)", "not-finite")
        return None
    if not CSV_NUMBER.fullmatch(text):
        diags.error(loc, f"'{clip(text)}' is not a number{not_a_number}", "not-a-number")
        return None
    v = float(text.replace(",", ""))
    if underflows(text, v):
        diags.error(loc, underflow_problem(text), "range")
        return None
    if not math.isfinite(v):
        diags.error(loc, f"'{clip(text)}' is not a finite number (too large); write a smaller number", "not-finite")
        return None
    beyond = magnitude_problem(v)
    if beyond:
        diags.error(loc, f"'{clip(text)}' is {shown_number(v)}, {beyond}", "range")
        return None
    return v


def clip(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
