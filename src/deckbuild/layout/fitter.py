"""Text measurement for the slide layout: the ``Fitter`` (one theme's fonts and slide
geometry, over ``deckbuild.text``), the ``TextBlock`` it produces, and the small sizing
helpers every slide kind's layout uses. Pure: no python-pptx, reportlab or matplotlib.

LibreOffice lays text out slightly differently from our measure (it adds about ¼ em
between Chinese and Latin text, rounds positions, breaks with ICU), so text is measured
against ``WIDTH_SAFETY`` of each box's width: what we say fits does fit in LibreOffice
(tests/test_layout_geometry.py checks it on every glyph).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import cache

from deckbuild.cjk import close_latin_gap
from deckbuild.layout.geometry import LINE, Box, Geometry
from deckbuild.model.theme import SAFETY_MARGIN, Fonts, Theme
from deckbuild.text.fit import Faces, Fit, Para, fit, measure, para_size, text_em, widest_words, wrap
from deckbuild.text.metrics import FontMetrics, Metrics, MixedMetrics, metrics
from deckbuild.text.phrases import phrased

WIDTH_SAFETY = 0.97  # text is measured against 97 % of its box's width
AUTOSPACE = 0.25  # em LibreOffice adds where CJK meets Latin letters or digits
TAIL = 0.15  # em below the last line's pitch that glyphs reach (descenders)
STEP = 0.5  # sizes are tried in half points
TITLE_FLOOR = 0.75  # titles shrink to ¾ of their size before they overflow
RESCUE = 0.6  # text that overflows at its minimum shrinks on, down to this fraction of it
RESCUE_FLOOR = 6.0


@dataclass(frozen=True)
class TextBlock:
    """One text box: where it goes, the size its text is written at, and by how much the text
    overflows the box at the smallest size allowed (0 when it fits); ``height`` is the
    text's height at ``size``."""

    box: Box
    size: float
    overflow: float = 0.0
    lines: int = 0
    height: float = 0.0
    preferred: float = 0.0  # the size it would have had with room to spare (0: not fitted)
    smallest: float = 0.0  # the smallest size allowed (the floor), below which it overflows
    spill: float = 0.0  # the overflow at ``size``, after shrinking below the floor (0: it fits there)

    @property
    def shrunk(self) -> bool:
        return self.size < self.preferred - 1e-9


def theme_metrics(fonts: Fonts) -> tuple[FontMetrics, FontMetrics]:
    """The metrics of a theme's regular and bold fonts, of the versions the theme was read with."""
    regular, bold = fonts.digests()
    return metrics(fonts.regular, regular), metrics(fonts.bold, bold)


def deck_metrics(fonts: Fonts, heading: bool = False) -> tuple[Metrics, Metrics]:
    """The regular and bold metrics of the deck's body (or heading) text: its Latin face
    mixed with the theme's East Asian font; the theme's own fonts where it names no deck
    faces."""
    own = theme_metrics(fonts)
    face = fonts.heading_face if heading else fonts.body
    if face is None:
        return own
    if not face.measured:
        return MixedMetrics(own[0], own[0], SAFETY_MARGIN), MixedMetrics(own[1], own[1], SAFETY_MARGIN)
    assert face.regular is not None and face.bold is not None
    latin = metrics(face.regular, face.sha256[0]), metrics(face.bold, face.sha256[1])
    return MixedMetrics(latin[0], own[0]), MixedMetrics(latin[1], own[1])


