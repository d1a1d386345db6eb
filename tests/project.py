"""Tiny literal fixture projects written into a temporary folder."""

from __future__ import annotations

import textwrap
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


def make_project(root: Path, outline: str = OUTLINE, charts: dict[str, str] | None = None) -> Path:
    """Write decks/t.yaml and charts/*.yaml under ``root``; return the outline path."""
    (root / "decks").mkdir(parents=True, exist_ok=True)
    (root / "charts").mkdir(exist_ok=True)
    for name, text in (charts if charts is not None else {"bars": CHART}).items():
        (root / "charts" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    deck = root / "decks" / "t.yaml"
    deck.write_text(textwrap.dedent(outline), encoding="utf-8")
    return deck
