"""The embedded workbook of a native chart (what "Edit Data" opens), made deterministic:
XlsxWriter stamps the current time, so the dates are fixed and the zip normalised, and the same
chart always gives the same bytes."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

from deckbuild.model import Chart
from deckbuild.reproducible import build_time, normalize_zip


def fix_workbook(chart_part, chart: Chart) -> None:
    """Fixed dates in the embedded workbook of ``chart_part`` and a normalised zip."""
    wb = chart_part.chart_workbook
    part = wb.xlsx_part
    if part is None:
        return
    when = build_time(hashlib.sha256((chart.digest or chart.name).encode()).hexdigest())
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(part.blob))
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
    wb.update_from_xlsx_blob(normalize_zip(out.getvalue(), when))
