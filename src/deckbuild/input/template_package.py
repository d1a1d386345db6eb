"""A company template's package, read defensively: only the parts a deck uses, each read
with a bound, and checked before anything else sees it.

The parts are found by following relationships from the package root: the presentation,
its slide masters, layouts, themes, notes and handout masters, their pictures, embedded
fonts and tags, the document properties. Everything else is never read: the template's
sample slides, thumbnails, printer settings, custom XML, and any entry no relationship
names (an unreferenced zip bomb costs nothing).

Refused with a ``ReferenceError``: macros (a vbaProject part), ActiveX controls and
embedded OLE objects or packages on any part the deck takes over; a zip with more than
``MAX_ENTRIES`` entries; a part larger than its bound (checked from the zip header before
decompressing, and while decompressing, since headers can lie); parts together over
``MAX_PACKAGE_BYTES``; XML with a DTD (``<!DOCTYPE``: entities, external entities), nested
over ``MAX_XML_DEPTH`` levels or with more than ``MAX_XML_ELEMENTS`` elements in all; and
values no PowerPoint file holds (``_CHECKS``).

Left out, and listed for a warning: relationships to anything outside the file
(``TargetMode="External"``: linked pictures, hyperlinks, UNC paths; ``links``), SVG
pictures (their PNG copy stays) and other content of masters and layouts a deck does not
keep (charts, diagrams, media, links to slides; ``left_out``). The renderer removes what
referred to them (``unlinked``).
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

from deckbuild.model.template import PRESENTATION_MAIN

MAX_ENTRIES = 10_000  # zip entries (a template has tens to hundreds)
MAX_DIRECTORY_BYTES = 1 << 20  # the zip's central directory
MAX_XML_PART_BYTES = 6 << 20  # one XML part (in UTF-16 it holds under the 10 MB libxml2 reads in one text)
MAX_PACKAGE_BYTES = 32 << 20  # the parts a deck uses, together, uncompressed
MAX_XML_ELEMENTS = 300_000  # elements, comments and processing instructions in all XML parts together
MAX_XML_ATTRIBUTES = 600_000  # attributes and namespace declarations in all XML parts together
MAX_ELEMENT_ATTRIBUTES = 100  # on one element (PowerPoint writes at most a few tens)
MAX_SHAPES = 1000  # shapes on one slide master or layout (each slide copies its layout's placeholders,
MAX_PLACEHOLDERS = 200  # a search over the slide per placeholder: the cost grows with their square)
MAX_XML_DEPTH = 128  # element nesting (libxml2, under python-pptx, stops at 256)
MAX_LAYOUTS = 500
MAX_NAME = 255  # characters in a layout's or font's name
MAX_XML_NAME = 1000  # characters in an element's or attribute's name with its namespace, or a prefix
EMU_PER_PT = 12700
MIN_SLIDE_EMU, MAX_SLIDE_EMU = 72 * EMU_PER_PT, 4032 * EMU_PER_PT  # a theme's slide size limits
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # control characters and line breaks

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MS = "http://schemas.microsoft.com/office/2007/relationships/"
_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
# A template's (.potx) or slide show's (.ppsx) main part: a deck is made from it just as well.
CONVERTIBLE_MAIN = (_PML + "template.main+xml", _PML + "slideshow.main+xml")

# Embedded fonts as PowerPoint (.fntdata), LibreOffice and other writers store them.
FONT_TYPES = ("application/x-fontdata", "application/vnd.openxmlformats-officedocument.obfuscatedFont",
              "application/x-font-ttf", "application/x-font-truetype", "application/x-font-otf",
              "application/x-font-opentype", "application/font-sfnt", "application/vnd.ms-opentype", "font/")
# The relationships followed, with the content type their target must have ('…/' a prefix).
_FOLLOW: dict[str, tuple[str, ...]] = {
    _CORE: ("application/vnd.openxmlformats-package.core-properties+xml",),
    RT + "extended-properties": ("application/vnd.openxmlformats-officedocument.extended-properties+xml",),
    RT + "slideMaster": (_PML + "slideMaster+xml",),
    RT + "slideLayout": (_PML + "slideLayout+xml",),
    RT + "theme": ("application/vnd.openxmlformats-officedocument.theme+xml",),
    RT + "presProps": (_PML + "presProps+xml",),
    RT + "viewProps": (_PML + "viewProps+xml",),
    RT + "tableStyles": (_PML + "tableStyles+xml",),
    RT + "notesMaster": (_PML + "notesMaster+xml",),
    RT + "handoutMaster": (_PML + "handoutMaster+xml",),
    RT + "tags": (_PML + "tags+xml",),
    RT + "image": ("image/",),
    _MS + "hdphoto": ("image/",),
    RT + "font": FONT_TYPES,
}
# Of those, what a deck can do without: a part of another content type is left out, with a
# warning (a font relationship that names macros or an embedded object keeps neither).
# A master, layout, theme or notes master of another type is an error.
_OPTIONAL = {_CORE, RT + "extended-properties", RT + "presProps", RT + "viewProps", RT + "tableStyles", RT + "tags",
             RT + "image", _MS + "hdphoto", RT + "font"}
# Active content (relationship type names, in any namespace): the template is refused.
_REFUSED = {"vbaProject": "macros", "control": "an ActiveX control", "activeXControl": "an ActiveX control",
            "activeXControlBinary": "an ActiveX control", "oleObject": "an embedded (OLE) object",
            "package": "an embedded document", "attachedTemplate": "a link to another template"}
# Parts whose other relationships are left out without a word: what a deck never shows.
_QUIET_SOURCES = ("", "main")
_SVG = "image/svg+xml"


class ReferenceError(Exception):
    """The file is not a PowerPoint presentation deckbuild can use as a template."""


@dataclass(frozen=True)
class Relationship:
    rid: str
    type: str
    target: str  # as written in the .rels part
    part: str  # the part it names (a zip entry name)


@dataclass
class TemplatePackage:
    """The parts of a template a deck uses, checked, and what was left out."""

    main: str  # the presentation part
    main_type: str  # its content type as the template has it
    types: dict[str, str] = field(default_factory=dict)  # each part kept → its content type, in reading order
    rels: dict[str, tuple[Relationship, ...]] = field(default_factory=dict)  # part ('' the package) → kept
    unlinked: dict[str, frozenset[str]] = field(default_factory=dict)  # part → rIds left out
    links: tuple[str, ...] = ()  # links to files outside the template, left out, said for a person
    left_out: tuple[str, ...] = ()  # other content of masters and layouts left out, said for a person
    data: bytes = field(default=b"", repr=False)  # the kept parts as a .pptx: what python-pptx opens

    def write_index(self, z: zipfile.ZipFile) -> None:
        """Write the content types (the main part's a presentation's) and the relationships
        kept into ``z``, which holds the parts."""
        rows = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
                '<Default Extension="xml" ContentType="application/xml"/>']
        for name, kind in self.types.items():
            kind = PRESENTATION_MAIN if name == self.main else kind
            rows.append(f"<Override PartName={quoteattr('/' + name)} ContentType={quoteattr(kind)}/>")
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="'
                   'http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(rows) + "</Types>")
        for name, rels in self.rels.items():
            if rels:
                z.writestr(rels_part(name), _rels_xml(rels))


def rels_part(part: str) -> str:
    """The name of the relationships part of ``part`` ('' for the package's)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _rels_xml(rels: tuple[Relationship, ...]) -> str:
    rows = "".join(f"<Relationship Id={quoteattr(r.rid)} Type={quoteattr(r.type)} Target={quoteattr(r.target)}/>"
                   for r in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">' + rows + "</Relationships>")


# Parts the reference reader looks into: their parsed trees are kept for it.
TREE_TYPES = (PRESENTATION_MAIN, *CONVERTIBLE_MAIN, _PML + "slideMaster+xml", _PML + "slideLayout+xml",
              "application/vnd.openxmlformats-officedocument.theme+xml")


def read_package(path) -> tuple[TemplatePackage, dict[str, ET.Element]]:
    """The parts of the template at ``path`` a deck uses, and the parsed XML of its
    presentation, masters, layouts and themes; ReferenceError says what is wrong."""
    try:
        with open(path, "rb") as f:
            _check_directory(f)
            with zipfile.ZipFile(f) as z:
                return _Walk(z).run()
    except zipfile.BadZipFile:
        raise ReferenceError("is not a PowerPoint file (not a zip package); save the template again from "
                             "PowerPoint or LibreOffice") from None
    except OSError as exc:
        raise ReferenceError(f"cannot be read ({exc.strerror or exc})") from None


_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")


def _check_directory(f) -> None:
    """Refuse a zip whose central directory is too large before ``zipfile`` parses it (it
    keeps an object per entry): more than MAX_ENTRIES entries or MAX_DIRECTORY_BYTES."""
    f.seek(0, 2)
    size = f.tell()
    tail_size = min(size, _EOCD.size + 0xFFFF)
    f.seek(size - tail_size)
    tail = f.read(tail_size)
    # where zipfile looks: the last 22 bytes, else the last signature (the record has a comment)
    at = tail_size - _EOCD.size if tail[-_EOCD.size:-_EOCD.size + 4] == b"PK\x05\x06" else tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > tail_size:
        raise zipfile.BadZipFile
    _, _, _, _, entries, directory, _, _ = _EOCD.unpack_from(tail, at)
    locator = tail[at - _EOCD64_LOCATOR.size:at] if at >= _EOCD64_LOCATOR.size else b""
    if locator[:4] == b"PK\x06\x07":
        _, _, offset, _ = _EOCD64_LOCATOR.unpack(locator)
        f.seek(min(offset, size))
        record = f.read(_EOCD64.size)
        if len(record) == _EOCD64.size and record[:4] == b"PK\x06\x06":
            fields = _EOCD64.unpack(record)
            entries, directory = fields[7], fields[8]
    if entries > MAX_ENTRIES:
        raise ReferenceError(f"has {entries} zip entries, over the limit of {MAX_ENTRIES}; open it in PowerPoint or "
                             "LibreOffice and save it again as .pptx")
    if directory > MAX_DIRECTORY_BYTES:
        raise ReferenceError(f"has a zip directory of {directory} bytes, over the limit of {MAX_DIRECTORY_BYTES}; "
                             "open it in PowerPoint or LibreOffice and save it again as .pptx")


_DECLARED = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def _damaged(detail: str) -> ReferenceError:
    return ReferenceError(f"is not a usable PowerPoint file ({detail}); open it in PowerPoint or LibreOffice and "
                          "save it again as .pptx")


def _too_large(name: str, size: int, limit: int, whole: bool) -> ReferenceError:
    if whole:
        return ReferenceError(f"is too large to use: the parts a deck uses come to over {MAX_PACKAGE_BYTES} bytes "
                              f"({shown(name)} is {size} bytes or more); remove or compress large pictures in its "
                              "slide masters and layouts")
    return ReferenceError(f"has a part too large to use: {shown(name)} is {size} bytes or more, over the limit of "
                          f"{limit} bytes; save the template again from PowerPoint or LibreOffice")


def shown(text: str, limit: int = 80) -> str:
    """``text`` from a template, fit to quote in a message: control characters and line
    breaks escaped, cut at ``limit`` characters."""
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class _Walk:
    """One pass over the package: follow relationships from the root, read and check each part."""

    def __init__(self, z: zipfile.ZipFile):
        self.z = z
        self.names = set(z.namelist())
        self.budget = MAX_PACKAGE_BYTES
        self.elements = 0
        self.attributes = 0
        self.layouts = 0
        self.trees: dict[str, ET.Element] = {}
        self.links: list[str] = []
        self.left_out: list[str] = []
        self.package: TemplatePackage | None = None
        self.buffer = io.BytesIO()
        self.out = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_STORED)  # the parts kept, as they are read

    def run(self) -> tuple[TemplatePackage, dict[str, ET.Element]]:
        self.overrides, self.defaults = self.content_types()
        root = self.relationships("")
        main = next((r for r, external in root if r.type == RT + "officeDocument" and not external), None)
        if main is None or main.part not in self.names:
            raise _damaged("no presentation part")
        main_type = self.type_of(main.part)
        if "macroEnabled" in main_type:
            raise ReferenceError("contains macros (a .pptm or .potm); save it as a PowerPoint presentation (.pptx) "
                                 "without macros")
        if main_type != PRESENTATION_MAIN and main_type not in CONVERTIBLE_MAIN:
            raise _damaged(f"its main part is not a presentation but {shown(main_type) or 'of no known type'}")
        pkg = self.package = TemplatePackage(main.part, main_type)
        self.keep(main.part, main_type)
        queue = [main.part, *self.visit("", root, main)]
        while queue:
            source = queue.pop(0)
            for target in self.visit(source, self.relationships(source)):
                queue.append(target)
        pkg.links, pkg.left_out = tuple(dict.fromkeys(self.links)), tuple(dict.fromkeys(self.left_out))
        pkg.write_index(self.out)
        self.out.close()
        pkg.data = self.buffer.getvalue()
        return pkg, self.trees

    # --- reading -------------------------------------------------------------------------

    def read(self, name: str, limit: int) -> bytes:
        """The bytes of entry ``name``, refused past ``limit`` or what is left of the package's
        budget: by the zip header before decompressing, then while decompressing (a header
        may lie)."""
        whole = self.budget < limit  # the package's budget is the tighter bound
        limit = min(limit, self.budget)
        info = self.z.getinfo(name)
        if info.file_size > limit:
            raise _too_large(name, info.file_size, limit, whole)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged(f"{shown(name)} is compressed with a method PowerPoint does not use ({info.compress_type})")
        out = bytearray()
        try:
            with self.z.open(info) as f:
                while chunk := f.read(1 << 16):
                    out += chunk
                    if len(out) > limit:
                        raise _too_large(name, len(out), limit, whole)
        except (zipfile.BadZipFile, EOFError, zlib.error, RuntimeError, ValueError) as exc:  # RuntimeError: encrypted
            raise _damaged(f"{shown(name)} is damaged: {shown(str(exc) or type(exc).__name__, 120)}") from None
        self.budget -= len(out)
        return bytes(out)

    def xml(self, name: str, data: bytes, keep_tree: bool = False) -> ET.Element:
        """``data`` parsed and checked (see ``_Builder``); ReferenceError names the part."""
        declared = _DECLARED.match(data)
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf-16"):
            raise _damaged(f"{shown(name)} is encoded in {shown(declared.group(1).decode('ascii'), 40)}, not UTF-8 or "
                           "UTF-16 as PowerPoint files are")
        builder = _Builder(name, MAX_XML_ELEMENTS - self.elements, MAX_XML_ATTRIBUTES - self.attributes)
        parser = ET.XMLParser(target=builder)
        try:
            parser.feed(data)
            root = parser.close()
        except _Refused as exc:
            raise ReferenceError(str(exc)) from None
        except ET.ParseError as exc:
            raise _damaged(f"{shown(name)}: {exc}") from None
        self.elements += builder.count
        self.attributes += builder.attributes
        if keep_tree:
            self.trees[name] = root
        return root

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        name = "[Content_Types].xml"
        if name not in self.names:
            raise _damaged("no [Content_Types].xml")
        root = self.xml(name, self.read(name, MAX_XML_PART_BYTES))
        ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
        overrides = {el.get("PartName", "").lstrip("/").lower(): el.get("ContentType", "")
                     for el in root.iter(ns + "Override")}
        defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in root.iter(ns + "Default")}
        return overrides, defaults

    def type_of(self, part: str) -> str:
        found = self.overrides.get(part.lower())
        return found if found is not None else self.defaults.get(part.rsplit(".", 1)[-1].lower(), "")

    def relationships(self, part: str) -> list[tuple[Relationship, bool]]:
        """Every relationship of ``part`` ('' for the package), with whether it is external."""
        name = rels_part(part)
        if name not in self.names:
            return []
        out = []
        for el in self.xml(name, self.read(name, MAX_XML_PART_BYTES)):
            if el.tag != "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship":
                continue
            target = el.get("Target", "")
            external = el.get("TargetMode") == "External"
            resolved = "" if external else posixpath.normpath(posixpath.join("/" + posixpath.dirname(part),
                                                                                  target)).lstrip("/")
            out.append((Relationship(el.get("Id", ""), el.get("Type", ""), target, resolved), external))
        return out

    # --- following ------------------------------------------------------------------------

    def keep(self, part: str, kind: str) -> None:
        assert self.package is not None
        limit = MAX_XML_PART_BYTES if kind.endswith("xml") else MAX_PACKAGE_BYTES
        data = self.read(part, limit)
        if kind.endswith("xml"):
            self.xml(part, data, keep_tree=kind in TREE_TYPES)
        self.out.writestr(part, data)
        self.package.types[part] = kind

    def visit(self, source: str, rels: list[tuple[Relationship, bool]], main: Relationship | None = None) -> list[str]:
        """Keep the relationships of ``source`` a deck uses, reading each part they name the
        first time (returned, to visit in turn), and record the others as left out."""
        assert self.package is not None
        kept, dropped, new = [], set(), []
        quiet = source in ("", self.package.main)  # what they leave out, a deck never shows
        for rel, external in rels:
            kind = rel.type.rsplit("/", 1)[-1]
            if kind in _REFUSED:
                raise ReferenceError(f"contains {_REFUSED[kind]} ({shown(source or 'the package')} refers to "
                                     f"{shown(rel.part or rel.target)}); remove it from the template, or save the "
                                     "template as a PowerPoint presentation (.pptx) without it")
            if source == "" and rel.type == RT + "officeDocument":
                (kept.append(rel) if rel is main else dropped.add(rel.rid))
                continue
            if external:
                dropped.add(rel.rid)
                self.links.append(f"{_LINKED.get(kind, 'a link to')} '{shown(rel.target)}' "
                                  f"({shown(source or 'the package')})")
                continue
            expected = _FOLLOW.get(rel.type)
            if expected is None:
                dropped.add(rel.rid)
                if not quiet:
                    self.left_out.append(f"{_what(kind)} ({shown(source)})")
                continue
            if rel.part not in self.names:
                raise _damaged(f"{shown(source or 'the package')} refers to {shown(rel.part)}, which is missing")
            content_type = self.type_of(rel.part)
            if content_type == _SVG:  # PowerPoint keeps a PNG copy beside an SVG picture
                dropped.add(rel.rid)
                self.left_out.append(f"an SVG picture, whose PNG copy stays ({shown(source)})")
                continue
            if not any(content_type == t or (t.endswith("/") and content_type.startswith(t)) for t in expected):
                if rel.type in _OPTIONAL:
                    dropped.add(rel.rid)
                    self.left_out.append(f"{_what(kind)} whose content type is {shown(content_type) or 'unknown'} "
                                         f"({shown(source or 'the package')} refers to {shown(rel.part)})")
                    continue
                raise _damaged(f"{shown(rel.part)} is named as a {kind} but its content type is "
                               f"{shown(content_type) or 'unknown'}")
            if rel.type == RT + "slideLayout":
                self.layouts += 1
                if self.layouts > MAX_LAYOUTS:
                    raise ReferenceError(f"has more than {MAX_LAYOUTS} slide layouts (the limit); delete the layouts "
                                         "it does not need in the slide master view")
            kept.append(rel)
            if rel.part not in self.package.types:
                self.keep(rel.part, content_type)
                new.append(rel.part)
        self.package.rels[source] = tuple(kept)
        if dropped:
            self.package.unlinked[source] = frozenset(dropped)
        return new


