"""The one module that reaches below python-pptx's documented API.

python-pptx documents presentations, slides, shapes, text frames, paragraphs, runs, charts and
chart data, and ``element`` (the lxml element a slide or shape stands for). It has no documented
way to do what the rest of this package needs here: give a run's paragraph its bullets, a new
part a name without walking every part, a slide without searching every relationship, a chart
a workbook of literal cells, or write the package in one pass. Each function below says which
internal it uses and why; every other module calls these functions and uses python-pptx's
documented API (``tests/test_library_wall.py`` fails on an internal name used anywhere else).

Checked against python-pptx 1.0.2 (and lxml 6.1.3) on CPython 3.11.7: ``CHECKED`` names the
release series, ``tests/test_library_wall.py`` fails on another one until this module is
checked against it, and pyproject.toml bounds python-pptx to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from lxml.etree import _Element
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml import parse_xml
from pptx.oxml.slide import CT_Slide
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.shapes.autoshape import Shape
from pptx.text.text import TextFrame, _Paragraph, _Run

from deckbuild.render.pptx.ns import qn

CHECKED = {"python-pptx": "1.0"}  # the release series this module was checked against

Element = _Element
"""The class of lxml's elements, for type annotations: python-pptx's XML (``element``) is lxml's,
and lxml documents its element class under this private name only (lxml 6.1 API reference)."""

# --- parts and their names ---------------------------------------------------------------------


def numbers_taken(partnames: Iterable[str], template: str) -> set[int]:
    """The numbers of the part names that ``template`` (``/ppt/charts/chart%d.xml``) makes,
    compared as OPC compares part names: ignoring ASCII case."""
    head, _, tail = template.partition("%d")
    pattern = re.compile(re.escape(head) + r"0*([0-9]+)" + re.escape(tail), re.IGNORECASE)
    return {int(m.group(1)) for m in map(pattern.fullmatch, partnames) if m}


def count_partnames(package) -> None:
    """Name new parts of ``package`` by counting: python-pptx's ``OpcPackage.next_partname`` walks
    every part for every new one (notes pages, charts, workbooks), a 1,000-slide deck's 4,000
    parts a thousand times over. The first name asked of each template scans the package once
    for the numbers taken; later ones count on, skipping every number taken (a template's
    ``chart1`` and ``chart3`` give new charts ``chart2`` and ``chart4``).

    Internal: replaces the package's ``next_partname``, which python-pptx (1.0.2) calls for every
    new part but slides (``SlideMaker`` calls it for those too) and pictures."""
    taken: dict[str, set[int]] = {}
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        numbers = taken.get(template)
        if numbers is None:
            numbers = taken[template] = numbers_taken((str(p.partname) for p in package.iter_parts()), template)
            last[template] = 0
        n = last[template] + 1
        while n in numbers:
            n += 1
        last[template] = n
        return PackURI(template % n)

    package.next_partname = next_partname


def package_of(prs):
    """The presentation's package (python-pptx 1.0.2: ``Part.package``, undocumented)."""
    return prs.part.package


def parts_of(prs) -> Iterator:
    """Every part of the presentation's package, as python-pptx saves them (``iter_parts``)."""
    return prs.part.package.iter_parts()


def part_name(part) -> str:
    """The part's name, e.g. ``/ppt/slides/slide1.xml`` (``Part.partname``)."""
    return str(part.partname)


def part_xml(part):
    """The parsed XML root of an XML part, or None for a part python-pptx keeps as bytes (a
    theme): ``XmlPart._element`` (1.0.2), the tree python-pptx serialises when it saves."""
    return getattr(part, "_element", None)


def set_part_bytes(part, data: bytes) -> None:
    """Replace the bytes of a part python-pptx keeps as bytes (``Part.blob``'s setter, 1.0.2)."""
    part.blob = data


def part_bytes(part) -> bytes:
    """The part's bytes as python-pptx would save them (``Part.blob``)."""
    return part.blob


def theme_part(master):
    """The theme part of a slide master: python-pptx has no theme API (1.0.2:
    ``Part.part_related_by``)."""
    return master.part.part_related_by(RT.THEME)


def add_part(prs, partname: str, content_type: str, data: bytes, reltype: str, *, of_package: bool = False) -> None:
    """A new part of ``data`` named ``partname``, related from the presentation part (or, with
    ``of_package``, from the package, as a thumbnail is): python-pptx has no API to add a part
    of its own choosing (1.0.2: ``Part``'s constructor, ``Part.relate_to``,
    ``OpcPackage.relate_to``)."""
    package = prs.part.package
    part = Part(PackURI(partname), content_type, package, data)
    (package if of_package else prs.part).relate_to(part, reltype)


def relate(source, target) -> str:
    """Relate slide ``source`` to slide ``target`` (a jump link); the relationship id
    (``Part.relate_to``, 1.0.2)."""
    return source.part.relate_to(target.part, RT.SLIDE)


