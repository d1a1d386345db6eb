"""A CJK paragraph's lines hand reportlab's line maker (``makeCJKParaLine``) a run of characters
of one fragment as one glyph (``rl_internals.glyph_runs``), where reportlab's own breaker hands
it one glyph a character: the line it makes must be the same as from single characters with the
justification markers at the same places (the words, their fonts, colours, links and
callbacks, the line's ascent and descent)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import cjkU, makeCJKParaLine

from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.fonts import report_fonts
from deckbuild.render.pdf.rl_internals import glyph_entries, glyph_runs
from deckbuild.render.pdf.wrap import CJKParagraph

PIECES = ["超级智能", "扎克伯格说，", "Meta ", "AI", "（2025年）", "。", "“个人”", " ", "7,200亿", "——",
          "<b>关键</b>", "<b>big bet</b>", '<font color="#c00000">红色</font>', "<br/>", '<a href="#s2">链接</a>',
          "<i>italic 斜体</i>", "<sup>1</sup>", "<b></b>", '<font size="14">大</font>', "<u>下划线</u>"]
_FIELDS = ("fontName", "fontSize", "textColor", "rise", "link", "backColor", "nobr", "us_lines")


def _word(w) -> tuple:
    cb = getattr(w, "cbDefn", None)
    return (w.text, tuple(str(getattr(w, k, None)) for k in _FIELDS), getattr(cb, "name", None),
            getattr(cb, "label", None), hasattr(w, "lineBreak"))


def _line(line) -> tuple:
    return ([_word(w) for w in line.words], line.fontSize, line.ascent, line.descent, line.currentWidth,
            line.extraSpace, line.lineBreak)


def _one_a_character(para, chars, owners, start, stop, spacing) -> list:
    """The glyphs as reportlab's breaker makes them: one a character, a marker before the
    character where the spacing changes."""
    out = []
    for i in range(start, stop):
        out.extend(para.justify_fragment(owners[i], value) for at, value in spacing if at == i)
        out.append(cjkU(chars[i], owners[i], "utf8"))
    return out


@settings(max_examples=80, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), data=st.data(),
       calc_bounds=st.booleans())
def test_a_run_a_glyph_makes_the_line_one_glyph_a_character_makes(pieces, data, calc_bounds):
    fonts = report_fonts(default_theme().fonts, "zh-CN")
    style = ParagraphStyle("t", fontName=fonts.regular, fontSize=10, leading=14, wordWrap="CJK",
                           alignment=TA_JUSTIFY)
    para = CJKParagraph("".join(pieces), style)
    chars, owners, widths = glyph_entries(para.frags)
    if not chars:
        return
    start = data.draw(st.integers(0, len(chars) - 1))
    stop = data.draw(st.integers(start + 1, len(chars)))
    at = sorted(data.draw(st.lists(st.integers(start, stop - 1), max_size=6)))
    spacing = [(i, data.draw(st.sampled_from([0.0, 0.25, 1.5]))) for i in at]
    used = sum(widths[start:stop])
    runs = glyph_runs(chars, owners, start, stop, spacing, para.justify_fragment)
    single = _one_a_character(para, chars, owners, start, stop, spacing)
    assert "".join(str(g) for g in runs) == "".join(str(g) for g in single)
    made = makeCJKParaLine(runs, 200.0, used, 200.0 - used, False, calc_bounds)
    expected = makeCJKParaLine(single, 200.0, used, 200.0 - used, False, calc_bounds)
    assert _line(made) == _line(expected)


def test_a_paragraph_keeps_every_character_once():
    fonts = report_fonts(default_theme().fonts, "zh-CN")
    style = ParagraphStyle("t", fontName=fonts.regular, fontSize=10, leading=14, wordWrap="CJK",
                           alignment=TA_JUSTIFY)
    para = CJKParagraph("".join(PIECES) * 3, style)
    text = "".join(f.text for f in para.frags)
    para.wrap(120, 10_000)
    lines = para.blPara.lines
    assert len(lines) > 5
    shown = "".join(w.text for line in lines for w in line.words)
    assert shown.replace(" ", "") == text.replace(" ", "")  # every character, once (a break drops a space)
    assert any(w.text == "关键" and w.fontName == fonts.bold for line in lines for w in line.words)
