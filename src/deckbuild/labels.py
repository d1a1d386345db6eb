"""Words the renderers print themselves ("Contents", "Figure", ...), per language.

A deck may add or override any of them under ``labels:`` in its outline, so a new
language needs no code change; these are the defaults.
"""

from __future__ import annotations

DEFAULTS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents",
        "executive_summary": "Executive summary",
        "key_points": "Key points",
        "sources": "Sources",
        "source": "Source",
        "figure": "Figure",
        "table": "Table",
        "page": "Page {n}",
        "slide": "Slide",
        "section": "Part {n}",
        "prepared_by": "Prepared by",
        "accessed": "",
    },
    "zh-CN": {
        "contents": "目录",
        "executive_summary": "执行摘要",
        "key_points": "要点",
        "sources": "参考来源",
        "source": "来源",
        "figure": "图",
        "table": "表",
        "page": "第 {n} 页",
        "slide": "幻灯片",
        "section": "第 {n} 部分",
        "prepared_by": "编写",
        "accessed": "",
    },
}


def labels_for(language: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Labels for a language: English defaults, then the language's, then the deck's."""
    base = dict(DEFAULTS["en"])
    primary = language.split("-")[0]
    for lang, words in DEFAULTS.items():
        if lang == language or lang == primary:
            base.update(words)
    base.update(overrides or {})
    return base
