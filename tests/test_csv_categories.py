"""Category labels read from a CSV can be translated per edition: ``category_column`` names
one column, or one per language (issue 17, "Data in any language")."""

from __future__ import annotations

import re
import zipfile

from deckbuild.cli.commands import main
from project import make_project

CSV = "name_en,name_zh,value\nAdvertising,广告,5\nHardware,硬件,3\n"
CHART = """\
title: {en: Scores, zh-CN: 评分}
kind: bar
csv: s.csv
category_column: {en: name_en, zh-CN: name_zh}
series:
  - {name: {en: Score, zh-CN: 评分}, column: value}
source: src
"""
OUTLINE = """\
title: {zh-CN: 记分, en: Scores}
language: zh-CN
translations: [%s]
sources:
  - {id: src, title: {zh-CN: 来源, en: Source%s}}
slides:
  - {kind: chart, title: {zh-CN: 广告领先, en: Advertising leads%s}, chart: s}
"""


def _categories(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        part = next(n for n in z.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml"))
        xml = z.read(part).decode()
    cat = re.search(r"<c:cat>(.*?)</c:cat>", xml, re.S).group(1)
    return re.findall(r"<c:v>([^<]*)</c:v>", cat)


def test_each_edition_reads_its_own_category_column(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, OUTLINE % ("en", "", ""), charts={"s": CHART})
    (tmp_path / "charts" / "s.csv").write_text(CSV, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "decks/t.yaml", "--format", "pptx"]) == 0, capsys.readouterr().err
    assert _categories(tmp_path / "build" / "t.pptx") == ["广告", "硬件"]
    assert _categories(tmp_path / "build" / "t.en.pptx") == ["Advertising", "Hardware"]


def test_an_edition_without_a_column_is_one_positioned_error(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, OUTLINE % ("en, de", ", de: Quelle", ", de: Werbung führt"), charts={"s": CHART})
    (tmp_path / "charts" / "s.csv").write_text(CSV, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "decks/t.yaml"]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if "category" in line]
    assert err == ["charts/s.yaml:4:18: error: 'category_column' names no column for language 'de'; add "
                   "'de: COLUMN' (given: en, zh-CN)"], err  # and no second error about the series' length
