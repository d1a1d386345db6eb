"""The presentation template and the python-pptx side of geometry: python-pptx's default
template restyled to the theme, rectangles, slide backgrounds."""

from __future__ import annotations

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor

from deckbuild.layout.geometry import Box, Geometry, emu
from deckbuild.model.theme import CJK_SCRIPTS, Theme
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.ns import qn
from deckbuild.render.pptx.placeholders import placeholders_of
from deckbuild.render.pptx.shapes import filled_rect, place, proxy, set_decorative


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


# --- shapes ----------------------------------------------------------------------------


def add_rect(shapes, box: Box, color: str, name: str = "", decorative: bool = True):
    """A filled rectangle without outline or theme effects (no shadow in PowerPoint); a rule, a
    bar or a panel, marked decorative unless ``decorative`` is false (it stands for content)."""
    shape = filled_rect(shapes, box.emu(), color, name)
    if decorative:
        set_decorative(shape)
    return shape


def set_background(slide, color: str) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = rgb(color)


# --- the template ------------------------------------------------------------------------

# Layouts of python-pptx's default template, by name.
TITLE_SLIDE, TITLE_AND_CONTENT, SECTION_HEADER, TWO_CONTENT, COMPARISON, TITLE_ONLY, BLANK = range(7)


def open_presentation(theme: Theme):
    """The presentation a deck is built in: the theme's company template without its
    slides, or python-pptx's default template restyled to the theme."""
    if theme.template is None:
        return new_presentation(theme)
    from deckbuild.render.pptx.template_open import open_template

    package = theme.template.reference.package
    assert package is not None  # read_reference always keeps it
    return open_template(package)


def slide_layout(prs, theme: Theme, kind: str, default: str):
    """The layout slides of ``kind`` are made from: the one the theme's template maps the kind
    to, or the default template's layout named ``default``."""
    if theme.template is None:
        return prs.slide_layouts.get_by_name(default)
    lay = theme.template.layout_for(kind)
    return prs.slide_masters[lay.master].slide_layouts[lay.index]


def resize(prs, width: int, height: int) -> None:
    """Set the slide size (EMU) and scale every position on the master and layouts with it."""
    fx, fy = width / prs.slide_width, height / prs.slide_height
    prs.slide_width, prs.slide_height = width, height
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in owner.element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is None or ext is None:
                continue
            off.set("x", str(int(int(off.get("x")) * fx)))
            off.set("y", str(int(int(off.get("y")) * fy)))
            ext.set("cx", str(int(int(ext.get("cx")) * fx)))
            ext.set("cy", str(int(int(ext.get("cy")) * fy)))


def new_presentation(theme: Theme):
    """python-pptx's default template at the theme's size, with the theme's fonts and
    colours in its theme part and its master/layout placeholders moved to the margins."""
    prs = Presentation()
    resize(prs, emu(theme.slide.width), emu(theme.slide.height))
    size = prs.element.find(qn("p:sldSz"))
    if size is not None and "type" in size.attrib:
        del size.attrib["type"]  # the template says screen4x3; without it the size is custom
    geo = Geometry.of(theme)
    # The master's title and body where the slides put them, so new slides match.
    master = prs.slide_master
    for el, ph in placeholders_of(master):
        box = {"title": geo.title, "body": geo.content}.get(ph.get("type", ""))
        if box is not None:
            place(proxy(el, master.shapes), box)
    for index in (TITLE_AND_CONTENT, TITLE_ONLY):
        layout = prs.slide_layouts[index]
        for el, ph in placeholders_of(layout):
            box = {"0": geo.title, "1": geo.content}.get(ph.get("idx", "0"))
            if box is not None:
                place(proxy(el, layout.shapes), box)
    _restyle_master(prs, theme)
    _restyle_theme(prs, theme)
    return prs


def _restyle_master(prs, theme: Theme) -> None:
    """Left-aligned titles at the theme's size in the primary colour (for slides added by hand)."""
    styles = prs.slide_master.element.find(qn("p:txStyles"))
    if styles is None:
        return
    title = styles.find(qn("p:titleStyle"))
    lvl1 = title.find(qn("a:lvl1pPr")) if title is not None else None
    if lvl1 is not None:
        lvl1.set("algn", "l")
        rpr = lvl1.find(qn("a:defRPr"))
        if rpr is not None:
            rpr.set("sz", str(int(theme.slide.title_size * 100)))
            rpr.set("b", "1")
            fill = rpr.find(qn("a:solidFill"))
            if fill is not None:
                for child in list(fill):
                    fill.remove(child)
                etree.SubElement(fill, qn("a:schemeClr"), val="tx2")


def _restyle_theme(prs, theme: Theme) -> None:
    """Theme fonts (latin and East Asian) and colour scheme from the deckbuild theme."""
    part = ooxml.theme_part(prs.slide_master)
    root = etree.fromstring(ooxml.part_bytes(part))
    root.set("name", f"deckbuild {theme.name}")
    fonts = theme.fonts
    for tag, heading in (("a:majorFont", True), ("a:minorFont", False)):
        for font in root.iter(qn(tag)):
            faces = (("a:latin", fonts.latin_for(heading)), ("a:ea", fonts.east_asian_for("zh-CN", heading)))
            for face_tag, face in faces:
                el = font.find(qn(face_tag))
                if el is not None:
                    el.set("typeface", face)
            for el in font.findall(qn("a:font")):
                language = CJK_SCRIPTS.get(el.get("script", ""))
                if language is not None:
                    el.set("typeface", fonts.east_asian_for(language, heading))
    scheme = next(root.iter(qn("a:clrScheme")), None)
    if scheme is not None:
        c = theme.colors
        palette = list(c.palette) + ["#000000"] * 6
        slots = {"dk1": c.text, "lt1": c.background, "dk2": c.primary, "lt2": c.surface,
                 "accent1": palette[0], "accent2": palette[1], "accent3": palette[2],
                 "accent4": palette[3], "accent5": palette[4], "accent6": palette[5],
                 "hlink": palette[0], "folHlink": c.muted}
        scheme.set("name", f"deckbuild {theme.name}")
        for slot, color in slots.items():
            el = scheme.find(qn(f"a:{slot}"))
            if el is None:
                continue
            for child in list(el):
                el.remove(child)
            etree.SubElement(el, qn("a:srgbClr"), val=color.lstrip("#").upper())
    ooxml.set_part_bytes(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
