"""Cache files sealed for the user who made them.

The chart cache lives in the project's output folder, which anyone with the project can
write to (a shared folder, a CI cache restored from elsewhere, a planted file). Each file a
build keeps there ends with a seal: an HMAC-SHA256 of its name and content under a key of
this user's (``$XDG_CACHE_HOME/deckbuild/seal/key``: 32 random bytes made on first use, in a
folder only the user can write, readable by the user only). A file without a valid seal, or
sealed under another name, is not this user's deckbuild's for that chart: the build draws
the chart again, and the renderers never read the file.

Where no such key can be kept (a home that cannot be written, a key folder or file that is a
link, another user's, or open to others), a key is made for the process instead: nothing
cached by another process is taken, and every build draws its charts again. A process that
draws charts in workers hands them its key (``user_key``), so what they seal it can open.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from deckbuild.usercache import user_cache_dir

_MARK = b"\n%deckbuild-seal "  # then 64 hexadecimal digits and a newline
_TAG = 64
KEY_BYTES = 32
MAX_SEALED = 32 * 2 ** 20  # bytes of a sealed file ``read_sealed`` takes (deckbuild's charts: tens of kilobytes)


def seal(data: bytes, name: str, key: bytes | None = None) -> bytes:
    """``data``, to be kept as the file ``name``, with its seal under ``key`` (this user's)."""
    return data + _MARK + _tag(data, name, key or user_key()) + b"\n"


def unseal(data: bytes, name: str, key: bytes | None = None) -> bytes | None:
    """The content of ``data`` read from the file ``name`` when it is sealed under ``key``
    (this user's) for that name, else None."""
    end = len(data) - len(_MARK) - _TAG - 1
    if end < 0 or data[end:end + len(_MARK)] != _MARK or data[-1:] != b"\n":
        return None
    body = data[:end]
    return body if hmac.compare_digest(data[end + len(_MARK):-1], _tag(body, name, key or user_key())) else None


def read_sealed(path: Path) -> bytes | None:
    """The content of the file ``path`` when it is sealed under this user's key for its name
    and holds at most ``MAX_SEALED`` bytes, else None (also when it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_SEALED + 1)
    except OSError:
        return None
    return unseal(data, path.name) if len(data) <= MAX_SEALED else None


def _tag(data: bytes, name: str, key: bytes) -> bytes:
    mac = hmac.new(key, name.encode("utf-8", "surrogateescape") + b"\0", hashlib.sha256)
    mac.update(data)
    return mac.hexdigest().encode()


@lru_cache(maxsize=1)
def user_key() -> bytes:
    """This user's key (read, or made once), else a key for this process only."""
    key = _kept_key(user_cache_dir("seal"))
    return key if key is not None else os.urandom(KEY_BYTES)


def forget_key() -> None:
    """Read the key again at its next use (a process whose ``XDG_CACHE_HOME`` changed)."""
    user_key.cache_clear()


def _own(st: os.stat_result) -> bool:
    """Whether ``st`` is of a file or folder of this user's (always, where the system has no
    user ids)."""
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def _kept_key(folder: Path) -> bytes | None:
    """The key kept in ``folder``, made there when there is none (a new key is linked into
    place, so two processes making one at once end with the same); None when the folder or
    the file is not safe to take a key from."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or not _own(st) or st.st_mode & 0o022:
        return None
    path = folder / "key"
    for _ in range(3):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            _make_key(folder, path, replace=False)
            continue
        except OSError:
            return None
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or not _own(st) or st.st_mode & 0o077:
                return None
            data = fh.read(KEY_BYTES + 1)
        if len(data) == KEY_BYTES:
            return data
        _make_key(folder, path, replace=True)  # a damaged key: a new one (what it sealed is drawn again)
    return None


def _make_key(folder: Path, path: Path, replace: bool) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".key.", suffix=".tmp")  # readable by the user only
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(KEY_BYTES))
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails when another process made the key first: that one is read
    except OSError:
        pass
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