_LINKED = {"image": "a picture from", "hyperlink": "a hyperlink to", "media": "a video or sound from",
           "video": "a video from", "audio": "a sound from"}


def _what(kind: str) -> str:
    """A relationship's target, said for a person."""
    return {"image": "a picture", "hyperlink": "a hyperlink", "slide": "a link to a slide", "chart": "a chart",
            "media": "a video or sound", "video": "a video", "audio": "a sound", "diagramData": "a SmartArt diagram",
            "vmlDrawing": "a legacy drawing", "font": "a font", "hdphoto": "a picture", "tags": "tags",
            "core-properties": "document properties", "extended-properties": "document properties",
            "presProps": "presentation properties", "viewProps": "view properties",
            "tableStyles": "table styles"}.get(kind, f"a part of type '{shown(kind, 40)}'")


class _Refused(Exception):
    pass


_RESAVE = "open it in PowerPoint or LibreOffice and save it again as .pptx"


# --- values no PowerPoint file holds --------------------------------------------------------

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
_INT = re.compile(r"-?[0-9]{1,19}")
_PH_TYPES = {"title", "body", "ctrTitle", "subTitle", "dt", "sldNum", "ftr", "hdr", "obj", "chart", "tbl", "clipArt",
             "dgm", "media", "sldImg", "pic"}


