"""Tagged PDF, the file side: the structure tree of a report, written into the PDF reportlab made.

reportlab writes no structure tree, so once it has written the file this module opens it with
pikepdf and adds, from what the layout's :class:`~deckbuild.render.pdf.tagging.Tagger` recorded:

* the ``StructTreeRoot``: a ``Document`` element whose descendants are the report's nodes in
  reading order, each marked-content sequence referenced once (by MCID, with its page), list
  items gathered into ``L`` > ``LI`` > ``LBody`` (nested by level) and contents entries into a
  ``TOC``; header cells with ``/Scope``, figures with ``/Alt``;
* each link annotation in a ``Link`` element under the element it was drawn in, with a
  ``/Contents`` that says where it goes, and its ``/StructParent``;
* the ``ParentTree`` (page → the elements of its MCIDs; annotation → its ``Link``), each page's
  ``/StructParents`` and ``/Tabs /S``;
* ``/MarkInfo <</Marked true>>``, ``/Lang`` and ``/ViewerPreferences <</DisplayDocTitle true>>``.

The file is saved with a deterministic ``/ID``, its objects and streams otherwise as they were:
the same report gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from deckbuild.render.pdf.tagging import Link, Node, Tagger


@dataclass
class Tree:
    """The structure of one layout pass: each node's children in reading order, and its
    marked content as (page, MCID)."""

    root: Node
    kids: dict[int, list[Node]] = field(default_factory=dict)
    content: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    parent: dict[int, Node] = field(default_factory=dict)

    def children(self, node: Node) -> list[Node]:
        if node.whole:
            return list(node.kids)
        return self.kids.get(id(node), [])


def assemble(tagger: Tagger) -> Tree:
    """The tree of what ``tagger`` recorded: nodes in the order their content was first drawn
    (a table's rows and cells in their own order, empty ones too), lists and contents gathered."""
    root = Node("Document")
    tree = Tree(root)
    placed: set[int] = set()
    lists: dict[int, list[list[Node]]] = {}  # container → [L, its last LI] per open level
    tocs: dict[int, Node] = {}

    def append(parent: Node, node: Node) -> None:
        tree.kids.setdefault(id(parent), []).append(node)
        tree.parent[id(node)] = parent

    def last(container: Node) -> Node | None:
        kids = tree.kids.get(id(container))
        return kids[-1] if kids else None

    def group_parent(node: Node, container: Node) -> Node:
        if node.group == "TOC":
            toc = tocs.get(id(container))
            if toc is None or last(container) is not toc:
                toc = tocs[id(container)] = Node("TOC")
                append(container, toc)
            return toc
        stack = lists.get(id(container), [])
        if not stack or last(container) is not stack[0][0]:
            stack = []
        depth = min(node.level, len(stack))  # a list cannot open two levels down at once
        del stack[depth + 1:]
        if len(stack) == depth:
            host = stack[-1][1] if stack else container
            new = Node("L")
            append(host, new)
            stack.append([new, new])
        item = Node("LI")
        append(stack[depth][0], item)
        stack[depth][1] = item
        lists[id(container)] = stack
        return item

    def place(node: Node) -> None:
        if id(node) in placed:
            return
        placed.add(id(node))
        container = node.parent or root
        if container is not root:
            place(container)
        parent = group_parent(node, container) if node.group else container
        if parent.whole:
            tree.parent[id(node)] = parent
        else:
            append(parent, node)

    for c in tagger.contents:
        place(c.node)
        tree.content.setdefault(id(c.node), []).append((c.page, c.mcid))
    return tree


def describer(names: Mapping[str, str]) -> Callable[[Link], str]:
    """What a link's annotation says it goes to: a URI itself, a destination by ``names`` (its
    name when it has none)."""

    def describe(link: Link) -> str:
        return link.target if link.uri else names.get(link.target, link.target)

    return describe


def write(pdf: pikepdf.Pdf, tagger: Tagger, language: str, describe: Callable[[Link], str]) -> bytes:
    """The bytes of ``pdf`` (as reportlab wrote it with ``tagger``'s canvas) with its structure tree."""
    tree = assemble(tagger)
    pages = [p.obj for p in pdf.pages]
    struct_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    elements: dict[int, Dictionary] = {}
    by_page: dict[int, dict[int, Dictionary]] = {}  # page → MCID → element

    def element(node: Node, parent: Dictionary) -> Dictionary:
        e = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.tag), P=parent))
        elements[id(node)] = e
        kids = Array()
        content = tree.content.get(id(node), [])
        if content:
            first = content[0][0]
            e.Pg = pages[first - 1]
            for page, mcid in content:
                by_page.setdefault(page, {})[mcid] = e
                kids.append(mcid if page == first else Dictionary(Type=Name.MCR, Pg=pages[page - 1], MCID=mcid))
        if node.alt:
            e.Alt = String(node.alt)
        if node.scope:
            e.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        for k in tree.children(node):
            kids.append(element(k, e))
        if len(kids):
            e.K = kids
        return e

    document = element(tree.root, struct_root)
    struct_root.K = document

    nums = Array()
    for index, page in enumerate(pages, start=1):
        marked = by_page.get(index, {})
        nums.append(index - 1)
        nums.append(Array([marked[m] for m in sorted(marked)]))
        page.StructParents = index - 1
        page.Tabs = Name.S
    key = len(pages)
    for index, page in enumerate(pages, start=1):
        annots = page.get("/Annots")
        links = [lk for lk in tagger.links if lk.page == index]
        if annots is None or len(annots) != len(links):
            if annots is not None or links:
                raise ValueError(f"page {index}: {len(annots or [])} annotations, {len(links)} links recorded")
            continue
        for annot, lk in zip(annots, links):
            host = elements.get(id(lk.node)) if lk.node is not None else None
            host = host if host is not None else document
            link = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=host, Pg=page,
                                                K=Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)))
            if "/K" in host:
                host.K.append(link)
            else:
                host.K = Array([link])
            annot.StructParent = key
            annot.Contents = String(describe(lk))
            nums.append(key)
            nums.append(link)
            key += 1
    struct_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    struct_root.ParentTreeNextKey = key

    pdf.Root.StructTreeRoot = struct_root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(language)
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None:
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    else:
        prefs.DisplayDocTitle = True
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False)  # XMP as metadata.py wrote it
    return out.getvalue()
