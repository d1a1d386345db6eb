"""Inline Markdown (bold, italic, code, links) into model spans, via markdown-it-py.

Raw HTML is off, so ``<b>`` or ``&`` in user text stays literal text. Every link the
parser finds is kept with its target as written (markdown-it's own filter, which turns a
``javascript:`` link back into literal Markdown, is off): ``deckbuild.model.links`` decides which
targets may be links, and the text of a refused one stays as plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from deckbuild.model.deck import Rich, Span

MARKUP = re.compile(r"[\n*_`\[\]<>&\\]")
"""Characters that can start inline Markdown (emphasis, code, links, autolinks, entities,
escapes, line breaks): text without any of them comes out of the parser unchanged, and skips it."""


def _unspaced(ch: str) -> bool:
    """A character of scripts written without spaces between words: CJK ideographs, kana,
    CJK punctuation, full-width forms (not Hangul syllables: Korean puts spaces between
    words). A range test, not a regular expression: compiling a class of such wide ranges
    takes ~3 ms."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    class Parser(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True  # the allow-list of deckbuild.model.links judges every target

    return Parser("commonmark", {"html": False, "linkify": False, "typographer": False})


def _join(left: str, right: str) -> str:
    """Separator for a soft line break: none between CJK characters, else a space."""
    if left and right and _unspaced(left[-1]) and _unspaced(right[0]):
        return ""
    return " "


def parse_inline(text: str) -> Rich:
    """One paragraph of inline Markdown as a Rich value."""
    text = text.strip()
    if not text:
        return Rich()
    if not MARKUP.search(text):  # nothing Markdown would change: skip the parser
        return Rich.of(text)
    tokens = _parser().parseInline(text)
    spans: list[Span] = []
    bold = italic = 0
    href: str | None = None
    pending_break = False
    for tok in tokens[0].children or []:
        t = tok.type
        if t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold -= 1
        elif t == "em_open":
            italic += 1
        elif t == "em_close":
            italic -= 1
        elif t == "link_open":
            href = str(tok.attrs.get("href", "")) or None
        elif t == "link_close":
            href = None
        elif t in ("softbreak", "hardbreak"):
            pending_break = True
        elif t in ("text", "code_inline", "html_inline", "image"):
            content = tok.content
            if pending_break:
                prev = spans[-1].text if spans else ""
                content = _join(prev, content) + content
                pending_break = False
            span = Span(content, bold=bold > 0, italic=italic > 0, code=t == "code_inline", href=href)
            if spans and (spans[-1].bold, spans[-1].italic, spans[-1].code, spans[-1].href) == (
                    span.bold, span.italic, span.code, span.href):
                spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic, span.code, span.href)
            else:
                spans.append(span)
    return Rich(tuple(s for s in spans if s.text))


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, as written."""
    return re.split(r"\n\s*\n", text or "")


def paragraphs(text: str) -> tuple[Rich, ...]:
    """Blank-line separated paragraphs of inline Markdown."""
    return tuple(r for r in (parse_inline(p) for p in split_paragraphs(text)) if r)


def plain_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs as plain text (Markdown emphasis dropped), e.g. for speaker notes."""
    return tuple(r.plain for r in paragraphs(text))
