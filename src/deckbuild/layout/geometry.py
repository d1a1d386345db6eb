"""Geometry of the deck: boxes in points, the slide grid and the typographic constants.

Pure: no python-pptx here (``pptx_fit*`` and ``deckbuild check`` use it without the
renderer). Everything is measured in points, as in the theme; ``Box.emu()`` converts at
the python-pptx boundary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from deckbuild.model.deck import SlideKind
from deckbuild.model.theme import Theme

EMU_PER_PT = 12700

LINE = 1.2  # line pitch in em at single spacing: PowerPoint and LibreOffice both use 1.2 × the size
TITLE_PCT = 90  # titles are set at 90 % line spacing
TITLE_LINE = LINE * TITLE_PCT / 100

# Bullets nest three levels deep: 0, 1, 2.
MAX_LEVEL = 2
LEVEL_SCALE = (1.0, 0.88, 0.8)  # size relative to the box's size
LEVEL_MARGIN = (1.0, 2.2, 3.3)  # left margin (where the text starts) in em of the box's size
LEVEL_HANG = (0.9, 0.8, 0.8)  # the marker hangs this far left of the text, em of the box's size
LEVEL_CHAR = ("■", "–", "·")
LEVEL_SPACE = (0.55, 0.25, 0.2)  # space before, em of the paragraph's size

COLUMN_GAP = 32.0  # least gap between side-by-side columns (columns, stats), points


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


@dataclass(frozen=True)
class Box:
    """A rectangle in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def emu(self) -> tuple[int, int, int, int]:
        return emu(self.x), emu(self.y), emu(self.w), emu(self.h)

    def top(self, h: float) -> Box:
        """The top ``h`` points of this box."""
        return Box(self.x, self.y, self.w, min(h, self.h))

    def below(self, h: float, gap: float = 0) -> Box:
        """What remains under the top ``h`` points and a gap."""
        cut = min(h + gap, self.h)
        return Box(self.x, self.y + cut, self.w, self.h - cut)

    def bottom_part(self, h: float) -> Box:
        h = min(h, self.h)
        return Box(self.x, self.bottom - h, self.w, h)

    def above(self, h: float, gap: float = 0) -> Box:
        """What remains over the bottom ``h`` points and a gap."""
        return Box(self.x, self.y, self.w, max(0.0, self.h - h - gap))

    def columns(self, n: int, gap: float) -> list[Box]:
        w = (self.w - gap * (n - 1)) / n
        return [Box(self.x + i * (w + gap), self.y, w, self.h) for i in range(n)]

    def split(self, fraction: float, gap: float) -> tuple[Box, Box]:
        """Left ``fraction`` of the width and the rest, separated by ``gap``."""
        left = (self.w - gap) * fraction
        return Box(self.x, self.y, left, self.h), Box(self.x + left + gap, self.y, self.w - left - gap, self.h)


@dataclass(frozen=True)
class Geometry:
    """Where things go on a content slide."""

    width: float
    height: float
    margin: float
    title: Box  # the action title (two lines at title size), text sits on its bottom
    rule: Box  # the thin accent rule under the title
    content: Box  # everything between the rule and the footer
    footer: Box  # the source line
    number: Box  # the slide number
    # Built on a company template: its layouts' boxes, none of deckbuild's decoration (rules,
    # bands, backgrounds).
    plain: bool = False
    text: Box | None = None  # on a template, the layout's first text placeholder (a subtitle's place)
    date: Box | None = None  # on a template, the layout's date placeholder (None: it has none)

    @classmethod
    def of(cls, theme: Theme, kind: str = SlideKind.BULLETS) -> Geometry:
        """The geometry of slides of ``kind`` (on a company template, its layout's boxes;
        a bullet slide's stands for a content slide's)."""
        base = cls._own(theme)
        return base if theme.template is None else _on_template(base, theme, kind)

    @classmethod
    def _own(cls, theme: Theme) -> Geometry:
        s = theme.slide
        w, h, m = s.width, s.height, s.margin
        title_top = round(m * 0.6)
        title_h = math.ceil(2 * s.title_size * LINE) + 2
        rule = Box(m, title_top + title_h + 8, w - 2 * m, 1.25)
        content_top = rule.bottom + max(14.0, s.body_size * 0.8)
        content_bottom = h - m
        number_w = 48.0
        foot_top = content_bottom + 8
        foot_h = h - foot_top - 8
        return cls(
            width=w, height=h, margin=m,
            title=Box(m, title_top, w - 2 * m, title_h),
            rule=rule,
            content=Box(m, content_top, w - 2 * m, content_bottom - content_top),
            footer=Box(m, foot_top, w - 2 * m - number_w - 16, foot_h),
            number=Box(w - m - number_w, foot_top, number_w, foot_h),
        )


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    x, y = min(b.x for b in boxes), min(b.y for b in boxes)
    return Box(x, y, max(b.right for b in boxes) - x, max(b.bottom for b in boxes) - y)


def _box(ph) -> Box | None:
    return Box(*ph.box) if ph is not None and ph.box is not None and ph.box[2] > 0 and ph.box[3] > 0 else None


def _on_template(base: Geometry, theme: Theme, kind: str) -> Geometry:
    """The geometry of slides of ``kind`` on a company template: title and content where the
    kind's layout has its title and body placeholders (the content spans all of its bodies),
    sources under the content, the slide number where the layout shows it."""
    t = theme.template
    assert t is not None
    h, m = base.height, base.margin
    content_layout = t.layout_for(kind)
    title = _box(content_layout.title) or base.title
    body = _union([b for b in map(_box, content_layout.bodies) if b is not None])
    top = title.bottom + max(10.0, theme.slide.body_size * 0.5)
    small = theme.slide.small_size
    if body is None or body.y < title.bottom - 1:
        body = Box(title.x, top, title.w, max(h - m - top, h * 0.3))
    foot_h = min(max(small * 2.6, 16.0), max(h - body.bottom - 6, small * 1.4))
    content = body if body.bottom + foot_h + 6 <= h else Box(body.x, body.y, body.w, h - foot_h - 10 - body.y)
    number = _box(next((p for p in content_layout.placeholders if p.type == "sldNum"), None))
    foot_y = content.bottom + 6
    if number is None or number.x < content.x + content.w / 2:
        number = Box(content.right - 48, foot_y, 48, foot_h)
    footer = Box(content.x, foot_y, max(number.x - 16 - content.x, content.w / 2), foot_h)
    rule = Box(title.x, title.bottom, title.w, 0)
    text = next((_box(p) for p in content_layout.bodies if _box(p) is not None), None)
    date = _box(next((p for p in content_layout.placeholders if p.type == "dt"), None))
    if date is not None and (date.x < 0 or date.y < 0 or date.right > base.width or date.bottom > h):
        date = None  # off the slide: the date stays in the byline
    return replace(base, title=title, rule=rule, content=content, footer=footer, number=number, plain=True,
                   text=text, date=date)
