"""Hyperlinks on slides: web and mail links as python-pptx writes them, and ``#id`` links
as jumps to the slide of that id (``ppaction://hlinksldjump``).

A run is given its link while its slide is written, before every slide exists: a jump
first holds the target's id in place of its relationship id, and ``resolve_jumps``, once
every slide is made, relates the slide to its target. Every target passes the allow-list
of ``deckbuild.model.links`` here again, whoever made the model.
"""

from __future__ import annotations

from collections.abc import Iterable

from pptx.slide import Slide

from deckbuild.model import links
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.ns import qn

JUMP = "ppaction://hlinksldjump"
_HLINK, _RID = qn("a:hlinkClick"), qn("r:id")


def set_link(run, href: str) -> bool:
    """Make ``run`` (a python-pptx run) a link to ``href``; False when it may not be one."""
    if href.startswith("#"):
        if not links.ANCHOR.fullmatch(href[1:]):
            return False
        hlink = ooxml.add_click_link(run, href)  # the target's id: replaced by resolve_jumps
        hlink.set("action", JUMP)
        return True
    target = links.allowed(href)
    if target is None:
        return False
    run.hyperlink.address = target
    return True


def resolve_jumps(slides: Iterable[tuple[str, Slide]]) -> None:
    """Relate each ``#id`` link to the slide of that id; a link to no slide becomes plain text.
    ``slides``: (id, python-pptx slide) of every slide, in order."""
    slides = list(slides)
    by_id = {sid: slide for sid, slide in slides if sid}
    for _, slide in slides:
        for hlink in slide.element.iter(_HLINK):
            rid = hlink.get(_RID, "")
            if not rid.startswith("#"):
                continue
            target = by_id.get(rid[1:])
            if target is None:
                hlink.getparent().remove(hlink)
            else:
                hlink.set(_RID, ooxml.relate(slide, target))
