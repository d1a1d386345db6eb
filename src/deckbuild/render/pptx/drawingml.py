"""The DrawingML that slide text is made of, written with lxml directly: runs, line breaks,
paragraphs, text-frame properties and shape positions.

python-pptx's property setters find each element with an XPath query; a 1,000-slide deck
makes hundreds of thousands of them. These functions make the same elements in the same
order (so the XML is the same, byte for byte) on python-pptx's own element classes (new
elements are made with ``makeelement`` on an element python-pptx parsed).
"""

from __future__ import annotations

import re

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
T_P, T_R, T_RPR, T_T, T_BR, T_FLD = (A + t for t in ("p", "r", "rPr", "t", "br", "fld"))
T_PPR, T_END = A + "pPr", A + "endParaRPr"
T_SOLID, T_SRGB = A + "solidFill", A + "srgbClr"
T_BODYPR, T_XFRM, T_OFF, T_EXT = A + "bodyPr", A + "xfrm", A + "off", A + "ext"
_AUTOFIT = (A + "noAutofit", A + "normAutofit", A + "spAutoFit")
_AFTER_AUTOFIT = tuple(A + t for t in ("scene3d", "sp3d", "flatTx", "extLst"))
ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
_CTRL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def _escape(text: str) -> str:
    """Control characters as PowerPoint writes them (_x0007_), as python-pptx does."""
    return _CTRL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text) if _CTRL.search(text) else text


def _before_end(p, el) -> None:
    """Append ``el`` to paragraph ``p``, before its end-of-paragraph properties if any."""
    end = p.find(T_END)
    if end is None:
        p.append(el)
    else:
        end.addprevious(el)


def new_run(p, text: str, size: float, bold: bool, italic: bool, color: str):
    """``<a:r><a:rPr sz b i><a:solidFill><a:srgbClr/></a:solidFill></a:rPr><a:t/></a:r>``
    appended to paragraph ``p``; returns the a:r element."""
    r = p.makeelement(T_R, {})
    rpr = r.makeelement(T_RPR, {"sz": str(int(size * 12700) // 127), "b": "1" if bold else "0",
                                "i": "1" if italic else "0"})
    fill = rpr.makeelement(T_SOLID, {})
    fill.append(fill.makeelement(T_SRGB, {"val": color.lstrip("#").upper()}))
    rpr.append(fill)
    r.append(rpr)
    t = r.makeelement(T_T, {})
    t.text = _escape(text)
    r.append(t)
    _before_end(p, r)
    return r


def new_break(p) -> None:
    _before_end(p, p.makeelement(T_BR, {}))


def new_paragraph(txbody):
    """A new, empty a:p at the end of a text body."""
    p = txbody.makeelement(T_P, {})
    txbody.append(p)
    return p


def clear_text(txbody) -> None:
    """What python-pptx's TextFrame.clear() does: one paragraph left, without its runs."""
    paras = txbody.findall(T_P)
    for p in paras[1:]:
        txbody.remove(p)
    if paras:
        for child in list(paras[0]):
            if child.tag in (T_R, T_BR, T_FLD):
                paras[0].remove(child)


def body_properties(txbody, anchor: str, wrap: bool) -> None:
    """Word wrap, no autofit, no insets, the vertical anchor, set in python-pptx's order."""
    bp = txbody.find(T_BODYPR)
    bp.set("wrap", "square" if wrap else "none")
    for el in bp:
        if el.tag in _AUTOFIT:
            bp.remove(el)
    fit = bp.makeelement(_AUTOFIT[0], {})
    later = next((el for el in bp if el.tag in _AFTER_AUTOFIT), None)
    if later is None:
        bp.append(fit)
    else:
        later.addprevious(fit)
    for name in ("lIns", "rIns", "tIns", "bIns"):
        bp.set(name, "0")
    bp.set("anchor", ANCHORS[anchor])


def place_sp(sp, x: int, y: int, w: int, h: int) -> bool:
    """Move an autoshape (p:sp) to a box in EMU; False for other shapes."""
    if sp.tag != P_NS + "sp":
        return False
    sppr = sp.find(P_NS + "spPr")
    if sppr is None:
        return False
    xfrm = sppr.find(T_XFRM)
    if xfrm is None:  # python-pptx's get_or_add_xfrm: the first child of p:spPr
        xfrm = sppr.makeelement(T_XFRM, {})
        sppr.insert(0, xfrm)
    off, ext = xfrm.find(T_OFF), xfrm.find(T_EXT)
    if off is None:
        off = xfrm.makeelement(T_OFF, {})
        xfrm.insert(0, off)
    off.set("x", str(x))
    off.set("y", str(y))
    if ext is None:
        ext = xfrm.makeelement(T_EXT, {})
        off.addnext(ext)
    ext.set("cx", str(w))
    ext.set("cy", str(h))
    return True


def shape_tree(root):
    """The p:spTree of a slide, layout, master or notes page element (p:cSld/p:spTree), found
    without ElementPath."""
    return next(next(root.iterchildren(P_NS + "cSld")).iterchildren(P_NS + "spTree"))


def end_properties(p):
    """The paragraph's a:endParaRPr (its last child), added when missing."""
    end = next(p.iterchildren(T_END), None)
    if end is None:
        end = p.makeelement(T_END, {})
        p.append(end)
    return end
