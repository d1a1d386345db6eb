"""Words the renderers print themselves ("Contents", "Figure", ...), per language.

A deck may override any of them under ``labels:`` in its outline, so a new language
needs no code change; these are the defaults. ``page`` and ``section`` are templates with
placeholders (see ``PLACEHOLDERS``).
"""

from __future__ import annotations

import re

from deckbuild.model.theme import CJK_SCRIPTS, east_asian_script

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
    "zh-TW": {
        "contents": "目錄",
        "executive_summary": "執行摘要",
        "key_points": "重點",
        "sources": "參考來源",
        "source": "來源",
        "figure": "圖",
        "table": "表",
        "page": "第 {n} 頁",
        "slide": "投影片",
        "section": "第 {n} 部分",
        "prepared_by": "編寫",
        "accessed": "",
    },
    "ja": {
        "contents": "目次",
        "executive_summary": "エグゼクティブサマリー",
        "key_points": "要点",
        "sources": "出典",
        "source": "出典",
        "figure": "図",
        "table": "表",
        "page": "{n} ページ",
        "slide": "スライド",
        "section": "第 {n} 部",
        "prepared_by": "作成",
        "accessed": "",
    },
    "ko": {
        "contents": "목차",
        "executive_summary": "핵심 요약",
        "key_points": "핵심 내용",
        "sources": "출처",
        "source": "출처",
        "figure": "그림",
        "table": "표",
        "page": "{n}쪽",
        "slide": "슬라이드",
        "section": "제{n}부",
        "prepared_by": "작성",
        "accessed": "",
    },
    "de": {
        "contents": "Inhalt",
        "executive_summary": "Zusammenfassung",
        "key_points": "Kernpunkte",
        "sources": "Quellen",
        "source": "Quelle",
        "figure": "Abbildung",
        "table": "Tabelle",
        "page": "Seite {n}",
        "slide": "Folie",
        "section": "Teil {n}",
        "prepared_by": "Erstellt von",
        "accessed": "",
    },
    "fr": {
        "contents": "Sommaire",
        "executive_summary": "Synthèse",
        "key_points": "Points clés",
        "sources": "Sources",
        "source": "Source",
        "figure": "Figure",
        "table": "Tableau",
        "page": "Page {n}",
        "slide": "Diapositive",
        "section": "Partie {n}",
        "prepared_by": "Préparé par",
        "accessed": "",
    },
    "es": {
        "contents": "Índice",
        "executive_summary": "Resumen ejecutivo",
        "key_points": "Puntos clave",
        "sources": "Fuentes",
        "source": "Fuente",
        "figure": "Figura",
        "table": "Tabla",
        "page": "Página {n}",
        "slide": "Diapositiva",
        "section": "Parte {n}",
        "prepared_by": "Elaborado por",
        "accessed": "",
    },
}


def missing_words(language: str, overrides: dict[str, str] | None = None) -> list[str]:
    """The labels a language has no built-in words for and the deck does not give: printed
    in English (empty when the language has a label set)."""
    if _defaults(language) or language.split("-")[0].casefold() == "en":
        return []
    return [name for name, text in DEFAULTS["en"].items() if text and name not in (overrides or {})]


def _defaults(language: str) -> dict[str, str]:
    """The default labels of a language tag: its own; else, for Chinese, those of its script
    (zh-CN's for zh and zh-SG, zh-TW's for zh-HK and zh-Hant); else its language's ('en' for
    'en-US'); else none."""
    tag = language.casefold()
    own = next((words for lang, words in DEFAULTS.items() if lang.casefold() == tag), None)
    if own is not None:
        return own
    primary = tag.split("-")[0]
    if primary == "zh":
        return DEFAULTS[CJK_SCRIPTS[east_asian_script(language)]]
    return next((words for lang, words in DEFAULTS.items() if lang.split("-")[0] == primary), {})


def labels_for(language: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Labels for a language: English defaults, then the language's, then the deck's."""
    base = dict(DEFAULTS["en"])
    base.update(_defaults(language))
    base.update(overrides or {})
    return {name: text if name in PLACEHOLDERS else fill(name, text) for name, text in base.items()}


# --- templates -------------------------------------------------------------------------------
#
# A label is a template of our own, not Python's str.format: '{name}' is replaced by one of
# the label's fixed placeholders, '{{' and '}}' are literal braces, and nothing else is
# special. No attribute, index, conversion or format spec exists, so a label can neither
# reach into Python objects nor ask for a huge padding width.

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "page": {"n": "the page number", "total": "the number of pages"},
    "section": {"n": "the part's number"},
}
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    """A label that is not a valid template; the message says why and how to fix it."""


def _usage(label: str) -> str:
    fields = PLACEHOLDERS.get(label, {})
    if not fields:
        return f"label '{label}' takes no placeholders; write '{{{{' and '}}}}' for literal braces"
    each = [f"{{{name}}} ({what})" for name, what in fields.items()]
    said = each[0] if len(each) == 1 else ", ".join(each[:-1]) + " or " + each[-1]
    return f"use {said}, and '{{{{' and '}}}}' for literal braces"


def parse(label: str, text: str) -> tuple[str | tuple[str], ...]:
    """``text`` as literal strings and ``(name,)`` placeholders; TemplateError if invalid."""
    allowed = PLACEHOLDERS.get(label, {})
    parts: list[str | tuple[str]] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        parts.append(text[pos:m.start()])
        pos = m.end()
        token = m.group()
        if token in ("{{", "}}"):
            parts.append(token[0])
            continue
        if token == "{":
            raise TemplateError(f"'{{' is not closed in label '{label}'; {_usage(label)}")
        if token == "}":
            raise TemplateError(f"a single '}}' in label '{label}'; {_usage(label)}")
        if not allowed:
            raise TemplateError(_usage(label))
        name = m.group(1)
        shown = token if len(token) <= 40 else token[:39] + "…"
        if name.strip() in allowed and name != name.strip():
            raise TemplateError(f"placeholder '{shown}' has spaces; write {{{name.strip()}}}")
        if name not in allowed:
            head = re.split(r"[.\[!:]", name, maxsplit=1)[0]
            if head in allowed and head != name:
                raise TemplateError(f"placeholder '{shown}' in label '{label}' is more than a name: attributes, "
                                    f"indexes and formats are not supported; write {{{head}}}")
            raise TemplateError(f"unknown placeholder '{shown}' in label '{label}'; {_usage(label)}")
        parts.append((name,))
    parts.append(text[pos:])
    return tuple(p for p in parts if p != "")


def fill(label: str, text: str, **values: object) -> str:
    """The label with its placeholders replaced by ``values`` (an invalid template, which the
    outline check refuses, comes out as written)."""
    try:
        parts = parse(label, text)
    except TemplateError:
        return text
    return "".join(str(values.get(p[0], "")) if isinstance(p, tuple) else p for p in parts)


def uses(label: str, text: str, name: str) -> bool:
    """Whether the template ``text`` of ``label`` uses the placeholder ``name``."""
    try:
        return (name,) in parse(label, text)
    except TemplateError:
        return False
