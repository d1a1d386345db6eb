"""The 'untranslated' lint: a text of a translated outline written once for every edition,
which every edition then shows as written, warned of when it reads as words in a language
(a name, a figure or a code is meant to be the same everywhere)."""

from __future__ import annotations

import re

from deckbuild.cjk import is_wide
from deckbuild.diagnostics import Diagnostics
from deckbuild.input.facts import REFERENCE
from deckbuild.input.outline import Outline
from deckbuild.model.theme import east_asian_script

_WORD = re.compile(r"[^\W\d_]+")
# not words of the text: code, link targets, web and mail addresses, fact references
_NOT_WORDS = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|mailto:\S+|\S+@\S+")
# words only a sentence or a title has (a name rarely does): 'Where We Stand', 'Mehr Fahrgäste im Winter'
_GLUE = {
    "en": "a an and are as at but by for from in is it its no not of on or our the this to was we with",
    "de": "am auf das der die ein eine für im in ist mit nicht oder sind und von wir zu zum zur",
    "fr": "au aux avec dans de des du en est et la le les nous ou par pour sont sur un une",
    "es": "con de del el en es la las los para por son su un una y",
}


def _glue(languages: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for lang in languages for w in _GLUE.get(lang.split("-")[0].lower(), "").split())


def reads_as_words(text: str, glue: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` says something in a language: two CJK characters, two words in small
    letters, or two words one of which is a word of ``glue`` ("广告是唯一的大胜", "Where we
    stand", "Where We Stand"); not a name, a figure or a code ("Facebook · Instagram",
    "iPhone · iPad", "Émile Zola", "+{{ctr_uplift}}", "iOS", "Q4 2025")."""
    text = _NOT_WORDS.sub(" ", REFERENCE.sub(" ", text))
    if sum(1 for ch in text if is_wide(ch) and ch.isalpha() and not "\uff00" <= ch <= "\uffef") >= 2:
        return True
    words = [w for w in _WORD.findall(text) if len(w) > 1]  # not 'Q' of 'Q4'
    small = [w for w in words if w.islower()]
    return len(small) >= 2 or len(words) >= 2 and any(w.lower() in glue for w in words)


def _written_alike(languages: tuple[str, ...]) -> bool:
    """Whether the editions are in one language and script (en and en-GB; not zh-CN and zh-TW)."""
    def key(lang: str) -> tuple[str, str]:
        parts = lang.split("-")
        script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
        if not script and parts[0].lower() == "zh":
            script = east_asian_script(lang)
        return parts[0].lower(), script

    return len({key(lang) for lang in languages}) < 2


def lint_translations(outline: Outline, diags: Diagnostics) -> None:
    """The outline's texts written once for every edition that read as words."""
    languages = outline.languages
    if _written_alike(languages):
        return
    glue = _glue(languages)
    for loc, text in outline.shared_texts.items():
        if reads_as_words(text, glue):
            clipped = text if len(text) <= 40 else text[:39] + "…"
            diags.warning(loc, f"'{clipped}' is the same in every edition ({', '.join(languages)}); write it once per "
                          f"language, e.g. {{{languages[0]}: …, {languages[1]}: …}}, or silence 'untranslated' where "
                          "it is meant to be", "untranslated")
