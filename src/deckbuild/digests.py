"""SHA-256 of the files a build reads, computed once per version of a file in a process.

A build hashes its inputs twice (for the date stamped on artifacts and for the manifest of
what it made from what), and the bundled CJK fonts are 10 MB each. A digest is kept in
memory for the process, valid only for the size, modification time, inode and change time
it was computed at (the same trust the manifest and ``make`` put in a file's stamp).

A build that keys something by a file's digest (a font registered with a library, its
metrics) reads the file with ``read_version``, which refuses bytes that are not the version
of that digest: what is kept under a digest is always that content.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

_memo: dict[tuple, str] = {}
_read: dict[str, str] = {}  # real path → SHA-256 of the bytes last read from it


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256 (hex), or None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = f"{st.st_size} {st.st_mtime_ns} {st.st_ino} {st.st_ctime_ns}"
    key = (os.path.abspath(path), stamp)
    found = _memo.get(key)
    if found is None:
        try:
            found = _memo[key] = _hash(path)
        except OSError:
            return None
    return found


def forget() -> None:
    """Forget the digests this process has computed, as a new process starts."""
    _memo.clear()
    _read.clear()


def note_read(path: Path, data: bytes) -> None:
    """Remember what a build has just read from ``path`` (an outline, a theme, a chart's spec
    or data): ``read_digest`` tells the build, when it takes the versions of its inputs, whether
    the file still holds those bytes or was saved in between."""
    _read[os.path.realpath(path)] = hashlib.sha256(data).hexdigest()


def read_digest(path: Path) -> str | None:
    """The SHA-256 of the bytes last read from ``path`` through ``note_read``, or None."""
    return _read.get(os.path.realpath(path))


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
