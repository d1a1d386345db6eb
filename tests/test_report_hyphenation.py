"""Latin-script reports hyphenate running text with pyphen's dictionaries (through reportlab's
``hyphenationLang``): a word broken at a line's end always shows its hyphen, and headings are
never hyphenated."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from conftest import require_tool
from deckbuild.model.deck import Deck, Rich, Slide, SlideKind, Table, TableContent
from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.styles import hyphenation_language, make_styles
from deckbuild.render.pdf.writer import render

R = Rich.of
WORDS = "A twenty-five-year commitment to superintelligence infrastructure and extraordinarily"


def _lines(tmp_path: Path, language: str) -> list[str]:
    header = ("Plan", "Horizon", "Note", "Owner", "Status", "Budget", "Region", "Phase", "Lead", "Risk")
    table = Table(tuple(R(h) for h in header),
                  tuple((R(WORDS), R(WORDS), *(R(c) for c in "xyzwxyzw")) for _ in range(2)))
    deck = Deck(name="t", title="Hyphens", language=language, author="Team",
                slides=(Slide(SlideKind.TABLE, 1, R("Commitments"), TableContent(table)),))
    data, _ = render(deck, default_theme(), {}, datetime(2025, 8, 1, tzinfo=timezone.utc))
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = [line for line in text.split("\f")[-2].splitlines() if line.strip()]
    head = next(i for i, line in enumerate(lines) if "Plan" in line and "Risk" in line)
    return [line for line in lines[head + 1:] if not re.search(r"Page \d", line)]  # the table's body


def test_a_word_broken_in_a_narrow_cell_shows_its_hyphen(tmp_path):
    words = set(re.findall(r"[A-Za-z]+", WORDS)) | set("xyzw")
    pieces = [p for line in _lines(tmp_path, "en-US") for p in re.findall(r"[A-Za-z]+-?", line)]
    broken = [p for p in pieces if p.rstrip("-") not in words]
    assert broken, pieces  # the cells are narrow enough to break words
    for piece in broken:  # every fragment is a start ending in '-' or an end whose start did
        assert piece.endswith("-") or any(w.endswith(piece) for w in words), (piece, broken)
    starts = [p for p in broken if p.endswith("-")]
    assert starts and all(any(w.startswith(p[:-1]) for w in words) for p in starts), starts


def test_running_text_hyphenates_in_its_language_and_headings_do_not():
    styles = make_styles(default_theme(), "en-GB")
    assert styles.body.hyphenationLang == "en_GB" and styles.cell.hyphenationLang == "en_GB"
    for unhyphenated in (styles.h1, styles.title, styles.toc[1]):
        assert unhyphenated.hyphenationLang == ""
    assert make_styles(default_theme(), "zh-CN").body.hyphenationLang == ""  # CJK breaks by its own rules
    assert hyphenation_language("de-CH") == "de_CH" and hyphenation_language("xx") == ""
