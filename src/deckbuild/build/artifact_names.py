"""The files each edition of an outline becomes, and editions that would share a file.

``decks/t.yaml`` with an ``en`` translation and ``decks/t.en.yaml`` both make ``t.en.pptx``;
``T.yaml`` and ``t.yaml`` make two names that are one file where names ignore case (Windows,
macOS) or Unicode normalization (macOS). Either is an error, positioned at the translation
that makes the edition or at the outline file, found before anything is written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.input.yaml_nodes import Scalar, Sequence, display_path

if TYPE_CHECKING:
    from deckbuild.input.outline import Outline

PREVIEW_SHEETS = (".preview.png", ".report.preview.png")  # deckbuild preview's contact sheets
FORMATS = ("pptx", "pdf")  # what a build writes of each edition, unless told otherwise


@dataclass(frozen=True)
class Edition:
    """One edition of an outline: NAME (the main language) or NAME.LANG (a translation)."""

    outline: Path  # the outline file, resolved
    name: str
    where: Location  # the translation that makes it; the outline file for the main edition
    language: str | None = None  # None for the main edition


def editions_of(outline: Outline) -> list[Edition]:
    """Every edition of a loaded outline, each with where it is asked for."""
    from deckbuild.input.editions import edition_name

    path = outline.path
    out = [Edition(path, outline.name, Location(display_path(path)))]
    node = outline.node.get("translations")
    for item in node.items if isinstance(node, Sequence) else []:
        if isinstance(item, Scalar) and str(item.value) != outline.languages[0]:
            out.append(Edition(path, edition_name(outline, str(item.value)), item.loc, str(item.value)))
    only = outline.overrides.language
    if only is not None:  # --lang: the one edition made
        out = [e for e in out if (e.language or outline.languages[0]) == only]
    return out


def editions_named(outline: Path, names: Iterable[str]) -> list[Edition]:
    """Editions known only by name (an outline that is up to date is not loaded)."""
    path = outline.resolve()
    where = Location(display_path(path))
    return [Edition(path, n, where, None if n == path.stem else n[len(path.stem) + 1:]) for n in names]


def file_names(name: str, formats: Iterable[str], preview: bool = False) -> list[str]:
    """The files in the output folder an edition called ``name`` becomes."""
    return [f"{name}.{fmt}" for fmt in formats] + ([name + s for s in PREVIEW_SHEETS] if preview else [])


def fold(name: str) -> str:
    """The name as a file system that ignores case and Unicode normalization sees it."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _subject(e: Edition) -> str:
    return "this outline" if e.language is None else f"the '{e.language}' edition of this outline"


def _object(e: Edition, this: Edition) -> str:
    if e.outline == this.outline:
        return "its main edition" if e.language is None else f"its '{e.language}' edition"
    where = display_path(e.outline)
    if e.language is None:
        return f"outline {where}"
    return f"the '{e.language}' edition of {where}" + (f" (line {e.where.line})" if e.where.line else "")


def _message(e: Edition, fe: str, o: Edition, fo: str, out_dir: Path) -> str:
    if e.outline == o.outline and e.name == o.name:
        return f"translation '{e.language}' is listed twice (first at line {o.where.line}); remove one"
    fix = ("remove one of the two translations" if e.outline == o.outline
           else "rename one of the outlines, or build them into different --out folders")
    shown, other = display_path(out_dir / fe), display_path(out_dir / fo)
    if fe == fo:
        return f"{_subject(e)} and {_object(o, e)} would both be written to {shown}; {fix}"
    return (f"{_subject(e)} would be written to {shown} and {_object(o, e)} to {other}, one and the same "
            f"file where file names ignore case or Unicode normalization (Windows, macOS); {fix}")


def clashes(editions: list[Edition], out_dir: Path, formats: Iterable[str], preview: bool = False) -> list[Diagnostic]:
    """An error at each edition whose files would be another edition's (the same name, or
    names that differ only in case or Unicode normalization); a translation listed twice is
    an error at its second mention only."""
    formats = tuple(formats)
    owner: dict[str, tuple[Edition, str]] = {}
    pairs: list[tuple[Edition, str, Edition, str]] = []
    for e in editions:
        for f in file_names(e.name, formats, preview):
            first, ff = owner.setdefault(fold(f), (e, f))
            if first != e and not any(a == first and b == e for a, _, b, _ in pairs):
                pairs.append((first, ff, e, f))
    out = []
    for a, fa, b, fb in pairs:
        twice = a.outline == b.outline and a.name == b.name
        for e, fe, o, fo in ((b, fb, a, fa),) if twice else ((a, fa, b, fb), (b, fb, a, fa)):
            out.append(Diagnostic(e.where, Severity.ERROR, _message(e, fe, o, fo, out_dir), "artifact-clash"))
    return out
