"""A company template opened for a deck: python-pptx gets the checked package
(``template_package``: only the parts a deck uses, nothing refused), and what referred to a
part or link left out of it is removed, so every reference in the deck names a part it has.
"""

from __future__ import annotations

import io
from collections.abc import Collection

from lxml import etree
from pptx import Presentation

from deckbuild.model.template import TemplateParts
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.ns import qn

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Elements that go alone when what they refer to is left out (a link, an SVG copy of a picture, a
# slide of the list, tags); a picture fill (a:blip) only loses the reference.
_ALONE = {qn("a:hlinkClick"), qn("a:hlinkHover"), qn("a:hlinkMouseOver"), qn("p:sldId"), qn("p:tags"),
          "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)  # (the package holds no DTD anyway)
_SHAPES = {qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:cxnSp"), qn("p:grpSp"), qn("p:contentPart")}


def open_template(package: TemplateParts):
    """The python-pptx presentation of ``package``, without the template's slides and
    without references to what the package left out."""
    prs = Presentation(io.BytesIO(package.data))
    parts = {ooxml.part_name(part).lstrip("/"): part for part in ooxml.parts_of(prs)}
    for name, rids in package.unlinked.items():
        part = parts.get(name)
        if part is None:
            continue
        element = ooxml.part_xml(part)  # python-pptx parses some XML parts; a theme stays bytes
        if element is not None:
            unlink(element, rids)
        else:
            root = etree.fromstring(ooxml.part_bytes(part), _PARSER)
            unlink(root, rids)
            ooxml.set_part_bytes(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    _clean_presentation(prs)
    if not any(name.endswith("viewProps.xml") for name in parts):
        _add_view_properties(prs)
    app = parts.get("docProps/app.xml")
    if app is not None:
        _forget_link_base(app)
    return prs


_VIEW_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    b'<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
    b'<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>')


def _add_view_properties(prs) -> None:
    """View properties (normal view) for a template that has none, as LibreOffice saves them:
    PowerPoint offers to repair a presentation without that part."""
    ooxml.add_part(prs, "/ppt/viewProps.xml",
                   "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml", _VIEW_PROPS, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps")


def unlink(root, rids: Collection[str]) -> None:
    """Remove from ``root`` what refers to a relationship of ``rids``: the reference of a
    picture fill, a link or list entry itself, else the shape that holds the reference (with
    its alternatives, inside mc:AlternateContent)."""
    doomed = []
    for el in root.iter():
        refs = [key for key, value in el.attrib.items() if key.startswith(_R) and value in rids]
        if not refs:
            continue
        if el.tag == qn("a:blip"):
            for key in refs:
                del el.attrib[key]
        else:
            doomed.append(el if el.tag in _ALONE else _holder(el))
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


def _holder(el):
    """The shape holding ``el`` (its mc:AlternateContent when it is one of the choices), or ``el``."""
    shape = next((a for a in el.iterancestors() if a.tag in _SHAPES), None)
    if shape is None:
        return el
    parent = shape.getparent()
    if parent is not None and parent.tag in (_MC + "Choice", _MC + "Fallback"):
        return parent.getparent()
    return shape


_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _forget_link_base(part) -> None:
    """No base address for relative hyperlinks, no list of the template's links, no path
    to the template it was made from, in the document properties (docProps/app.xml)."""
    root = etree.fromstring(ooxml.part_bytes(part), _PARSER)
    found = [el for el in root if el.tag in (_APP + "HyperlinkBase", _APP + "HLinks", _APP + "Template")]
    for el in found:
        root.remove(el)
    if found:
        ooxml.set_part_bytes(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _clean_presentation(prs) -> None:
    """No trace of the template's slides: the slide list emptied, the custom shows and the
    sections (which list slides) removed; and no password to modify the deck."""
    root = prs.element
    for slides in root.findall(qn("p:sldIdLst")):
        for sld in list(slides):
            slides.remove(sld)
    for tag in ("p:custShowLst", "p:modifyVerifier"):
        for el in root.findall(qn(tag)):
            root.remove(el)
    for el in list(root.iter("{http://schemas.microsoft.com/office/powerpoint/2010/main}sectionLst")):
        ext = el.getparent()
        ext.getparent().remove(ext)
