"""Linear part naming for python-pptx packages, and saving them reproducibly in one pass.

python-pptx's ``OpcPackage.next_partname`` walks every part of the package for each new
part (notes slides, charts, embedded workbooks), which makes a deck of n slides cost
O(n²). A renderer that only adds parts can count instead: the first request per template
scans once, later ones increment.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree
from pptx.opc.packuri import PACKAGE_URI, PackURI
from pptx.opc.serialized import PackageWriter

from deckbuild.reproducible import zip_entry


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


class _StampedZip:
    """python-pptx's physical package writer, with every entry stamped alike."""

    def __init__(self, when: dt.datetime):
        self.when = when
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.zip.writestr(zip_entry(pack_uri.membername, self.when), blob)


def save_package(prs, when: dt.datetime) -> bytes:
    """The presentation's .pptx bytes, every zip entry stamped ``when``: what
    ``prs.save`` and ``reproducible.normalize_zip`` give, without compressing twice."""
    package = prs.part.package
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    out = _StampedZip(when)
    writer._write_content_types_stream(out)
    out.write(PACKAGE_URI.rels_uri, rels_xml(package._rels))
    for part in writer._parts:
        out.write(part.partname, part.blob)
        if part._rels:
            out.write(part.partname.rels_uri, rels_xml(part._rels))
    out.zip.close()
    return out.buffer.getvalue()


_PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels_xml(rels) -> bytes:
    """A part's .rels as python-pptx's ``_Relationships.xml`` writes it (relationships in
    numerical order, TargetMode only when external), made with plain lxml: python-pptx
    parses a template and validates four attributes for every relationship."""
    root = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
    order = sorted((int(r[3:]) if r.startswith("rId") and r[3:].isdigit() else 0, r) for r in rels.keys())
    for _, rid in order:
        rel = rels[rid]
        attrs = {"Id": rid, "Type": rel.reltype, "Target": rel.target_ref}
        if rel.is_external:
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{_PR}}}Relationship", attrs)
    return etree.tostring(root, encoding="UTF-8", standalone=True)
