"""Saving a python-pptx presentation reproducibly, in one pass.

``save_package`` writes what ``Presentation.save`` followed by ``reproducible.normalize_zip``
writes: the relationship parts and ``[Content_Types].xml`` formatted directly (python-pptx
serialises each relationship part through a template and attribute checks), each part
compressed once. The relationships and content types are python-pptx's (``ooxml``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from lxml import etree

from deckbuild.render.pptx import ooxml
from deckbuild.render.reproducible import write_zip


def save_package(prs, when: dt.datetime) -> bytes:
    """The presentation's .pptx bytes, every zip entry stamped ``when``: what
    ``prs.save`` and ``reproducible.normalize_zip`` give, without compressing twice."""
    package = ooxml.package_of(prs)
    parts = tuple(ooxml.parts_of(prs))
    # python-pptx's PackageWriter order: content types, package rels, each part and its rels
    entries = [("[Content_Types].xml", content_types_xml(parts)), ("_rels/.rels", rels_xml(package))]
    for part in parts:
        name = ooxml.part_name(part)
        entries.append((name[1:], ooxml.part_bytes(part)))
        if ooxml.has_relationships(part):
            folder, _, filename = name.rpartition("/")  # PackURI.rels_uri, without posixpath
            entries.append((f"{folder[1:]}/_rels/{filename}.rels" if folder else f"_rels/{filename}.rels",
                            rels_xml(part)))
    return write_zip(entries, when)


_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_XML_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_PLAIN = re.compile(r"[\x20-\x7e]*")  # printable ASCII
_SPECIAL = re.compile(r'[&<>"]')


def rels_xml(owner) -> bytes:
    """The .rels of a part (or of the package) as python-pptx's ``_Relationships.xml`` writes it
    (relationships in numerical order, TargetMode only when external), made without
    python-pptx's template parsing and attribute checks: plain attribute values are formatted
    directly, others go through lxml; internal targets are made relative without
    ``posixpath.relpath``'s normalising."""
    rows = []
    for rel in ooxml.relationships(owner):
        target = rel.target if rel.external or not rel.base else relative_ref(rel.target, rel.base)
        rows.append((rel.rid, rel.reltype, target, rel.external))
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
    defaults, overrides = ooxml.content_types(parts)
    rows = [("Default", "Extension", ext, kind) for ext, kind in sorted(defaults.items())]
    rows += [("Override", "PartName", name, kind) for name, kind in sorted(overrides.items())]
    if not all(_is_plain(key) and _is_plain(kind) for _, _, key, kind in rows):
        return ooxml.content_types_xml(parts)
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
