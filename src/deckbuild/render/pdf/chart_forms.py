"""Charts in the report as form XObjects: each chart's drawing, a one-page PDF from the chart
cache (``charts.report_drawing``), placed whole instead of being drawn shape by shape.

reportlab has no way to take a page of another PDF, so the layout draws each chart as a form
of its own (``Canvas.beginForm``/``doForm``: public API) that holds nothing yet, at the
chart's size and place, inside the figure's marked content. Once reportlab has written the
file, :meth:`ChartForms.fill` replaces each such form with the chart's page as a form XObject
(pikepdf: ``Page.as_form_xobject`` and ``Pdf.copy_foreign``). Only the page's content and
resources are taken; the chart file's catalogue, metadata and anything else stay out.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.pdfbase.pdfdoc import xObjectName


@dataclass(frozen=True)
class ChartForm:
    """One chart's page: the name its form has in the report, and its size in points."""

    name: str
    width: float
    height: float


class ChartForms:
    """The charts of one report, by the name of their forms (one form for each content)."""

    def __init__(self) -> None:
        self._pages: dict[str, pikepdf.Pdf] = {}

    def add(self, path: Path) -> tuple[ChartForm | None, str]:
        """The chart drawing in ``path`` as a form of this report, or None and why it cannot be."""
        try:
            data = Path(path).read_bytes()
            pdf = pikepdf.open(io.BytesIO(data))
            if len(pdf.pages) != 1:
                return None, f"{len(pdf.pages)} pages, not one"
            box = [float(v) for v in pdf.pages[0].mediabox]
        except (OSError, pikepdf.PdfError, ValueError) as exc:
            return None, f"{type(exc).__name__}: {exc}"
        width, height = box[2] - box[0], box[3] - box[1]
        if width <= 0 or height <= 0:
            return None, "an empty page"
        name = "chart-" + hashlib.sha256(data).hexdigest()[:16]
        self._pages.setdefault(name, pdf)
        return ChartForm(name, width, height), ""

    def fill(self, pdf: pikepdf.Pdf) -> None:
        """Put each chart's page into the form that stands for it in ``pdf``, as reportlab wrote
        it. ValueError when a chart's form is not there (every chart added is drawn)."""
        keys = {"/" + xObjectName(name): name for name in self._pages}
        made: dict[str, pikepdf.Object] = {}
        for page in pdf.pages:
            resources = page.obj.get("/Resources")
            xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for key in list(xobjects.keys()):
                name = keys.get(str(key))
                if name is None:
                    continue
                if name not in made:
                    made[name] = pdf.copy_foreign(self._pages[name].pages[0].as_form_xobject())
                xobjects[key] = made[name]
        missing = sorted(set(self._pages) - set(made))
        if missing:
            raise ValueError(f"the report has no form for {', '.join(missing)}")
