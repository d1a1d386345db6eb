"""Rich text of the model → reportlab paragraph markup, with every user character escaped.

User text is never markup: ``<font>``, ``<img src=…>`` and ``&amp;`` written in an
outline come out literally. Only the tags built here reach reportlab's parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from xml.sax.saxutils import escape

from deckbuild.model import links
from deckbuild.model.deck import Rich, Source

# C0/C1 control characters (other than tab and newline) have no glyph and upset the parser.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def text(s: str) -> str:
    """Plain text as paragraph markup: escaped, control characters dropped, newlines kept."""
    s = _CONTROL.sub("", s).replace("\t", " ")
    return "<br/>".join(escape(part) for part in s.split("\n"))


def attr(s: str) -> str:
    """A value for a double-quoted markup attribute."""
    return escape(_CONTROL.sub("", s), {'"': "&quot;", "'": "&apos;"})


def safe_href(href: str | None, anchors: Set[str] = frozenset()) -> str | None:
    """The report's link target for ``href``: an address the allow-list of ``deckbuild.model.links``
    permits, or ``#id`` of a slide in ``anchors`` (as the destination ``slide_anchor`` names);
    None for anything else."""
    if not href:
        return None
    if href.startswith("#"):
        return "#" + slide_anchor(href[1:]) if href[1:] in anchors else None
    return links.allowed(href)


def link(label_markup: str, href: str | None, color: str, anchors: Set[str] = frozenset()) -> str:
    target = safe_href(href, anchors)
    if not target:
        return label_markup
    return f'<a href="{attr(target)}" color="{attr(color)}">{label_markup}</a>'


def rich(r: Rich, *, link_color: str, code_color: str = "", code_back: str = "",
         anchors: Set[str] = frozenset()) -> str:
    """One paragraph of rich text as markup; ``anchors``: the slide ids a '#id' link may name."""
    out = []
    for span in r.spans:
        m = text(span.text)
        if not m:
            continue
        if span.code and (code_color or code_back):
            attrs = (f' color="{attr(code_color)}"' if code_color else "") + (
                f' backColor="{attr(code_back)}"' if code_back else "")
            m = f"<font{attrs}>{m}</font>"
        if span.italic:
            m = f"<i>{m}</i>"
        if span.bold:
            m = f"<b>{m}</b>"
        if span.href:
            m = link(m, span.href, link_color, anchors)
        out.append(m)
    return "".join(out)


def citations(sources: Iterable[Source], link_color: str) -> str:
    """``[1][3]`` with each number linking to its entry in the source list."""
    seen: list[int] = []
    for s in sources:
        if s.number not in seen:
            seen.append(s.number)
    return "".join(
        f'<a href="#{source_anchor(n)}" color="{attr(link_color)}">[{n}]</a>' for n in sorted(seen))


def source_anchor(number: int) -> str:
    return f"source-{number}"


def slide_anchor(slide_id: str) -> str:
    """The report's destination for the slide of ``slide_id`` (no clash with 'hN', 'source-N')."""
    return f"slide-{slide_id}"


def destination(slide_id: str) -> str:
    """Markup that makes the place it starts ``slide_id``'s destination ('' without an id)."""
    return f'<a name="{attr(slide_anchor(slide_id))}"/>' if slide_id else ""
