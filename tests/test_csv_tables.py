"""Tables read from CSV files (issue 19, "Tables from CSV"): the columns a table picks, their
numbers printed by the facts' formatter in each edition's language, text cells exactly as
written (never markup, a fact or a formula), and each column's alignment, in the deck and in
the report. Errors are hostile cases 450-463."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import jsonschema
import pytest
from fontTools.ttLib import TTFont
from pptx import Presentation
from pptx.enum.text import PP_ALIGN

from conftest import HOSTILE_BUILDS_GROUP, ROOT, require_tool
from deckbuild.cli.commands import main
from deckbuild.input.json_schema import schema_for

FONTS = ROOT / "src" / "deckbuild" / "fonts"
CSV = """\
region,region_ja,revenue,growth,units,note
North America,北米,1234500000,0.125,1200,=SUM(A1:A9)
Europe,欧州,987650000,-0.034,85.5,"+cmd|' /C calc'!A0"
Asia Pacific,アジア太平洋,2100000000,0.4,12000.25,@import **bold** {{share}}
Latin America,中南米,150000000,0.05,,-2+3
"""
OUTLINE = """\
title: {en: Regions, ja: 地域, de: Regionen}
language: en
translations: [ja, de]
sources:
  - {id: s, title: Annual report}
facts:
  share: {value: 0.5, unit: percent}
slides:
  - kind: table
    title: {en: Asia Pacific leads, ja: アジア太平洋が首位, de: Asien-Pazifik führt}
    sources: [s]
    table:
      csv: data/regions.csv
      columns:
        - {column: {en: region, de: region, ja: region_ja}, header: {en: Region, ja: 地域, de: Region}}
        - {column: revenue, header: {en: Revenue ($m), ja: 売上高(百万ドル), de: Umsatz (Mio. $)}, format: usd,
           scale: 1e6, decimals: 1}
        - {column: growth, header: {en: Growth, ja: 成長率, de: Wachstum}, format: percent, signed: true}
        - {column: units, header: {en: Units, ja: 台数, de: Stück}, align: decimal}
        - {column: note, align: center}
"""
BODY_EN = [
    ["North America", "$1,234.5", "+12.5%", "1200", "=SUM(A1:A9)"],
    ["Europe", "$987.6", "−3.4%", "85.5", "+cmd|' /C calc'!A0"],
    ["Asia Pacific", "$2,100.0", "+40.0%", "12000.25", "@import **bold** {{share}}"],
    ["Latin America", "$150.0", "+5.0%", "", "-2+3"],
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("csv-tables")
    (root / "decks" / "data").mkdir(parents=True)
    (root / "decks" / "t.yaml").write_text(OUTLINE, encoding="utf-8")
    (root / "decks" / "data" / "regions.csv").write_text(CSV, encoding="utf-8")
    assert main(["build", str(root / "decks" / "t.yaml"), "--out", str(root / "build")]) == 0
    return root / "build"


def _table(path: Path):
    return next(sh for slide in Presentation(str(path)).slides for sh in slide.shapes if sh.has_table).table


def _texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_each_edition_shows_the_columns_picked_with_numbers_in_its_language(built):
    en, ja, de = (_texts(_table(built / name)) for name in ("t.pptx", "t.ja.pptx", "t.de.pptx"))
    assert en[0] == ["Region", "Revenue ($m)", "Growth", "Units", "note"]
    assert en[1:] == BODY_EN
    assert ja[0] == ["地域", "売上高(百万ドル)", "成長率", "台数", "note"]
    assert [r[0] for r in ja[1:]] == ["北米", "欧州", "アジア太平洋", "中南米"]
    # the same numbers as the English edition (a CJK edition keeps CLDR's hyphen-minus, as its facts do)
    assert [r[1:4] for r in ja[1:]] == [[c.replace("−", "-") for c in r[1:4]] for r in BODY_EN]
    assert [r[4] for r in ja[1:]] == [r[4] for r in BODY_EN]
    # German, by the same CLDR data: grouping '.', decimal ',', the currency after the number, a
    # no-break space before the percent sign
    assert [r[1:3] for r in de[1:]] == [["1.234,5\u00a0$", "+12,5\u00a0%"], ["987,6\u00a0$", "−3,4\u00a0%"],
                                        ["2.100,0\u00a0$", "+40,0\u00a0%"], ["150,0\u00a0$", "+5,0\u00a0%"]]


def test_text_from_a_csv_is_never_a_formula_markup_or_a_fact(built):
    """Cells that read like formulas, Markdown or a {{fact}} are in the deck as written, one
    plain run each."""
    table = _table(built / "t.pptx")
    notes = [row.cells[4] for row in list(table.rows)[1:]]
    assert [c.text for c in notes] == [r[4] for r in BODY_EN]
    for cell in notes:
        runs = [r for p in cell.text_frame.paragraphs for r in p.runs]
        assert len(runs) == 1 and not runs[0].font.bold and runs[0].hyperlink.address is None


def test_the_deck_sets_each_column_as_asked(built):
    table = _table(built / "t.pptx")
    rows = list(table.rows)
    aligns = [[row.cells[c].text_frame.paragraphs[0].alignment for c in range(5)] for row in rows]
    assert all(a == [PP_ALIGN.LEFT, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT, PP_ALIGN.CENTER] for a in aligns)
    # the decimal column: each cell kept from the edge by what the widest tail (".25") leaves
    units = [rows[r].cells[3].margin_right for r in range(1, 5)]
    base = rows[0].cells[3].margin_right
    assert units[2] == base  # 12000.25: the widest tail
    assert units[0] > units[1] > base  # 1200 (no tail) keeps the most room, 85.5 less
    assert all(rows[r].cells[1].margin_right == base for r in range(5))


def _words(pdf: Path, page: int | None = None) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, text) of every word pdftotext finds."""
    args = [require_tool("pdftotext"), "-bbox"] + (["-f", str(page), "-l", str(page)] if page else [])
    html = subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(y), unescape(t)) for a, y, b, t in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]


