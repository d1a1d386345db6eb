"""No title ends with one word alone on its last line (issue 17): the last two words of a
title are tied with a no-break space, which the clients keep together, in the deck as
LibreOffice shows it and in the report's headings."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone

from conftest import require_tool
from deckbuild.layout.fitter import Fitter
from deckbuild.layout.parts import title_block
from deckbuild.model.deck import Bullet, BulletsContent, Deck, Rich, Slide, SlideKind
from deckbuild.model.theme import default_theme
from deckbuild.text.fit import wrap
from deckbuild.text.ties import NBSP, tie_last_words

WORDS = ("Advertising is the only part of the bet already paying off while every other front still "
         "waits for proof and for patience").split()
WHEN = datetime(2025, 8, 1, tzinfo=timezone.utc)


def _titles(n: int = 14) -> list[str]:
    """Titles of 9 to 9 + n words: some of them wrap with one word left over."""
    return [tie_last_words(" ".join(WORDS[:k]), "en") for k in range(9, 9 + n)]


def _deck(titles: list[str]) -> Deck:
    slides = tuple(Slide(SlideKind.BULLETS, i, Rich.of(t), BulletsContent((Bullet(Rich.of("A point.")),)))
                   for i, t in enumerate(titles, 1))
    return Deck(name="ties", title="Ties", language="en", author="Team", slides=slides)


def _lines(pdf) -> list[str]:
    text = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [" ".join(line.replace(NBSP, " ").split()) for line in text.splitlines() if line.strip()]


def _last_lines(lines: list[str], title: str) -> list[str] | None:
    """The lines a title was set on, if it is found whole on consecutive lines."""
    plain = title.replace(NBSP, " ")
    for i, line in enumerate(lines):
        if line and plain.startswith(line) and len(line) < len(plain):
            got, j = line, i
            while len(got) < len(plain) and j + 1 < len(lines):
                j += 1
                got += " " + lines[j]
            if got == plain:
                return lines[i:j + 1]
    return None


def test_untied_some_of_these_titles_would_end_with_one_word():
    """The case the tie is for: measured as the deck sets them, without the tie."""
    theme = default_theme()
    f = Fitter(theme, "en")
    box = f.geometry("bullets").title
    lonely = 0
    for title in _titles():
        untied = title.replace(NBSP, " ")
        block = title_block(f, untied, box, f.s.title_size, f.s.title_size * 0.75, 2)
        lines = wrap(untied, box.w * 0.97, block.size, f.heading_faces.bold)
        lonely += len(lines) > 1 and " " not in lines[-1]
    assert lonely >= 1


def test_deck_titles_never_end_with_one_word(tmp_path):
    from clients import libreoffice_to_pdf
    from deckbuild.render.pptx.writer import render

    titles = _titles()
    data, _ = render(_deck(titles), default_theme(), {}, WHEN)
    path = tmp_path / "ties.pptx"
    path.write_bytes(data)
    require_tool("soffice")
    lines = _lines(libreoffice_to_pdf(path, tmp_path))
    wrapped = [got for got in (_last_lines(lines, t) for t in titles) if got]
    assert len(wrapped) >= 3, lines
    for got in wrapped:
        assert " " in got[-1], got


def test_report_headings_never_end_with_one_word(tmp_path):
    from deckbuild.render.pdf.writer import render

    titles = [tie_last_words(" ".join((WORDS * 2)[:k]), "en") for k in range(12, 34)]
    data, _ = render(_deck(titles), default_theme(), {}, WHEN)
    path = tmp_path / "ties.pdf"
    path.write_bytes(data)
    lines = _lines(path)
    wrapped = [got for got in (_last_lines(lines, t) for t in titles) if got]
    assert len(wrapped) >= 3, lines
    for got in wrapped:
        assert " " in got[-1], got
