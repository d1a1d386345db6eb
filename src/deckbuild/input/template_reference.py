"""What a reference .pptx (a company template) offers a deck: slide size, layouts with their
placeholders, theme colours and fonts. Read from the package's XML with the standard library
(``template_package`` reads and checks the parts), so ``deckbuild check`` and the slide layout
can use it without python-pptx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from xml.etree import ElementTree as ET

from deckbuild.input.template_package import (  # noqa: F401  (ReferenceError and the types are this module's interface)
    CONVERTIBLE_MAIN, EMU_PER_PT, PRESENTATION_MAIN, ReferenceError, TemplatePackage, read_package, shown,
)

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
# Placeholder types whose position a layout inherits from the master's placeholder of this type.
_MASTER_TYPE = {"ctrTitle": "title", "title": "title", "subTitle": "body", "body": "body", "obj": "body",
                "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a layout: its type ('title', 'ctrTitle', 'body', 'obj', 'subTitle',
    'dt', 'ftr', 'sldNum', ...), its index and its box in points (x, y, w, h), if known."""

    type: str
    idx: int
    box: Optional[tuple[float, float, float, float]]

    @property
    def is_title(self) -> bool:
        return self.type in ("title", "ctrTitle")

    @property
    def is_text(self) -> bool:
        """A placeholder that takes body text (bullets, a subtitle)."""
        return self.type in ("body", "obj", "subTitle")


@dataclass(frozen=True)
class Layout:
    name: str
    master: int  # which slide master (0-based) it belongs to
    index: int  # its position among that master's layouts
    placeholders: tuple[Placeholder, ...]

    @property
    def title(self) -> Optional[Placeholder]:
        return next((p for p in self.placeholders if p.is_title), None)

    @property
    def bodies(self) -> tuple[Placeholder, ...]:
        return tuple(p for p in self.placeholders if p.is_text)


@dataclass(frozen=True)
class Reference:
    """The parts of a reference .pptx a deck takes over."""

    width: float  # slide size, points
    height: float
    layouts: tuple[Layout, ...]
    colors: tuple[tuple[str, str], ...]  # colour-scheme slot ('dk1', 'accent1', ...) → '#RRGGBB'
    major_latin: str  # theme fonts: headings' and body text's ('' when the template leaves them empty)
    minor_latin: str
    minor_ea: str
    major_ea: str
    # the theme fonts' faces by script ('Hans', 'Hant', 'Jpan', 'Hang'): (minor, major)
    script_faces: tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = ((), ())
    # What the first master shows: its background, title and body text colours ('#RRGGBB';
    # scheme colours resolved through its colour map), when it sets them.
    background: Optional[str] = None
    title_color: Optional[str] = None
    body_color: Optional[str] = None
    main_type: str = PRESENTATION_MAIN  # the content type of its presentation part
    # The parts a deck uses, checked (what python-pptx opens), and what was left out of them.
    package: Optional[TemplatePackage] = field(default=None, compare=False, repr=False)

    @property
    def is_presentation(self) -> bool:
        """False for a template (.potx) or slide show (.ppsx): opened as a presentation."""
        return self.main_type == PRESENTATION_MAIN

    def layout(self, name: str) -> Optional[Layout]:
        """The layout called ``name`` (case and surrounding spaces ignored), or None."""
        want = name.strip().casefold()
        return next((lay for lay in self.layouts if lay.name.strip().casefold() == want), None)

    def color(self, slot: str) -> Optional[str]:
        return dict(self.colors).get(slot)


def read_reference(path: Path) -> Reference:
    """The reference's size, layouts, colours and fonts; ReferenceError says what is wrong."""
    package, trees = read_package(path)
    try:
        return _Reader(package, trees).read()
    except (KeyError, ValueError) as exc:
        raise ReferenceError(f"is not a usable PowerPoint file ({_short(exc)}); open it in PowerPoint or "
                             "LibreOffice and save it again as .pptx") from None


def _short(exc: Exception) -> str:
    text = str(exc).strip("'\"") or type(exc).__name__
    return shown(text.splitlines()[0], 160)


