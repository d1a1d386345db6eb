"""Charts on a slide: native, editable PowerPoint charts where the kind has a native form,
else the rendered PNG fitted into the box (or a placeholder when there is none). Every chart
shape carries the chart's alt text (``descr``).

Native charts are assembled from small modules, one job each:

- ``pptx_chart_data``: the chart type and its CategoryChartData / XyChartData;
- ``pptx_chart_combo``: combo ``secondary`` series (and reference lines over bars or areas)
  moved into a ``c:lineChart``, the combo's on a secondary value axis;
- ``pptx_chart_frame``: chart-wide text, no border, the legend;
- ``pptx_chart_series``: plot groups, series fills, lines, markers and point colours;
- ``pptx_chart_labels``: data labels and annotations;
- ``pptx_chart_axes``: axes, gridlines, axis titles and scales;
- ``pptx_chart_xml``: XML fragments, and every text property naming the theme font for both
  latin and East-Asian text (``a:latin`` and ``a:ea``) with the language of the chart's text;
- ``pptx_chart_workbook``: the embedded workbook (written with XlsxWriter, so "Edit Data"
  works in PowerPoint), every text in it a literal string (never a formula or a hyperlink),
  with fixed dates, so two renders are byte-identical.

A reference line is one more series (named after the line's label) drawn as a dashed line
without markers, labelled at its last point.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from deckbuild.charts import style
from deckbuild.charts.cache import needs_picture
from deckbuild.charts.style import NATIVE_KINDS
from deckbuild.model.deck import Chart
from deckbuild.model.theme import Theme
from deckbuild.render.pptx.chart.axes import number_axes, style_axes
from deckbuild.render.pptx.chart.combo import restructure
from deckbuild.render.pptx.chart.context import ChartContext, chart_faces
from deckbuild.render.pptx.chart.data import chart_data, chart_type
from deckbuild.render.pptx.chart.frame import style_chart_space, style_legend
from deckbuild.render.pptx.chart.series import style_plot, style_series
from deckbuild.render.pptx.chart.workbook import fix_workbook
from deckbuild.render.pptx.chart.xml import apply_fonts
from deckbuild.render.pptx.shapes import set_description
from deckbuild.render.reproducible import NO_DATE

__all__ = ["add_chart", "NATIVE_KINDS", "needs_picture"]


def add_chart(slide, chart: Chart, theme: Theme, box: tuple[int, int, int, int], png: Path | None,
              when: dt.datetime = NO_DATE):
    """Add ``chart`` to ``slide`` inside ``box`` (left, top, width, height in EMU); return the
    shape. ``when`` stamps a native chart's embedded workbook."""
    if needs_picture(chart):
        from deckbuild.seal import read_sealed  # the cache is a folder others may write to

        picture = read_sealed(Path(png)) if png is not None else None
        if picture is not None:
            return _picture(slide, chart, box, picture)
        return _placeholder(slide, chart, theme, box)
    return _native(slide, chart, theme, box, when)


def _alt_text(chart: Chart) -> str:
    return chart.alt_text or chart.title


def _rgb(color: str) -> RGBColor:
    return RGBColor(*style.rgb(color))


def _picture(slide, chart: Chart, box: tuple[int, int, int, int], png: bytes):
    from PIL import Image

    left, top, width, height = box
    with Image.open(io.BytesIO(png)) as im:
        pw, ph = im.size
    scale = min(width / pw, height / ph)
    w, h = int(pw * scale), int(ph * scale)
    pic = slide.shapes.add_picture(io.BytesIO(png), Emu(left + (width - w) // 2), Emu(top + (height - h) // 2),
                                   Emu(w), Emu(h))
    set_description(pic, _alt_text(chart))
    pic.name = f"Chart {chart.name}"
    return pic


def _placeholder(slide, chart: Chart, theme: Theme, box: tuple[int, int, int, int]):
    left, top, width, height = box
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(left), Emu(top), Emu(width), Emu(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(theme.colors.surface)
    shape.line.color.rgb = _rgb(theme.chart.grid_color)
    shape.shadow.inherit = False
    tf = shape.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    run = p.add_run()
    run.text = chart.title or chart.name
    run.font.size = Pt(theme.chart.title_size)
    run.font.color.rgb = _rgb(theme.colors.muted)
    faces = chart_faces(theme, style.language_of(chart))
    run.font.name = faces[0]
    apply_fonts(shape.element, faces, style.language_of(chart))
    set_description(shape, _alt_text(chart))
    shape.name = f"Chart {chart.name} (missing picture)"
    return shape


def _native(slide, chart: Chart, theme: Theme, box: tuple[int, int, int, int], when: dt.datetime):
    left, top, width, height = box
    gf = slide.shapes.add_chart(chart_type(chart), Emu(left), Emu(top), Emu(width), Emu(height), chart_data(chart))
    gf.name = f"Chart {chart.name}"
    set_description(gf, _alt_text(chart))
    ctx = ChartContext.of(chart, theme, gf.chart, width, height)
    restructure(ctx)
    gf.chart.has_title = False  # the slide shows the title
    style_chart_space(ctx)
    for plot in gf.chart.plots:
        style_plot(ctx, plot)
    for ser in ctx.space.xpath(".//c:ser"):
        style_series(ctx, ser)
    style_axes(ctx)
    number_axes(ctx.plot_area)
    style_legend(ctx)
    apply_fonts(ctx.space, ctx.faces, ctx.lang)
    fix_workbook(gf.chart, when)
    return gf
