"""Layouts of the text slides: title, section divider, bullets, columns and closing
(``render.pptx.text_slides`` writes them)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from deckbuild.layout.fitter import Fitter, TextBlock, lines_box, resized
from deckbuild.layout.geometry import COLUMN_GAP, LINE, TITLE_LINE, Box
from deckbuild.layout.parts import (
    SPREAD_FILL,
    BulletList,
    Chrome,
    bullet_list,
    bullet_paras,
    chrome,
    spread_down,
    title_block,
)
from deckbuild.model.deck import (
    BulletsContent,
    ClosingContent,
    ColumnsContent,
    Deck,
    Rich,
    SectionContent,
    Slide,
    TitleContent,
)
from deckbuild.text.fit import Para


@dataclass(frozen=True)
class TitleLayout:
    title: TextBlock
    rule: Box
    subtitle: TextBlock | None
    subtitle_text: Rich
    byline: TextBlock | None
    byline_text: str
    # the deck's date in the layout's date placeholder (None: in the byline, or no date)
    date: TextBlock | None = None
    date_text: str = ""


@dataclass(frozen=True)
class SectionLayout:
    band: Box
    number: TextBlock | None
    rule: Box
    title: TextBlock
    subtitle: TextBlock | None


@dataclass(frozen=True)
class BulletsLayout:
    chrome: Chrome
    body: BulletList


@dataclass(frozen=True)
class ColumnsLayout:
    chrome: Chrome
    heads: tuple[TextBlock, TextBlock]
    rules: tuple[Box, Box]
    bodies: tuple[BulletList, BulletList]


@dataclass(frozen=True)
class ClosingLayout:
    """A closing slide: bullets under the usual chrome, or one large line alone."""

    chrome: Chrome | None
    body: BulletList | None
    title: TextBlock | None
    rule: Box | None
    subtitle: TextBlock | None


def layout_title(f: Fitter, deck: Deck, slide: Slide, content: TitleContent) -> TitleLayout:
    g, s = f.geometry(slide.kind), f.s
    if g.plain:
        return _title_on_template(f, deck, slide, content, g.title, g.text)
    m = g.margin * 1.5
    width = g.width - 2 * m
    tbox = Box(m, g.height * 0.14, width, g.height * 0.36)
    title = title_block(f, (slide.title or Rich.of(deck.title)).plain, tbox, s.title_size * 1.5, s.title_size, 3)
    rule = Box(m, tbox.bottom + 20, 72, 4)
    subtitle_text = slide.subtitle or Rich.of(deck.subtitle)
    sub = None
    if subtitle_text:
        ssize = s.subtitle_size * 1.2
        sub = f.fit([Para(subtitle_text.plain)], Box(m, rule.bottom + 18, width, lines_box(ssize, 2)), ssize,
                    s.body_min, 2)
    byline_text, date_text = _byline(deck, content, True)
    bsize = max(s.body_min, s.body_size * 0.8)
    bh = lines_box(bsize, 1)
    bottom = g.height - g.margin * 1.5
    byline = date = None
    if date_text:  # under the byline, in its style
        date = f.fit([Para(date_text)], Box(m, bottom - bh, width, bh), bsize, s.small_size, 1)
        bottom -= bh
    if byline_text:
        byline = f.fit([Para(byline_text)], Box(m, bottom - bh, width, bh), bsize, s.small_size, 1)
    return TitleLayout(title, rule, sub, subtitle_text, byline, byline_text, date, date_text)


def _byline(deck: Deck, content: TitleContent, placeholder: bool) -> tuple[str, str]:
    """The byline and the date to put in the layout's date placeholder: 'author · date' and no
    date when the layout has no such ``placeholder``."""
    author = content.author or deck.author
    date = content.date or deck.date
    if placeholder:
        return author, date
    return " · ".join(x for x in (author, date) if x), ""


def _title_on_template(f: Fitter, deck: Deck, slide: Slide, content: TitleContent, tbox: Box,
                       sbox: Box | None) -> TitleLayout:
    """The title slide in the template's title and subtitle placeholders: the subtitle and
    the byline share the subtitle placeholder, one under the other."""
    g, s = f.geometry(slide.kind), f.s
    title = title_block(f, (slide.title or Rich.of(deck.title)).plain, tbox, s.title_size * 1.5, s.title_size, 3)
    if sbox is None or sbox.y < tbox.bottom - 1:
        sbox = Box(tbox.x, tbox.bottom + 12, tbox.w, max(g.height - g.margin - tbox.bottom - 12, 40.0))
    subtitle_text = slide.subtitle or Rich.of(deck.subtitle)
    byline_text, date_text = _byline(deck, content, g.date is not None)
    sub = byline = date = None
    y = sbox.y
    if subtitle_text:
        ssize = s.subtitle_size * 1.2
        sub = f.fit([Para(subtitle_text.plain)], Box(sbox.x, y, sbox.w, min(lines_box(ssize, 2), sbox.h)), ssize,
                    s.body_min, 2)
        sub = resized(sub, sub.box.top(sub.height))
        y = sub.box.bottom + 6
    if byline_text:
        bsize = max(s.body_min, s.body_size * 0.8)
        byline = f.fit([Para(byline_text)], Box(sbox.x, y, sbox.w, max(min(lines_box(bsize, 1), sbox.bottom - y), 8.0)),
                       bsize, s.small_size, 1)
    if date_text and g.date is not None:  # where the template puts it, in the footers' size
        date = f.fit([Para(date_text)], g.date, s.small_size, max(7.0, s.small_size - 2), 1)
    return TitleLayout(title, Box(tbox.x, tbox.bottom, 0, 0), sub, subtitle_text, byline, byline_text, date,
                       date_text)


def _section_on_template(f: Fitter, slide: Slide, tbox: Box, text: Box | None) -> SectionLayout:
    s = f.s
    title = title_block(f, slide.title.plain, tbox, s.title_size * 1.3, s.title_size * 0.75, 3)
    sub = None
    if slide.subtitle:
        if text is None or text.y < tbox.bottom - 1 and text.bottom > tbox.y + 1:
            text = Box(tbox.x, tbox.bottom + 10, tbox.w, lines_box(s.subtitle_size, 2))
        sub = f.fit([Para(slide.subtitle.plain)], text, s.subtitle_size, s.body_min, 3)
    return SectionLayout(Box(0, 0, 0, 0), None, Box(tbox.x, tbox.bottom, 0, 0), title, sub)


def layout_section(f: Fitter, deck: Deck, slide: Slide, content: SectionContent) -> SectionLayout:
    g, s = f.geometry(slide.kind), f.s
    if g.plain:
        return _section_on_template(f, slide, g.title, g.text)
    number = content.number
    m = g.margin * 1.5
    width = g.width - 2 * m
    y = g.height * 0.3
    nblock = None
    if number:
        nsize = s.stat_size * 1.5
        nblock = TextBlock(Box(m, y, width, nsize * 1.25), nsize, 0.0, 1, nsize * LINE)
        y = nblock.box.bottom + 14
    rule = Box(m, y, 72, 4)
    tsize = s.title_size * 1.3
    tbox = Box(m, y + 22, width, math.ceil(lines_box(tsize, 2, TITLE_LINE)))
    title = title_block(f, slide.title.plain, tbox, tsize, s.title_size, 2)
    sub = None
    if slide.subtitle:
        sub = f.fit([Para(slide.subtitle.plain)], Box(m, tbox.bottom + 10, width, lines_box(s.subtitle_size, 2)),
                    s.subtitle_size, s.body_min, 2)
    return SectionLayout(Box(0, 0, g.margin * 0.4, g.height), nblock, rule, title, sub)


def layout_bullets(f: Fitter, deck: Deck, slide: Slide, content: BulletsContent) -> BulletsLayout:
    c = chrome(f, slide)
    return BulletsLayout(c, bullet_list(f, content.bullets, c.content))


def layout_columns(f: Fitter, deck: Deck, slide: Slide, content: ColumnsContent) -> ColumnsLayout:
    s = f.s
    c = chrome(f, slide)
    columns = (content.left, content.right)
    cols = c.content.columns(2, gap=max(COLUMN_GAP, s.margin * 0.8))
    hsize = s.body_size + 2
    heads = [f.fit([Para(col.heading.plain, bold=True)], b.top(lines_box(hsize, 2)), hsize, s.body_min, 2)
             for col, b in zip(columns, cols)]
    hs = min(h.size for h in heads)
    hh = max(f.measure([Para(col.heading.plain, bold=True)], b.w, hs)[1] for col, b in zip(columns, cols))
    heads = [resized(h, b.top(hh), hs, hh) for h, b in zip(heads, cols)]
    rules = tuple(Box(b.x, b.y + hh + 8, b.w, 1.5) for b in cols)
    bodies = [bullet_list(f, col.bullets, b.below(hh + 10, 14), spread=False) for col, b in zip(columns, cols)]
    size = min(b.block.size for b in bodies)  # both columns at one size
    bodies = [BulletList(resized(b.block, b.block.box, size), b.items, b.clamped) for b in bodies]
    # both spread down alike, so that their bullets stay level with each other
    top = min(spread_down(f, b, b.block.box.h * SPREAD_FILL).top_space for b in bodies)
    tall = [f.measure(bullet_paras(b.items, top), b.block.box.w, size)[1] for b in bodies]
    bodies = [BulletList(resized(b.block, b.block.box, size, h), b.items, b.clamped, top) for b, h in zip(bodies, tall)]
    return ColumnsLayout(c, (heads[0], heads[1]), (rules[0], rules[1]), (bodies[0], bodies[1]))


def layout_closing(f: Fitter, deck: Deck, slide: Slide, content: ClosingContent) -> ClosingLayout:
    g, s = f.geometry(slide.kind), f.s
    bullets = content.bullets
    if bullets or g.plain:  # on a company template, the closing slide is a content slide
        c = chrome(f, slide)
        return ClosingLayout(c, bullet_list(f, bullets, c.content) if bullets else None, None, None, None)
    size = s.title_size * 1.5
    tbox = Box(g.margin * 1.5, g.height * 0.2, g.width - 3 * g.margin, g.height * 0.4)
    title = title_block(f, slide.title.plain, tbox, size, s.title_size, 3)
    rule = Box(tbox.x, tbox.bottom + 20, 72, 4)
    sub = None
    if slide.subtitle:
        ssize = s.subtitle_size * 1.2
        sub = f.fit([Para(slide.subtitle.plain)], Box(tbox.x, tbox.bottom + 44, tbox.w, lines_box(ssize, 2)), ssize,
                    s.body_min, 2)
    return ClosingLayout(None, None, title, rule, sub)
