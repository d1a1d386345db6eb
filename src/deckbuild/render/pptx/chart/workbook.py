"""The embedded workbook of a native chart (what "Edit Data" opens).

Every cell is a literal: a category, a series name or any other text is stored as a string
even when it reads like a formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``, ``{=A1}``),
a link (``https://…``, ``mailto:``, ``external:``) or a number. XlsxWriter turns such
strings into formulas and hyperlinks by default; ``LiteralCategoryChartData`` and
``LiteralXyChartData`` write their workbook with those conversions off, at the cells the
chart's references name, as python-pptx lays them out.

XlsxWriter also stamps the current time, so the dates are the deck's (its build time, see
``render.reproducible``) and the zip normalised: the same chart always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from pptx.chart.data import CategoryChartData, XyChartData
from xlsxwriter import Workbook
from xlsxwriter.utility import xl_cell_to_rowcol

from deckbuild.render.pptx import ooxml
from deckbuild.render.reproducible import normalize_zip

# XlsxWriter's options that would turn text into something else than text.
LITERAL_CELLS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
MAX_CELL_CHARS = 32767  # what a cell holds; XlsxWriter cuts longer text with a warning on stderr


def _cell(ref: str) -> tuple[int, int]:
    """(row, column), 0-based, of the first cell of a reference such as 'Sheet1!$B$2:$B$5'."""
    return xl_cell_to_rowcol(ref.rpartition("!")[2].partition(":")[0])


def _text(value):
    return value[:MAX_CELL_CHARS] if isinstance(value, str) else value


def literal_workbook(data) -> bytes:
    """The .xlsx bytes of ``data`` (a category or XY chart's data): categories, series names
    and values at the cells its references name, text as shared strings, numbers as numbers."""
    out = io.BytesIO()
    workbook = Workbook(out, {"in_memory": True, **LITERAL_CELLS})
    sheet = workbook.add_worksheet()
    refs = ooxml.worksheet_references(data)
    if isinstance(data, XyChartData):
        x_format = workbook.add_format({"num_format": data.number_format})
        for series, (name_ref, x_ref, y_ref) in zip(data, refs.series):
            y_format = workbook.add_format({"num_format": series.number_format})
            sheet.write_column(*_cell(x_ref), series.x_values, x_format)
            sheet.write(*_cell(name_ref), _text(series.name))
            sheet.write_column(*_cell(y_ref), series.y_values, y_format)
    else:
        categories = data.categories
        category_format = workbook.add_format({"num_format": categories.number_format})
        top, left = _cell(refs.categories)
        for level_number, level in enumerate(categories.levels):  # the leaves first, in the last column
            column = left + categories.depth - level_number - 1
            sheet.set_column(column, column, 10)
            for offset, label in level:
                sheet.write(top + offset, column, _text(label), category_format)
        for series, (name_ref, values_ref) in zip(data, refs.series):
            values_format = workbook.add_format({"num_format": series.number_format})
            sheet.write(*_cell(name_ref), _text(series.name))
            sheet.write_column(*_cell(values_ref), series.values, values_format)
    workbook.close()
    return out.getvalue()


# CategoryChartData and XyChartData whose workbook holds every text as a literal string.
LiteralCategoryChartData = ooxml.chart_data_with_workbook(CategoryChartData, literal_workbook)
LiteralXyChartData = ooxml.chart_data_with_workbook(XyChartData, literal_workbook)


def fix_workbook(pchart, when: dt.datetime) -> None:
    """The embedded workbook of ``pchart`` (a python-pptx chart) stamped ``when`` (the deck's
    timestamp), in a normalised zip."""
    blob = ooxml.chart_workbook_bytes(pchart)
    if blob is None:
        return
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), text)
                data = text.encode("utf-8")
            dst.writestr(info.filename, data)
    ooxml.replace_chart_workbook(pchart, normalize_zip(out.getvalue(), when))