def _int(attrib: dict, key: str, low: int, high: int, what: str) -> None:
    value = attrib.get(key)
    if value is None:
        raise ValueError(f"{what} has no '{key}'")
    if not _INT.fullmatch(value) or not low <= int(value) <= high:
        raise ValueError(f"{what} has {key}='{shown(value, 40)}'; it must be a whole number of EMU from {low} to "
                         f"{high} ({low / EMU_PER_PT:g} to {high / EMU_PER_PT:g} pt)")


def _choice(attrib: dict, key: str, allowed, what: str) -> None:
    value = attrib.get(key)
    if value is not None and value not in allowed:
        raise ValueError(f"{what} has {key}='{shown(value, 40)}'; it must be one of {', '.join(sorted(allowed))}")


def _xfrm_child(name: str, keys: tuple[str, str], low: int) -> Callable[[dict, str], None]:
    def check(attrib: dict, parent: str) -> None:
        if parent.endswith("}xfrm"):
            for key in keys:
                _int(attrib, key, low, MAX_SLIDE_EMU, f"a shape's {name}")
    return check


def _color(key: str, required: bool) -> Callable[[dict, str], None]:
    def check(attrib: dict, parent: str) -> None:
        value = attrib.get(key)
        if value is None and not required:
            return
        if value is None or not _HEX.fullmatch(value):
            raise ValueError(f"a colour has {key}='{shown(value or '', 40)}'; it must be six hexadecimal digits RRGGBB")
    return check


