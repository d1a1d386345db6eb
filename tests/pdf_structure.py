"""Reading a tagged PDF's logical structure with pypdf, for the tests of the tagged report: the
structure tree (elements, their MCIDs by page, alternative text, attributes, link annotations),
the marked content of each page's content stream, and the text drawn in each MCID."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject

# Operators that paint: text showing, path painting, images and XObjects, shadings, inline images.
PAINTING = {b"Tj", b"TJ", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"Do", b"sh",
            b"INLINE IMAGE"}


@dataclass
class Element:
    tag: str
    alt: str | None
    attributes: dict
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    annotations: list[tuple[int, DictionaryObject]] = field(default_factory=list)  # (page index, annotation)
    kids: list[Element] = field(default_factory=list)
    parent: Element | None = None
    ref: object = None  # the element's indirect reference

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()

    def text(self, texts: dict[tuple[int, int], str]) -> str:
        return "".join(texts.get(m, "") for e in self.walk() for m in e.mcids)


@dataclass
class Marked:
    """One page's content stream, as marked content: MCIDs in order, and what was painted where."""

    mcids: list[int] = field(default_factory=list)
    unmarked: list[bytes] = field(default_factory=list)  # painting operators outside any marked content
    nested_mcid: int = 0  # MCIDs inside an artifact or another MCID
    unbalanced: bool = False


class Structure:
    def __init__(self, path: Path | str):
        self.reader = PdfReader(str(path))
        self.catalog = self.reader.trailer["/Root"]
        self.pages = self.reader.pages
        self._page_index = {p.indirect_reference.idnum: i for i, p in enumerate(self.pages)}
        root = self.catalog.get("/StructTreeRoot")
        self.root = root.get_object() if root is not None else None
        self.document: Element | None = None
        if self.root is not None:
            kids = self.root["/K"]
            kids = kids if isinstance(kids, ArrayObject) else [kids]
            self.top = [self._element(k, None) for k in kids]
            self.document = self.top[0]

    def page_of(self, ref) -> int:
        return self._page_index[ref.idnum]

    def _element(self, ref, parent: Element | None) -> Element:
        d = ref.get_object()
        attrs = d.get("/A")
        e = Element(str(d["/S"])[1:], str(d["/Alt"]) if "/Alt" in d else None,
                    dict(attrs.get_object()) if attrs is not None else {}, parent=parent, ref=ref)
        pg = d.get("/Pg")
        kids = d.get("/K")
        if kids is None:
            return e
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        for k in kids:
            if isinstance(k, int):
                e.mcids.append((self.page_of(pg), int(k)))
                continue
            kd = k.get_object()
            t = kd.get("/Type")
            if t == "/MCR":
                e.mcids.append((self.page_of(kd.get("/Pg", pg)), int(kd["/MCID"])))
            elif t == "/OBJR":
                e.annotations.append((self.page_of(kd.get("/Pg", pg)), kd["/Obj"].get_object()))
            else:
                e.kids.append(self._element(k, e))
        return e

    def elements(self, tag: str | None = None) -> list[Element]:
        if self.document is None:
            return []
        return [e for e in self.document.walk() if tag is None or e.tag == tag]

    def marked(self, index: int) -> Marked:
        page = self.pages[index]
        out = Marked()
        stack: list[int | None] = []  # MCID, or None for an artifact or other marked content
        ops = ContentStream(page.get_contents(), self.reader).operations
        for operands, op in ops:
            if op == b"BDC" or op == b"BMC":
                mcid = None
                if op == b"BDC" and isinstance(operands[1], DictionaryObject) and "/MCID" in operands[1]:
                    mcid = int(operands[1]["/MCID"])
                    if stack:
                        out.nested_mcid += 1
                    out.mcids.append(mcid)
                stack.append(mcid)
            elif op == b"EMC":
                if not stack:
                    out.unbalanced = True
                else:
                    stack.pop()
            elif op in PAINTING and not stack:
                out.unmarked.append(op)
        if stack:
            out.unbalanced = True
        return out

    def texts(self) -> dict[tuple[int, int], str]:
        """The text drawn in each MCID, by (page index, MCID); artifacts' text under (page, -1)."""
        found: dict[tuple[int, int], str] = {}
        for index, page in enumerate(self.pages):
            stack: list[int] = []

            def before(op, args, cm, tm, stack=stack):
                if op in (b"BDC", b"BMC"):
                    mcid = -1
                    if op == b"BDC" and isinstance(args[1], DictionaryObject) and "/MCID" in args[1]:
                        mcid = int(args[1]["/MCID"])
                    stack.append(mcid if mcid >= 0 else (stack[-1] if stack and stack[-1] >= 0 else -1))
                elif op == b"EMC" and stack:
                    stack.pop()

            def text(t, cm, tm, font, size, stack=stack, index=index):
                key = (index, stack[-1] if stack else -2)
                found[key] = found.get(key, "") + t

            page.extract_text(visitor_operand_before=before, visitor_text=text)
        return found

    def parent_tree(self) -> dict[int, object]:
        """The ParentTree's entries by key (a flat /Nums array)."""
        nums = self.root["/ParentTree"].get_object()["/Nums"]
        return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def ref_id(ref) -> int:
    return ref.idnum if isinstance(ref, IndirectObject) else id(ref)


