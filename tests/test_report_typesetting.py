"""Typesetting of the report, read from the glyph positions of the built PDF (tests/pdf_glyphs.py):
justified Chinese lines widen the gaps between CJK characters and at spaces, never inside a Latin
word or a "——", and still end flush; bulleted paragraphs hang, every line at the x of the first."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import FLAGSHIP_GROUP
from deckbuild.cjk import is_wide
from deckbuild.model.deck import Bullet, BulletsContent, Column, ColumnsContent, Deck, Rich, Slide, SlideKind, Source
from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.styles import BULLET_CHARS
from deckbuild.render.pdf.writer import render
from pdf_glyphs import Glyph, lines, pdf_glyphs

R = Rich.of
WHEN = datetime(2025, 8, 1, 12, 30, tzinfo=timezone.utc)
TOLERANCE = 0.01  # pt: reportlab writes positions and spacing to four decimals


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.-/")


def _gaps(line: list[Glyph]) -> list[tuple[Glyph, Glyph, float]]:
    return [(a, b, b.x0 - a.x1) for a, b in zip(line, line[1:])]


def _justified_lines(path: Path) -> list[list[Glyph]]:
    """Lines that widen a gap (by character spacing): set justified, and not the last of a paragraph."""
    return [line for page in pdf_glyphs(path) for line in lines(page)
            if any(TOLERANCE < g < 0.5 * a.size for a, _, g in _gaps(line))]


@pytest.fixture(scope="module")
def chinese_lines(flagship) -> list[list[Glyph]]:
    return _justified_lines(flagship.out / "meta-ai-bet.pdf")


@FLAGSHIP_GROUP
def test_justified_chinese_lines_do_not_letter_space_latin_words(chinese_lines):
    # the lines this is about: justified lines with Latin words in them (p. 3: "Meta", "Llama", "AI")
    mixed = [line for line in chinese_lines if any(_latin(a.text) and _latin(b.text) for a, b, _ in _gaps(line))]
    assert len(mixed) > 50
    spaced = [(a.text + b.text, round(g, 3), "".join(x.text for x in line)[:30])
              for line in mixed for a, b, g in _gaps(line)
              if _latin(a.text) and _latin(b.text) and abs(g) > TOLERANCE]
    assert not spaced


@FLAGSHIP_GROUP
def test_justified_chinese_lines_keep_dashes_whole(chinese_lines):
    pairs = [(a, b, g) for line in chinese_lines for a, b, g in _gaps(line) if a.text == b.text and a.text in "—…"]
    assert len(pairs) >= 3  # pp. 3, 5, 9, 10, 11, 18, 19
    assert not [round(g, 3) for _, _, g in pairs if abs(g) > TOLERANCE]


@FLAGSHIP_GROUP
def test_justified_chinese_lines_widen_cjk_gaps_and_end_flush(chinese_lines):
    assert len(chinese_lines) > 150
    right = max(line[-1].x1 for line in chinese_lines)
    ragged = ["".join(g.text for g in line)[:30] for line in chinese_lines if abs(line[-1].x1 - right) > 0.05]
    assert not ragged  # also: no line of a paragraph split at a page break overshoots (a drawn space)
    widest = max(g / a.size for line in chinese_lines for a, _, g in _gaps(line))
    assert widest < 1  # em: the widest gap is a word space, never a hole
    cjk = [g / a.size for line in chinese_lines for a, b, g in _gaps(line) if is_wide(a.text) and is_wide(b.text)]
    assert len(cjk) > 3000
    assert max(cjk) <= 0.1 + 1e-3  # below the gap at which pdftotext reads a space


# --- bullets -------------------------------------------------------------------------------------


def _bulleted(path: Path) -> list[tuple[int, str, list[float]]]:
    """(page, bullet, the x of each line of its paragraph) for each bulleted paragraph: reportlab draws
    the bullet in a text object of its own, right before the paragraph's."""
    out = []
    for number, page in enumerate(pdf_glyphs(path), 1):
        blocks: dict[int, list[Glyph]] = {}
        for g in page:
            blocks.setdefault(g.block, []).append(g)
        for k, glyphs in blocks.items():
            mark = "".join(g.text for g in glyphs)
            if k + 1 in blocks and (mark in BULLET_CHARS or re.fullmatch(r"\[\d+\]", mark)):
                out.append((number, mark, [line[0].x0 for line in lines(blocks[k + 1])]))
    return out


def _hanging(bulleted) -> list[tuple[int, str, float]]:
    """Bulleted paragraphs whose lines do not all start where the first one does (page, bullet, offset)."""
    return [(p, mark, round(x - xs[0], 2)) for p, mark, xs in bulleted for x in xs[1:] if abs(x - xs[0]) > TOLERANCE]


@FLAGSHIP_GROUP
def test_flagship_bullets_hang(flagship):
    for name in ("meta-ai-bet.pdf", "meta-ai-bet.en.pdf"):
        bulleted = _bulleted(flagship.out / name)
        assert len(bulleted) > 80
        assert not _hanging(bulleted), name
    # the English two-column lists wrap (pp. 6, 10, 19, 22): the check above saw them
    assert sum(len(xs) > 1 for _, _, xs in _bulleted(flagship.out / "meta-ai-bet.en.pdf")) >= 10


LONG = {
    "zh-CN": "广告效果提升的背后，是一条被 AI 全面接管的投放链条：从素材生成到受众定向再到出价，"
             "几乎每个环节都已自动化。",
    "en": "Behind the better returns is an ad pipeline that AI now runs end to end, from making the creative to "
          "choosing the audience and setting the bid.",
}


def _list_deck(language: str) -> Deck:
    long = R(LONG[language])
    nested = (Bullet(long, (Bullet(long, (Bullet(long),)),)), Bullet(long))
    src = Source("src", 1, LONG[language], "Publisher", "2025-08-01", "https://example.com/src")
    slides = (
        Slide(SlideKind.BULLETS, 1, R("List"), BulletsContent(nested), sources=(src,)),
        Slide(SlideKind.COLUMNS, 2, R("Columns"),
              ColumnsContent(Column(R("Left"), nested), Column(R("Right"), nested))),
    )
    return Deck(name="lists", title="Lists", language=language, slides=slides, author="Team", sources=(src,))


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_bullets_hang_in_single_and_two_column_lists_at_every_level(tmp_path, language):
    data, diags = render(_list_deck(language), default_theme(), {}, WHEN)
    path = tmp_path / "lists.pdf"
    path.write_bytes(data)
    bulleted = _bulleted(path)
    wrapped = {mark for _, mark, xs in bulleted if len(xs) > 1}
    assert set(BULLET_CHARS) <= wrapped  # every level wraps, in one column and in two
    assert sum(len(xs) > 1 for _, _, xs in bulleted) >= 12
    assert not _hanging(bulleted)
