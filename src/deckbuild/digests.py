"""SHA-256 of the files a build reads, computed once per version of a file in a process.

A build hashes its inputs twice (for the date stamped on artifacts and for the manifest of
what it made from what), and the bundled CJK fonts are 10 MB each. A digest is kept in
memory for the process, valid only for the size, modification time, inode and change time
it was computed at (the same trust the manifest and ``make`` put in a file's stamp).

A build that keys something by a file's digest (a font registered with a library, its
metrics) reads the file with ``read_version``, which refuses bytes that are not the version
of that digest: what is kept under a digest is always that content.

While an outline loads, ``looking`` records every file its loaders looked at, found or not,
good or broken: the files a change to which can change the outcome (``watch`` follows them
after a build that failed too).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_memo: dict[tuple, str] = {}
_used: dict[str, str] = {}  # path (as given, made absolute; and resolved) → SHA-256 of the version used


def file_sha256(path: Path, fresh: bool = False) -> str | None:
    """The file's SHA-256 (hex), or None when it cannot be read. ``fresh``: hash the file
    again even when its stamp is the one a digest was kept for (a file saved twice within the
    file system's clock tick keeps its stamp)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = f"{st.st_size} {st.st_mtime_ns} {st.st_ino} {st.st_ctime_ns}"
    key = (os.path.abspath(path), stamp)
    found = None if fresh else _memo.get(key)
    if found is None:
        try:
            found = _memo[key] = _hash(path)
        except OSError:
            return None
    return found


def forget() -> None:
    """Forget the digests this process has computed, as a new process starts."""
    _memo.clear()
    _used.clear()


def note_read(path: Path, data: bytes) -> None:
    """Remember what a build has just read from ``path`` (an outline, a theme, a chart's spec
    or data): ``used_digest`` tells the build, when it takes the versions of its inputs,
    whether the file still holds those bytes or was saved in between."""
    note_used(path, hashlib.sha256(data).hexdigest())


def note_used(path: Path, sha256: str) -> None:
    """Remember the version of ``path`` a build uses, by the digest taken before it read the
    file (a template, a font, an image it reads later against that digest)."""
    _used[os.path.abspath(path)] = _used[os.path.realpath(path)] = sha256
    note_found(path)


@dataclass(eq=False)
class Looked:
    """The files looked at while a ``looking`` block ran, as spelt (made absolute, links not
    followed: a link switched to another file is a change), each once, in order."""

    found: dict[Path, None] = field(default_factory=dict)  # there when looked at (read, or refused)
    missing: dict[Path, None] = field(default_factory=dict)  # looked for and not there
    # by the file a path resolved to, the paths through links that named it (``note_spelling``)
    spellings: dict[Path, dict[Path, None]] = field(default_factory=dict)

    def through_links(self, used: Iterable[Path]) -> list[Path]:
        """The spellings through links of the files among ``used``."""
        return [s for real in used for s in self.spellings.get(real, ())]


_looking: list[Looked] = []


@contextmanager
def looking() -> Iterator[Looked]:
    """Record the files looked at in the block (``note_found``, ``note_missing``, ``note_used``)."""
    looked = Looked()
    _looking.append(looked)
    try:
        yield looked
    finally:
        _looking.remove(looked)


def _spelt(path: Path) -> Path | None:
    """``path`` made absolute, links not followed; None for a name no file can have (a NUL)."""
    return None if "\0" in str(path) else Path(os.path.abspath(path))


def note_found(path: Path) -> None:
    """``path`` was looked at and was there (whatever it held)."""
    if (spelt := _spelt(path)) is not None:
        for looked in _looking:
            looked.found[spelt] = None


def note_missing(path: Path) -> None:
    """``path`` was looked for and was not there: its appearing is a change."""
    if (spelt := _spelt(path)) is not None:
        for looked in _looking:
            looked.missing[spelt] = None


def note_spelling(path: Path, real: Path) -> None:
    """``path`` names ``real`` through a link: it counts as looked at once ``real`` is used."""
    if (spelt := _spelt(path)) is not None:
        for looked in _looking:
            looked.spellings.setdefault(real, {})[spelt] = None


def note_looked(path: Path) -> None:
    """``path`` was looked at: found or missing, as it is now."""
    (note_found if os.path.exists(path) else note_missing)(path)


def digest_in_use(path: Path) -> str | None:
    """``file_sha256``, kept as the version of ``path`` the build uses (``note_used``)."""
    found = file_sha256(path)
    if found is not None:
        note_used(path, found)
    return found


def used_digest(path: Path) -> str | None:
    """The digest ``note_read`` or ``note_used`` kept for ``path`` (looked up as spelt, so that
    a link switched to another file since is not taken for it; else resolved), or None."""
    found = _used.get(os.path.abspath(path))
    return found if found is not None else _used.get(os.path.realpath(path))


def _hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class FileChanged(OSError):
    """A file no longer holds the version a build knows it by (it was saved during the build)."""


def read_version(path: Path, sha256: str) -> bytes:
    """The bytes of ``path``, checked to be the version whose SHA-256 is ``sha256``;
    FileChanged when the file has changed since that digest was taken. The file's stamp is
    looked at after reading (any write before then changed it), so an unchanged file is not
    hashed again."""
    data = Path(path).read_bytes()
    if file_sha256(path) != sha256:
        raise FileChanged(0, "changed while deckbuild was building from it", str(path))
    return data


@lru_cache(maxsize=1)
def code_version() -> str:
    """The version of deckbuild that builds: its release and a fingerprint of the package's
    files (path, size and modification time; no file is read, so it costs a few stat calls).
    Artifacts and chart drawings made by other code — a developer's edited checkout, a
    reinstalled package — are never taken as up to date (``build.manifest``, ``Chart.digest``)."""
    from deckbuild import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        st = path.stat()
        h.update(f"{path.relative_to(root).as_posix()}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return f"{__version__}+{h.hexdigest()[:12]}"
