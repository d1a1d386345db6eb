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
    """The charts of one report, by the name of their forms (one form for each file). A form is
    named after its file's name, which is the chart's digest in the chart cache: the same
    whether the file was just drawn or found in the cache, so the report's bytes are too."""

    def __init__(self) -> None:
        self._pages: dict[str, pikepdf.Pdf] = {}
        self._coming: dict[str, tuple[Path, float, float]] = {}

    def add(self, path: Path, size: tuple[float, float] | None = None) -> tuple[ChartForm | None, str]:
        """The chart drawing in ``path`` as a form of this report, or None and why it cannot be.
        With ``size``, a drawing still being made: a form of that size, read by ``fill``."""
        path = Path(path)
        name = "chart-" + hashlib.sha256(path.name.encode()).hexdigest()[:16]
        if size is not None and not path.exists():
            self._coming[name] = (path, *size)
            return ChartForm(name, *size), ""
        try:
            pdf, width, height = _page(path)
        except (OSError, pikepdf.PdfError, ValueError) as exc:
            return None, str(exc) if isinstance(exc, _NotOnePage) else f"{type(exc).__name__}: {exc}"
        self._pages.setdefault(name, pdf)
        return ChartForm(name, width, height), ""

    def fill(self, pdf: pikepdf.Pdf) -> None:
        """Put each chart's page into the form that stands for it in ``pdf``, as reportlab wrote
        it. ValueError when a chart's form is not there (every chart added is drawn), or when a
        drawing read now is not the page it was laid out as."""
        for name, (path, width, height) in sorted(self._coming.items()):
            drawing, w, h = _page(path)
            if abs(w - width) > 0.01 or abs(h - height) > 0.01:
                raise ValueError(f"{path.name}: a page of {w:g} × {h:g} pt, laid out as {width:g} × {height:g}")
            self._pages[name] = drawing
        self._coming.clear()
        keys = {"/" + xObjectName(name): name for name in self._pages}
        made: dict[str, pikepdf.Object] = {}
        for page in pdf.pages:
            resources = page.obj.get("/Resources")
            xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for key in list(xobjects.keys()):
                chart = keys.get(str(key))
                if chart is None:
                    continue
                if chart not in made:
                    made[chart] = pdf.copy_foreign(self._pages[chart].pages[0].as_form_xobject())
                xobjects[key] = made[chart]
        missing = sorted(set(self._pages) - set(made))
        if missing:
            raise ValueError(f"the report has no form for {', '.join(missing)}")


class _NotOnePage(ValueError):
    """A file that is a PDF, but not one page with an area."""


def _page(path: Path) -> tuple[pikepdf.Pdf, float, float]:
    """The PDF in ``path`` (read whole: no file stays open) and the size of its one page."""
    pdf = pikepdf.open(io.BytesIO(Path(path).read_bytes()))
    if len(pdf.pages) != 1:
        raise _NotOnePage(f"{len(pdf.pages)} pages, not one")
    box = [float(v) for v in pdf.pages[0].mediabox]
    width, height = box[2] - box[0], box[3] - box[1]
    if width <= 0 or height <= 0:
        raise _NotOnePage("an empty page")
    return pdf, width, height
