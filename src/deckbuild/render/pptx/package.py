"""Linear part naming for python-pptx packages, and saving them reproducibly in one pass.

python-pptx's ``OpcPackage.next_partname`` walks every part of the package for each new
part (notes slides, charts, embedded workbooks), which makes a deck of n slides cost
O(n²). A renderer that only adds parts can count instead: the first request per template
scans once, later ones increment.

Saving writes what ``prs.save`` followed by ``reproducible.normalize_zip`` writes, in one
pass: the relationship parts formatted directly, the zip by ``pptx_zip``.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from lxml import etree
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem

from deckbuild.render.pptx.zipwriter import write_zip


def linear_partnames(package) -> None:
    """Replace ``package.next_partname`` with a counting version (for this package only)."""
    scan = package.next_partname
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        if tmpl not in counters:
            first = str(scan(tmpl))
            head, _, tail = tmpl.partition("%d")
            counters[tmpl] = int(first[len(head): len(first) - len(tail)])
        else:
            counters[tmpl] += 1
        return PackURI(tmpl % counters[tmpl])

    package.next_partname = next_partname


def save_package(prs, when: dt.datetime) -> bytes:
    """The presentation's .pptx bytes, every zip entry stamped ``when``: what
    ``prs.save`` and ``reproducible.normalize_zip`` give, without compressing twice."""
    package = prs.part.package
    parts = tuple(package.iter_parts())
    # python-pptx's PackageWriter order: content types, package rels, each part and its rels
    entries = [(CONTENT_TYPES_URI.membername, content_types_xml(parts)),
               (PACKAGE_URI.rels_uri.membername, rels_xml(package._rels))]
    for part in parts:
        name = part.partname
        entries.append((name.membername, part.blob))
        if part._rels:
            folder, _, filename = name.rpartition("/")  # PackURI.rels_uri, without posixpath
            entries.append((f"{folder[1:]}/_rels/{filename}.rels" if folder else f"_rels/{filename}.rels",
                            rels_xml(part._rels)))
    return write_zip(entries, when)


_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_XML_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_PLAIN = re.compile(r"[\x20-\x7e]*")  # printable ASCII
_SPECIAL = re.compile(r'[&<>"]')


def rels_xml(rels) -> bytes:
    """A part's .rels as python-pptx's ``_Relationships.xml`` writes it (relationships in
    numerical order, TargetMode only when external), made without python-pptx's template
    parsing and attribute checks: plain attribute values are formatted directly, others go
    through lxml; internal targets are made relative without ``posixpath.relpath``'s
    normalising."""
    base_uri = getattr(rels, "_base_uri", "")  # the folder python-pptx makes targets relative to
    rows = []
    order = sorted((int(r[3:]) if r.startswith("rId") and r[3:].isdigit() else 0, r) for r in rels.keys())
    for _, rid in order:
        rel = rels[rid]
        external = rel.is_external
        if external:
            target = rel.target_ref
        else:
            target = relative_ref(rel.target_part.partname, base_uri) if base_uri else rel.target_ref
        rows.append((rid, rel.reltype, target, external))
    if rows and all(_is_plain(v) for row in rows for v in row[:3]):
        body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"'
                       + (' TargetMode="External"/>' if external else "/>") for rid, kind, target, external in rows)
        return f'{_XML_HEAD}<Relationships xmlns="{_PR}">{body}</Relationships>'.encode()
    root = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
    for rid, kind, target, external in rows:
        attrs = {"Id": rid, "Type": kind, "Target": target}
        if external:
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{_PR}}}Relationship", attrs)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def content_types_xml(parts) -> bytes:
    """``[Content_Types].xml`` as python-pptx writes it (defaults by extension, then
    overrides by part name, both sorted), formatted directly when every value is plain."""
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    rows = [("Default", "Extension", ext, kind) for ext, kind in sorted(defaults.items())]
    rows += [("Override", "PartName", name, kind) for name, kind in sorted(overrides.items())]
    if not all(_is_plain(key) and _is_plain(kind) for _, _, key, kind in rows):
        return serialize_part_xml(_ContentTypesItem.xml_for(parts))
    body = "".join(f'<{tag} {attr}="{key}" ContentType="{kind}"/>' for tag, attr, key, kind in rows)
    return f'{_XML_HEAD}<Types xmlns="{_CT}">{body}</Types>'.encode()


def _is_plain(value: str) -> bool:
    """Whether lxml writes ``value`` as an attribute unchanged (printable ASCII, nothing to escape)."""
    return _PLAIN.fullmatch(value) is not None and _SPECIAL.search(value) is None


def _clean(path: str) -> bool:
    """An absolute path that ``posixpath.normpath`` leaves alone (but for a trailing slash)."""
    return path.startswith("/") and "//" not in path and "/." not in path


def relative_ref(partname: str, base_uri: str) -> str:
    """``PackURI.relative_ref``: the reference to ``partname`` from folder ``base_uri``,
    computed as ``posixpath.relpath`` does, without its normalising for clean paths."""
    if base_uri == "/":
        return partname[1:]
    if not (_clean(partname) and _clean(base_uri)):
        return posixpath.relpath(partname, base_uri)
    start = [x for x in base_uri.split("/") if x]
    path = [x for x in partname.split("/") if x]
    common = 0
    for a, b in zip(start, path):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + path[common:]
    return "/".join(parts) if parts else "."
