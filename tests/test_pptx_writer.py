"""The one-pass writers behind the renderer give python-pptx's own bytes: notes pages written
with their typefaces (parts, snippets) then ``apply_fonts``, relationship and content-type parts
(package)."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.serialized import _ContentTypesItem  # noqa: PLC2701  (compared with the wall's writer)

from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.package import content_types_xml, relative_ref, rels_xml
from deckbuild.render.pptx.parts import SlideMaker
from deckbuild.render.pptx.text import Style, add_run, apply_fonts, font_faces, write_paragraphs

WHEN = dt.datetime(2025, 8, 1, tzinfo=dt.timezone.utc)
FAMILY, LATIN = "Noto Sans SC", "Inter"


def _parts(prs) -> dict[str, bytes]:
    return {str(p.partname): p.blob for p in prs.part.package.iter_parts()}


def test_notes_written_with_typefaces_equal_python_pptx_notes():
    ref, fast = Presentation(), Presentation()
    for prs in (ref, fast):
        ooxml.count_partnames(prs.part.package)
    maker = SlideMaker(fast)
    for n in range(3):
        texts = [f"note {n}", "第二段\tline"]
        slide = ref.slides.add_slide(ref.slide_layouts[1])
        tf = slide.notes_slide.notes_text_frame
        tf.clear()
        for i, text in enumerate(texts):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            add_run(p, text, Style(12, "#222222"))
        apply_fonts(slide.notes_slide.shapes._spTree, FAMILY, "zh-CN", LATIN)
        notes, body = maker.notes_body(maker.slide(fast.slide_layouts[1]))
        write_paragraphs(body, texts, Style(12, "#222222"), font_faces(FAMILY, LATIN))
        apply_fonts(notes.shapes._spTree, FAMILY, "zh-CN", LATIN)
    assert _parts(fast) == _parts(ref)


def test_relationship_and_content_type_parts_match_python_pptx():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.part.relate_to("https://example.com/a?x=1&y=<2>\"q\"", RT.HYPERLINK, is_external=True)
    slide.part.relate_to("https://例子.cn/路径", RT.HYPERLINK, is_external=True)
    slide.notes_slide.notes_text_frame.text = "n"
    parts = tuple(prs.part.package.iter_parts())
    for part in parts:
        if part._rels:
            assert rels_xml(part) == part._rels.xml, part.partname
    assert rels_xml(prs.part.package) == prs.part.package._rels.xml
    assert content_types_xml(parts) == serialize_part_xml(_ContentTypesItem.xml_for(parts))


@pytest.mark.parametrize("path, base", [
    ("/ppt/slideLayouts/slideLayout1.xml", "/ppt/slides"), ("/ppt/slides/slide2.xml", "/ppt"),
    ("/ppt/media/image1.png", "/ppt/charts"), ("/docProps/app.xml", "/ppt/slides"),
    ("/ppt/slides/slide1.xml", "/ppt/slides"), ("/ppt/a/../b.xml", "/ppt"), ("/ppt/.x/y.xml", "/ppt/z"),
])
def test_relative_references_match_posixpath(path, base):
    assert relative_ref(path, base) == posixpath.relpath(path, base)
