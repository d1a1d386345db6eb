"""Office-native structure of the flagship deck: the footer in the layout's footer and
slide-number placeholders, decorative shapes marked as PowerPoint marks them, tables with
alternative text, and document properties (core, app.xml, thumbnail) from the deck."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from conftest import FLAGSHIP, FLAGSHIP_GROUP
from deckbuild.cjk import close_latin_gap
from deckbuild.diagnostics import Diagnostics
from deckbuild.input.editions import compile_outline
from deckbuild.render.pptx.placeholders import placeholders_of
from deckbuild.render.pptx.properties import count_words
from deckbuild.render.pptx.shapes import DECORATIVE_EXT, DECORATIVE_NS

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "adec": DECORATIVE_NS,
      "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
      "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}
DECORATIVE_NAMES = {"Accent rule", "Band", "Column rule", "Quote bar", "Stat rule"}

pytestmark = FLAGSHIP_GROUP


@pytest.fixture(scope="module")
def editions(flagship):
    """(deck model, python-pptx presentation, the zip) of both editions."""
    _, decks = compile_outline(FLAGSHIP, Diagnostics())
    out = []
    for deck in decks:
        data = (flagship.out / f"{deck.name}.pptx").read_bytes()
        out.append((deck, Presentation(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(data))))
    return out


def _shapes(slide, name: str):
    return [sp for sp in slide.shapes if sp.name == name]


def test_the_footer_is_in_the_layouts_footer_placeholders(editions):
    for deck, prs, _ in editions:
        for number, (slide, _model) in enumerate(zip(prs.slides, deck.slides), 1):
            for sp in _shapes(slide, "Sources"):
                ph = sp.element.find("p:nvSpPr/p:nvPr/p:ph", NS)
                assert ph is not None and ph.get("type") == "ftr", (deck.name, number)
                layout_ph = {p.placeholder_format.idx for p in slide.slide_layout.placeholders
                             if p.element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type") == "ftr"}
                assert int(ph.get("idx")) in layout_ph
                assert sp.text_frame.text.startswith(("Source: [", "来源：["))
            numbers = _shapes(slide, "Slide number")
            if number == 1:
                assert not numbers  # none on the opening slide
                continue
            (sp,) = numbers
            assert sp.element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type") == "sldNum"
            (fld,) = sp.element.findall(".//a:fld", NS)
            assert fld.get("type") == "slidenum" and fld.findtext("a:t", namespaces=NS) == str(number)
            assert not sp.element.findall(".//a:r", NS)
        assert sum(bool(_shapes(s, "Sources")) for s in prs.slides) >= 20


def test_the_date_is_in_the_title_layouts_date_placeholder_as_fixed_text(editions):
    """As Header & Footer's "Date and time: Fixed" writes it: a p:ph type="dt" of the layout's
    idx with the date as a run (no a:fld, which would show the day it is opened); under the
    author, who has the byline to themself; on no other slide."""
    for deck, prs, _ in editions:
        first = prs.slides[0]
        (date,) = _shapes(first, "Date")
        ph = date.element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        layout = {p.element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("idx") for p in first.slide_layout.placeholders
                  if p.element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type") == "dt"}
        assert ph.get("type") == "dt" and ph.get("idx") in layout
        assert not date.element.findall(".//a:fld", NS) and date.element.findall(".//a:r", NS)
        assert date.text_frame.text == {"zh-CN": "2025年8月", "en": "August 2025"}[deck.language]
        (byline,) = _shapes(first, "Byline")
        assert byline.text_frame.text == close_latin_gap(deck.author)
        assert byline.top + byline.height <= date.top and byline.left == date.left
        for slide in list(prs.slides)[1:]:
            assert not [p for _, p in placeholders_of(slide) if p.get("type") == "dt"]


def test_decorative_shapes_are_marked_and_only_they(editions):
    for deck, prs, _ in editions:
        marked = 0
        for slide in prs.slides:
            for sp in slide.shapes:
                c_nv_pr = sp.element.find("./*/p:cNvPr", NS)
                flags = c_nv_pr.findall(f"a:extLst/a:ext[@uri='{DECORATIVE_EXT}']/adec:decorative", NS)
                if sp.name in DECORATIVE_NAMES:
                    assert [f.get("val") for f in flags] == ["1"], (deck.name, sp.name)
                    marked += 1
                else:
                    assert not flags, (deck.name, sp.name)
                if (sp.name.startswith("Chart ") and sp.name != "Chart heading") or sp.name == "Picture":
                    assert c_nv_pr.get("descr"), (deck.name, sp.name)
        assert marked >= 30


def test_tables_have_alternative_text(editions):
    for _deck, prs, _ in editions:
        tables = [sp for s in prs.slides for sp in s.shapes if sp.has_table]
        assert tables
        for sp in tables:
            descr = sp.element.find("./*/p:cNvPr", NS).get("descr")
            rows, cols = len(sp.table.rows), len(sp.table.columns)
            assert descr.startswith(("Table: ", "表: ")) and descr.endswith(f"({rows} × {cols})"), descr
            assert sp.table.cell(0, 0).text in descr


def test_core_properties_come_from_the_outline_and_agree_with_the_pdf(editions, flagship):
    from pypdf import PdfReader

    for deck, prs, _ in editions:
        cp = prs.core_properties
        assert (cp.title, cp.subject, cp.author, cp.language) == (deck.title, deck.subtitle, deck.author, deck.language)
        assert cp.created.isoformat() == cp.modified.isoformat() == "2025-08-01T00:00:00"
        pdf = PdfReader(flagship.out / f"{deck.name}.pdf").metadata
        assert (pdf.title, pdf.subject, pdf.author) == (cp.title, cp.subject, cp.author)
        assert pdf.creation_date.isoformat().startswith("2025-08-01T00:00:00")


def test_app_properties_count_slides_notes_words_and_name_the_slides(editions):
    for deck, prs, z in editions:
        app = etree.fromstring(z.read("docProps/app.xml"))
        text = [p.text for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
        text += [c.text for s in prs.slides for sh in s.shapes if sh.has_table for c in sh.table.iter_cells()]
        assert app.findtext("ep:Slides", namespaces=NS) == str(len(deck.slides)) == "30"
        assert app.findtext("ep:Notes", namespaces=NS) == str(sum(1 for s in deck.slides if s.notes))
        assert app.findtext("ep:Application", namespaces=NS) == "deckbuild"
        words = int(app.findtext("ep:Words", namespaces=NS))
        assert words > 1000 and abs(words - count_words(text)) <= 0.05 * words
        titles = [t.text for t in app.findall("ep:TitlesOfParts/vt:vector/vt:lpstr", NS)]
        assert titles == ["deckbuild default", *[s.title.plain for s in deck.slides]]


def test_count_words():
    assert count_words(["Meta's superintelligence bet", "  two  words "]) == 5
    assert count_words(["Meta 的超级智能豪赌"]) == 1 + 7
    assert count_words(["한국어 문장"]) == 2


def test_the_thumbnail_is_the_first_slide_drawn(editions):
    import pptx

    stock = zipfile.ZipFile(Path(pptx.__file__).parent / "templates" / "default.pptx")
    stock_jpeg = stock.read("docProps/thumbnail.jpeg")
    seen = set()
    for _deck, _, z in editions:
        jpeg = z.read("docProps/thumbnail.jpeg")
        assert jpeg != stock_jpeg
        seen.add(jpeg)
        with Image.open(io.BytesIO(jpeg)) as im:
            assert im.format == "JPEG" and im.size == (256, 144)
            # the first slide is a title slide: the primary colour, with light title text on it
            assert im.getpixel((2, 2)) == pytest.approx((0x1B, 0x2A, 0x41), abs=6)
            assert im.convert("L").getextrema()[1] > 200
    assert len(seen) == 2  # each edition its own title


def _slide_without(layout_index: int, ph_type: str):
    """A slide of python-pptx's default template on a layout whose ``ph_type`` placeholder is gone."""
    prs = Presentation()
    layout = prs.slide_layouts[layout_index]
    for ph in list(layout.placeholders):
        if ph.element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type") == ph_type:
            ph.element.getparent().remove(ph.element)
    return prs.slides.add_slide(layout)


