"""Cache files sealed for the user who made them.

The chart cache lives in the project's output folder, which anyone with the project can
write to (a shared folder, a CI cache restored from elsewhere, a planted file). Each file a
build keeps there ends with a seal: an HMAC-SHA256 of its content under a key of this user's
(``$XDG_CACHE_HOME/deckbuild/seal/key``, 32 random bytes made on first use, readable by the
user only). A file without a valid seal is not this user's deckbuild's: the build draws the
chart again, and the renderers never read the file. Where no key can be kept (a home that
cannot be written), nothing is sealed and every cached file is drawn again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache

from deckbuild.usercache import user_cache_dir

_MARK = b"\n%deckbuild-seal "  # then 64 hexadecimal digits and a newline
_TAG = 64
KEY_BYTES = 32


def seal(data: bytes) -> bytes:
    """``data`` with its seal appended (``data`` alone where no key can be kept)."""
    key = _key()
    if key is None:
        return data
    return data + _MARK + hmac.new(key, data, hashlib.sha256).hexdigest().encode() + b"\n"


def unseal(data: bytes) -> bytes | None:
    """The content of sealed ``data`` when its seal is this user's, else None."""
    key = _key()
    end = len(data) - len(_MARK) - _TAG - 1
    if key is None or end < 0 or data[end:end + len(_MARK)] != _MARK or data[-1:] != b"\n":
        return None
    body, tag = data[:end], data[end + len(_MARK):-1]
    return body if hmac.compare_digest(tag, hmac.new(key, body, hashlib.sha256).hexdigest().encode()) else None


def forget_key() -> None:
    """Read the key again at its next use (a process whose ``XDG_CACHE_HOME`` changed)."""
    _key.cache_clear()


@lru_cache(maxsize=1)
def _key() -> bytes | None:
    """This user's key: read, or made once (a new key is linked into place, so two processes
    making one at once end with the same); None when it can be neither read nor made."""
    path = user_cache_dir("seal") / "key"
    for _ in range(2):
        try:
            data = path.read_bytes()
            return data if len(data) == KEY_BYTES else None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = path.parent / f".key.{os.getpid()}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(os.urandom(KEY_BYTES))
                os.link(tmp, path)  # fails when another process made the key first: that one is read
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
        except OSError:
            return None
    return None
