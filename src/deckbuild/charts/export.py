"""Chart files: PDF and SVG (vector) and PNG, byte-for-byte deterministic.

SVG text is written as paths (``svg.fonttype='path'``): the file needs no font to look right.
PDF text is in the theme's fonts, embedded: TrueType subsets, or with ``outlines`` Type 3
fonts made of the glyphs' outlines (``charts.report_drawing``).
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
    import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

    import matplotlib

    from deckbuild.charts.draw import figure

    with style.rc_context(theme, width_pt):
        if kw.get("outlines"):
            matplotlib.rcParams["pdf.fonttype"] = 3  # undone as the context ends
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


def pdf_bytes(chart: Chart, theme: Theme, width_pt: float = REPORT_SIZE[0], height_pt: float = REPORT_SIZE[1],
              outlines: bool = False) -> bytes:
    """The chart as a one-page PDF with its fonts embedded: TrueType subsets, or with
    ``outlines`` Type 3 fonts drawn from the glyphs' outlines (as quick to write for a CJK
    font as for a Latin one)."""
    return _save(chart, theme, width_pt, height_pt, "pdf", outlines=outlines)


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
