"""Charts in the report as form XObjects: each chart's drawing, a one-page PDF from the chart
cache (``charts.report_drawing``), placed whole instead of being drawn shape by shape.

reportlab has no way to take a page of another PDF, so the layout draws each chart as a form
of its own (``Canvas.beginForm``/``doForm``) that holds nothing yet, at the chart's size and
place, inside the figure's marked content. Once reportlab has written the file,
:meth:`ChartForms.fill` puts the chart's drawing in that form's place (found by the name
reportlab gives it: ``rl_internals.form_resource_name``).

Each drawing is read by ``drawing_check.read_drawing``, which takes a file only when it is
nothing but a drawing (the cache is a folder anyone with the project can write to).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from deckbuild.render.pdf import rl_internals
from deckbuild.render.pdf.drawing_check import RESOURCES, Unreadable, read_drawing


@dataclass(frozen=True)
class ChartForm:
    """One chart's page: the name its form has in the report, and its size in points."""

    name: str
    width: float
    height: float


class ChartForms:
    """The charts of one report, by the name of their forms (one form for each file). Forms are
    numbered in the order the report first shows their files (``chart-1``, ``chart-2``…), the
    same file (by name: the chart's digest) keeping its number: not named after the digest,
    which also stands for the version of deckbuild's code that drew it (its files' stamps), so
    the report's bytes are the same whether a file was just drawn or found in the cache, and
    from any copy of the same release."""

    def __init__(self) -> None:
        self._pages: dict[str, pikepdf.Pdf] = {}
        self._coming: dict[str, tuple[Path, float, float]] = {}
        self._numbers: dict[str, str] = {}

    def add(self, path: Path, size: tuple[float, float] | None = None) -> tuple[ChartForm | None, str]:
        """The chart drawing in ``path`` as a form of this report, or None and why it cannot be.
        With ``size``, a drawing still being made: a form of that size, read by ``fill``."""
        path = Path(path)
        name = self._numbers.setdefault(path.name, f"chart-{len(self._numbers) + 1}")
        if size is not None and not path.exists():
            self._coming[name] = (path, *size)
            return ChartForm(name, *size), ""
        try:
            pdf, width, height = read_drawing(path)
        except Unreadable as exc:
            return None, str(exc)
        self._pages.setdefault(name, pdf)
        return ChartForm(name, width, height), ""

    def fill(self, pdf: pikepdf.Pdf) -> None:
        """Put each chart's drawing into the form that stands for it in ``pdf``, as reportlab
        wrote it. ValueError when a chart's form is not there (every chart added is drawn), or
        when a drawing read now is unreadable or not the size it was laid out at."""
        for name, (path, width, height) in sorted(self._coming.items()):
            drawing, w, h = read_drawing(path)
            if abs(w - width) > 0.01 or abs(h - height) > 0.01:
                raise ValueError(f"{path.name}: a page of {w:g} × {h:g} pt, laid out as {width:g} × {height:g}")
            self._pages[name] = drawing
        self._coming.clear()
        keys = {rl_internals.form_resource_name(name): name for name in self._pages}
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
                    made[chart] = _form(pdf, self._pages[chart])
                xobjects[key] = made[chart]
        missing = sorted(set(self._pages) - set(made))
        if missing:
            raise ValueError(f"the report has no form for {', '.join(missing)}")


def _form(pdf: pikepdf.Pdf, drawing: pikepdf.Pdf) -> pikepdf.Stream:
    """The drawing's page as a form XObject of ``pdf``: its content, and the resources it may use."""
    page = drawing.pages[0]
    page.contents_coalesce()
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    kept = pikepdf.Dictionary({k: _copied(pdf, resources[k]) for k in RESOURCES if k in resources})
    form = pikepdf.Stream(pdf, page.obj.Contents.read_bytes())
    form.Type = pikepdf.Name.XObject
    form.Subtype = pikepdf.Name.Form
    form.BBox = pikepdf.Array([0, 0, *(float(v) for v in page.mediabox[2:])])
    form.Resources = kept
    return pdf.make_indirect(form)


def _copied(pdf: pikepdf.Pdf, obj):
    """``obj`` of another PDF, in ``pdf`` (qpdf copies indirect objects with what they lead to;
    a direct one is copied here, by its parts)."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return pdf.copy_foreign(obj)
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _copied(pdf, v) for k, v in obj.items()})
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, v) for v in obj])
    return obj
