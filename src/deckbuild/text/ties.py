"""Ties: a title never ends with one word alone on its last line.

The last two words of a title in a language that spaces its words are joined by a no-break
space (U+00A0), which every client (PowerPoint, Keynote, LibreOffice, reportlab) keeps on
one line, whatever font the recipient has; the deck's measuring keeps them together too
(UAX #14 class GL). A title of two words is left alone: tied, it could never break.
"""

from __future__ import annotations

from deckbuild.cjk import close_latin_gap

NBSP = "\u00a0"
_UNSPACED = ("zh", "ja", "th", "lo", "km", "my")  # languages that do not space their words


def spaces_words(language: str) -> bool:
    return language.split("-")[0].lower() not in _UNSPACED


def tie_at(text: str, language: str) -> int | None:
    """The index of the space to tie in ``text`` (the last between two words), or None."""
    if not spaces_words(language):
        return None
    core = text.rstrip()
    at = core.rfind(" ")
    if at <= 0 or core[:at].strip().count(" ") < 1 or core[at - 1] == " ":
        return None  # fewer than three words, or a run of spaces
    if close_latin_gap(core[at - 1:at + 2]) != core[at - 1:at + 2]:
        return None  # a space between CJK and Latin text, which the deck drops
    return at


def tie_last_words(text: str, language: str) -> str:
    """``text`` with its last two words tied (``tie_at``)."""
    at = tie_at(text, language)
    return text if at is None else text[:at] + NBSP + text[at + 1:]
