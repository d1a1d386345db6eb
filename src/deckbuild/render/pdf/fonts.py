"""Make the theme's font files known to reportlab, by content.

reportlab keeps fonts in one table per process, by name, and keeps the first font registered
under a name. So the names are made from the SHA-256 of the files (the versions the theme was
read with), never from their paths or file names: two themes whose fonts are both called
``Regular.ttf``, or a font replaced while ``watch`` runs, get fonts of their own. A name
stands for a (regular, bold) pair, because ``<b>`` in a paragraph finds the bold face through
the regular one's family. The names never reach the PDF: it names each font by the PostScript
name inside the file.
"""

from __future__ import annotations

import hashlib
import io

from deckbuild.digests import read_version
from deckbuild.model.theme import Fonts

_registered: dict[tuple[str, str], tuple[str, str]] = {}  # (regular, bold) SHA-256 → reportlab names


def reportlab_fonts(fonts: Fonts) -> tuple[str, str]:
    """Register the theme fonts with reportlab (once per process for each content); return
    the (regular, bold) font names."""
    key = fonts.digests()
    names = _registered.get(key)
    if names is None:
        names = _register(fonts, key)
        _registered[key] = names
    return names


def _register(fonts: Fonts, key: tuple[str, str]) -> tuple[str, str]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pair = hashlib.sha256(":".join(key).encode()).hexdigest()[:16]
    names = (f"DB-{pair}", f"DB-{pair}-bold")
    for name, path, sha256 in zip(names, (fonts.regular, fonts.bold), key):
        data = read_version(path, sha256) if sha256 else path.read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    # <b> and <i> inside paragraphs map to these faces (no italic face: keep upright).
    addMapping(names[0], 0, 0, names[0])
    addMapping(names[0], 1, 0, names[1])
    addMapping(names[0], 0, 1, names[0])
    addMapping(names[0], 1, 1, names[1])
    return names
