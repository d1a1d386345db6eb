"""Tiny literal fixture projects written into a temporary folder."""

from __future__ import annotations

import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

OUTLINE = """\
title: 测试
language: zh-CN
sources:
  - id: src
    title: 来源
facts:
  share: {value: 0.604, unit: percent}
slides:
  - kind: bullets
    title: 标题 {{share}}
    bullets: [甲, 乙]
    sources: [src]
  - kind: chart
    title: 图
    chart: bars
"""

CHART = """\
title: 柱状图
kind: column
categories: [甲, 乙]
series:
  - name: 值
    values: [1, $share]
source: src
"""

# Two editions (zh-CN, en), with speaker notes, report prose and a chart
BILINGUAL = """\
title: {zh-CN: 测试, en: Test}
language: zh-CN
translations: [en]
sources:
  - id: src
    title: {zh-CN: 来源, en: Source}
facts:
  share: {value: 0.604, unit: percent}
slides:
  - kind: bullets
    title: {zh-CN: "标题 {{share}}", en: "Title {{share}}"}
    bullets:
      - {zh-CN: 甲, en: Alpha}
      - {zh-CN: 乙, en: Beta}
    notes: {zh-CN: 中文备注。, en: English notes.}
    report: {zh-CN: 中文报告段落。, en: English report paragraph.}
    sources: [src]
  - kind: chart
    title: {zh-CN: 图, en: Chart}
    chart: bars
"""

BILINGUAL_CHART = """\
title: {zh-CN: 柱状图, en: Columns}
kind: column
categories: [{zh-CN: 甲, en: A}, {zh-CN: 乙, en: B}]
series:
  - name: {zh-CN: 值, en: Value}
    values: [1, $share]
source: src
"""


def make_project(root: Path, outline: str = OUTLINE, charts: dict[str, str] | None = None) -> Path:
    """Write decks/t.yaml and charts/*.yaml under ``root``; return the outline path."""
    (root / "decks").mkdir(parents=True, exist_ok=True)
    (root / "charts").mkdir(exist_ok=True)
    for name, text in (charts if charts is not None else {"bars": CHART}).items():
        (root / "charts" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    deck = root / "decks" / "t.yaml"
    deck.write_text(textwrap.dedent(outline), encoding="utf-8")
    return deck


def package_with(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """A copy at ``target`` of the zip package ``source`` (a .pptx) with the bytes of ``part``
    changed by ``change``; every other entry as it was (name, date, compression)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, change(data) if info.filename == part else data)
