"""Inline Markdown: emphasis, code and links become spans; plain text skips the parser and
comes out exactly as the parser would give it."""

from __future__ import annotations

import re

import pytest
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


# --- typography in languages written with Latin letters ------------------------------------------


@pytest.mark.parametrize("language, text, want", [
    ("en", 'Stated aim: "industry-leading compute density"', "Stated aim: “industry-leading compute density”"),
    ("en", "Meta's bet on 'open' models...", "Meta’s bet on ‘open’ models…"),
    ("en", "$66--72 billion --- mostly chips", "$66–72 billion — mostly chips"),
    ("en-GB", '"a" and (c) stay (c)', "“a” and (c) stay (c)"),
    ("de", '"Wette" auf KI', "„Wette“ auf KI"),
    ("fr", '"pari" sur l\'IA', "«\u202fpari\u202f» sur l’IA"),
    ("zh-CN", '"普罗米修斯" 和 "海伯利安"...', '"普罗米修斯" 和 "海伯利安"...'),  # CJK text as written
    ("ja", "'引用'", "'引用'"),
])
def test_text_in_latin_script_languages_is_typeset(language, text, want):
    from deckbuild.input.inline import parse_inline, quotes_for

    assert parse_inline(text, quotes_for(language)).plain == want


def test_code_spans_keep_straight_quotes_and_dashes():
    from deckbuild.input.inline import parse_inline, quotes_for

    rich = parse_inline('Run `deckbuild --help "x" ...` then "go"', quotes_for("en"))
    assert [(s.text, s.code) for s in rich.spans] == [("Run ", False), ('deckbuild --help "x" ...', True),
                                                    (" then “go”", False)]
