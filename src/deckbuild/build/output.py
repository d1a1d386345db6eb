"""Atomic, durable writes into the output folder; stale temporary files are swept.

Every artifact is written to a temporary file beside its target, flushed to disk, and
moved over the target with ``os.replace``; then the folder itself is flushed. A reader,
or a build killed at any moment (SIGKILL, power loss), sees the old file or the new one,
never a mix. A killed build can leave temporary files behind: the next build removes them.

Builds can run at the same time into the same folder. Each holds a shared lock
(``flock``) on the folder that contains the output folder for as long as it runs, and a
temporary file carries the id of the process that writes it. Temporary files are named
``.deckbuild-NAME.PID.RANDOM.tmp``, a name no other program uses: the sweep removes only
those (in the output folder, under its ``.cache`` and its ``preview``), never another
program's file. A build that finds no other build holding the lock removes every one it
finds; otherwise only those of processes that no longer exist.

Nothing is written through a symbolic link that leads out of the output folder:
``safe_folder`` refuses such a folder (``.cache``, ``preview`` or one below them), and
``atomic_write`` replaces a link that stands where a file goes, never following it.
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

PREFIX = ".deckbuild-"
# .deckbuild-NAME.PID.RANDOM.tmp, written by atomic_write
_TEMP = re.compile(r"^\.deckbuild-.*\.(\d+)\.[0-9a-f]{8}\.tmp$", re.DOTALL)
# .DIGEST[-WxH].svg|png.RANDOM.tmp: what the chart cache of earlier versions left in .cache/charts
_OLD_CHART_TEMP = re.compile(r"^\.[0-9a-f]{64}(-[0-9.]+x[0-9.]+)?\.(svg|png)\.[a-z0-9_]{8}\.tmp$")
OLD_MAX_AGE = 3600.0  # seconds: an earlier version's temporary file this old is abandoned
_NAME_BYTES = 100  # of the target's name kept in a temporary file's name (a name may have 255)
SWEPT = (".cache", "preview")  # folders under the output folder where temporary files are looked for
_MAX_HELD = 32
_held: "OrderedDict[str, int]" = OrderedDict()  # locked folder -> open descriptor


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
    _fsync_dir(folder)
    if created:
        _fsync_dir(folder.parent)


def temporary_name(name: str) -> str:
    """``.deckbuild-NAME.PID.RANDOM.tmp`` for a file ``name`` (cut to 100 bytes)."""
    short = name.encode("utf-8", "surrogateescape")[:_NAME_BYTES].decode("utf-8", "ignore")
    return f"{PREFIX}{short}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


class UnsafeFolder(OSError):
    """A folder deckbuild would write into is a symbolic link that leads out of the output
    folder (or, with ``loop``, round in a loop of links), or (with ``in_the_way``) is not a
    folder at all."""

    def __init__(self, link: Path, target: str, loop: bool = False, in_the_way: bool = False):
        super().__init__(f"{link} is " + ("in the way" if in_the_way else f"a symbolic link to {target}, "
                                          + ("a loop" if loop else "outside the output folder")))
        self.link, self.target, self.loop, self.in_the_way = link, target, loop, in_the_way


def _check_link(folder: Path, root: Path) -> None:
    """UnsafeFolder if ``folder`` is a symbolic link whose target is not inside ``root``."""
    if folder.is_symlink():
        try:
            target = folder.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise UnsafeFolder(folder, os.readlink(folder), loop=True) from None
        if target != root and root not in target.parents:
            raise UnsafeFolder(folder, os.readlink(folder))


def check_folders(out_dir: Path, *folders: tuple[str, ...]) -> None:
    """Raise UnsafeFolder for the first of ``folders`` (each a path under ``out_dir``, as
    parts) that is, or is below, a symbolic link out of ``out_dir``, or a file where a folder
    goes; make nothing. The output folder itself may be a link."""
    root = out_dir.resolve()
    for parts in folders:
        folder = out_dir
        for part in parts:
            folder = folder / part
            _check_link(folder, root)
            if not folder.is_dir():
                if folder.exists() or folder.is_symlink():  # a file, or a link to nothing
                    raise UnsafeFolder(folder, "", in_the_way=True)
                break


def safe_folder(out_dir: Path, *parts: str) -> Path:
    """``out_dir/parts...``, made where missing, after ``check_folders``."""
    check_folders(out_dir, parts)
    folder = out_dir.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
    """(path, is of this version) of deckbuild's temporary files in ``folder`` and under its
    ``.cache`` and ``preview`` (symbolic links are not followed); other files are never listed."""
    try:
        for entry in os.scandir(folder):
            if _TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path), True
    except OSError:
        return
    for sub in SWEPT:
        top = folder / sub
        if not top.is_dir() or top.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for name in filenames:
                if _TEMP.match(name):
                    yield Path(dirpath) / name, True
                elif _OLD_CHART_TEMP.match(name) and os.path.basename(dirpath) == "charts":
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
            if alone and ours:
                stale = True
            elif ours:
                pid = int(_TEMP.match(path.name).group(1))  # type: ignore[union-attr]
                stale = pid != os.getpid() and not _alive(pid)
            else:  # an earlier version's: it may still be running; its files are old when abandoned
                try:
                    stale = now - path.lstat().st_mtime > OLD_MAX_AGE
                except OSError:
                    stale = False
            if stale and not path.is_symlink():
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
    finally:
        _share(fd)  # back to shared (a refused upgrade may have dropped the shared lock too)
    return removed
