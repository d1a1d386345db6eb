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
