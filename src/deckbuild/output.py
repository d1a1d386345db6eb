"""Atomic, durable writes into the output folder; stale temporary files are swept.

Every artifact is written to a temporary file beside its target, flushed to disk, and
moved over the target with ``os.replace``; then the folder itself is flushed. A reader,
or a build killed at any moment (SIGKILL, power loss), sees the old file or the new one,
never a mix. A killed build can leave temporary files behind: the next build removes them.

Builds can run at the same time into the same folder. Each holds a shared lock
(``flock``) on the folder that contains the output folder for as long as it runs, and a
temporary file carries the id of the process that writes it. A build that finds no other
build holding the lock removes every temporary file it finds (in the output folder and in
its ``.cache``); otherwise it removes only those of processes that no longer exist.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections import OrderedDict
from pathlib import Path
from typing import Iterator, Optional

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: temporaries of dead processes are still swept
    fcntl = None  # type: ignore[assignment]

# .NAME.PID.RANDOM.tmp, written by atomic_write
_TEMP = re.compile(r"^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$")
# .NAME.RANDOM.tmp, written by other writers (tempfile.mkstemp) under .cache
_FOREIGN = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")
FOREIGN_MAX_AGE = 3600.0  # seconds: an unknown writer's temporary file this old is abandoned
_MAX_HELD = 32
_held: "OrderedDict[str, int]" = OrderedDict()  # locked folder -> open descriptor


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    folder = path.parent
    created = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
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
    _fsync_dir(folder)
    if created:
        _fsync_dir(folder.parent)


def _fsync_dir(folder: Path) -> None:
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


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    except OSError:
        return True
    return True


def _anchor(out_dir: Path) -> Path:
    """The folder whose lock guards ``out_dir``: its parent (it exists before the build makes ``out_dir``)."""
    p = out_dir.absolute().parent
    while not p.is_dir() and p != p.parent:
        p = p.parent
    return p


def _lock(out_dir: Path) -> Optional[int]:
    """A descriptor holding the shared lock for ``out_dir`` (kept for the life of the process)."""
    if fcntl is None:
        return None
    key = str(_anchor(out_dir))
    fd = _held.get(key)
    if fd is not None:
        _held.move_to_end(key)
        return fd
    try:
        fd = os.open(key, os.O_RDONLY)
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        return None
    _held[key] = fd
    while len(_held) > _MAX_HELD:  # a long-lived process (tests, watch) that built in many folders
        _, old = _held.popitem(last=False)
        os.close(old)
    return fd


def release_locks() -> None:
    """Drop every lock this process holds (they are dropped at exit anyway)."""
    while _held:
        _, fd = _held.popitem()
        os.close(fd)


def _alone(fd: Optional[int]) -> bool:
    """Whether no other process holds the lock; if so, hold it exclusively until ``_share``."""
    if fd is None or fcntl is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _share(fd: Optional[int]) -> None:
    if fd is None or fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        pass


def _temporaries(folder: Path) -> Iterator[tuple[Path, bool]]:
    """(path, is ours) of temporary files in ``folder`` and under ``folder/.cache``."""
    try:
        for entry in os.scandir(folder):
            if _TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path), True
    except OSError:
        return
    cache = folder / ".cache"
    if cache.is_dir() and not cache.is_symlink():
        for dirpath, dirnames, filenames in os.walk(cache):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for name in filenames:
                if _TEMP.match(name):
                    yield Path(dirpath) / name, True
                elif _FOREIGN.match(name):
                    yield Path(dirpath) / name, False


def sweep_temporaries(folder: Path) -> int:
    """Take this build's lock on ``folder`` and remove temporary files left by builds that
    were killed; return how many were removed. Call it before writing into ``folder``."""
    fd = _lock(folder)
    if not folder.is_dir():
        return 0
    alone = _alone(fd)
    removed = 0
    now = time.time()
    try:
        for path, ours in _temporaries(folder):
            if alone:
                stale = True
            elif ours:
                pid = int(_TEMP.match(path.name).group(1))  # type: ignore[union-attr]
                stale = pid != os.getpid() and not _alive(pid)
            else:
                try:
                    stale = now - path.stat().st_mtime > FOREIGN_MAX_AGE
                except OSError:
                    stale = False
            if stale:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
    finally:
        _share(fd)  # back to shared (a refused upgrade may have dropped the shared lock too)
    return removed