def _advance(font: TTFont, text: str) -> float:
    """``text``'s advance in em (no kerning: neither renderer kerns table text)."""
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return sum(hmtx[cmap[ord(ch)]][0] for ch in text) / font["head"].unitsPerEm


def _decimal_lines(words, cells: list[str], font: TTFont) -> list[float]:
    """Where each cell's decimal line falls (its right edge less its tail), calibrated on the
    size the words were set at."""
    found = {t: (x0, x1) for x0, x1, _, t in words if t in cells}
    assert set(found) == set(cells), found
    x0, x1 = found[cells[0]]
    size = (x1 - x0) / _advance(font, cells[0])
    return [found[c][1] - _advance(font, c[c.index("."):] if "." in c else "") * size for c in cells]


def test_the_report_sets_each_column_as_asked(built):
    layout = subprocess.run([require_tool("pdftotext"), "-layout", str(built / "t.pdf"), "-"], capture_output=True,
                            text=True, check=True).stdout
    lines = [re.split(r"\s{2,}", line.strip()) for line in layout.splitlines()]
    for row in BODY_EN:
        assert [c for c in row if c] in lines, row
    words = _words(built / "t.pdf")
    right = {t: x1 for _, x1, _, t in words if t in ("$1,234.5", "$987.6", "$2,100.0", "$150.0")}
    assert max(right.values()) - min(right.values()) < 0.5, right  # right-aligned
    lines = _decimal_lines(words, ["1200", "85.5", "12000.25"], TTFont(FONTS / "SourceSerifPro-Regular.ttf"))
    assert max(lines) - min(lines) < 0.5, lines  # on the decimal sign
    lefts = {t: x0 for x0, _, _, t in words if t in ("North", "Europe", "Asia", "Latin")}
    assert max(lefts.values()) - min(lefts.values()) < 0.5, lefts


def test_the_deck_as_drawn_lines_up_the_decimal_column(built, tmp_path):
    from clients import libreoffice_to_pdfs

    require_tool("soffice")
    pdf = libreoffice_to_pdfs([built / "t.pptx"], tmp_path)[0]
    words = _words(pdf)
    lines = _decimal_lines(words, ["1200", "85.5", "12000.25"], TTFont(FONTS / "Carlito-Regular.ttf"))
    assert max(lines) - min(lines) < 0.75, lines
    right = [x1 for _, x1, _, t in words if t in ("$1,234.5", "$987.6", "$2,100.0", "$150.0")]
    assert len(right) == 4 and max(right) - min(right) < 0.75, right


