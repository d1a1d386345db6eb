"""Atomic, durable file writes: ``atomic_write`` writes a temporary file of deckbuild's name
beside its target, flushes it to disk, moves it over the target with ``os.replace`` and
flushes the folder. A reader, or a process killed at any moment, sees the old file or the new
one, never a mix; a link that stands where the file goes is replaced, never followed.

Temporary files are named ``.deckbuild-NAME.PID.RANDOM.tmp`` (``temporary_name``), a name no
other program uses, so that a later build can find and remove those a killed one left behind
(``TEMPORARY`` matches them; ``build.output`` sweeps them).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

PREFIX = ".deckbuild-"
TEMPORARY = re.compile(r"^\.deckbuild-.*\.(\d+)\.[0-9a-f]{8}\.tmp$", re.DOTALL)
"""A name ``temporary_name`` makes; its group 1 is the id of the process that wrote the file."""
NAME_BYTES = 100  # of the target's name kept in a temporary file's name (a name may have 255)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    folder = path.parent
    created = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / temporary_name(path.name)
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    fsync_folder(folder)
    if created:
        fsync_folder(folder.parent)


def temporary_name(name: str) -> str:
    """``.deckbuild-NAME.PID.RANDOM.tmp`` for a file ``name`` (cut to 100 bytes)."""
    short = name.encode("utf-8", "surrogateescape")[:NAME_BYTES].decode("utf-8", "ignore")
    return f"{PREFIX}{short}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def fsync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries to disk (where the system allows it), so a file moved into it
    stays there after a power loss."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