ALLOWED_KIDS = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "TR": {"TH", "TD"},
    "L": {"LI", "Caption"},
    "LI": {"Lbl", "LBody", "L"},
    "TOC": {"TOCI", "TOC", "Caption"},
}
ALLOWED_PARENTS = {"TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"}, "LI": {"L"},
                   "LBody": {"LI"}, "TOCI": {"TOC"}}


def problems(s: Structure, language: str) -> list[str]:
    """What makes ``s`` fall short of a tagged PDF by the project's own checks (no veraPDF here):
    the catalog's entries, every page's content marked (as an element's MCID or an artifact), every
    MCID referenced once from the tree and back from the ParentTree, the link annotations in Link
    elements with a description, the grouping elements' children, figures' alternative text."""
    out: list[str] = []
    cat = s.catalog
    if s.root is None:
        return ["no StructTreeRoot"]
    mark = cat.get("/MarkInfo")
    if mark is None or not bool(mark.get_object().get("/Marked", False)):
        out.append("MarkInfo /Marked is not true")
    if str(cat.get("/Lang", "")) != language:
        out.append(f"Lang is {cat.get('/Lang')!r}, not {language!r}")
    prefs = cat.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get_object().get("/DisplayDocTitle", False)):
        out.append("DisplayDocTitle is not set")
    if not str((s.reader.metadata or {}).get("/Title", "")).strip():
        out.append("no document title")
    if s.document is None or s.document.tag != "Document":
        out.append("the tree's root element is not a Document")
    referenced: dict[tuple[int, int], list[Element]] = {}
    for e in s.elements():
        for m in e.mcids:
            referenced.setdefault(m, []).append(e)
    content: set[tuple[int, int]] = set()
    parent_tree = s.parent_tree()
    for i, page in enumerate(s.pages):
        m = s.marked(i)
        if m.unmarked:
            out.append(f"page {i + 1}: {len(m.unmarked)} painting operators outside marked content ({m.unmarked[:3]})")
        if m.nested_mcid:
            out.append(f"page {i + 1}: {m.nested_mcid} MCIDs inside other marked content")
        if m.unbalanced:
            out.append(f"page {i + 1}: BMC/BDC and EMC do not balance")
        if len(set(m.mcids)) != len(m.mcids):
            out.append(f"page {i + 1}: an MCID is used twice")
        content |= {(i, k) for k in m.mcids}
        key = page.get("/StructParents")
        if m.mcids and key is None:
            out.append(f"page {i + 1}: no /StructParents")
        elif key is not None:
            arr = parent_tree.get(int(key))
            arr = arr.get_object() if arr is not None else []
            for k in m.mcids:
                back = arr[k] if k < len(arr) else None
                owners = referenced.get((i, k), [])
                if back is None or not owners or ref_id(back) != ref_id(owners[0].ref):
                    out.append(f"page {i + 1}: the ParentTree does not lead MCID {k} to its element")
        annots = page.get("/Annots") or []
        if annots and page.get("/Tabs") != "/S":
            out.append(f"page {i + 1}: annotations but no /Tabs /S")
        for a in annots:
            a = a.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            if not str(a.get("/Contents", "")).strip():
                out.append(f"page {i + 1}: a link without /Contents")
            key = a.get("/StructParent")
            link = parent_tree.get(int(key)) if key is not None else None
            if link is None or link.get_object().get("/S") != "/Link":
                out.append(f"page {i + 1}: a link annotation outside a Link element")
    for m, owners in referenced.items():
        if len(owners) > 1:
            out.append(f"MCID {m} referenced by {len(owners)} elements")
    missing, dangling = content - set(referenced), set(referenced) - content
    if missing:
        out.append(f"{len(missing)} MCIDs drawn but not in the tree, e.g. {sorted(missing)[:3]}")
    if dangling:
        out.append(f"{len(dangling)} MCIDs in the tree but not drawn, e.g. {sorted(dangling)[:3]}")
    for e in s.elements():
        kids = {k.tag for k in e.kids}
        if e.tag in ALLOWED_KIDS and not kids <= ALLOWED_KIDS[e.tag]:
            out.append(f"{e.tag} holds {sorted(kids - ALLOWED_KIDS[e.tag])}")
        if e.tag in ALLOWED_PARENTS and (e.parent is None or e.parent.tag not in ALLOWED_PARENTS[e.tag]):
            out.append(f"{e.tag} under {e.parent.tag if e.parent else None}")
        if e.tag == "Figure" and not (e.alt or "").strip():
            out.append("a Figure without /Alt")
        if e.tag == "TH" and "/Scope" not in e.attributes:
            out.append("a TH without /Scope")
        if e.tag == "Table":
            widths = {len(r.kids) for r in e.kids if r.tag == "TR"}
            if len(widths) > 1:
                out.append(f"a table's rows have {sorted(widths)} cells")
    return out