class Fitter:
    """Text measurement with one theme's fonts, and the theme's slide geometry; titles of an
    edition in a phrased ``language`` (Japanese) break between phrases (``phrases``)."""

    def __init__(self, theme: Theme, language: str = ""):
        self.theme = theme
        self.phrases = language if phrased(language) else ""
        self.s = theme.slide
        self.geo = Geometry.of(theme)
        self._geometries: dict[str, Geometry] = {}
        self.faces = Faces(*deck_metrics(theme.fonts))
        self.heading_faces = Faces(*deck_metrics(theme.fonts, heading=True))

    def geometry(self, kind: str) -> Geometry:
        """The geometry of slides of ``kind``: the same for all kinds, except on a company
        template, where each kind has its own layout."""
        if self.theme.template is None:
            return self.geo
        if kind not in self._geometries:
            self._geometries[kind] = Geometry.of(self.theme, kind)
        return self._geometries[kind]

    def measure(self, paras: Sequence[Para], width: float, size: float) -> tuple[int, float]:
        """(lines, height) of the paragraphs at ``size`` in a box ``width`` wide."""
        return measure(as_drawn(paras), width * WIDTH_SAFETY, size, self.faces, AUTOSPACE, TAIL)

    def line_width(self, text: str, size: float, bold: bool = False) -> float:
        """The width a box needs to hold ``text`` on one line (each line of it) at ``size``."""
        font = self.faces.of(bold)
        return max(text_em(part, font, AUTOSPACE) for part in close_latin_gap(text).split("\n")) * size / WIDTH_SAFETY

    def word_width(self, paras: Sequence[Para], size: float) -> float:
        """The narrowest box that holds the widest word of ``paras`` at ``size`` uncut."""
        paras = as_drawn(paras)
        widest = widest_words(paras, self.faces, AUTOSPACE)
        return max((em * para_size(size, p.scale) + p.margin * size for p, em in zip(paras, widest)),
                   default=0.0) / WIDTH_SAFETY

    def advance(self, text: str, size: float, bold: bool = False) -> float:
        """The advance of ``text`` on one line at ``size``, as drawn (no safety margin): for
        lining up parts of lines, as a decimal column's numbers."""
        return text_em(close_latin_gap(text), self.faces.of(bold), AUTOSPACE) * size

    def fit(self, paras: Sequence[Para], box: Box, largest: float, smallest: float,
            max_lines: int | None = None, heading: bool = False) -> TextBlock:
        """The paragraphs fitted to ``box`` between ``largest`` and ``smallest`` (in the
        heading faces for a title); past the smallest, the size that avoids spilling (with
        the overflow at the smallest)."""
        faces = self.heading_faces if heading else self.faces
        paras = as_drawn(paras)

        def fitted(large: float, small: float) -> Fit:
            return fit(paras, box.w * WIDTH_SAFETY, box.h, large, small, faces, step=STEP, max_lines=max_lines,
                       autospace=AUTOSPACE, tail=TAIL)

        f = fitted(largest, smallest)
        if f.fits:
            return TextBlock(box, f.size, 0.0, f.lines, f.height, largest, smallest)
        floor = max(RESCUE_FLOOR, smallest * RESCUE)
        r = fitted(f.size, min(floor, f.size))
        return TextBlock(box, r.size, f.overflow, r.lines, r.height, largest, smallest, r.overflow)


    def phrase_breaks(self, text: str, block: TextBlock) -> tuple[int, ...]:
        """Where a title in a phrased language is broken, as offsets into ``text``: the
        lines it was measured with at the block's size, balanced (as short a last line as
        no more lines allow, not one phrase left alone), so that the deck shows them (a
        client breaks Japanese between any two characters, '2026年 / 度決算'). None
        elsewhere, or when it takes one line."""
        if not self.phrases or block.lines < 2:
            return ()
        drawn = close_latin_gap(text)

        def lines_at(width: float) -> list[str]:
            return wrap(drawn, width, block.size, self.heading_faces.bold, AUTOSPACE, phrases=self.phrases)

        width = block.box.w * WIDTH_SAFETY
        lines = lines_at(width)
        narrow, wide = width / len(lines), width  # balanced: the narrowest width that needs no more lines
        while wide - narrow > 1.0:
            mid = (narrow + wide) / 2
            narrow, wide = (narrow, mid) if len(lines_at(mid)) <= len(lines) else (mid, wide)
        lines = lines_at(wide)
        breaks, at = [], 0
        for line in lines[:-1]:
            at = drawn.index(line, at) + len(line)
            while at < len(drawn) and drawn[at] == " ":  # a space at the break ends its line
                at += 1
            if drawn[at:at + 1] != "\n":  # the author's own break is kept as it is
                breaks.append(at)
        return tuple(_offsets_in(text, drawn, breaks))


def _offsets_in(text: str, drawn: str, offsets: Sequence[int]) -> Iterator[int]:
    """``offsets`` into ``drawn`` (``text`` without some of its spaces) as offsets into ``text``."""
    i = j = 0
    for k in offsets:
        while j < k:
            if text[i] == drawn[j]:
                j += 1
            i += 1
        while i < len(text) and text[i] == " " and (j >= len(drawn) or drawn[j] != " "):
            i += 1  # a dropped space right at the break
        yield i


def as_drawn(paras: Sequence[Para]) -> Sequence[Para]:
    """The paragraphs as the deck writes them: without spaces between CJK and Latin text."""
    if all(" " not in p.text for p in paras):
        return paras
    return [replace(p, text=close_latin_gap(p.text)) for p in paras]


_LEAVES = (str, int, float, type(None), Box)  # values that hold no TextBlock: not looked into


def text_blocks(layout: object) -> Iterator[TextBlock]:
    """Every TextBlock inside a layout (dataclasses, tuples), in field order."""
    if isinstance(layout, TextBlock):
        yield layout
    elif isinstance(layout, (tuple, list)):
        for item in layout:
            if not isinstance(item, _LEAVES):
                yield from text_blocks(item)
    elif is_dataclass(layout) and not isinstance(layout, type):
        for name in _field_names(type(layout)):
            value = getattr(layout, name)
            if not isinstance(value, _LEAVES):
                yield from text_blocks(value)


def named_blocks(layout: object, path: tuple = ()) -> Iterator[tuple[tuple, TextBlock]]:
    """Every TextBlock inside a layout with its path of field names and indices, e.g.
    (('body', 'chrome', 'title'), block), in field order."""
    if isinstance(layout, TextBlock):
        yield path, layout
    elif isinstance(layout, (tuple, list)):
        for i, item in enumerate(layout):
            if not isinstance(item, _LEAVES):
                yield from named_blocks(item, path + (i,))
    elif is_dataclass(layout) and not isinstance(layout, type):
        for name in _field_names(type(layout)):
            value = getattr(layout, name)
            if not isinstance(value, _LEAVES):
                yield from named_blocks(value, path + (name,))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def resized(block: TextBlock, box: Box, size: float | None = None, height: float | None = None) -> TextBlock:
    """The block moved to ``box`` (and set at ``size``, ``height`` tall)."""
    return TextBlock(box, block.size if size is None else size, block.overflow, block.lines,
                     block.height if height is None else height, block.preferred, block.smallest, block.spill)


def lines_box(size: float, lines: int, pitch: float = LINE) -> float:
    """The height of ``lines`` lines at ``size`` (with room for the descenders)."""
    return size * (pitch * lines + TAIL)


def caption_size(f: Fitter) -> float:
    return max(f.s.small_size + 1, f.s.body_min - 2)
