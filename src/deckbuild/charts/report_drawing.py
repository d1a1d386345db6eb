"""A chart's drawing as the report places it: its SVG converted once into a one-page PDF.

svglib reads the SVG into a reportlab drawing and reportlab writes that drawing as the one
page of a small PDF, the size of the drawing. The report takes the page whole, as a form
XObject (``render.pdf.chart_forms``): a rebuild reads a file of a few kilobytes instead of
parsing the SVG and drawing its shapes again. The chart cache keeps this PDF beside the SVG
(``charts.cache``), rendered in the chart workers, so a cold build converts its charts in
parallel too.

The charts deckbuild draws have their text as paths (``charts.export``), so their page holds
no font. Text of an SVG drawn with text elements is set in the theme's family (registered
with reportlab under a name made from the files' SHA-256), embedded, never in a standard
font that the PDF would not embed.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from deckbuild.digests import read_version
from deckbuild.model.theme import Fonts

__all__ = ["UnreadableDrawing", "drawing_pdf"]

# What shows text in a content stream (PDF 32000-1, 9.4.3).
_SHOWS_TEXT = {"Tj", "TJ", "'", '"'}


class UnreadableDrawing(ValueError):
    """The SVG could not be made into a drawing; the message says why."""


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


def _strings(node) -> list:
    """The text strings of a reportlab drawing, at any depth."""
    from reportlab.graphics.shapes import Group, String

    if isinstance(node, String):
        return [node]
    if isinstance(node, Group):
        return [s for child in node.contents for s in _strings(child)]
    return []


_registered: dict[tuple[str, str], tuple[str, str]] = {}


def _family(fonts: Fonts) -> tuple[str, str]:
    """The theme's regular and bold faces registered with reportlab (once per content)."""
    digests = fonts.digests()
    names = _registered.get(digests)
    if names is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        tag = hashlib.sha256(":".join(digests).encode()).hexdigest()[:16]
        names = (f"DBC-{tag}", f"DBC-{tag}-bold")
        for name, path, sha256 in zip(names, (fonts.regular, fonts.bold), digests):
            data = read_version(path, sha256) if sha256 else Path(path).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        _registered[digests] = names
    return names


def _page(drawing, fonts: Fonts) -> bytes:
    """The drawing as the one page of a PDF written by reportlab (text in the theme's family)."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    strings = _strings(drawing)
    initial = None  # reportlab's standard font: selected, never used
    if strings:
        initial, bold = _family(fonts)
        for s in strings:
            s.fontName = bold if "bold" in str(getattr(s, "fontName", "") or "").lower() else initial
        drawing.initialFontName = initial
    buffer = io.BytesIO()
    initial_font: Any = initial  # (types-reportlab 5.0 has this argument as a number)
    canvas = Canvas(buffer, pagesize=(drawing.width, drawing.height), invariant=1, pageCompression=1,
                    initialFontName=initial_font)
    renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _normalized(data: bytes) -> bytes:
    """The PDF reportlab wrote, without its document information (dates that follow the
    environment's ``SOURCE_DATE_EPOCH``: a drawing depends on its SVG and fonts only), and, when
    its page shows no text, without the page's text objects and fonts (reportlab begins every
    page by selecting its initial font): a page of paths names no font. Text state outlives a
    text object, so a page that shows text keeps its stream as it is."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    for key in ("/Info", "/ID"):  # (qpdf makes the /ID anew from the content)
        if key in pdf.trailer:
            del pdf.trailer[key]
    page = pdf.pages[0]
    ops = pikepdf.parse_content_stream(page)
    if any(str(i.operator) in _SHOWS_TEXT for i in ops):
        _retag(page.obj.Resources.get("/Font", pikepdf.Dictionary()))
    else:
        kept, inside = [], False
        for instruction in ops:
            op = str(instruction.operator)
            if op in ("BT", "ET"):
                inside = op == "BT"
            elif not inside:
                kept.append(instruction)
        resources = page.obj.get("/Resources")
        if resources is not None and "/Font" in resources:
            del resources["/Font"]
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


def _retag(fonts) -> None:
    """Tag each font subset from its content: reportlab tags the subsets of every file it writes
    AAAAAA+, AAAAAB+ and so on, the report's own subsets too, and subsets of one report must
    not share a tag (ISO 32000-1, 9.6.4)."""
    import pikepdf

    for font in fonts.values():
        parts = [font, *font.get("/DescendantFonts", [])]
        descriptors = [part.FontDescriptor for part in parts if "/FontDescriptor" in part]
        files = [d[k] for d in descriptors for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in d]
        if not files:
            continue
        digest = hashlib.sha256(files[0].read_raw_bytes()).digest()
        tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
        for obj, key in [(part, "/BaseFont") for part in parts] + [(d, "/FontName") for d in descriptors]:
            name = str(obj.get(key, ""))
            if len(name) > 8 and name[7] == "+":
                obj[key] = pikepdf.Name("/" + tag + name[7:])


def drawing_pdf(svg: Path, fonts: Fonts) -> bytes:
    """The SVG file as a one-page PDF the size of its drawing; the same file and fonts always
    give the same bytes. UnreadableDrawing when svglib cannot read it or it draws nothing."""
    from svglib.svglib import svg2rlg

    try:
        with _quiet_svglib():
            try:
                drawing = svg2rlg(str(svg), external_reference_root=str(Path(svg).parent))
            except TypeError:  # an svglib without external_reference_root
                drawing = svg2rlg(str(svg))
    except Exception as exc:  # svglib raises whatever its XML or CSS parser raises
        raise UnreadableDrawing(f"{type(exc).__name__}: {exc}") from exc
    if drawing is None or not drawing.width or not drawing.height:
        raise UnreadableDrawing("not a drawable SVG")
    return _normalized(_page(drawing, fonts))
