"""New parts never take a part name the package already has, whatever gaps its numbering has:
the renderer's part-name counter (``ooxml.count_partnames``) on a package with gaps in its chart,
workbook, picture and slide numbers, and a deck built on a company template whose themes, layout
pictures and embedded fonts are numbered with gaps. The decks open in python-pptx (every chart
there) and in LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Emu

from conftest import require_tool
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.package import save_package

WHEN = dt.datetime(2025, 8, 1, tzinfo=dt.timezone.utc)
BOX = (Emu(914400), Emu(914400), Emu(4572000), Emu(2743200))


def _png(color: str) -> io.BytesIO:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(out, "PNG")
    out.seek(0)
    return out


def _chart_data(n: int) -> CategoryChartData:
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series(f"Series {n}", (n, n + 1))
    return data


def _rename(prs, old: str, new: str) -> None:
    part = next(p for p in prs.part.package.iter_parts() if str(p.partname) == old)
    part.partname = PackURI(new)


def _with_gaps() -> bytes:
    """A presentation whose parts are numbered with gaps: charts 1 and 3, their workbooks 1
    and 3, pictures 1 and 3, slides 2 and 4 (saved, so that the gaps are what a reader finds)."""
    prs = Presentation()
    for n, color in enumerate(("#D55E00", "#0072B2"), 1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *BOX, _chart_data(n))
        slide.shapes.add_picture(_png(color), Emu(0), Emu(0))
    _rename(prs, "/ppt/charts/chart2.xml", "/ppt/charts/chart3.xml")
    _rename(prs, "/ppt/embeddings/Microsoft_Excel_Sheet2.xlsx", "/ppt/embeddings/Microsoft_Excel_Sheet3.xlsx")
    _rename(prs, "/ppt/media/image2.png", "/ppt/media/image3.png")
    _rename(prs, "/ppt/slides/slide2.xml", "/ppt/slides/slide4.xml")
    _rename(prs, "/ppt/slides/slide1.xml", "/ppt/slides/slide2.xml")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_numbers_taken_compare_part_names_as_opc_does():
    names = ["/ppt/charts/chart1.xml", "/PPT/Charts/Chart3.XML", "/ppt/charts/chart12.xml",
             "/ppt/charts/chartStyle1.xml", "/ppt/charts/colors2.xml", "/ppt/charts/chart4.xml.rels"]
    assert ooxml.numbers_taken(names, "/ppt/charts/chart%d.xml") == {1, 3, 12}


def test_the_counter_skips_every_number_taken():
    package = Presentation(io.BytesIO(_with_gaps())).part.package  # (the slide list not touched: no renaming)
    names = {str(p.partname) for p in package.iter_parts()}
    assert {"/ppt/charts/chart1.xml", "/ppt/charts/chart3.xml", "/ppt/media/image1.png", "/ppt/media/image3.png",
            "/ppt/slides/slide2.xml", "/ppt/slides/slide4.xml"} <= names
    ooxml.count_partnames(package)

    def names_for(template: str, n: int) -> list[str]:
        return [str(package.next_partname(template)) for _ in range(n)]

    assert names_for("/ppt/charts/chart%d.xml", 3) == [f"/ppt/charts/chart{n}.xml" for n in (2, 4, 5)]
    assert names_for("/ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx", 2) == [
        f"/ppt/embeddings/Microsoft_Excel_Sheet{n}.xlsx" for n in (2, 4)]
    assert names_for("/ppt/media/image%d.png", 2) == ["/ppt/media/image2.png", "/ppt/media/image4.png"]
    assert names_for("/ppt/slides/slide%d.xml", 3) == [f"/ppt/slides/slide{n}.xml" for n in (1, 3, 5)]
    assert names_for("/ppt/notesSlides/notesSlide%d.xml", 2) == [
        "/ppt/notesSlides/notesSlide1.xml", "/ppt/notesSlides/notesSlide2.xml"]


def _check_opens(data: bytes, charts: int, slides: int, tmp_path: Path) -> None:
    """No part twice in the zip; python-pptx finds ``charts`` charts, each its own part; LibreOffice
    makes one page per slide."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert len(names) == len(set(n.lower() for n in names)), sorted(names)
        assert z.testzip() is None
    prs = Presentation(io.BytesIO(data))
    found = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert len(found) == charts and len({str(c.part.partname) for c in found}) == charts
    assert all(len(c.plots[0].categories) == 2 for c in found)
    require_tool("soffice")
    require_tool("pdfinfo")
    from clients import libreoffice_to_pdf

    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(libreoffice_to_pdf(path, tmp_path))], capture_output=True, text=True).stdout
    assert re.search(rf"^Pages:\s+{slides}$", info, re.M), info


