"""Make the theme's font files known to matplotlib, by content.

matplotlib finds a font by family name, keeps the first of several fonts of one name, and
opens font files by path, keeping them open. So each theme font is registered under a family
name made from the SHA-256 of the files (the versions the theme was read with), from a copy
named by that digest in the user's cache folder, which nothing rewrites: two themes whose
fonts share a family or file name, and a font replaced while ``watch`` runs, each draw with
their own. The name reaches no chart file deckbuild makes (SVG text is drawn as paths, PDF text in
fonts named after the font's own PostScript name).
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import shutil
import tempfile
from pathlib import Path

from deckbuild.digests import file_sha256, read_version
from deckbuild.model.theme import Fonts
from deckbuild.usercache import user_cache_dir, write_entry

_families: dict[tuple[str, str], str] = {}  # (regular, bold) SHA-256 → the family registered
_private: list[Path] = []  # a folder of this process for the copies, when the cache folder is not writable


def matplotlib_family(fonts: Fonts) -> str:
    """Register the theme fonts with matplotlib (once per process for each content); return
    the family name to use."""
    return _family(fonts.regular, fonts.bold, fonts.digests())


def matplotlib_faces(fonts: Fonts) -> list[str]:
    """The families chart text is drawn in, first to last choice: the edition's Latin face
    for the charts (``Fonts.chart_latin``), when it has one, then the theme's family."""
    latin = fonts.chart_latin
    first = [_family(latin.regular, latin.bold, latin.sha256)] if latin and latin.regular and latin.bold else []
    return first + [matplotlib_family(fonts)]


def _family(regular: Path, bold: Path, key: tuple[str, str]) -> str:
    family = _families.get(key)
    if family is None:
        family = _families[key] = _register(regular, bold, key)
    return family


def _register(regular: Path, bold: Path, key: tuple[str, str]) -> str:
    import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

    from matplotlib import font_manager, ft2font

    # Named by the files' content, not their family name: two versions of a font never meet.
    family = "deckbuild chart " + hashlib.sha256(":".join(key).encode()).hexdigest()[:16]
    faces = {key[0]: (regular, 400)}
    faces.setdefault(key[1], (bold, 700))  # one file for both: bold text uses it too
    for sha256, (path, weight) in faces.items():
        copy = _content_copy(path, sha256)
        entry = font_manager.ttfFontProperty(ft2font.FT2Font(str(copy)))
        font_manager.fontManager.ttflist.append(dataclasses.replace(entry, name=family, weight=weight))
    return family


def _content_copy(path: Path, sha256: str) -> Path:
    """A copy of the version ``sha256`` of the font file ``path``, named by that digest, in
    the user's cache folder (else in a folder of this process, removed at exit)."""
    for folder in (user_cache_dir("fonts"), None):
        folder = folder or _private_folder()
        copy = folder / f"{sha256}.ttf"
        if file_sha256(copy) != sha256:
            write_entry(copy, read_version(path, sha256))
        if file_sha256(copy) == sha256:
            return copy
    raise OSError(f"no folder to keep a copy of the font {path} in")


def _private_folder() -> Path:
    if not _private:
        _private.append(Path(tempfile.mkdtemp(prefix="deckbuild-fonts-")))
        atexit.register(shutil.rmtree, _private[0], True)
    return _private[0]
