"""Inline Markdown: emphasis, code and links become spans; plain text skips the parser and
comes out exactly as the parser would give it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from deckbuild.input import inline
from deckbuild.model.deck import Rich, Span


def test_markup_becomes_spans():
    r = inline.parse_inline("**资本支出** 达 *660* 亿，见 [来源](https://example.com) 与 `code`")
    assert Span("资本支出", bold=True) in r.spans and Span("660", italic=True) in r.spans
    assert any(s.href == "https://example.com" and s.text == "来源" for s in r.spans)
    assert Span("code", code=True) in r.spans


def test_html_and_entities_stay_text():
    assert inline.parse_inline("a <b>x</b> & y").plain == "a <b>x</b> & y"


def _slow(text: str, monkeypatch) -> Rich:
    with monkeypatch.context() as m:
        m.setattr(inline, "MARKUP", re.compile(r"."))  # every text through markdown-it
        return inline.parse_inline(text)


_PIECES = list("ab 中文！,.;:()#|-+=~!?\"'$%^{}/\t0123456789") + ["1. ", "# ", "  ", "http://x.y"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_plain_text_skips_the_parser_with_the_same_result(text):
    import pytest

    mp = pytest.MonkeyPatch()
    try:
        assert inline.parse_inline(text) == _slow(text, mp)
    finally:
        mp.undo()


def test_a_soft_line_break_joins_chinese_without_a_space_and_other_text_with_one():
    assert inline.parse_inline("超级\n智能").plain == "超级智能"
    assert inline.parse_inline("全角（\n注）").plain == "全角（注）"
    assert inline.parse_inline("personal\nsuperintelligence").plain == "personal superintelligence"
    assert inline.parse_inline("Meta\n超级").plain == "Meta 超级"
    assert inline.parse_inline("개인\n초지능").plain == "개인 초지능"  # Korean keeps its word spaces