def _placeholder(attrib: dict, parent: str) -> None:
    _choice(attrib, "type", _PH_TYPES, "a placeholder")
    _choice(attrib, "orient", {"horz", "vert"}, "a placeholder")
    _choice(attrib, "sz", {"full", "half", "quarter"}, "a placeholder")
    _choice(attrib, "hasCustomPrompt", {"0", "1", "true", "false"}, "a placeholder")
    idx = attrib.get("idx")
    if idx is not None and not (idx.isascii() and idx.isdigit() and int(idx) <= 0xFFFFFFFF):
        raise ValueError(f"a placeholder has idx='{shown(idx, 40)}'; it must be a whole number from 0 to 4294967295")


def _name(what: str, key: str) -> Callable[[dict, str], None]:
    """A name deckbuild shows or writes on every slide (a layout's, a font's): at most
    MAX_NAME characters, no control characters or line breaks (as in YAML)."""
    def check(attrib: dict, parent: str) -> None:
        value = attrib.get(key, "")
        if len(value) > MAX_NAME:
            raise ValueError(f"{what} is {len(value)} characters long, over the limit of {MAX_NAME}")
        bad = _CONTROL.search(value)
        if bad:
            raise ValueError(f"{what} '{shown(value, 40)}' holds the control character U+{ord(bad.group()):04X}")
    return check


