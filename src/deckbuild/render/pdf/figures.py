"""Figures of the PDF report: charts (their drawings placed as forms: ``chart_forms``),
pictures, and a framed placeholder when a chart's drawing is missing."""

from __future__ import annotations

from pathlib import Path

from deckbuild.render.pdf.chart_forms import ChartForm
from deckbuild.render.pdf.pictures import Picture, shared_reader
from deckbuild.render.pdf.styles import Styles, color
from deckbuild.render.pdf.tagging import Tagged
from deckbuild.render.pdf.wrap import paragraph


class ScaledForm(Tagged):
    """A chart's form scaled to the available width (keeping its aspect ratio), but no taller
    than ``max_height``; centred in the frame. The form is declared empty here, the first time a
    page shows it; ``ChartForms.fill`` puts the chart's page into it once the file is written."""

    def __init__(self, form: ChartForm, max_height: float):
        super().__init__()
        self.form = form
        self.max_height = max_height
        self._scale = 1.0
        self._avail = 0.0

    def wrap(self, availWidth, availHeight):
        f = self.form
        scale = availWidth / f.width
        if f.height * scale > self.max_height:
            scale = self.max_height / f.height
        self._scale = scale
        self._avail = availWidth
        self.width, self.height = availWidth, f.height * scale
        return self.width, self.height

    def draw(self):
        f = self.form
        canv = self.canv
        if not canv.hasForm(f.name):
            canv.beginForm(f.name, 0, 0, f.width, f.height)
            canv.endForm()
        canv.saveState()
        canv.translate((self._avail - f.width * self._scale) / 2, 0)
        canv.scale(self._scale, self._scale)
        canv.doForm(f.name)
        canv.restoreState()


class Placeholder(Tagged):
    """A framed box standing in for a missing figure, with a message in the middle."""

    def __init__(self, message: str, styles: Styles, frame_color: str, fill: str, height: float):
        super().__init__()
        self.para = paragraph(message, styles.placeholder)
        self.frame_color = color(frame_color)
        self.fill = color(fill)
        self.box_height = height

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.box_height
        self.para.wrap(availWidth - 24, self.box_height)
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.frame_color)
        canv.setFillColor(self.fill)
        canv.setLineWidth(0.75)
        canv.setDash(3, 3)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canv.restoreState()
        _, h = self.para.wrap(self.width - 24, self.height)
        self.para.drawOn(canv, 12, (self.height - h) / 2)


def picture(path: Path, max_width: float, max_height: float) -> tuple[Picture | None, str]:
    """A raster picture scaled to the frame width (keeping its aspect ratio), or None and why."""
    try:
        reader = shared_reader(path)
        w, h = reader.getSize()
    except Exception as exc:  # PIL raises many kinds for unreadable files
        return None, f"{type(exc).__name__}: {exc}"
    if not w or not h:
        return None, "empty image"
    scale = min(max_width / w, max_height / h)
    return Picture(reader, w * scale, h * scale), ""
