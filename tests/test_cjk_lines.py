"""A CJK paragraph's lines hand reportlab's line maker (``makeCJKParaLine``) a run of characters
of one fragment as one glyph, where reportlab's own breaker hands it one glyph a character: the
words it makes must be the same as from single characters (it joins neighbours whose fragments
are alike, never a callback or a line break). Checked by taking the words of each line apart
into characters again and asking reportlab to join them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import cjkU, makeCJKParaLine

from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.fonts import report_fonts
from deckbuild.render.pdf.wrap import CJKParagraph

PIECES = ["超级智能", "扎克伯格说，", "Meta ", "AI", "（2025年）", "。", "“个人”", " ", "7,200亿", "——",
          "<b>关键</b>", "<b>big bet</b>", '<font color="#c00000">红色</font>', "<br/>", '<a href="#s2">链接</a>',
          "<i>italic 斜体</i>", "<sup>1</sup>"]
_FIELDS = ("fontName", "fontSize", "textColor", "rise", "link", "backColor", "nobr")


def _word(w) -> tuple:
    cb = getattr(w, "cbDefn", None)
    return (w.text, tuple(str(getattr(w, k, None)) for k in _FIELDS), getattr(cb, "name", None),
            getattr(cb, "label", None), hasattr(w, "lineBreak"))


def _rejoined(line, calc_bounds: bool) -> list[tuple]:
    """The words reportlab makes of ``line``'s words taken apart into single characters."""
    glyphs = []
    for w in line.words:
        if w.text and not hasattr(w, "cbDefn") and not hasattr(w, "lineBreak"):
            glyphs.extend(cjkU(ch, w, "utf8") for ch in w.text)
        else:
            glyphs.append(cjkU(w.text, w, "utf8"))
    again = makeCJKParaLine(glyphs, line.maxWidth, line.currentWidth, line.extraSpace, line.lineBreak, calc_bounds)
    return [_word(w) for w in again.words]


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=40),
       width=st.floats(min_value=30, max_value=300), justify=st.booleans())
def test_a_line_joins_its_characters_as_reportlab_would(pieces, width, justify):
    fonts = report_fonts(default_theme().fonts, "zh-CN")
    style = ParagraphStyle("t", fontName=fonts.regular, fontSize=10, leading=14, wordWrap="CJK",
                           alignment=TA_JUSTIFY if justify else TA_LEFT)
    para = CJKParagraph("".join(pieces), style)
    text = "".join(f.text for f in para.frags)
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    assert lines or not text.strip()
    for line in lines:
        assert [_word(w) for w in line.words] == _rejoined(line, calc_bounds=False)
    shown = "".join(w.text for line in lines for w in line.words)
    assert shown.replace(" ", "") == text.replace(" ", "")  # every character, once (a break drops a space)