def _slide_size(attrib: dict, parent: str) -> None:
    for key in ("cx", "cy"):
        _int(attrib, key, MIN_SLIDE_EMU, MAX_SLIDE_EMU, "the slide size")


def _notes_size(attrib: dict, parent: str) -> None:
    for key in ("cx", "cy"):
        _int(attrib, key, 1, MAX_SLIDE_EMU, "the notes page size")


# What every XML part a deck takes over is held to, by element: positions and sizes of
# shapes (±4032 pt, sizes 0–4032 pt), colours, placeholders, the slide and notes sizes,
# layout and font names.
_CHECKS: dict[str, Callable[[dict, str], None]] = {
    _A + "off": _xfrm_child("position", ("x", "y"), -MAX_SLIDE_EMU),
    _A + "chOff": _xfrm_child("position", ("x", "y"), -MAX_SLIDE_EMU),
    _A + "ext": _xfrm_child("size", ("cx", "cy"), 0),
    _A + "chExt": _xfrm_child("size", ("cx", "cy"), 0),
    _A + "srgbClr": _color("val", True),
    _A + "sysClr": _color("lastClr", False),
    _P + "ph": _placeholder,
    _P + "sldSz": _slide_size,
    _P + "notesSz": _notes_size,
    _P + "cSld": _name("a layout or master name", "name"),
    **{_A + tag: _name("a font name", "typeface") for tag in ("latin", "ea", "cs", "sym", "font")},
}


