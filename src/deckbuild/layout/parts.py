"""The parts many slide kinds share, laid out: the chrome of a content slide (action title,
accent rule, subtitle), bulleted lists and captions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckbuild.layout.fitter import TITLE_FLOOR, Fitter, TextBlock, caption_size, lines_box, resized
from deckbuild.layout.geometry import LEVEL_MARGIN, LEVEL_SCALE, LEVEL_SPACE, MAX_LEVEL, TITLE_LINE, Box
from deckbuild.model.deck import Bullet, Rich, Slide
from deckbuild.text.fit import Para

# --- bullets -------------------------------------------------------------------------------------


def flatten(bullets: Sequence[Bullet], level: int = 0) -> tuple[list[tuple[int, Rich]], bool]:
    """(level, text) in reading order; levels deeper than MAX_LEVEL are clamped.
    The flag says whether clamping happened."""
    out: list[tuple[int, Rich]] = []
    clamped = level > MAX_LEVEL and bool(bullets)
    for b in bullets:
        out.append((min(level, MAX_LEVEL), b.text))
        sub, deep = flatten(b.children, level + 1)
        out.extend(sub)
        clamped = clamped or deep
    return out, clamped


def bullet_paras(items: Sequence[tuple[int, Rich]], top_space: float = LEVEL_SPACE[0]) -> list[Para]:
    return [Para(r.plain, LEVEL_SCALE[lv], LEVEL_MARGIN[lv], top_space if lv == 0 else LEVEL_SPACE[lv])
            for lv, r in items]


# A short list is spread down its box, so that a slide does not hold its text in the top third
# and leave the rest empty: the space before each top-level bullet grows, by at most SPREAD_MAX
# em, until the list fills SPREAD_FILL of the box's height.
SPREAD_FILL = 0.72
SPREAD_MAX = 1.0


@dataclass(frozen=True)
class BulletList:
    """A bulleted text box: its items (level, text) at one size, and the space before each
    top-level bullet (em of its size)."""

    block: TextBlock
    items: tuple[tuple[int, Rich], ...]
    clamped: bool  # some bullets nest deeper than MAX_LEVEL
    top_space: float = LEVEL_SPACE[0]


def bullet_list(f: Fitter, bullets: Sequence[Bullet], box: Box, spread: bool = True) -> BulletList:
    items, clamped = flatten(bullets)
    block = f.fit(bullet_paras(items), box, f.s.body_size, f.s.body_min)
    listed = BulletList(block, tuple(items), clamped)
    return spread_down(f, listed, box.h * SPREAD_FILL) if spread else listed


def spread_down(f: Fitter, body: BulletList, height: float) -> BulletList:
    """``body`` with more space before its top-level bullets, so that it is about ``height``
    tall (never taller than its box, never more than SPREAD_MAX em more per bullet)."""
    block = body.block
    gaps = sum(1 for lv, _ in body.items[1:] if lv == 0)
    if gaps == 0 or block.overflow > 0 or block.height >= height:
        return body
    top_space = LEVEL_SPACE[0] + min(SPREAD_MAX, (height - block.height) / gaps / block.size)
    _, tall = f.measure(bullet_paras(body.items, top_space), block.box.w, block.size)
    if tall > block.box.h:
        return body
    return BulletList(resized(block, block.box, block.size, tall), body.items, body.clamped, top_space)


# --- the chrome of a content slide ----------------------------------------------------------------


@dataclass(frozen=True)
class Chrome:
    """The action title (at most two lines), the accent rule, the optional subtitle, and the
    box left for the content."""

    title: TextBlock
    rule: Box
    subtitle: TextBlock | None
    content: Box


def title_block(f: Fitter, text: str, box: Box, size: float, smallest: float, max_lines: int) -> TextBlock:
    return f.fit([Para(text, bold=True, line=TITLE_LINE, phrases=f.phrases)], box, size, smallest, max_lines,
                 heading=True)


def chrome(f: Fitter, slide: Slide) -> Chrome:
    g, s = f.geometry(slide.kind), f.s
    title = title_block(f, slide.title.plain, g.title, s.title_size, s.title_size * TITLE_FLOOR, 2)
    content = g.content
    sub = None
    if slide.subtitle:
        sub = f.fit([Para(slide.subtitle.plain)], content.top(lines_box(s.subtitle_size, 2)), s.subtitle_size,
                    s.body_min, 2)
        sub = resized(sub, content.top(sub.height))
        content = content.below(sub.height, sub.size * 0.8)
    return Chrome(title, g.rule, sub, content)


# --- captions ------------------------------------------------------------------------------------


def caption_block(f: Fitter, rich: Rich, box: Box, gap: float) -> tuple[TextBlock | None, Box]:
    """A caption of up to three lines at the bottom of ``box``, and what remains above it."""
    if not rich:
        return None, box
    size = caption_size(f)
    block = f.fit([Para(rich.plain)], box.bottom_part(lines_box(size, 3)), size, f.s.small_size, 3)
    block = resized(block, box.bottom_part(block.height))
    return block, box.above(block.height, gap)
