"""Make the theme's font files known to reportlab, by content.

reportlab keeps fonts in one table per process, by name, and keeps the first font registered
under a name. So the names are made from the SHA-256 of the files (the versions the theme was
read with), never from their paths or file names: two themes whose fonts are both called
``Regular.ttf``, or a font replaced while ``watch`` runs, get fonts of their own. A name
stands for a family, because ``<b>`` and ``<i>`` in a paragraph find the bold and italic
faces through the regular one's. The names never reach the PDF: it names each font by the
PostScript name inside the file.

A Latin-script edition is set in the theme's text face (``Fonts.report_latin``); the
characters that face lacks are set in the theme's family (see ``fallback``).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from deckbuild.cjk import is_cjk_language
from deckbuild.digests import read_version
from deckbuild.model.theme import Fonts


@dataclass(frozen=True)
class Fallback:
    """The code points a text face has, and the family font that sets the others."""

    covered: frozenset[int]
    regular: str  # reportlab names of the family's faces
    bold: str

    def font(self, bold: bool) -> str:
        return self.bold if bold else self.regular


@dataclass(frozen=True)
class ReportFonts:
    """The reportlab names of an edition's fonts."""

    regular: str  # the text face
    bold: str
    family_regular: str  # the theme's family: figures, and what the text face lacks
    family_bold: str


_families: dict[tuple[str, ...], tuple[str, ...]] = {}  # SHA-256 of the files → reportlab names
_styles: dict[str, tuple[tuple[str, ...], bool, bool]] = {}  # a name → its family's names, bold, italic
_covered: dict[str, frozenset[int]] = {}  # a name → the code points its font has
_fallbacks: dict[str, Fallback] = {}  # a text face's reportlab name → where its missing characters go


def reportlab_fonts(fonts: Fonts) -> tuple[str, str]:
    """Register the theme's family with reportlab (once per process for each content); return
    the (regular, bold) font names."""
    regular, bold = _register((fonts.regular, fonts.bold), fonts.digests())
    return regular, bold


def report_fonts(fonts: Fonts, language: str) -> ReportFonts:
    """The fonts of an edition in ``language``: the theme's text face for a Latin-script
    language when the theme has one, else its family."""
    family = reportlab_fonts(fonts)
    face = fonts.report_latin
    if face is None or is_cjk_language(language):
        return ReportFonts(*family, *family)
    names = _register(face.files, face.taken().sha256)
    for name in names:
        if name not in _fallbacks:
            _fallbacks[name] = Fallback(_covered[name], *family)
    return ReportFonts(names[0], names[1], *family)


def fallback_for(font_name: str) -> Fallback | None:
    """Where the characters ``font_name`` lacks are set (None: it has what text needs)."""
    return _fallbacks.get(font_name)


def styled(font_name: str, bold: bool, italic: bool) -> str:
    """The face of ``font_name``'s family that ``<b>``/``<i>`` select (as reportlab's mapping does)."""
    names, _, _ = _styles[font_name]
    if len(names) == 2:
        italic = False  # upright only
    return names[(2 if italic else 0) + (1 if bold else 0)]


def style_of(font_name: str) -> tuple[bool, bool]:
    """Whether ``font_name`` is a bold and an italic face."""
    _, bold, italic = _styles[font_name]
    return bold, italic


def _register(files: tuple[Path, ...], digests: tuple[str, ...]) -> tuple[str, ...]:
    """Register (regular, bold[, italic, bold italic]) as one family, named by content."""
    names = _families.get(digests)
    if names is not None:
        return names
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    tag = hashlib.sha256(":".join(digests).encode()).hexdigest()[:16]
    names = tuple(f"DB-{tag}{suffix}" for suffix in ("", "-bold", "-italic", "-bolditalic")[:len(files)])
    for k, (name, path, sha256) in enumerate(zip(names, files, digests)):
        data = read_version(path, sha256) if sha256 else path.read_bytes()
        font = TTFont(name, io.BytesIO(data))
        pdfmetrics.registerFont(font)
        _covered[name] = frozenset(font.face.charToGlyph)
        _styles[name] = (names, k % 2 == 1, k >= 2)
    italic, bold_italic = (names[2], names[3]) if len(names) == 4 else (names[0], names[1])  # else upright
    # <b> and <i> inside paragraphs map to these faces; the plain face is mapped last, so
    # that reportlab reads its own name back as (regular, not bold, not italic).
    addMapping(names[0], 1, 1, bold_italic)
    addMapping(names[0], 0, 1, italic)
    addMapping(names[0], 1, 0, names[1])
    addMapping(names[0], 0, 0, names[0])
    _families[digests] = names
    return names

