"""The project a deck belongs to: its root folder and safe resolution of paths inside it.

Every file an outline, a chart spec or a theme names (images, CSV files, fonts, chart
specs, themes) must resolve inside the project root: ``..`` that climbs out of it,
absolute paths, URLs and symlinks that lead out of it are refused with the reason.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from deckbuild.digests import digest_in_use, note_found, note_looked, note_missing, note_spelling

MAX_PATH_CHARS = 1024
MAX_NAME_CHARS = 255
MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF"}

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|/)")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Project:
    """A folder holding decks/, charts/ and templates/ (any of them may be missing)."""

    root: Path

    @property
    def charts(self) -> Path:
        return self.root / "charts"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def decks(self) -> Path:
        return self.root / "decks"

    @classmethod
    def of_deck(cls, deck: Path) -> Project:
        """The root is the folder above ``decks/`` when the outline lives there, else its folder."""
        deck = deck.resolve()
        parent = deck.parent
        return cls(parent.parent if parent.name == "decks" else parent)

    def resolve(self, name: str, base: Path) -> tuple[Path | None, str]:
        """Resolve ``name`` relative to ``base``; refuse what leaves the project.

        Returns (real path, "") or (None, reason). The path need not exist."""
        if not name or not name.strip():
            return None, "the path is empty"
        if "\x00" in name:
            return None, "the path contains a NUL character"
        if os.path.isabs(name) or name.startswith("~") or _DRIVE.match(name):
            return None, "absolute paths are not allowed; use a path relative to the file that names it"
        if _URL.match(name):
            return None, "URLs are not supported; download the file into the project and name it by its path"
        if "\\" in name:
            return None, "backslashes are not allowed in paths; separate folders with '/'"
        if len(name) > MAX_PATH_CHARS or any(len(part.encode("utf-8", "replace")) > MAX_NAME_CHARS
                                             for part in name.split("/")):
            return None, (f"the path is too long (at most {MAX_PATH_CHARS} characters, "
                          f"{MAX_NAME_CHARS} bytes per name); shorten it")
        candidate = base / name
        try:
            real = candidate.resolve(strict=False)
        except (OSError, RuntimeError):
            return None, "the path cannot be resolved (a symlink loop?); fix or remove the symlink"
        root = self.root.resolve()
        if not _inside(real, root):
            if _lexically_inside(candidate, self.root):
                note_looked(candidate)  # copying the file in, as the message says, is a change
                return None, "a symlink leads outside the project folder; copy the file into the project instead"
            return None, "it leads outside the project folder; keep the file inside the project"
        if Path(os.path.abspath(candidate)) != real:  # through a link: switching it is a change, if it is used
            note_spelling(candidate, real)
        return real, ""

    def contains(self, path: Path) -> tuple[bool, str]:
        """Whether ``path`` (in the project) really stays inside it once symlinks are followed."""
        try:
            rel = path.relative_to(self.root)
        except ValueError:
            return False, "it is outside the project folder"
        real, why = self.resolve(rel.as_posix(), self.root)
        return real is not None, why


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _lexically_inside(candidate: Path, root: Path) -> bool:
    """Whether ``candidate`` is inside ``root`` before symlinks are followed ('..' applied as text)."""
    lexical = Path(os.path.normpath(candidate.absolute()))
    return any(_inside(lexical, r) for r in {root.absolute(), root.resolve()})


def file_problem(path: Path, what: str = "file") -> str | None:
    """Why ``path`` cannot be read as a regular file, or None. A file missing or refused counts
    as looked at (``digests.looking``); one that can be read counts once it is read."""
    problem = _file_problem(path, what)
    if problem == "not found":
        note_missing(path)
    elif problem is not None:
        note_found(path)
    return problem


def _file_problem(path: Path, what: str) -> str | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return "not found"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISDIR(st.st_mode):
        return f"is a directory, not {what}"
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file (a device, pipe or socket)"
    return None


def image_problem(path: Path) -> str | None:
    """Why ``path`` (an existing regular file) is not an image deckbuild can place, or None.

    Reads the header only: the format must be PNG, JPEG or GIF whatever the suffix says,
    and the size within limits, so that no renderer meets a file it cannot decode. The file
    counts as looked at (``digests.looking``), placed or refused."""
    note_found(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if size > MAX_IMAGE_BYTES:
        return f"is {size} bytes, over the limit of {MAX_IMAGE_BYTES} bytes (50 MB); make it smaller"
    try:
        import warnings

        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as im:
                fmt, (w, h) = im.format, im.size
    except Exception as exc:  # Pillow raises many types for a file that is not an image
        if type(exc).__name__ == "DecompressionBombError":
            return f"has over {MAX_IMAGE_PIXELS} pixels (the limit); scale it down"
        return "is not a readable PNG, JPEG or GIF image; re-export it in one of these formats"
    if fmt not in IMAGE_FORMATS:
        return f"is a {fmt} image; use PNG, JPEG or GIF"
    if w <= 0 or h <= 0:
        return "has no pixels; re-export it"
    if w * h > MAX_IMAGE_PIXELS:
        return (f"is {w}×{h} pixels, over the limit of {MAX_IMAGE_PIXELS} pixels; "
                "scale it down (a slide needs no more than about 4000 pixels across)")
    digest = digest_in_use(path)  # the version checked: a save from now on makes the build's inputs unsettled
    if digest is None:
        return _damage(path)
    if digest not in _decoded:  # a picture used on many slides is decoded once
        _decoded[digest] = _damage(path)
    return _decoded[digest]


_decoded: dict[str, str | None] = {}  # SHA-256 of an image file → why its pixels cannot be decoded (None: they can)


def _damage(path: Path) -> str | None:
    """Why the pixels of an image whose header is sound cannot be decoded (truncated,
    corrupt data), or None: the report decodes every picture, so it is decoded here first."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as im:
                im.load()
    except Exception as exc:  # truncated data, a broken zlib or LZW stream, a bad chunk
        why = "is cut short" if "truncated" in str(exc).lower() else "is corrupt"
        return f"is damaged: its header is sound but its picture data {why}; re-export it"
    return None


# Suffixes of one kind of file: a name is offered for another of its kind ('logo.jpg' for a
# missing 'logo.png'), never for a file of another kind ('bars.yaml' for a missing 'bars.csv').
_KINDS = ((".png", ".jpg", ".jpeg", ".gif"), (".pptx", ".potx"), (".yaml", ".yml"), (".csv",), (".ttf", ".otf"))


def similar_file(path: Path, written: str = "") -> str:
    """"; did you mean 'X'?" for a file next to ``path`` whose name is close to its name (or
    differs only in case), written as the user wrote the path (``written``), or ''. Only a file
    of the same kind (``_KINDS``) is offered: a chart's spec is no answer for its missing CSV."""
    from deckbuild.diagnostics import closest

    try:
        names = sorted(p.name for p in path.parent.iterdir() if p.is_file())
    except OSError:
        return ""
    kind = next((k for k in _KINDS if path.suffix.casefold() in k), None)
    if kind is not None:
        names = [n for n in names if Path(n).suffix.casefold() in kind]
    same = [n for n in names if n.casefold() == path.name.casefold()]
    match = same[0] if same else closest(path.name, names)
    if match is None:
        return ""
    head = written[: len(written) - len(path.name)] if written.endswith(path.name) else ""
    return f"; did you mean '{head}{match}'?" + (" (names are case-sensitive)" if same else "")
