"""What a reference .pptx (a company template) offers a deck: slide size, layouts with their
placeholders, theme colours and fonts. Read from the package's XML with the standard library
(``template_package`` reads and checks the parts), so ``deckbuild check`` and the slide layout
can use it without python-pptx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from deckbuild.input.template_package import EMU_PER_PT, ReferenceError, TemplatePackage, read_package, shown
from deckbuild.model.template import Layout, Placeholder, Reference, TemplateParts
from deckbuild.model.theme import CJK_SCRIPTS

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
# Placeholder types whose position a layout inherits from the master's placeholder of this type.
_MASTER_TYPE = {"ctrTitle": "title", "title": "title", "subTitle": "body", "body": "body", "obj": "body",
                "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}


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
        unread = tuple(slot for slot in _SLOTS if slot not in dict(colors)) if theme else ()
        return Reference(int(size.get("cx", "0")) / EMU_PER_PT, int(size.get("cy", "0")) / EMU_PER_PT,
                         tuple(layouts), colors, *fonts, *seen, self.package.main_type, unread, self.parts())

    def parts(self) -> TemplateParts:
        """What the renderer and the warnings need of the checked package."""
        p = self.package
        return TemplateParts(p.data, p.unlinked, p.links, p.left_out)

    def master_layouts(self, number: int, master: str) -> list[Layout]:
        root = self.xml(master)
        inherited: dict[str, Box | None] = {}  # master placeholder type → its box
        for _, ph, box in _placeholders(root):
            inherited.setdefault(_MASTER_TYPE.get(ph.get("type", "obj"), ""), box)
        out = []
        for index, lid in enumerate(root.iterfind("p:sldLayoutIdLst/p:sldLayoutId", _NS)):
            lay = self.xml(self.target(master, lid, "slideLayout"))
            csld = lay.find("p:cSld", _NS)
            name = (csld.get("name", "") if csld is not None else "") or f"Layout {index + 1}"
            phs = []
            for _, ph, box in _placeholders(lay):
                kind = ph.get("type", "obj")
                phs.append(Placeholder(kind, int(ph.get("idx", "0")), box or inherited.get(_MASTER_TYPE.get(kind, ""))))
            out.append(Layout(name, number, index, tuple(phs)))
        return out

    def theme(self, part: str) -> tuple[tuple[tuple[str, str], ...],
                                        tuple[str, str, str, str, tuple[ScriptFaces, ScriptFaces]]]:
        root = self.xml(part)
        colors = []
        scheme = root.find(".//a:clrScheme", _NS)
        for slot in scheme if scheme is not None else ():
            name = slot.tag.rsplit("}", 1)[-1]
            if slot.tag != _A + name or name not in _SLOTS:
                continue
            value = _hex(slot.find("a:srgbClr", _NS), "val") or _hex(slot.find("a:sysClr", _NS), "lastClr")
            if value:
                colors.append((name, value))

        def face(path: str) -> str:
            el = root.find(path, _NS)
            return (el.get("typeface", "") if el is not None else "").strip()

        def scripts(path: str) -> tuple[tuple[str, str], ...]:
            return tuple((el.get("script", ""), el.get("typeface", "").strip()) for el in root.iterfind(path, _NS)
                         if el.get("script") in CJK_SCRIPTS and el.get("typeface", "").strip())

        fonts = (face(".//a:majorFont/a:latin"), face(".//a:minorFont/a:latin"), face(".//a:minorFont/a:ea"),
                 face(".//a:majorFont/a:ea"), (scripts(".//a:minorFont/a:font"), scripts(".//a:majorFont/a:font")))
        return tuple(colors), fonts


ScriptFaces = tuple[tuple[str, str], ...]  # (script, typeface) of a theme font's faces by script
Box = tuple[float, float, float, float]  # x, y, width, height in points


_A = f"{{{_NS['a']}}}"
_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink",
          "folHlink")
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


def _hex(el: ET.Element | None, key: str) -> str | None:
    """'#RRGGBB' from attribute ``key`` of a DrawingML colour element, or None (no element,
    no attribute, not six hexadecimal digits)."""
    value = el.get(key, "") if el is not None else ""
    return "#" + value.upper() if _HEX.fullmatch(value) else None


def _placeholders(root: ET.Element) -> Iterator[tuple[ET.Element, ET.Element, Box | None]]:
    """(shape, its p:ph element, its box in points or None) of every placeholder shape on a
    master or layout, in one pass over the shape tree."""
    tree = root.find("p:cSld/p:spTree", _NS)
    if tree is None:
        return
    for sp in tree.iter():
        ph = sp.find("./*/p:nvPr/p:ph", _NS)
        if ph is None or not sp.tag.endswith(("}sp", "}pic", "}graphicFrame")):
            continue
        box: Box | None = None
        off, ext = sp.find("./p:spPr/a:xfrm/a:off", _NS), sp.find("./p:spPr/a:xfrm/a:ext", _NS)
        if off is not None and ext is not None:
            x, y, cx, cy = (int(v) / EMU_PER_PT for v in (off.get("x", "0"), off.get("y", "0"),
                                                          ext.get("cx", "0"), ext.get("cy", "0")))
            box = (x, y, cx, cy)
        yield sp, ph, box


def _master_colors(master: ET.Element, scheme: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(background, title text, body text) colours of a slide master."""
    cmap = master.find("p:clrMap", _NS)
    mapping = dict(cmap.attrib) if cmap is not None else {}

    def color(parent: ET.Element | None) -> str | None:
        if parent is None:
            return None
        rgb = _hex(parent.find("a:srgbClr", _NS), "val")
        if rgb:
            return rgb
        sch = parent.find("a:schemeClr", _NS)
        if sch is not None:
            slot = sch.get("val", "")
            return scheme.get(mapping.get(slot, slot))
        return None

    bg = color(master.find("p:cSld/p:bg/p:bgPr/a:solidFill", _NS)) or color(master.find("p:cSld/p:bg/p:bgRef", _NS))
    def in_placeholder(kind: str) -> str | None:  # LibreOffice writes no text styles, only the placeholders'
        for shape, ph, _ in _placeholders(master):
            if ph.get("type", "obj") != kind:
                continue
            for el in shape.iter():
                if el.tag.rsplit("}", 1)[-1] in ("defRPr", "rPr", "endParaRPr"):
                    found = color(el.find("a:solidFill", _NS))
                    if found:
                        return found
        return None

    title = color(master.find("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/a:solidFill", _NS)) or in_placeholder("title")
    body = color(master.find("p:txStyles/p:bodyStyle/a:lvl1pPr/a:defRPr/a:solidFill", _NS)) or in_placeholder("body")
    return bg, title, body