def test_the_json_schema_takes_rows_or_csv_not_both():
    validator = jsonschema.Draft202012Validator(schema_for("outline"))

    def outline(table: dict) -> dict:
        return {"title": "T", "slides": [{"kind": "table", "title": "T", "table": table}]}

    assert validator.is_valid(outline({"csv": "d.csv", "columns": ["a", {"column": "b", "format": "usd",
                                                                           "scale": 1e6, "align": "decimal"}]}))
    assert validator.is_valid(outline({"header": ["a"], "rows": [["1"]]}))
    assert not validator.is_valid(outline({"csv": "d.csv", "rows": [["1"]], "header": ["a"]}))
    assert not validator.is_valid(outline({"csv": "d.csv", "header": ["a"]}))
    assert not validator.is_valid(outline({"header": ["a"], "rows": [["1"]], "columns": ["a"]}))
    assert not validator.is_valid(outline({"widths": [1]}))
    assert not validator.is_valid(outline({"csv": "d.csv", "columns": [{"column": "b", "format": "euro"}]}))


@HOSTILE_BUILDS_GROUP
def test_hostile_cells_are_in_deck_and_report_exactly_as_written(hostile_builds):
    """Hostile case 457: formulas, a DDE payload, Markdown, a link, a {{fact}} and a tag in CSV
    cells are those characters in the deck's table and in the report, and nothing more (no
    hyperlink, no bold run)."""
    import csv

    name = "457-table-csv-formula-cells"
    run = hostile_builds[name]
    assert run.code == 0 and run.err == "", run.err
    with open(ROOT / "tests" / "hostile" / "cases" / name / "decks" / "data" / "cells.csv", encoding="utf-8",
              newline="") as f:
        rows = list(csv.reader(f))[1:]
    written = [[r[0], r[2]] for r in rows]
    table = _table(run.project / "build" / "t.pptx")
    cells = [row.cells for row in list(table.rows)[1:]]
    assert [[c[0].text, c[2].text] for c in cells] == written
    assert [c[1].text for c in cells] == ["1.0", "−2.5", "3.0"]
    for c in (c for row in cells for c in row):
        assert all(r.hyperlink.address is None and not r.font.bold for p in c.text_frame.paragraphs for r in p.runs)
    layout = subprocess.run([require_tool("pdftotext"), "-layout", str(run.project / "build" / "t.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    for text in (t for row in written for t in row):
        assert text in layout, text
    from pypdf import PdfReader

    pages = PdfReader(str(run.project / "build" / "t.pdf")).pages
    uris = [str(a.get_object().get("/A", {}).get("/URI", "")) for page in pages for a in page.get("/Annots", [])]
    assert not any("x.example" in u for u in uris), uris


def test_an_inline_table_takes_align_too(tmp_path):
    """'align' beside 'rows': a German edition lines its numbers up on the decimal comma."""
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "t.yaml").write_text("""\
title: T
language: de
slides:
  - kind: table
    title: Inline
    table:
      header: [Posten, Wert, Notiz]
      rows: [[A, "1,5", x], [B, "12,25", y], [C, "100", z]]
      align: [right, decimal, center]
""", encoding="utf-8")
    assert main(["build", str(tmp_path / "decks" / "t.yaml"), "--out", str(tmp_path / "b"), "--format", "pptx"]) == 0
    rows = list(_table(tmp_path / "b" / "t.pptx").rows)
    aligns = {tuple(row.cells[c].text_frame.paragraphs[0].alignment for c in range(3)) for row in rows}
    assert aligns == {(PP_ALIGN.RIGHT, PP_ALIGN.RIGHT, PP_ALIGN.CENTER)}
    margins = [row.cells[1].margin_right for row in rows]
    assert margins[0] == margins[2] < margins[1] < margins[3]  # the header, 12,25 (widest tail), 1,5, 100
