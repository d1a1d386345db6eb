"""Pagination of the report: where a page may end.

A :class:`Keep` holds a run of the story (a part, with its subsections) and splits it at
the last place on the page where

* a heading (the part and subsection headings, "Key points", a figure's or a table's title)
  has at least two lines of what follows it below it, so no heading ends a page;
* the run of text a page ends with has at least two lines (no orphaned list item), and the
  text a page starts with has at least two lines before the next heading or source note (no
  widowed list item, no paragraph's last line alone);
* a source note or caption is not the first thing on a page, away from its block.

Paragraphs themselves split by reportlab's widow and orphan control (the styles allow
neither). A :class:`Float` is a figure that may float: when it does not fit in what is left
of a page, the text after it fills the page and the figure opens the next one (the document
template defers it; see ``doc.ReportDoc``). Every part of a split keep is handed back to the
document one by one, so that headings stay flowables of the story (their outline entries
and contents lines are made as each is drawn).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable

from deckbuild.render.pdf.rl_internals import FUZZ, overlaps_space

HUGE = float(0xFFFFFF)  # what a keep says it needs: it is always split into its parts


class Role(enum.Enum):
    HEAD = "head"  # a heading, a subtitle under it, a rule: stays with what follows
    TAIL = "tail"  # a source note or caption: stays with what precedes
    TEXT = "text"  # a paragraph or a long table: splits by its own rules
    SOLID = "solid"  # a block that moves whole (a panel, two columns, a quote)
    FLOAT = "float"  # a figure that may float to the top of the next page
    SPACE = "space"  # white space


@dataclass(frozen=True)
class Item:
    flowable: Flowable
    role: Role


def _lines(f: Flowable, role: Role, height: float, line: float) -> float:
    """How many lines of text ``f`` (``height`` tall) counts as; a block that moves whole counts as
    enough."""
    if role in (Role.SOLID, Role.FLOAT):
        return 2.0
    if role is not Role.TEXT:
        return 0.0
    leading = f.style.leading if isinstance(f, Paragraph) else line
    return round(height / leading) if leading else 0.0


class Float(Flowable):
    """A figure (title, drawing, caption) drawn as one block, which never splits: the document
    template places it where it fits, or defers it to the top of the next page."""

    def __init__(self, flowables: Sequence[Flowable]):
        super().__init__()
        self.flowables = tuple(flowables)
        self._sizes: list[tuple[float, float]] = []

    def _gaps(self) -> list[float]:
        return [0.0] + [max(a.getSpaceAfter(), b.getSpaceBefore()) if overlaps_space()
                        else a.getSpaceAfter() + b.getSpaceBefore()
                        for a, b in zip(self.flowables, self.flowables[1:])]

    def wrap(self, availWidth, availHeight):
        self._sizes = [f.wrap(availWidth, HUGE) for f in self.flowables]
        self.width = availWidth
        self.height = sum(h for _, h in self._sizes) + sum(self._gaps())
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.flowables[0].getSpaceBefore() if self.flowables else 0.0

    def getSpaceAfter(self) -> float:
        return self.flowables[-1].getSpaceAfter() if self.flowables else 0.0

    def split(self, availWidth, availHeight):
        return []

    def draw(self) -> None:
        y = self.height
        for f, (w, h), gap in zip(self.flowables, self._sizes, self._gaps()):
            y -= gap + h
            align = str(getattr(f, "hAlign", "LEFT")).upper()
            x = (self.width - w) / 2 if align in ("CENTER", "CENTRE") else self.width - w if align == "RIGHT" else 0
            f.drawOn(self.canv, x, y)


class FloatBarrier(Flowable):
    """Nothing on the page: deferred figures are placed before it (the end of the story)."""

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self) -> None:
        pass


@dataclass
class _Placed:
    index: int  # in the keep's items
    item: Item
    height: float
    deferred: bool = False  # a figure that did not fit: the document places it on the next page


class Keep(Flowable):
    """A run of the story that ends a page only where the rules above allow (``frame_height``:
    the height of a page's text area, to tell the top of a page; ``line``: the body text's line
    height, to count the lines of a long table). A keep that ``closes`` before a page break (the
    end of a part) leaves at least a fifth of a page for its last page when it can (no runt of
    two lines on a page of its own), as long as the page before stays 60 % full."""

    RUNT = 0.2  # of a page: the least a part's last page should hold
    FULL = 0.6  # of a page: the least the page before it should keep

    def __init__(self, items: Sequence[Item], frame_height: float, line: float, closes: bool = False):
        super().__init__()
        self.items = tuple(items)
        self.frame_height = frame_height
        self.line = line
        self.closes = closes  # a page break follows: its last page should not be a runt
        for it in self.items:  # the keep decides what stays together, not the styles' keepWithNext
            it.flowable.keepWithNext = 0

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, HUGE
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.items[0].flowable.getSpaceBefore() if self.items else 0.0

    def draw(self) -> None:  # never drawn: always split
        pass

    # --- splitting ------------------------------------------------------------------------

    def split(self, availWidth, availHeight):
        at_top = availHeight >= self.frame_height - 1
        placed, cut = self._fill(availWidth, availHeight, at_top)
        if cut is None:
            return [NullActionFlowable()] + [it.flowable for it in self.items]
        index, parts = cut
        candidates: list[tuple[list[Item], list[Item]]] = []
        if len(parts) >= 2:
            role = self.items[index].role
            candidates.append(([p.item for p in placed] + [Item(parts[0], role)],
                               [Item(p, role) for p in parts[1:]] + list(self.items[index + 1:])))
        for j in range(len(placed), 0, -1):
            k = placed[j - 1].index + 1
            candidates.append(([p.item for p in placed[:j]], list(self.items[k:])))
        away = {id(p.item.flowable) for p in placed if p.deferred}
        good = []
        for first, rest in candidates:
            shown = [it for it in first if id(it.flowable) not in away]
            if self._ends_well(shown, availWidth) and self._starts_well(rest, availWidth):
                if not self.closes:
                    return self._parts(first, rest)
                good.append((first, rest, shown))
        if good:
            return self._parts(*self._no_runt(good, availWidth, availHeight))
        if at_top:  # nowhere good on a whole page: the most that fits
            for first, rest in candidates:
                if any(it.role is not Role.SPACE and id(it.flowable) not in away for it in first):
                    return self._parts(first, rest)
            return [NullActionFlowable()] + [it.flowable for it in self.items]
        return [FrameBreak(), self._rest(list(self.items))]

    def _height(self, items: Sequence[Item], width: float, limit: float) -> float:
        """The height of ``items`` stacked (their spaces between them overlapping), measured up to
        ``limit`` (a long rest is not measured to its end)."""
        total, after = 0.0, None
        for it in items:
            if total >= limit:
                break
            f = it.flowable
            _, h = f.wrap(width, self.frame_height)
            if after is not None:
                total += max(after, f.getSpaceBefore())
            total += h
            after = f.getSpaceAfter()
        return total

    def _no_runt(self, good: list[tuple[list[Item], list[Item], list[Item]]], width: float, room: float
                 ) -> tuple[list[Item], list[Item]]:
        """Of the places a page may end (latest first), the latest that leaves the last page a fifth
        full, or else the one that leaves it fullest, keeping this page 60 % full."""
        used = self.frame_height - room
        best = None
        for k, (first, rest, shown) in enumerate(good):
            full = self.FULL * self.frame_height
            if k and used + self._height(shown, width, full) < full:
                break
            on_page = {id(it.flowable) for it in shown}
            moved = [it for it in first if id(it.flowable) not in on_page] + rest  # deferred figures go on too
            left = self._height(moved, width, self.RUNT * self.frame_height)
            if left >= self.RUNT * self.frame_height or not rest:
                return first, rest
            if best is None or left > best[0]:
                best = (left, first, rest)
        assert best is not None
        return best[1], best[2]

    def _fill(self, width: float, height: float, at_top: bool
              ) -> tuple[list[_Placed], tuple[int, list[Flowable]] | None]:
        """What fits in ``height`` the way a frame places it, and where it runs out: the index of the
        first item that does not fit and its parts split to the room left (None: all fit)."""
        placed: list[_Placed] = []
        y = height
        after: float | None = None  # the space after the last item placed (None: none placed yet)
        floating = False
        for i, it in enumerate(self.items):
            f = it.flowable
            if after is None:
                s = 0.0 if not placed else f.getSpaceBefore()
            else:
                s = max(f.getSpaceBefore() - after, 0.0) if overlaps_space() else f.getSpaceBefore()
            room = y - s
            if it.role is Role.FLOAT and floating:
                placed.append(_Placed(i, it, 0.0, True))
                continue
            if room <= 0:
                return placed, (i, [])
            _, h = f.wrap(width, room)
            if h <= room + FUZZ:
                placed.append(_Placed(i, it, h))
                after = f.getSpaceAfter()
                y = room - h - after
                continue
            shown = [p for p in placed if p.item.role is not Role.SPACE and not p.deferred]
            if it.role is Role.FLOAT and shown and shown[-1].item.role is Role.HEAD:
                return placed, (i, [])  # a figure right under its heading moves with it
            if it.role is Role.FLOAT and not (at_top and not placed):
                placed.append(_Placed(i, it, 0.0, True))
                floating = True
                continue
            parts = f.split(width, room) if it.role is Role.TEXT else []
            return placed, (i, list(parts))
        return placed, None

    def _count(self, f: Flowable, role: Role, width: float) -> float:
        _, h = f.wrap(width, self.frame_height)
        return _lines(f, role, h, self.line)

    def _ends_well(self, first: list[Item], width: float) -> bool:
        """Whether a page may end after ``first``: something is on it, and the run of text after its
        last heading or note has two lines at least (none, when it ends with a note)."""
        solid = [it for it in first if it.role is not Role.SPACE]
        if not solid:
            return False
        if solid[-1].role is Role.TAIL:
            return True
        run: list[Item] = []
        for it in reversed(solid):
            if it.role in (Role.HEAD, Role.TAIL):
                break
            run.append(it)
        return sum(self._count(it.flowable, it.role, width) for it in run) >= 2

    def _starts_well(self, rest: list[Item], width: float) -> bool:
        """Whether a page may start with ``rest``: not with a note, and with two lines of text at
        least before the next heading or note (or with a heading)."""
        solid = [it for it in rest if it.role is not Role.SPACE]
        if not solid or solid[0].role is Role.HEAD:
            return True
        if solid[0].role is Role.TAIL:
            return False
        lines = 0.0
        for it in solid:
            if it.role in (Role.HEAD, Role.TAIL) or lines >= 2:
                break
            lines += self._count(it.flowable, it.role, width)
        return lines >= 2

    def _rest(self, rest: list[Item]) -> Keep:
        while rest and rest[0].role is Role.SPACE and isinstance(rest[0].flowable, Spacer):
            rest = rest[1:]  # no white space at the top of a page
        return Keep(rest, self.frame_height, self.line, self.closes)

    def _parts(self, first: list[Item], rest: list[Item]) -> list[Flowable]:
        out: list[Flowable] = [NullActionFlowable()] + [it.flowable for it in first]
        if rest:  # the rest on the next page (this one may have room left: the page ended early)
            out += [FrameBreak(), self._rest(rest)]
        return out


def paginate(story: Sequence[Flowable], role_of, frame_height: float, line: float) -> list[Flowable]:
    """``story`` with each run of the flowables ``role_of`` gives a role (None: a page break, the
    contents, the title page…) held in a :class:`Keep`."""
    out: list[Flowable] = []
    run: list[Item] = []
    for f in [*story, None]:
        role = role_of(f) if f is not None else None
        if f is not None and role is not None:
            run.append(Item(f, role))
            continue
        if run:
            out.append(Keep(run, frame_height, line, closes=f is None or isinstance(f, PageBreak)))
            run = []
        if f is not None:
            out.append(f)
    return out
