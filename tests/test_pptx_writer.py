"""The one-pass writers behind the renderer give python-pptx's own bytes: runs written with
their typefaces (pptx_snippets) then ``apply_fonts``, notes pages (pptx_parts),
relationship and content-type parts (pptx_package) and the zip (pptx_zip)."""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.serialized import _ContentTypesItem

from deckbuild.model.deck import Rich
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.package import content_types_xml, rels_xml, relative_ref
from deckbuild.render.pptx.parts import SlideMaker
from deckbuild.render.pptx.shapes import text_box
from deckbuild.render.pptx.text import (
    Style, add_rich, add_run, apply_fonts, font_faces, format_paragraph, frame, paragraph, write_bullets,
    write_paragraphs,
)
from deckbuild.render.pptx.zipwriter import write_zip, write_zip_with_zipfile
from deckbuild.render.reproducible import zip_entry

WHEN = dt.datetime(2025, 8, 1, tzinfo=dt.timezone.utc)
FAMILY, LATIN = "Noto Sans SC", "Inter"


def _parts(prs) -> dict[str, bytes]:
    return {str(p.partname): p.blob for p in prs.part.package.iter_parts()}


def _placeholder(slide, idx: int):
    return next(s for s in slide.shapes if s.is_placeholder and s.placeholder_format.idx == idx)


def _write_slide(slide, language: str) -> int:
    """Title (with the caps fix a title gets after its runs), bullets with a link and a line
    break, a footer with a slide-number field, all fonts applied at the end; the number of
    runs that had their typefaces before."""
    title = _placeholder(slide, 0)
    tf = frame(title, "bottom")
    p = paragraph(tf, True)
    format_paragraph(p, line_pct=90)
    add_rich(p, Rich.of("资本支出\nCapex"), Style(28, "#1b2a41", bold=True))
    for r in p.runs:
        r.font._rPr.set("cap", "none")
    body = _placeholder(slide, 1)
    items = [(0, Rich.of("first point")), (1, Rich.of("second, deeper")), (0, Rich.of("third"))]
    write_bullets(frame(body), items, 20, "#222222", "#D55E00", "#5F6B7A", FAMILY, link="#0072B2")
    add_run(body.text_frame.paragraphs[0], "a link", Style(20, "#222222", link="#0072B2"), href="https://example.com")
    box = text_box(slide.shapes, (10, 20, 300, 40), "Slide number")
    run = add_run(paragraph(frame(box), True), "7", Style(10, "#5F6B7A"))
    r = run._r
    fld = r.makeelement(r.tag.replace("}r", "}fld"), {"type": "slidenum"})
    for child in list(r):
        fld.append(child)
    r.addprevious(fld)
    r.getparent().remove(r)
    typed = len(slide.shapes._spTree.xpath(".//a:rPr[a:latin]"))
    apply_fonts(slide.shapes._spTree, FAMILY, language, LATIN)
    return typed


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_runs_with_typefaces_equal_runs_given_them_afterwards(language):
    plain, typed = Presentation(), Presentation()
    assert _write_slide(SlideMaker(plain).slide(plain.slide_layouts[1]), language) == 0
    assert _write_slide(SlideMaker(typed).slide(typed.slide_layouts[1], FAMILY, LATIN), language) == 7
    assert _parts(typed) == _parts(plain)


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


def test_one_pass_zip_equals_zipfile():
    entries = [("[Content_Types].xml", b"<Types/>"), ("ppt/slides/slide1.xml", b"<p:sld/>" * 500),
               ("ppt/empty.bin", b""), ("ppt/媒体/图.png", bytes(range(256)) * 40)]
    fast = write_zip(entries, WHEN)
    assert fast == write_zip_with_zipfile(entries, WHEN)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zip_entry(name, WHEN), data)
    assert fast == buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(fast)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == entries
