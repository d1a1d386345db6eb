"""The XML namespaces of the parts a deck is made of (ECMA-376), and names in them.

``qn("a:solidFill")`` is the Clark name lxml uses, ``{http://…/drawingml/2006/main}solidFill``:
the standard's namespaces, spelled here rather than taken from python-pptx's internal
``pptx.oxml.ns``.
"""

from __future__ import annotations

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def qn(tag: str) -> str:
    """The Clark name of a prefixed tag: ``qn("p:sp")`` is ``{…/presentationml/2006/main}sp``."""
    prefix, _, local = tag.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """Namespace declarations for the start tag of an XML fragment: ``xmlns:c="…" xmlns:a="…"``."""
    return " ".join(f'xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in prefixes)
