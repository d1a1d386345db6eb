"""Phrases of Japanese text, where a heading may break: BudouX's segmenter (Google's,
a small machine-learned model, no dictionary), '2026年度決算の自社施工について' →
'2026年度 / 決算の / 自社施工に / ついて'. Body text breaks between any two characters, as
Japanese is set; a heading or a title broken inside a word ('2026年 / 度決算') reads badly."""

from __future__ import annotations

from functools import lru_cache

from deckbuild.text.linebreak import break_units

PHRASED = ("ja",)  # the languages whose headings break between phrases


def phrased(language: str) -> bool:
    return language.split("-")[0].lower() in PHRASED


@lru_cache(maxsize=1)
def _japanese():
    import budoux

    return budoux.load_default_japanese_parser()


@lru_cache(maxsize=1024)
def phrase_starts(text: str, language: str) -> frozenset[int]:
    """The indexes of ``text`` where a phrase starts (after the first), and after each space;
    every index for a language without phrases."""
    if not phrased(language):
        return frozenset(range(len(text) + 1))
    starts, at = set(), 0
    for phrase in _japanese().parse(text):
        at += len(phrase)
        starts.add(at)
    # where the author spaced it, and after a middle dot, which parts words ('販売・マーケティング')
    starts.update(i + 1 for i, ch in enumerate(text) if ch in " ・")
    return frozenset(starts)


@lru_cache(maxsize=1024)
def phrase_units(text: str, language: str) -> tuple[str, ...]:
    """``text`` split where a line may break (``linebreak.break_units``), the pieces of one
    phrase joined: a heading in a phrased language breaks only between phrases (inside one
    only when it is longer than a line, which the wrapper cuts between characters)."""
    units = break_units(text)
    if not phrased(language):
        return units
    starts = phrase_starts(text, language)
    out: list[str] = []
    at = 0
    for unit in units:
        if out and at not in starts:
            out[-1] += unit
        else:
            out.append(unit)
        at += len(unit)
    return tuple(out)