# --- slides and notes pages made as copies -----------------------------------------------------
#
# python-pptx's ``Slides.add_slide`` numbers a slide by counting the slide list, relates it with
# ``get_or_add`` (which regroups every relationship of the presentation to look for one) and
# clones the layout's placeholders through proxies: O(n) a slide. ``parts.SlideMaker`` makes the
# first slide of each layout here and the others as copies of its XML; the first notes page with
# python-pptx's ``Slide.notes_slide`` and the others as copies.


def blank_slide():
    """A new, empty p:sld as python-pptx makes one (1.0.2: ``CT_Slide.new``)."""
    return CT_Slide.new()


def add_layout_placeholders(slide, layout) -> None:
    """Give a new slide the placeholders of its layout, as ``Slides.add_slide`` does
    (``SlideShapes.clone_layout_placeholders``, left out of python-pptx's documentation)."""
    slide.shapes.clone_layout_placeholders(layout)


def _relate_new(source, target, reltype: str) -> str:
    """``source.relate_to(target, reltype)`` for parts not related yet (one of them is new),
    without python-pptx's search for an existing relationship (1.0.2: ``Part._rels``,
    ``_Relationships._add_relationship``)."""
    return source._rels._add_relationship(reltype, target)


def attach_slide(prs, layout, element, slide_ids, slide_id: int):
    """A new slide of ``layout`` holding ``element`` (a p:sld), after the last slide: what
    ``Slides.add_slide`` makes, named by the package's ``next_partname`` (see
    ``count_partnames``), related without the search, listed in ``slide_ids`` (the
    presentation's p:sldIdLst) as ``slide_id``. 1.0.2: ``SlidePart``'s constructor and its
    ``slide``. Returns the python-pptx Slide."""
    presentation = prs.part
    package = presentation.package
    part = SlidePart(package.next_partname("/ppt/slides/slide%d.xml"), CT.PML_SLIDE, package, element)
    _relate_new(part, layout.part, RT.SLIDE_LAYOUT)
    rid = _relate_new(presentation, part, RT.SLIDE)
    slide_ids.append(slide_ids.makeelement(qn("p:sldId"), {"id": str(slide_id), qn("r:id"): rid}))
    return part.slide


def attach_notes(slide, element):
    """A new notes page for ``slide`` (which has none) holding ``element`` (a p:notes): what
    ``Slide.notes_slide`` makes, without its searches (1.0.2: ``NotesSlidePart``'s constructor
    and its ``notes_slide``, ``PresentationPart.notes_master_part``). Returns the NotesSlide."""
    slide_part = slide.part
    package = slide_part.package
    master = package.presentation_part.notes_master_part
    part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                          package, element)
    _relate_new(part, master, RT.NOTES_MASTER)
    _relate_new(part, slide_part, RT.SLIDE)
    _relate_new(slide_part, part, RT.NOTES_SLIDE)
    return part.notes_slide


# --- proxies for XML and XML of proxies ----------------------------------------------------------
#
# Bullets, typefaces for East Asian and complex script, languages, fields and jumps to slides have
# no python-pptx API: the text writer makes their XML, and needs the elements behind python-pptx's
# text proxies (which have no documented ``element``) and proxies for the elements it makes.


_SP = qn("p:sp")


def shape_proxy(element, shapes):
    """python-pptx's proxy for a shape element of ``shapes``. An autoshape (text box, rectangle,
    text placeholder) gets a plain ``Shape``: the shape factory's placeholder checks cost two
    XPath queries (1.0.2: ``Shape``'s constructor, ``_BaseShapes._shape_factory``)."""
    if element.tag == _SP:
        return Shape(element, shapes)
    return shapes._shape_factory(element)


def next_shape_id(shapes) -> int:
    """The id python-pptx gives the next shape of ``shapes`` (``_BaseShapes._next_shape_id``)."""
    return shapes._next_shape_id


def text_frame(shape, body) -> TextFrame:
    """The text frame of ``shape`` whose p:txBody is ``body`` (``Shape.text_frame`` finds it
    with ElementPath; 1.0.2: ``TextFrame``'s constructor)."""
    return TextFrame(body, shape)


def text_body(frame):
    """The p:txBody (or a:txBody) of a text frame (``TextFrame._txBody``)."""
    return frame._txBody


def paragraph(element, frame) -> _Paragraph:
    """The proxy of a:p ``element`` in ``frame`` (``_Paragraph``'s constructor)."""
    return _Paragraph(element, frame)


def paragraph_xml(paragraph):
    """The a:p of a paragraph (``_Paragraph._p``)."""
    return paragraph._p


def run(element, paragraph) -> _Run:
    """The proxy of a:r ``element`` in ``paragraph`` (``_Run``'s constructor)."""
    return _Run(element, paragraph)


def run_xml(run):
    """The a:r of a run (``_Run._r``)."""
    return run._r


