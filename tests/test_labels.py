"""The words the renderers print themselves ("Contents", "Page 3", ...) follow each edition's
language: its own defaults, else (Chinese) its script's, else its language's, else English."""

from __future__ import annotations

import subprocess

import pytest

from conftest import require_tool
from deckbuild.cli import main
from deckbuild.model.labels import labels_for
from project import make_project


@pytest.mark.parametrize("language, contents, page", [
    ("zh-CN", "目录", "第 3 页"), ("zh", "目录", "第 3 页"), ("zh-SG", "目录", "第 3 页"),
    ("zh-Hans", "目录", "第 3 页"),
    ("zh-TW", "目錄", "第 3 頁"), ("zh-HK", "目錄", "第 3 頁"), ("zh-Hant", "目錄", "第 3 頁"),
    ("en", "Contents", "Page 3"), ("en-US", "Contents", "Page 3"), ("fr", "Sommaire", "Page 3"),
    ("ja", "目次", "3 ページ"), ("ko-KR", "목차", "3쪽"), ("de-CH", "Inhalt", "Seite 3"), ("es", "Índice", "Página 3"),
    ("pt-BR", "Contents", "Page 3"),  # no words of its own: English, with a warning (below)
])
def test_labels_follow_the_language(language, contents, page):
    labels = labels_for(language)
    assert labels["contents"] == contents and labels["page"].replace("{n}", "3") == page


def test_labels_of_the_deck_override_the_defaults():
    assert labels_for("zh-TW", {"contents": "內容"})["contents"] == "內容"


OUTLINE = """\
title: Labels
author: Someone
date: 2025-08-05
language: zh
translations: [zh-TW, en-US]
summary: Text.
sources:
  - id: s
    title: Source
slides:
  - kind: bullets
    title: One
    bullets: [a, b]
    sources: [s]
"""


def test_each_reports_fixed_words_are_in_its_language(tmp_path, monkeypatch, capsys):
    require_tool("pdftotext")
    make_project(tmp_path, OUTLINE)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q", "--format", "pdf"]) == 0, capsys.readouterr().err
    for name, words, date in (("t", ("目录", "执行摘要", "参考来源", "编写"), "2025 年 8 月 5 日"),
                              ("t.zh-TW", ("目錄", "執行摘要", "參考來源", "編寫"), "2025 年 8 月 5 日"),
                              ("t.en-US", ("Contents", "Executive summary", "Sources", "Prepared by"),
                               "August 5, 2025")):
        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "build" / f"{name}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert all(w in text for w in words) and date in text, (name, text)


def test_a_language_without_words_is_warned_of_and_a_theme_may_give_them(tmp_path, monkeypatch, capsys):
    (tmp_path / "templates" / "brand").mkdir(parents=True)
    (tmp_path / "templates" / "brand" / "theme.yaml").write_text(
        "name: brand\nlabels:\n  pt:\n    contents: Sumário\n", encoding="utf-8")
    make_project(tmp_path, "title: T\nlanguage: en\ntheme: brand\ntranslations: [pt-BR, de]\nslides:\n"
                           "  - {title: {en: A, pt-BR: A, de: A}, bullets: [b, c, d]}\n", charts={})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "decks/t.yaml"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err  # German has its words; Portuguese gets the theme's and a warning
    assert err[0].startswith("decks/t.yaml:4:1: warning: no built-in words for language 'pt-BR': "
                             "executive_summary ('Executive summary'), key_points")
    assert "contents" not in err[0].split("are printed")[0]  # the theme gave it
    assert main(["build", "decks/t.yaml", "--format", "pdf"]) == 0
    text = subprocess.run([require_tool("pdftotext"), "build/t.pt-BR.pdf", "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Sumário" in text and "Contents" not in text


@pytest.mark.parametrize("language, marks", [("de", "„“"), ("ja", "「」"), ("zh-TW", "「」"), ("zh-CN", "“”"),
                                             ("en", "“”"), ("fr", "«\u202f\u202f»")])
def test_the_report_quotes_in_the_editions_own_marks(tmp_path, language, marks):
    from datetime import datetime, timezone

    from deckbuild.model.deck import Deck, QuoteContent, Rich, Slide, SlideKind
    from deckbuild.model.theme import default_theme
    from deckbuild.render.pdf.writer import render

    deck = Deck(name="q", title="Q", language=language, author="A",
                slides=(Slide(SlideKind.QUOTE, 1, Rich.of("Q"), QuoteContent(Rich.of("Wir bauen es"), "X")),))
    data, _ = render(deck, default_theme().for_language(language), {}, datetime(2025, 8, 1, tzinfo=timezone.utc))
    (tmp_path / "q.pdf").write_bytes(data)
    text = subprocess.run([require_tool("pdftotext"), str(tmp_path / "q.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    opening, closing = (marks[:2], marks[2:]) if language == "fr" else (marks[0], marks[1])
    quoted = f"{opening}Wir bauen es{closing}".replace("\u202f", " ")  # pdftotext gives a narrow space as one
    assert quoted in text, text