_SHAPES = {_P + tag for tag in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart")}


class _Builder:
    """An ElementTree parser target that refuses a DTD (``<!DOCTYPE``, before any entity in
    it is declared), nesting over MAX_XML_DEPTH, more elements (comments and processing
    instructions included: python-pptx's parser keeps them) than ``budget``, more attributes
    (namespace declarations included) than ``attribute_budget`` or MAX_ELEMENT_ATTRIBUTES on
    one element, more than MAX_SHAPES shapes or MAX_PLACEHOLDERS placeholders in the part,
    names over MAX_XML_NAME characters and the values ``_CHECKS`` names, as they arrive."""

    def __init__(self, part: str, budget: int, attribute_budget: int):
        self.part, self.budget, self.attribute_budget = part, budget, attribute_budget
        self.tree = ET.TreeBuilder()
        self.stack: list[str] = []
        self.count = 0
        self.attributes = 0
        self.shapes = 0
        self.placeholders = 0

    def node(self) -> None:
        """Count one element, comment or processing instruction."""
        self.count += 1
        if self.count > self.budget:
            raise _Refused(f"has more than {MAX_XML_ELEMENTS} XML elements in the parts a deck uses (the limit; "
                           f"{shown(self.part)} reaches it); delete what the masters and layouts do not need")

    def attributed(self, count: int) -> None:
        """Count ``count`` attributes (or namespace declarations) of one element."""
        if count > MAX_ELEMENT_ATTRIBUTES:
            raise _Refused(f"is not a usable PowerPoint file ({shown(self.part)} has an element with {count} "
                           f"attributes, over the limit of {MAX_ELEMENT_ATTRIBUTES}); {_RESAVE}")
        self.attributes += count
        if self.attributes > self.attribute_budget:
            raise _Refused(f"has more than {MAX_XML_ATTRIBUTES} XML attributes in the parts a deck uses (the limit; "
                           f"{shown(self.part)} reaches it); delete what the masters and layouts do not need")

    def start(self, tag: str, attrib: dict) -> ET.Element:
        self.node()
        if len(tag) > MAX_XML_NAME or any(len(key) > MAX_XML_NAME for key in attrib):
            self.long_name()
        self.attributed(len(attrib) + self.declared)
        self.declared = 0
        if len(self.stack) >= MAX_XML_DEPTH:
            raise _Refused(f"is not a usable PowerPoint file ({shown(self.part)} nests elements over "
                           f"{MAX_XML_DEPTH} levels deep); open it in PowerPoint or LibreOffice and save it again "
                           "as .pptx")
        if tag in _SHAPES:
            self.shapes += 1
            if self.shapes > MAX_SHAPES:
                raise _Refused(f"has more than {MAX_SHAPES} shapes on {shown(self.part)} (the limit for one slide "
                               "master or layout); delete the shapes it does not need in the slide master view")
        elif tag == _P + "ph":
            self.placeholders += 1
            if self.placeholders > MAX_PLACEHOLDERS:
                raise _Refused(f"has more than {MAX_PLACEHOLDERS} placeholders on {shown(self.part)} (the limit for "
                               "one slide master or layout); delete the placeholders it does not need in the slide "
                               "master view")
        check = _CHECKS.get(tag)
        if check is not None:
            try:
                check(attrib, self.stack[-1] if self.stack else "")
            except ValueError as exc:
                raise _Refused(f"has an impossible value in {shown(self.part)}: {exc}; correct it in PowerPoint "
                               "or LibreOffice and save the template again") from None
        self.stack.append(tag)
        return self.tree.start(tag, attrib)

    def end(self, tag: str) -> ET.Element:
        self.stack.pop()
        return self.tree.end(tag)

    def data(self, text: str) -> None:
        self.tree.data(text)

    declared = 0  # namespace declarations of the element about to start

    def start_ns(self, prefix: str, uri: str) -> None:
        if len(prefix) > MAX_XML_NAME:
            self.long_name()
        self.declared += 1
        if self.declared > MAX_ELEMENT_ATTRIBUTES:
            self.attributed(self.declared)

    def pi(self, target: str, data: str) -> None:
        self.node()
        if len(target) > MAX_XML_NAME:
            self.long_name()

    def comment(self, text: str) -> None:
        self.node()

    def long_name(self) -> None:
        """Names python-pptx's parser (libxml2) could not read: refused."""
        raise _Refused(f"is not a usable PowerPoint file ({shown(self.part)} has an XML name over {MAX_XML_NAME} "
                       "characters long); open it in PowerPoint or LibreOffice and save it again as .pptx")

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused(f"is not a usable PowerPoint file ({shown(self.part)} declares a DTD (<!DOCTYPE>), which "
                       "PowerPoint files never have: its entities could read other files or expand without end); "
                       "open it in PowerPoint or LibreOffice and save it again as .pptx")

    def close(self) -> ET.Element:
        return self.tree.close()
