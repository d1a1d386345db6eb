"""Per-run font fallback in paragraph markup.

A Latin text face has no Chinese, and often no arrows or rare symbols. reportlab sets every
character in the font of its run and shows a missing glyph as an empty box, so each run of
characters the current face lacks is wrapped in ``<font name=…>`` naming the theme's family,
in the weight of the text around it. The current face follows ``<b>`` and ``<i>`` as the
paragraph parser will; text inside a ``<font name=…>`` of our own is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlab.pdfbase.pdfmetrics import stringWidth

from deckbuild.render.pdf.fonts import Fallback, fallback_for, style_of, styled

_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]+|&")
_TAG = re.compile(r"<\s*(/?)\s*(\w+)([^>]*?)(/?)\s*>")


def with_fallback(markup: str, font_name: str) -> str:
    """``markup`` (as ``markup.py`` builds it) for a paragraph set in ``font_name``, with the
    runs that font's family lacks set in the theme's family."""
    if fallback_for(font_name) is None:
        return markup
    bold, italic = style_of(font_name)
    stack: list[tuple[str, bool, bool, bool]] = [("", bold, italic, False)]  # tag, b, i, named font
    out: list[str] = []
    for token in _TOKEN.findall(markup):
        tag = _TAG.fullmatch(token) if token.startswith("<") else None
        if tag is not None:
            closing, name, attrs, empty = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
            if closing:
                for depth in range(len(stack) - 1, 0, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            elif not empty:
                _, b, i, named = stack[-1]
                stack.append((name, b or name in ("b", "strong"), i or name in ("i", "em"),
                              named or (name == "font" and "name=" in attrs)))
            out.append(token)
            continue
        _, b, i, named = stack[-1]
        fallback = None if named or token.startswith("&") else fallback_for(styled(font_name, b, i))
        out.append(token if fallback is None else _wrap_missing(token, fallback, b))
    return "".join(out)


def _wrap_missing(text: str, fallback: Fallback, bold: bool) -> str:
    return "".join(f'<font name="{fallback.font(bold)}">{run}</font>' if missing else run
                   for run, missing in _runs(text, fallback.covered))


def _runs(text: str, covered: frozenset[int]) -> Iterator[tuple[str, bool]]:
    """``text`` in runs of characters the face has (spaces count as had) and runs it lacks:
    (run, lacking)."""
    start = 0
    while start < len(text):
        missing = ord(text[start]) not in covered and not text[start].isspace()
        end = start + 1
        while end < len(text) and (ord(text[end]) not in covered and not text[end].isspace()) == missing:
            end += 1
        yield text[start:end], missing
        start = end


def text_width(text: str, font_name: str, size: float) -> float:
    """The width of the plain string ``text`` set in ``font_name`` at ``size`` as a paragraph
    sets it: each run the face lacks measured in the family that sets it."""
    fallback = fallback_for(font_name)
    if fallback is None:
        return stringWidth(text, font_name, size)
    other = fallback.font(style_of(font_name)[0])
    runs = _runs(text, fallback.covered)
    return sum(stringWidth(run, other if missing else font_name, size) for run, missing in runs)


def string_font(text: str, font_name: str) -> str:
    """The font to draw the plain string ``text`` in: ``font_name``, or the family's when
    ``font_name`` lacks one of its characters."""
    fallback = fallback_for(font_name)
    if fallback is None or all(ord(ch) in fallback.covered or ch.isspace() for ch in text):
        return font_name
    return fallback.font(style_of(font_name)[0])
