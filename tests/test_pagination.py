"""Pagination of the flagship report, both editions, read from the built PDFs: no heading ends a
page, no widowed or orphaned line or list item, no source note away from its block, no page left
mostly empty but before a part or at the end; and its metadata (outline, XMP)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import pdf_pages
from conftest import FLAGSHIP, FLAGSHIP_GROUP, require_tool

pytestmark = FLAGSHIP_GROUP

NAMES = {"zh-CN": "meta-ai-bet", "en": "meta-ai-bet.en"}
SOURCE = {"zh-CN": "来源", "en": "Source:"}


@pytest.fixture(scope="module")
def area() -> pdf_pages.Area:
    from reportlab.lib.pagesizes import A4

    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.outline import load_outline

    outline = load_outline(FLAGSHIP, Diagnostics())
    assert outline is not None
    page = outline.theme.for_report().page
    assert page.size == "A4"
    m = page.margin
    return pdf_pages.Area(m, m, A4[1] - m, page.body_size, page.body_size * page.leading)


def _pdf(flagship, language: str) -> Path:
    return flagship.out / f"{NAMES[language]}.pdf"


@pytest.mark.parametrize("language", NAMES)
def test_no_heading_ends_a_page(flagship, area, language):
    pages = pdf_pages.read(_pdf(flagship, language))
    headings = [ln for p in pages for ln in area.lines(p) if area.heading(ln)]
    assert len(headings) > 40  # parts, subsections, figures, tables, key points, columns
    bad = [b for p in pages for b in pdf_pages.stranded_headings(p, area)]
    assert bad == []


@pytest.mark.parametrize("language", NAMES)
def test_no_widows_or_orphans(flagship, area, language):
    pages = pdf_pages.read(_pdf(flagship, language))
    assert pdf_pages.widows_and_orphans(pages, area, SOURCE[language]) == []


def _outline(reader) -> list[tuple[str, int, int]]:
    """(title, page, level) of every outline entry."""
    out: list[tuple[str, int, int]] = []

    def walk(items, level):
        for it in items:
            if isinstance(it, list):
                walk(it, level + 1)
            else:
                out.append((it.title, reader.get_destination_page_number(it) + 1, level))

    walk(reader.outline, 0)
    return out


@pytest.mark.parametrize("language", NAMES)
def test_no_page_mostly_empty(flagship, area, language, tmp_path):
    """Every page is filled to 40 % of its text area at least, but the title page, the last page
    and a page before a part (a part, the front matter and the sources open a new page)."""
    from pypdf import PdfReader

    pdf = _pdf(flagship, language)
    pages = pdf_pages.read(pdf)
    opens = {page for _, page, level in _outline(PdfReader(str(pdf))) if level == 0}
    subprocess.run([require_tool("pdftoppm"), "-png", "-gray", "-r", "30", str(pdf), str(tmp_path / "p")],
                   check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(pages)
    fill = {p.number: pdf_pages.filled(png, p, area) for p, png in zip(pages, pngs)}
    assert max(fill.values()) > 0.9 and fill[len(pages)] > 0.05
    empty = {n: round(f, 2) for n, f in fill.items() if f < 0.4 and n + 1 not in opens and n < len(pages)}
    assert empty == {}


@pytest.mark.parametrize("language", NAMES)
def test_bookmarks_have_single_spaces(flagship, language):
    from pypdf import PdfReader

    entries = _outline(PdfReader(str(_pdf(flagship, language))))
    assert len(entries) > 20 and any(level == 1 for _, _, level in entries)
    assert [t for t, _, _ in entries if "  " in t or t != t.strip()] == []
    numbered = [t for t, _, _ in entries if t[:1].isdigit()]
    assert numbered and all(t.split(" ", 1)[0].replace(".", "").isdigit() for t in numbered)


@pytest.mark.parametrize("language", NAMES)
def test_xmp_metadata(flagship, language):
    from pypdf import PdfReader

    reader = PdfReader(str(_pdf(flagship, language)))
    info, xmp = reader.metadata, reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title["x-default"] == info.title and info.title
    assert xmp.dc_language == [language]
    assert xmp.dc_creator == [info.author] and info.author
    assert xmp.dc_description["x-default"] == info.subject
    keywords = xmp.dc_subject
    assert len(keywords) >= 4 and info["/Keywords"] == "; ".join(keywords)
    assert xmp.xmp_create_date == xmp.xmp_modify_date
    stamp = info["/CreationDate"]  # D:YYYYMMDDHHmmSS+00'00'
    assert xmp.xmp_create_date.strftime("D:%Y%m%d%H%M%S") == stamp[:16]
    assert xmp.xmp_creator_tool == info["/Creator"]
    assert reader.trailer["/Root"]["/Lang"] == language
    # the packet as written (metadata.py), not as a library re-serialized it: every description
    # keeps its rdf:about (PDF/A asks for it), and the packet says it is not to be edited in place
    packet = reader.trailer["/Root"]["/Metadata"].get_data()
    assert packet.count(b'rdf:about=""') == packet.count(b"<rdf:Description") == 1
    assert packet.endswith(b'<?xpacket end="r"?>')
