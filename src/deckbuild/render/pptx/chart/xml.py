"""Chart XML fragments and fonts: fills, run properties and c:txPr naming the theme font for
latin, East-Asian and complex-script text (a:latin, a:ea, a:cs) with the chart's language;
parsing fragments; inserting into a c:ser in schema order."""

from __future__ import annotations

from xml.sax.saxutils import escape

from lxml import etree

from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.chart.context import ChartContext
from deckbuild.render.pptx.ns import nsdecls, qn

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted XML attribute."""
    return escape(value, {'"': "&quot;"})


def fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"/></a:solidFill>'


def num_fmt(code: str) -> str:
    return f'<c:numFmt formatCode="{attr(code)}" sourceLinked="0"/>'


def rpr(ctx: ChartContext, tag: str = "a:defRPr", size: float | None = None, color: str | None = None,
        bold: bool = False) -> str:
    sz = f' sz="{int(round((size or ctx.size) * 100))}"'
    b = ' b="1"' if bold else ' b="0"'
    latin, ea, cs = (attr(face) for face in ctx.faces)
    return (f'<{tag} lang="{ctx.lang}"{sz}{b}>{fill(color or ctx.theme.colors.text)}<a:latin typeface="{latin}"/>'
            f'<a:ea typeface="{ea}"/><a:cs typeface="{cs}"/></{tag}>')


def txpr(ctx: ChartContext, size: float | None = None, color: str | None = None, bold: bool = False,
         rot: int | None = None) -> str:
    r = f' rot="{rot}" vert="horz"' if rot is not None else ""
    return (f'<c:txPr><a:bodyPr{r}/><a:lstStyle/><a:p><a:pPr>{rpr(ctx, size=size, color=color, bold=bold)}'
            f'</a:pPr><a:endParaRPr lang="{ctx.lang}"/></a:p></c:txPr>')


def el(xml: str):
    """One element parsed from ``xml`` (c: and a: prefixes declared)."""
    return ooxml.parse_fragment(f'<c:wrap {nsdecls("c", "a")}>{xml}</c:wrap>')[0]


def els(xml: str) -> list:
    """Every element parsed from ``xml`` (c: and a: prefixes declared)."""
    return list(ooxml.parse_fragment(f'<c:wrap {nsdecls("c", "a")}>{xml}</c:wrap>'))


# -- schema-ordered insertion into c:ser ------------------------------------------------

_SER_ORDER = ("c:idx", "c:order", "c:tx", "c:spPr", "c:invertIfNegative", "c:pictureOptions", "c:marker",
              "c:dPt", "c:dLbls", "c:trendline", "c:errBars", "c:cat", "c:val", "c:xVal", "c:yVal",
              "c:smooth", "c:shape", "c:bubbleSize", "c:bubble3D", "c:explosion", "c:extLst")


def clear(parent, tags) -> None:
    """Remove ``parent``'s children with any of ``tags``."""
    for t in tags:
        for e in parent.findall(qn(t)):
            parent.remove(e)


def insert(ser, child) -> None:
    """Insert ``child`` into the c:ser element ``ser`` where the schema orders it."""
    rank = {qn(t): r for r, t in enumerate(_SER_ORDER)}
    mine = rank.get(child.tag, 99)
    for other in ser:
        if rank.get(other.tag, 99) > mine:
            other.addprevious(child)
            return
    ser.append(child)


# -- fonts ---------------------------------------------------------------------------------


_TEXT_PROPERTIES = etree.XPath(".//a:defRPr|.//a:rPr|.//a:endParaRPr", namespaces={"a": _A})


def apply_fonts(root, faces: tuple[str, str, str], lang: str) -> None:
    """Every run/default property in the chart names ``faces`` for latin, East-Asian and complex
    script text, with the language: a:latin, a:ea and a:cs in schema order."""
    order = ["ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst", "effectDag",
             "highlight", "uLnTx", "uLn", "uFillTx", "uFill"]
    for e in _TEXT_PROPERTIES(root):
        if not e.get("lang"):
            e.set("lang", lang)
        for tag in ("latin", "ea", "cs"):
            for old in e.findall(f"{{{_A}}}{tag}"):
                e.remove(old)
        pos = 0
        for i, child in enumerate(e):
            local = etree.QName(child).localname
            if local in order:
                pos = i + 1
        for k, tag in enumerate(("latin", "ea", "cs")):
            new = etree.SubElement(e, f"{{{_A}}}{tag}")
            new.set("typeface", faces[k])
            e.remove(new)
            e.insert(pos + k, new)
