"""The renderer's fast paths write exactly the XML python-pptx's own API writes: slides and
notes pages (pptx_parts), rectangles and text boxes (pptx_shapes), runs, paragraphs and
text-frame settings (pptx_xml), and the one-pass reproducible save (pptx_package)."""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from deckbuild.layout.geometry import Box
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.package import save_package
from deckbuild.render.pptx.parts import SlideMaker
from deckbuild.render.pptx.shapes import filled_rect, place, text_box
from deckbuild.render.pptx.text import Style, add_run, frame
from deckbuild.render.reproducible import normalize_zip

WHEN = dt.datetime(2025, 8, 1, tzinfo=dt.timezone.utc)


def _parts(prs) -> dict[str, bytes]:
    return {str(p.partname): p.blob for p in prs.part.package.iter_parts()}


def _pair():
    a, b = Presentation(), Presentation()
    ooxml.count_partnames(a.part.package)
    ooxml.count_partnames(b.part.package)
    return a, b


def test_slides_and_notes_pages_match_python_pptx():
    ref, fast = _pair()
    maker = SlideMaker(fast)
    for layout_index in (1, 5, 1, 0, 5, 1):
        s = ref.slides.add_slide(ref.slide_layouts[layout_index])
        s.notes_slide.notes_text_frame.text = "notes"
        f = maker.slide(fast.slide_layouts[layout_index])
        tf = maker.notes(f).notes_placeholder.text_frame
        tf.text = "notes"
    assert _parts(fast) == _parts(ref)


def test_rectangles_and_text_boxes_match_python_pptx():
    ref, fast = _pair()
    rs = ref.slides.add_slide(ref.slide_layouts[6])
    fs = SlideMaker(fast).slide(fast.slide_layouts[6])
    for i, color in enumerate(("#D55E00", "#1b2a41", "#00ff00")):
        box = (12700 * i, 25400, 914400, 12700 * (i + 1))
        shape = rs.shapes.add_shape(MSO_SHAPE.RECTANGLE, *map(Emu, box))
        shape._element.remove(shape._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style"))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#").upper())
        shape.line.fill.background()
        shape.name = f"Rule {i}"
        filled_rect(fs.shapes, box, color, f"Rule {i}")
        tb = rs.shapes.add_textbox(*map(Emu, box))
        if i:
            tb.name = f"Box {i}"
        text_box(fs.shapes, box, f"Box {i}" if i else "")
    assert _parts(fast) == _parts(ref)


def test_runs_frames_and_positions_match_python_pptx():
    ref, fast = _pair()
    rs = ref.slides.add_slide(ref.slide_layouts[1])
    fs = SlideMaker(fast).slide(fast.slide_layouts[1])
    body = rs.placeholders[1]
    body.left, body.top, body.width, body.height = Box(40, 120, 880, 300).emu()
    tf = body.text_frame
    tf.clear()
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    tf.vertical_anchor = MSO_ANCHOR.BOTTOM
    for text, size, bold in (("资本支出 660 亿", 20.5, True), ("tab\there\x07bell", 13.25, False)):
        run = tf.paragraphs[0].add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = False
        run.font.color.rgb = RGBColor.from_string("1B2A41")
    fbody = [sp for sp in fs.placeholders if sp.placeholder_format.idx == 1][0]
    place(fbody, Box(40, 120, 880, 300))
    ftf = frame(fbody, "bottom")
    for text, size, bold in (("资本支出 660 亿", 20.5, True), ("tab\there\x07bell", 13.25, False)):
        add_run(ftf.paragraphs[0], text, Style(size, "#1b2a41", bold=bold))
    assert _parts(fast) == _parts(ref)


def test_one_pass_save_equals_save_then_normalize():
    prs = Presentation()
    slide = SlideMaker(prs).slide(prs.slide_layouts[0])
    slide.shapes.title.text = "标题"
    run = slide.shapes.title.text_frame.paragraphs[0].add_run()
    run.text = "source"
    run.hyperlink.address = "https://example.com/a?x=1&y=<2>"  # an external relationship
    buf = io.BytesIO()
    prs.save(buf)
    assert save_package(prs, WHEN) == normalize_zip(buf.getvalue(), WHEN)


def test_placeholders_are_found_as_python_pptx_finds_them():
    from pathlib import Path

    from deckbuild.render.pptx.placeholders import placeholders_of

    fixtures = Path(__file__).parent / "fixtures" / "templates"
    for prs in (Presentation(), Presentation(str(fixtures / "acme.pptx")),
                Presentation(str(fixtures / "dark-libreoffice.pptx"))):
        owners = [m for m in prs.slide_masters] + [lay for m in prs.slide_masters for lay in m.slide_layouts]
        assert len(owners) > 3
        for owner in owners:
            ours = [(el, ph) for el, ph in placeholders_of(owner)]
            assert [el for el, _ in ours] == [ph._element for ph in owner.placeholders]
            assert all(ph.getparent().getparent().getparent() is el for el, ph in ours)

