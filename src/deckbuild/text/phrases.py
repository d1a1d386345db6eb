"""Phrases of Japanese text, where a heading may break: BudouX's segmenter (Google's,
a small machine-learned model, no dictionary), '2026年度決算の自社施工について' →
'2026年度 / 決算の / 自社施工に / ついて'. Body text breaks between any two characters, as
Japanese is set; a heading or a title broken inside a word ('2026年 / 度決算') reads badly."""

from __future__ import annotations

from functools import lru_cache

PHRASED = ("ja",)  # the languages whose headings break between phrases


def phrased(language: str) -> bool:
    return language.split("-")[0].lower() in PHRASED


@lru_cache(maxsize=1)
def _japanese():
    import budoux

    return budoux.load_default_japanese_parser()


@lru_cache(maxsize=1024)
def phrase_starts(text: str, language: str) -> frozenset[int]:
    """The indexes of ``text`` where a phrase starts (after the first); every index for a
    language without phrases."""
    if not phrased(language):
        return frozenset(range(len(text) + 1))
    starts, at = set(), 0
    for phrase in _japanese().parse(text):
        at += len(phrase)
        starts.add(at)
    return frozenset(starts)
