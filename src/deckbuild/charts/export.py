"""Chart files: SVG (vector, text as outlined paths) and PNG, byte-for-byte deterministic.

SVG text is written as paths (``svg.fonttype='path'``): svglib then imports the drawing into
reportlab without needing the font and the glyphs stay exact, and the PDF holds no images.
"""

from __future__ import annotations

import io
from pathlib import Path

from deckbuild.atomic import atomic_write
from deckbuild.charts import style
from deckbuild.charts.style import DECK_SIZE, REPORT_SIZE
from deckbuild.model.deck import Chart
from deckbuild.model.theme import Theme

__all__ = ["svg_bytes", "png_bytes", "pdf_bytes", "render_one", "DECK_SIZE", "REPORT_SIZE"]

PNG_DPI = 220


def _save(chart: Chart, theme: Theme, width_pt: float, height_pt: float, fmt: str, **kw) -> bytes:
    from deckbuild.charts.draw import figure

    with style.rc_context(theme, width_pt):
        fig = figure(chart, theme, width_pt, height_pt)
        buf = io.BytesIO()
        if fmt == "svg":
            meta = {"Date": None, "Creator": "deckbuild"}
        elif fmt == "png":
            meta = {"Software": None}
        elif fmt == "pdf":
            meta = {"CreationDate": None, "ModDate": None, "Producer": "deckbuild", "Creator": "deckbuild",
                    "Title": chart.title}
        else:  # pragma: no cover - callers pass one of the three
            raise ValueError(f"unknown chart format {fmt!r}")
        # Figure.savefig picks the Agg/SVG/PDF canvas for the format; no pyplot, no GUI backend.
        fig.savefig(buf, format=fmt, dpi=kw.get("dpi", PNG_DPI) if fmt == "png" else 72, metadata=meta)
    return buf.getvalue()


def svg_bytes(chart: Chart, theme: Theme, width_pt: float = REPORT_SIZE[0], height_pt: float = REPORT_SIZE[1]) -> bytes:
    """The chart as SVG, text outlined; the same chart and theme always give the same bytes."""
    return _save(chart, theme, width_pt, height_pt, "svg")


def png_bytes(chart: Chart, theme: Theme, width_pt: float = DECK_SIZE[0], height_pt: float = DECK_SIZE[1],
              dpi: int = PNG_DPI) -> bytes:
    """The chart as an opaque RGB PNG at ``dpi``; deterministic (no software or time metadata)."""
    from PIL import Image

    rgba = _save(chart, theme, width_pt, height_pt, "png", dpi=dpi)
    with Image.open(io.BytesIO(rgba)) as im:
        rgb = im.convert("RGB")  # the background is opaque: drop the alpha channel (a third smaller)
    out = io.BytesIO()
    rgb.save(out, format="PNG", dpi=(dpi, dpi), compress_level=6)
    return out.getvalue()


def pdf_bytes(chart: Chart, theme: Theme, width_pt: float = REPORT_SIZE[0], height_pt: float = REPORT_SIZE[1]) -> bytes:
    """The chart as a one-page PDF with the font embedded (subset, TrueType)."""
    return _save(chart, theme, width_pt, height_pt, "pdf")


def render_one(chart: Chart, theme: Theme, out: Path, size: tuple[float, float] | None = None) -> Path:
    """Write one chart to ``out`` as .png, .svg or .pdf (by suffix). PNG defaults to the deck size,
    SVG and PDF to the report size; ``size`` (points) overrides."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".png":
        w, h = size or DECK_SIZE
        data = png_bytes(chart, theme, w, h)
    elif suffix == ".svg":
        w, h = size or REPORT_SIZE
        data = svg_bytes(chart, theme, w, h)
    elif suffix == ".pdf":
        w, h = size or REPORT_SIZE
        data = pdf_bytes(chart, theme, w, h)
    else:
        raise ValueError(f"cannot write a chart as '{out.suffix or out.name}'; use .png, .svg or .pdf")
    atomic_write(out, data)
    return out
