"""Figures of the PDF report: charts as vector drawings (SVG via svglib), pictures, and
a framed placeholder when a chart's drawing is missing.

A chart's drawing is kept in memory once converted (``svg_drawing``), by the SVG's content, so
that a long-running process (``deckbuild watch``) converts a chart once rather than at every
rebuild, wherever its file is (a build renders a new chart into a staging folder, then the
cache keeps a copy). Rendering reads a drawing and never changes it, so one drawing serves any
number of reports.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String

from deckbuild.render.pdf.pictures import Picture, shared_reader
from deckbuild.render.pdf.styles import Styles, color
from deckbuild.render.pdf.tagging import Tagged
from deckbuild.render.pdf.wrap import paragraph


class ScaledDrawing(Tagged):
    """A reportlab Drawing scaled to the available width (keeping its aspect ratio),
    but no taller than ``max_height``; centred in the frame."""

    def __init__(self, drawing: Drawing, max_height: float):
        super().__init__()
        self.drawing = drawing
        self.max_height = max_height
        self._scale = 1.0
        self._avail = 0.0

    def wrap(self, availWidth, availHeight):
        d = self.drawing
        scale = availWidth / d.width if d.width else 1.0
        if d.height * scale > self.max_height:
            scale = self.max_height / d.height
        self._scale = scale
        self._avail = availWidth
        self.width, self.height = availWidth, d.height * scale
        return self.width, self.height

    def draw(self):
        d = self.drawing
        canv = self.canv
        canv.saveState()
        canv.translate((self._avail - d.width * self._scale) / 2, 0)
        canv.scale(self._scale, self._scale)
        renderPDF.draw(d, canv, 0, 0, showBoundary=False)
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


@contextmanager
def _quiet_svglib() -> Iterator[list[str]]:
    """svglib reports what it cannot convert through logging; collect instead of printing."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("svglib")
    handler = Collect(logging.WARNING)
    old = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = old


def _use_theme_fonts(node, regular: str, bold: str) -> None:
    """Text in an SVG drawn with text elements (not paths): every string in the theme's
    fonts, so that no unembedded standard font (Helvetica) sneaks in."""
    if isinstance(node, String):
        name = str(getattr(node, "fontName", "") or "")
        if name not in (regular, bold):
            node.fontName = bold if "bold" in name.lower() else regular
    if isinstance(node, Group):
        for child in node.contents:
            _use_theme_fonts(child, regular, bold)


_KEPT: OrderedDict[tuple, Drawing] = OrderedDict()
KEPT_DRAWINGS = 64  # the most recently used; a flagship edition has six


def svg_drawing(path: Path, regular: str, bold: str) -> tuple[Drawing | None, str]:
    """The SVG file as a reportlab Drawing in the theme fonts, or None and the reason; the
    same Drawing again for the same content and fonts."""
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    key = (hashlib.sha256(content).digest(), regular, bold)
    kept = _KEPT.get(key)
    if kept is not None:
        _KEPT.move_to_end(key)
        return kept, ""
    drawing, why = _convert(path, regular, bold)  # (from the file: svglib resolves what it links to)
    if drawing is not None:
        _KEPT[key] = drawing
        while len(_KEPT) > KEPT_DRAWINGS:
            _KEPT.popitem(last=False)
    return drawing, why


def _convert(path: Path, regular: str, bold: str) -> tuple[Drawing | None, str]:
    """The SVG file converted by svglib, its text in the theme fonts; or None and the reason."""
    from svglib.svglib import svg2rlg

    try:
        with _quiet_svglib():
            try:
                drawing = svg2rlg(str(path), external_reference_root=str(Path(path).parent))
            except TypeError:  # an svglib without external_reference_root
                drawing = svg2rlg(str(path))
    except Exception as exc:  # svglib raises whatever its XML or CSS parser raises
        return None, f"{type(exc).__name__}: {exc}"
    if drawing is None or not drawing.width or not drawing.height:
        return None, "not a drawable SVG"
    drawing.initialFontName = regular  # type: ignore[attr-defined]  # in Drawing's _attrMap; not in types-reportlab
    _use_theme_fonts(drawing, regular, bold)
    return drawing, ""


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
