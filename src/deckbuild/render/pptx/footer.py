"""A slide's footer, in its layout's footer placeholders: the source line in the footer
placeholder (``ftr``), the slide number in the slide-number placeholder (``sldNum``, an
``a:fld type="slidenum"`` field), at the boxes and sizes ``layout.footer`` computed, and the
deck's date on its title slide in the date placeholder (``dt``) as fixed text, as the dialog's
"Date and time: Fixed" writes it. PowerPoint's Header & Footer dialog then finds them and
manages them instead of adding its own; a layout without such a placeholder (some company
templates) gets a text box instead (and the date stays in the title slide's byline).

No date goes on content slides: the deck's date is on its title slide, and the footer line
holds the sources. Ticking "Date" in the dialog adds the layout's date placeholder there,
which duplicates nothing.
"""

from __future__ import annotations

from deckbuild.layout.fitter import TextBlock
from deckbuild.layout.footer import FooterLayout
from deckbuild.layout.geometry import Box
from deckbuild.model.deck import Rich, Slide
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.base import Ctx, soft, textbox
from deckbuild.render.pptx.drawingml import P_NS, A
from deckbuild.render.pptx.ns import qn
from deckbuild.render.pptx.placeholders import placeholders_of
from deckbuild.render.pptx.text import Style, add_rich, add_run, format_paragraph, paragraph

SLIDENUM_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # fixed: output must not vary


def layout_placeholder(layout, kind: str):
    """The p:ph of the layout's placeholder of type ``kind`` (``ftr``, ``sldNum``, ``dt``), or None."""
    return next((ph for _, ph in placeholders_of(layout) if ph.get("type") == kind), None)


def footer_box(so, box: Box, kind: str, name: str, size: float):
    """A text box at ``box`` (and its text frame) that is the slide's placeholder of type
    ``kind`` when the slide's layout has one (same type and idx, so it inherits from it), its
    text ``size`` points by default (not the layout's: LibreOffice sets a line's height from it)."""
    shape, tf = textbox(so, box, "top", name)
    ph = layout_placeholder(so.slide_layout, kind)
    if ph is not None:
        as_placeholder(shape.element, ph, size)
    return shape, tf


def as_placeholder(sp, layout_ph, size: float) -> None:
    """Make text box ``sp`` the slide's placeholder for the layout's ``layout_ph``: no text-box
    flag, grouping locked (as PowerPoint's placeholders are), a p:ph of the same type, size and
    idx, text of ``size`` points by default. Its position, text frame and text stay its own."""
    nv = sp.find(P_NS + "nvSpPr")
    c_nv_sp_pr = nv.find(P_NS + "cNvSpPr")
    c_nv_sp_pr.attrib.pop("txBox", None)
    if c_nv_sp_pr.find(A + "spLocks") is None:
        c_nv_sp_pr.insert(0, c_nv_sp_pr.makeelement(A + "spLocks", {"noGrp": "1"}))
    nv_pr = nv.find(P_NS + "nvPr")
    attrs = {k: v for k, v in layout_ph.attrib.items() if k in ("type", "sz", "idx")}
    nv_pr.insert(0, nv_pr.makeelement(P_NS + "ph", attrs))
    styles = sp.find(P_NS + "txBody").find(A + "lstStyle")
    if styles is not None:
        level = styles.makeelement(A + "lvl1pPr", {})
        level.append(level.makeelement(A + "defRPr", {"sz": str(int(round(size * 100)))}))
        styles.append(level)


def write_footer(ctx: Ctx, so, slide: Slide, index: int, lay: FooterLayout) -> None:
    """The source line and the slide number of slide ``index`` (1-based)."""
    s = ctx.theme.slide
    color = soft(ctx, ctx.dark(slide.kind))
    if lay.sources is not None:
        _, tf = footer_box(so, lay.sources.box, "ftr", "Sources", lay.sources.size)
        p = paragraph(tf, True)
        format_paragraph(p)
        add_rich(p, lay.line, Style(lay.sources.size, color, link=color))
    if lay.number is not None:
        _, tf = footer_box(so, lay.number, "sldNum", "Slide number", s.small_size)
        p = paragraph(tf, True)
        format_paragraph(p, align="r")
        run = add_run(p, str(index), Style(s.small_size, color))
        slide_number_field(ooxml.run_xml(run))


def write_date(so, block: TextBlock, text: str, color: str, align: str) -> None:
    """The deck's date in the date placeholder at ``block`` (``align`` '' keeps the layout's)."""
    _, tf = footer_box(so, block.box, "dt", "Date", block.size)
    p = paragraph(tf, True)
    format_paragraph(p, align=align)
    add_rich(p, Rich.of(text), Style(block.size, color))


def slide_number_field(r):
    """Turn run ``r`` into a slide-number field (a:fld type="slidenum" with the run's
    properties and text): PowerPoint and LibreOffice keep it right when slides move."""
    fld = r.makeelement(qn("a:fld"), {"id": SLIDENUM_FIELD_ID, "type": "slidenum"})
    for child in list(r):
        fld.append(child)
    r.addprevious(fld)
    r.getparent().remove(r)
    return fld
