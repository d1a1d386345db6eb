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
    ("en", "Contents", "Page 3"), ("en-US", "Contents", "Page 3"), ("fr", "Contents", "Page 3"),
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