def test_a_layout_without_the_placeholder_gets_a_text_box():
    from deckbuild.layout.geometry import Box
    from deckbuild.render.pptx.footer import footer_box

    slide = _slide_without(6, "sldNum")
    number, _ = footer_box(slide, Box(600, 500, 40, 20), "sldNum", "Slide number", 10)
    sources, _ = footer_box(slide, Box(40, 500, 500, 20), "ftr", "Sources", 9)
    assert number.element.find("p:nvSpPr/p:nvPr/p:ph", NS) is None
    assert number.element.find("p:nvSpPr/p:cNvSpPr", NS).get("txBox") == "1"
    ph = sources.element.find("p:nvSpPr/p:nvPr/p:ph", NS)
    assert (ph.get("type"), ph.get("idx")) == ("ftr", "11")
    assert (sources.left, sources.top, sources.width, sources.height) == Box(40, 500, 500, 20).emu()


def test_a_layout_without_a_date_placeholder_gets_a_text_box():
    from deckbuild.layout.fitter import TextBlock
    from deckbuild.layout.geometry import Box
    from deckbuild.render.pptx.footer import write_date

    slide = _slide_without(0, "dt")
    write_date(slide, TextBlock(Box(40, 480, 300, 20), 12), "2025 年 8 月", "#777777", "l")
    (date,) = _shapes(slide, "Date")
    assert date.element.find("p:nvSpPr/p:nvPr/p:ph", NS) is None and date.text_frame.text == "2025年8月"
