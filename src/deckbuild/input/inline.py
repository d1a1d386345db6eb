"""Inline Markdown (bold, italic, code, links) into model spans, via markdown-it-py.

Text in a language written with Latin (or Greek, Cyrillic) letters is set as typeset text
is: straight quotes become the language's curly ones (markdown-it's smartquotes), ``...``
an ellipsis, ``--`` an en dash and ``---`` an em dash; code spans stay as written. Text in
Chinese, Japanese or Korean is left as written.

Raw HTML is off, so ``<b>`` or ``&`` in user text stays literal text. Every link the
parser finds is kept with its target as written (markdown-it's own filter, which turns a
``javascript:`` link back into literal Markdown, is off): ``deckbuild.model.links`` decides which
targets may be links, and the text of a refused one stays as plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from deckbuild.model.deck import Rich, Span
from deckbuild.text.quotes import QUOTES

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


_TYPOGRAPHY = re.compile(r"\.\.\.|---|--|[\"']")  # what typography would change
_DASHES = ((re.compile(r"(?<!\.)\.\.\.(?!\.)"), "…"),
           (re.compile(r"(?<!-)---(?!-)"), "—"),
           (re.compile(r"(?<!-)--(?!-)"), "–"))


def quotes_for(language: str) -> str | tuple[str, ...] | None:
    """The quotation marks typography uses for ``language``; None for Chinese, Japanese and
    Korean, whose text is left as written."""
    base = language.split("-")[0].lower()
    if base in ("zh", "ja", "ko"):
        return None
    return QUOTES.get(base, QUOTES["en"])


@lru_cache(maxsize=8)
def _parser(quotes: str | tuple[str, ...] | None = None):
    from markdown_it import MarkdownIt

    class Parser(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True  # the allow-list of deckbuild.model.links judges every target

    if quotes is None:
        return Parser("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser = Parser("commonmark", {"html": False, "linkify": False, "typographer": True, "quotes": quotes})
    parser.enable("smartquotes")
    parser.disable("replacements")  # it would also turn '(c)' into '©': dashes and ellipses are ours
    return parser


def _typeset(text: str) -> str:
    for pattern, mark in _DASHES:
        text = pattern.sub(mark, text)
    return text


def _join(left: str, right: str) -> str:
    """Separator for a soft line break: none between CJK characters, else a space."""
    if left and right and _unspaced(left[-1]) and _unspaced(right[0]):
        return ""
    return " "


def parse_inline(text: str, quotes: str | tuple[str, ...] | None = None) -> Rich:
    """One paragraph of inline Markdown as a Rich value; with ``quotes`` (``quotes_for``),
    typeset: curly quotes, ellipses and dashes outside code spans."""
    text = text.strip()
    if not text:
        return Rich()
    typeset = quotes is not None and _TYPOGRAPHY.search(text) is not None
    if not typeset and not MARKUP.search(text):  # nothing Markdown would change: skip the parser
        return Rich.of(text)
    tokens = _parser(quotes if typeset else None).parseInline(text)
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
            content = _typeset(tok.content) if typeset and t == "text" else tok.content
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
