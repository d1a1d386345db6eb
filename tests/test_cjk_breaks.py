"""Japanese and Korean lines break where their readers expect (issue 19): a Korean word is
never split between syllables (it breaks at spaces, in the deck's measuring and the report),
and a Japanese heading breaks between phrases (BudouX), not inside '2026年度'."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone

from conftest import require_tool
from deckbuild.model.deck import Bullet, BulletsContent, Deck, Rich, SectionContent, Slide, SlideKind
from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.writer import render
from deckbuild.text.linebreak import break_units
from deckbuild.text.phrases import phrase_starts

R = Rich.of
KOREAN = "메타는 개인용 초지능에 크게 베팅했고 2026년도 결산에서 Meta는 그 결과를 처음으로 보여 줄 것이다. " * 4
JAPANESE_HEADING = "2026年度決算の自社施工についての報告と今後の設備投資計画の見直し"


def test_a_korean_word_is_one_unit_of_measure():
    units = break_units("메타는 개인용 초지능에 2026년도 결산, Meta는")
    assert units == ("메타는 ", "개인용 ", "초지능에 ", "2026년도 ", "결산, ", "Meta는")


def test_japanese_phrases_come_from_budoux_and_other_languages_break_anywhere():
    assert phrase_starts("2026年度決算の自社施工について", "ja") == {6, 9, 14, 17}
    assert phrase_starts("超级智能", "zh-CN") == {0, 1, 2, 3, 4}


def _lines(tmp_path, deck: Deck) -> list[str]:
    theme = default_theme().for_language(deck.language)  # Noto Sans KR, JP: the edition's fonts
    data, _ = render(deck, theme, {}, datetime(2025, 8, 1, tzinfo=timezone.utc))
    path = tmp_path / f"{deck.language}.pdf"
    path.write_bytes(data)
    text = subprocess.run([require_tool("pdftotext"), str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_korean_report_lines_end_at_word_ends(tmp_path):
    deck = Deck(name="k", title="보고서", language="ko", author="팀",
                slides=(Slide(SlideKind.BULLETS, 1, R("베팅"), BulletsContent((Bullet(R("하나")),)),
                              report=(R(KOREAN),)),))
    words = set(KOREAN.split())
    lines = [line for line in _lines(tmp_path, deck) if "메타는" in line or "결산에서" in line or "보여" in line]
    assert len(lines) >= 3
    for line in lines:
        assert set(line.split()) <= words, line  # every piece on a line is a whole word


def test_a_japanese_heading_breaks_between_phrases(tmp_path):
    deck = Deck(name="j", title="報告", language="ja", author="チーム",
                slides=(Slide(SlideKind.SECTION, 1, R(JAPANESE_HEADING * 2), SectionContent(1)),
                        Slide(SlideKind.BULLETS, 2, R("要点"), BulletsContent((Bullet(R("一つ")),)))))
    starts = phrase_starts(JAPANESE_HEADING * 2, "ja")
    heading = JAPANESE_HEADING * 2
    found = [line for line in _lines(tmp_path, deck) if line and line in heading and len(line) > 4]
    assert found, "the heading wraps"
    wrapped = [line for line in found if heading.find(line) > 0 or len(line) < len(heading)]
    for line in wrapped:
        at = heading.find(line)
        assert at in starts | {0} and (at + len(line)) in starts | {len(heading)}, (line, sorted(starts))


def test_a_japanese_deck_title_breaks_between_phrases_in_the_client(tmp_path):
    """The deck carries the measured lines as line breaks (a client breaks Japanese between
    any two characters), and LibreOffice shows those lines."""
    from pptx import Presentation

    from clients import libreoffice_to_pdf
    from deckbuild.render.pptx.writer import render as render_pptx

    heading = JAPANESE_HEADING
    deck = Deck(name="jt", title="報告", language="ja", author="チーム",
                slides=(Slide(SlideKind.BULLETS, 1, R(heading), BulletsContent((Bullet(R("一つ")),))),))
    theme = default_theme().for_language("ja")
    data, _ = render_pptx(deck, theme, {}, datetime(2025, 8, 1, tzinfo=timezone.utc))
    path = tmp_path / "jt.pptx"
    path.write_bytes(data)
    title = Presentation(str(path)).slides[0].shapes.title.text_frame.text
    lines = title.split("\v")
    assert len(lines) == 2 and "".join(lines) == heading, lines
    starts = phrase_starts(heading, "ja")
    assert len(lines[0]) in starts, (lines, sorted(starts))
    require_tool("soffice")
    shown = subprocess.run([require_tool("pdftotext"), str(libreoffice_to_pdf(path, tmp_path)), "-"], check=True,
                           capture_output=True, text=True).stdout
    assert [line.replace(" ", "") for line in shown.splitlines() if line.strip()][:2] == lines
    assert min(map(len, lines)) >= len(heading) // 3, lines  # balanced: no phrase alone on a line


def test_a_latin_title_keeps_its_last_two_words_together():
    from deckbuild.text.ties import tie_last_words

    assert tie_last_words("Meta bets the company on superintelligence", "en") == \
        "Meta bets the company on\u00a0superintelligence"
    assert tie_last_words("Two words", "en") == "Two words"  # tied, they could never break
    assert tie_last_words("Meta 押注 个人 超级智能", "zh-CN") == "Meta 押注 个人 超级智能"
    assert tie_last_words("메타의 개인용 초지능 베팅", "ko") == "메타의 개인용 초지능\u00a0베팅"
    assert tie_last_words("Meta의 전략은 AI 베팅", "ko") == "Meta의 전략은 AI 베팅"  # the deck drops that space


def test_the_deck_drops_typed_spaces_beside_a_numbers_sign_and_percent():
    """LibreOffice sets '$', '%' and a sign apart from CJK text itself: a typed space doubles
    the gap ('は  $9750万'); and it takes U+2212 for a CJK character ('売上高− 1.2%'), so a
    CJK edition's facts keep CLDR's hyphen-minus."""
    from deckbuild.cjk import close_latin_gap
    from deckbuild.input.facts import Fact, format_fact

    assert close_latin_gap("営業費用は $9750万") == "営業費用は$9750万"
    assert close_latin_gap("70% をヘッジ済み、约 60.4% 的中断") == "70%をヘッジ済み、约60.4%的中断"
    assert close_latin_gap("売上高 -1.2%") == "売上高-1.2%"
    assert close_latin_gap("中文 - 英文") == "中文 - 英文"  # a dash between words keeps its spaces
    drop = Fact("d", -0.012, "percent", decimals=1)
    assert (format_fact(drop, "ja"), format_fact(drop, "zh-CN"), format_fact(drop, "en")) == ("-1.2%", "-1.2%", "−1.2%")


def test_a_space_in_japanese_is_a_place_to_break_too():
    """BudouX finds '第3 / 四半期' in '第3四半期 業績レビュー'; the space the author typed is a
    break as good as a phrase's."""
    assert {7, 13} <= phrase_starts("2026年度 第3四半期 業績レビュー", "ja")  # after each space
    assert 3 in phrase_starts("販売・マーケティング費", "ja")  # a middle dot parts two words


def test_a_japanese_chart_label_breaks_between_phrases():
    from deckbuild.charts.style import wrap

    label = "2026年度決算の自社施工についての報告"
    lines = wrap(label, 120, 16, 4, "ja").split("\n")
    assert len(lines) > 1 and "".join(lines) == label
    starts, at = phrase_starts(label, "ja"), 0
    for line in lines[:-1]:
        at += len(line)
        assert at in starts, (lines, sorted(starts))


def test_a_japanese_title_with_its_own_line_break_gets_no_second_one():
    from deckbuild.layout.fitter import Fitter
    from deckbuild.layout.geometry import Box
    from deckbuild.layout.parts import title_block

    f = Fitter(default_theme().for_language("ja"), "ja")
    text = "2026年度\n" + JAPANESE_HEADING + "と人材戦略"
    block = title_block(f, text, Box(0, 0, 600, 300), 28, 21, 3)
    breaks = f.phrase_breaks(text, block)
    assert block.lines == 3 and len(breaks) == 1, (block, breaks)  # the heading's own line is broken once
    assert text[breaks[0] - 1] != "\n", breaks  # not a second break after the author's