def run_properties(run):
    """The a:rPr of a run, added when missing (``_Run._r.get_or_add_rPr``, as ``Font`` does)."""
    return run._r.get_or_add_rPr()


def add_click_link(run, rid: str):
    """An a:hlinkClick with ``rid`` on a run, in schema order (``CT_TextCharacterProperties.
    add_hlinkClick``; python-pptx's hyperlink API makes web links only)."""
    return run_properties(run).add_hlinkClick(rid)


def new_element(tag: str):
    """A new element of python-pptx's element class for ``tag`` (``a:p``), namespaces declared
    (``pptx.oxml.xmlchemy.OxmlElement``): copies of it serialise as python-pptx's own."""
    return OxmlElement(tag)


def parse_fragment(xml: str):
    """XML parsed by python-pptx's parser (``pptx.oxml.parse_xml``), so that python-pptx's chart
    proxies work on the elements inserted afterwards."""
    return parse_xml(xml)


# --- charts --------------------------------------------------------------------------------------


def plot_xml(plot):
    """The chart-group element (c:barChart, c:pieChart, …) of a plot (``_BasePlot._element``)."""
    return plot._element


def chart_data_with_workbook(base: type, workbook) -> type:
    """A subclass of python-pptx's ``base`` chart data whose embedded workbook is
    ``workbook(data)``: python-pptx (1.0.2) writes it through the undocumented ``xlsx_blob``
    property, with XlsxWriter's defaults (text that looks like a formula or a link becomes one)."""

    class Literal(base):
        @property
        def xlsx_blob(self) -> bytes:
            return workbook(self)

    Literal.__name__ = Literal.__qualname__ = "Literal" + base.__name__
    return Literal


class References(NamedTuple):
    """Where python-pptx's chart XML looks in the embedded worksheet: the categories' first cell
    (category charts) and per series (name, values) or (name, x values, y values)."""

    categories: str
    series: list[tuple[str, ...]]


def worksheet_references(data) -> References:
    """The worksheet references python-pptx writes into a chart for ``data`` (category or XY
    chart data): its workbook must hold the values at those cells. 1.0.2: ``categories_ref``,
    ``name_ref``, ``values_ref``, ``x_values_ref``, ``y_values_ref``, left out of its documentation."""
    if hasattr(data, "categories_ref"):
        return References(data.categories_ref, [(s.name_ref, s.values_ref) for s in data])
    return References("", [(s.name_ref, s.x_values_ref, s.y_values_ref) for s in data])


def chart_workbook_bytes(chart) -> bytes | None:
    """The embedded workbook of a chart, or None (``ChartPart.chart_workbook.xlsx_part``)."""
    part = chart.part.chart_workbook.xlsx_part
    return None if part is None else part.blob


def replace_chart_workbook(chart, data: bytes) -> None:
    """Replace the embedded workbook of a chart (``ChartWorkbook.update_from_xlsx_blob``)."""
    chart.part.chart_workbook.update_from_xlsx_blob(data)


# --- saving ------------------------------------------------------------------------------------
#
# ``Presentation.save`` serialises every relationship part through a template and attribute
# checks and zips through ``zipfile``; ``package.save_package`` writes the same bytes in one pass
# and needs the relationships and content types python-pptx would write.


class Relationship(NamedTuple):
    rid: str
    reltype: str
    target: str  # an external relationship's target; else the target part's name
    base: str  # the folder an internal target is written relative to ("" for as python-pptx does)
    external: bool


def relationships(owner) -> list[Relationship]:
    """The relationships of a part (or of the package), in rId order: python-pptx 1.0.2 keeps
    them in ``Part._rels`` (``OpcPackage._rels``), a ``_Relationships`` with ``_base_uri``."""
    rels = owner._rels
    base = getattr(rels, "_base_uri", "")
    found = []
    for _, rid in sorted((int(r[3:]) if r.startswith("rId") and r[3:].isdigit() else 0, r) for r in rels.keys()):
        rel = rels[rid]
        if rel.is_external or not base:
            found.append(Relationship(rid, rel.reltype, rel.target_ref, "", rel.is_external))
        else:
            found.append(Relationship(rid, rel.reltype, str(rel.target_part.partname), base, False))
    return found


def has_relationships(part) -> bool:
    """Whether the part relates to anything (``Part._rels``)."""
    return bool(part._rels)


def content_types(parts) -> tuple[dict[str, str], dict[str, str]]:
    """The defaults (by extension) and overrides (by part name) of ``[Content_Types].xml``
    for ``parts`` (``pptx.opc.serialized._ContentTypesItem``)."""
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    return defaults, {str(name): kind for name, kind in overrides.items()}  # part names are PackURIs


def content_types_xml(parts) -> bytes:
    """``[Content_Types].xml`` as python-pptx writes it (``_ContentTypesItem.xml_for``)."""
    return serialize_part_xml(_ContentTypesItem.xml_for(parts))