class _Reader:
    def __init__(self, package: TemplatePackage, trees: dict[str, ET.Element]):
        self.package = package
        self.xml = trees.__getitem__  # the parsed presentation, masters, layouts and themes

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId → (relationship type, target part name) of ``part``, as kept."""
        return {r.rid: (r.type.rsplit("/", 1)[-1], r.part) for r in self.package.rels.get(part, ())}

    def target(self, part: str, el: ET.Element, kind: str) -> str:
        """The part of ``kind`` the r:id of ``el`` (in ``part``) names."""
        rid = el.get(f"{{{_NS['r']}}}id", "")
        found = self.rels(part).get(rid)
        if found is None or found[0] != kind:
            raise ValueError(f"{shown(part)} lists {shown(rid, 40) or 'an id'} as a {kind}, but it names none")
        return found[1]

    def read(self) -> Reference:
        main = self.package.main
        pres = self.xml(main)
        size = pres.find("p:sldSz", _NS)
        if size is None:
            raise ValueError("no slide size")
        masters = [self.target(main, m, "slideMaster") for m in pres.iterfind("p:sldMasterIdLst/p:sldMasterId", _NS)]
        if not masters:
            raise ValueError("no slide master")
        layouts: list[Layout] = []
        for number, master in enumerate(masters):
            layouts.extend(self.master_layouts(number, master))
        theme = next((t for k, t in self.rels(masters[0]).values() if k == "theme"), None)
        colors, fonts = self.theme(theme) if theme else ((), ("", "", "", "", ((), ())))
        seen = _master_colors(self.xml(masters[0]), dict(colors))
        return Reference(int(size.get("cx", "0")) / EMU_PER_PT, int(size.get("cy", "0")) / EMU_PER_PT,
                         tuple(layouts), colors, *fonts, *seen, self.package.main_type, self.package)

    def master_layouts(self, number: int, master: str) -> list[Layout]:
        root = self.xml(master)
        inherited = {}
        for ph, box in _placeholders(root):
            inherited.setdefault(_MASTER_TYPE.get(ph.get("type", "obj"), ""), box)
        out = []
        for index, lid in enumerate(root.iterfind("p:sldLayoutIdLst/p:sldLayoutId", _NS)):
            lay = self.xml(self.target(master, lid, "slideLayout"))
            csld = lay.find("p:cSld", _NS)
            name = (csld.get("name", "") if csld is not None else "") or f"Layout {index + 1}"
            phs = []
            for ph, box in _placeholders(lay):
                kind = ph.get("type", "obj")
                phs.append(Placeholder(kind, int(ph.get("idx", "0")), box or inherited.get(_MASTER_TYPE.get(kind, ""))))
            out.append(Layout(name, number, index, tuple(phs)))
        return out

    def theme(self, part: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, str, str]]:
        root = self.xml(part)
        colors = []
        scheme = root.find(".//a:clrScheme", _NS)
        for slot in scheme if scheme is not None else ():
            value = None
            for child in slot:
                value = child.get("val") if child.tag.endswith("srgbClr") else child.get("lastClr")
            if value and len(value) == 6:
                colors.append((slot.tag.rsplit("}", 1)[-1], "#" + value.upper()))

        def face(path: str) -> str:
            el = root.find(path, _NS)
            return (el.get("typeface", "") if el is not None else "").strip()

        def scripts(path: str) -> tuple[tuple[str, str], ...]:
            return tuple((el.get("script", ""), el.get("typeface", "").strip()) for el in root.iterfind(path, _NS)
                         if el.get("script") in _CJK_SCRIPTS and el.get("typeface", "").strip())

        fonts = (face(".//a:majorFont/a:latin"), face(".//a:minorFont/a:latin"), face(".//a:minorFont/a:ea"),
                 face(".//a:majorFont/a:ea"), (scripts(".//a:minorFont/a:font"), scripts(".//a:majorFont/a:font")))
        return tuple(colors), fonts


_CJK_SCRIPTS = ("Hans", "Hant", "Jpan", "Hang")


def _placeholders(root: ET.Element):
    """(p:ph element, box in points or None) of every placeholder shape on a master or layout."""
    tree = root.find("p:cSld/p:spTree", _NS)
    if tree is None:
        return
    for sp in tree.iter():
        ph = sp.find("./*/p:nvPr/p:ph", _NS)
        if ph is None or not sp.tag.endswith(("}sp", "}pic", "}graphicFrame")):
            continue
        box = None
        off, ext = sp.find("./p:spPr/a:xfrm/a:off", _NS), sp.find("./p:spPr/a:xfrm/a:ext", _NS)
        if off is not None and ext is not None:
            box = tuple(int(v) / EMU_PER_PT for v in (off.get("x", "0"), off.get("y", "0"),
                                                       ext.get("cx", "0"), ext.get("cy", "0")))
        yield ph, box


def _master_colors(master: ET.Element, scheme: dict[str, str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(background, title text, body text) colours of a slide master."""
    cmap = master.find("p:clrMap", _NS)
    mapping = dict(cmap.attrib) if cmap is not None else {}

    def color(parent: Optional[ET.Element]) -> Optional[str]:
        if parent is None:
            return None
        rgb = parent.find("a:srgbClr", _NS)
        if rgb is not None and len(rgb.get("val", "")) == 6:
            return "#" + rgb.get("val", "").upper()
        sch = parent.find("a:schemeClr", _NS)
        if sch is not None:
            slot = sch.get("val", "")
            return scheme.get(mapping.get(slot, slot))
        return None

    bg = color(master.find("p:cSld/p:bg/p:bgPr/a:solidFill", _NS)) or color(master.find("p:cSld/p:bg/p:bgRef", _NS))
    def in_placeholder(kind: str) -> Optional[str]:  # LibreOffice writes no text styles, only the placeholders'
        for ph, _ in _placeholders(master):
            if ph.get("type", "obj") != kind:
                continue
            for el in _shape_of(master, ph).iter():
                if el.tag.rsplit("}", 1)[-1] in ("defRPr", "rPr", "endParaRPr"):
                    found = color(el.find("a:solidFill", _NS))
                    if found:
                        return found
        return None

    title = color(master.find("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/a:solidFill", _NS)) or in_placeholder("title")
    body = color(master.find("p:txStyles/p:bodyStyle/a:lvl1pPr/a:defRPr/a:solidFill", _NS)) or in_placeholder("body")
    return bg, title, body


def _shape_of(root: ET.Element, ph: ET.Element) -> ET.Element:
    """The shape (p:sp) a p:ph element belongs to."""
    for sp in root.iter(f"{{{_NS['p']}}}sp"):
        if any(el is ph for el in sp.iter(f"{{{_NS['p']}}}ph")):
            return sp
    return ph