def test_charts_added_to_a_package_with_gaps_get_names_of_their_own(tmp_path):
    prs = Presentation(io.BytesIO(_with_gaps()))
    ooxml.count_partnames(prs.part.package)
    slide = prs.slides[1]
    for n in (3, 4):
        slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *BOX, _chart_data(n))
    data = save_package(prs, WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n))
    assert charts == [f"ppt/charts/chart{n}.xml" for n in (1, 2, 3, 4)]
    _check_opens(data, 4, 2, tmp_path)


# --- a company template with gaps ------------------------------------------------------------------

_PIC = """<p:pic xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<p:nvPicPr><p:cNvPr id="{id}" name="Logo {id}"/><p:cNvPicPr/><p:nvPr userDrawn="1"/></p:nvPicPr>
<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>
<p:spPr><a:xfrm><a:off x="{x}" y="0"/><a:ext cx="457200" cy="457200"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"""
_FONTS = """<p:embeddedFontLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<p:embeddedFont><p:font typeface="Gap Sans"/><p:regular r:id="{regular}"/><p:bold r:id="{bold}"/></p:embeddedFont>
</p:embeddedFontLst>"""


def _template_with_gaps() -> bytes:
    """python-pptx's default template with its theme numbered 3 (no notes master: the deck adds
    one, with a theme of its own), pictures 1 and 3 on two layouts, embedded fonts 1 and 3."""
    from lxml import etree

    prs = Presentation()
    package = prs.part.package
    for n, (layout, color) in enumerate(((prs.slide_layouts[1], "#D55E00"), (prs.slide_layouts[5], "#0072B2")), 1):
        _, rid = layout.part.get_or_add_image_part(_png(color))
        layout.shapes._spTree.append(etree.fromstring(_PIC.format(id=900 + n, rid=rid, x=457200 * n)))
    _rename(prs, "/ppt/media/image2.png", "/ppt/media/image3.png")
    _rename(prs, "/ppt/theme/theme1.xml", "/ppt/theme/theme3.xml")
    rids = {}
    for n, style in ((1, "regular"), (3, "bold")):
        font = Part(PackURI(f"/ppt/fonts/font{n}.fntdata"), "application/x-fontdata", package, b"\0" * 64)
        rids[style] = prs.part.relate_to(font, RT.FONT)
    fonts = etree.fromstring(_FONTS.format(**rids))
    prs.element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}notesSz").addnext(fonts)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


CHART = "title: Sales {n}\nkind: column\ncategories: [A, B]\nseries:\n  - {{name: S, values: [{n}, 2]}}\n"
OUTLINE = """\
title: Gaps
theme: gaps
slides:
  - title: One point
    bullets: [first, second]
    notes: Notes of the first slide.
  - kind: chart
    title: First chart
    chart: one
    notes: Notes of the chart.
  - kind: chart
    title: Second chart
    chart: two
  - kind: image
    title: A picture
    image: images/one.png
    alt: A square
    notes: Notes of the picture.
  - kind: image
    title: Another picture
    image: images/two.png
    alt: Another square
"""


def test_a_deck_on_a_template_numbered_with_gaps_opens_with_every_chart(tmp_path):
    from PIL import Image

    root = tmp_path / "project"
    for folder in ("decks/images", "charts", "templates/gaps"):
        (root / folder).mkdir(parents=True)
    (root / "templates" / "gaps" / "gaps.pptx").write_bytes(_template_with_gaps())
    (root / "templates" / "gaps" / "theme.yaml").write_text("name: gaps\npptx:\n  template: gaps.pptx\n")
    for n, name in enumerate(("one", "two"), 1):
        (root / "charts" / f"{name}.yaml").write_text(CHART.format(n=n))
        Image.new("RGB", (40, 30), ("#D55E00", "#0072B2")[n - 1]).save(root / "decks" / "images" / f"{name}.png")
    (root / "decks" / "gaps.yaml").write_text(OUTLINE)
    run = subprocess.run([sys.executable, "-m", "deckbuild", "build", "-q", "decks/gaps.yaml", "--format", "pptx"],
                         cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    data = (root / "build" / "gaps.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
    # the template's gaps came through; the deck's own parts took the free numbers
    assert {"ppt/theme/theme3.xml", "ppt/fonts/font1.fntdata", "ppt/fonts/font3.fntdata",
            "ppt/media/image1.png", "ppt/media/image3.png"} <= names
    assert {"ppt/notesMasters/notesMaster1.xml", "ppt/theme/theme1.xml", "ppt/media/image2.png",
            "ppt/media/image4.png", "ppt/charts/chart1.xml", "ppt/charts/chart2.xml"} <= names
    _check_opens(data, 2, 5, tmp_path)


@pytest.mark.parametrize("n", [1, 3])
def test_the_template_fixture_has_its_gaps(n):
    with zipfile.ZipFile(io.BytesIO(_template_with_gaps())) as z:
        names = set(z.namelist())
    assert {f"ppt/media/image{n}.png", f"ppt/fonts/font{n}.fntdata"} <= names
    assert "ppt/theme/theme3.xml" in names and "ppt/theme/theme1.xml" not in names
