"""The output folder: folders made safe to write into, and stale temporary files swept.

Every artifact is written atomically (``deckbuild.atomic``): to a temporary file beside its
target, flushed to disk, and moved over the target. A killed build can leave temporary
files behind: the next build removes them.

Builds can run at the same time into the same folder. Each holds a shared lock
(``flock``) on the folder that contains the output folder for as long as it runs, and a
temporary file carries the id of the process that writes it. Temporary files are named
``.deckbuild-NAME.PID.RANDOM.tmp``, a name no other program uses: the sweep removes only
those (in the output folder, under its ``.cache`` and its ``preview``), never another
program's file. A build that finds no other build holding the lock removes every one it
finds; otherwise only those of processes that no longer exist.

The chart cache (``.cache/charts``) is pruned by the same rule of being alone: its files
that no build has used for ``CHART_MAX_AGE`` (a build that takes a file from the cache
touches it), the kinds of file earlier versions kept (``DIGEST.svg``, once an hour old),
and beyond ``CHART_CACHE_MAX_BYTES`` the least recently used. Only files named as the
cache names its own are removed; any other file there is left.

Nothing is written through a symbolic link that leads out of the output folder:
``safe_folder`` refuses such a folder (``.cache``, ``preview`` or one below them), and
``atomic_write`` replaces a link that stands where a file goes, never following it.
"""

from __future__ import annotations

import os
import re
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deckbuild.atomic import TEMPORARY

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: temporaries of dead processes are still swept
    fcntl = None  # type: ignore[assignment]  # the module is None where the system has none

# .DIGEST[-WxH].svg|png.RANDOM.tmp: what the chart cache of earlier versions left in .cache/charts
_OLD_CHART_TEMP = re.compile(r"^\.[0-9a-f]{64}(-[0-9.]+x[0-9.]+)?\.(svg|png)\.[a-z0-9_]{8}\.tmp$")
OLD_MAX_AGE = 3600.0  # seconds: an earlier version's temporary file this old is abandoned
# DIGEST[-WxH].pdf|png: a chart's files in the cache (``charts.cache``); .svg: earlier versions'
_CHART_FILE = re.compile(r"^[0-9a-f]{64}(-[0-9.]+x[0-9.]+)?\.(pdf|png|svg)$")
CHART_MAX_AGE = 30 * 86400.0  # seconds a cached chart file may go unused
CHART_CACHE_MAX_BYTES = 256 * 2 ** 20  # the cache's size beyond which the least recently used go
SWEPT = (".cache", "preview")  # folders under the output folder where temporary files are looked for
_MAX_HELD = 32
_held: OrderedDict[str, int] = OrderedDict()  # locked folder -> open descriptor


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
    try:
        p = out_dir.resolve().parent  # one folder reached through a link and by its own path: one lock
    except (OSError, RuntimeError):  # a loop of links (reported by the build)
        p = out_dir.absolute().parent
    while not p.is_dir() and p != p.parent:
        p = p.parent
    return p


def _lock(out_dir: Path) -> int | None:
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


def _alone(fd: int | None) -> bool:
    """Whether no other process holds the lock; if so, hold it exclusively until ``_share``."""
    if fd is None or fcntl is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _share(fd: int | None) -> None:
    if fd is None or fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        pass


def _temporaries(folder: Path) -> Iterator[tuple[Path, int | None]]:
    """(path, id of the process that wrote it, None for an earlier version's) of deckbuild's
    temporary files in ``folder`` and under its ``.cache`` and ``preview`` (symbolic links are
    not followed); other files are never listed."""
    try:
        for entry in os.scandir(folder):
            ours = TEMPORARY.match(entry.name)
            if ours and entry.is_file(follow_symlinks=False):
                yield Path(entry.path), int(ours.group(1))
    except OSError:
        return
    for sub in SWEPT:
        top = folder / sub
        if not top.is_dir() or top.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for name in filenames:
                ours = TEMPORARY.match(name)
                if ours:
                    yield Path(dirpath) / name, int(ours.group(1))
                elif _OLD_CHART_TEMP.match(name) and os.path.basename(dirpath) == "charts":
                    yield Path(dirpath) / name, None


def sweep_temporaries(folder: Path) -> int:
    """Take this build's lock on ``folder`` and remove temporary files left by builds that
    were killed; return how many were removed. Call it before writing into ``folder``."""
    fd = _lock(folder)
    if not folder.is_dir():
        return 0
    removed = 0
    now = time.time()
    with _alone_for_now(fd) as alone:
        for path, pid in _temporaries(folder):
            if alone and pid is not None:
                stale = True
            elif pid is not None:
                stale = pid != os.getpid() and not _alive(pid)
            else:  # an earlier version's: it may still be running; its files are old when abandoned
                try:
                    stale = now - path.lstat().st_mtime > OLD_MAX_AGE
                except OSError:
                    stale = False
            if stale and not path.is_symlink():
                removed += _removed(path)
    return removed


@contextmanager
def _alone_for_now(fd: int | None) -> Iterator[bool]:
    """Whether no other process holds the lock ``fd`` (if so, held exclusively within the
    block); the shared lock is held again after (a refused upgrade may have dropped it)."""
    try:
        yield _alone(fd)
    finally:
        _share(fd)


def _removed(path: Path) -> int:
    """1 when ``path`` was removed, 0 when it could not be."""
    try:
        path.unlink()
        return 1
    except OSError:
        return 0


def prune_chart_cache(folder: Path, now: float | None = None) -> int:
    """When no other build runs into ``folder``, remove the chart cache's files that have gone
    unused for ``CHART_MAX_AGE``, earlier versions' SVG files (once ``OLD_MAX_AGE`` old: such a
    version may still be running, and took no lock), and the least recently used beyond
    ``CHART_CACHE_MAX_BYTES``; return how many were removed. The build's shared lock is held
    again after (a refused upgrade to an exclusive one may drop it)."""
    charts = folder / ".cache" / "charts"
    if not charts.is_dir() or charts.is_symlink():
        return 0
    fd = _lock(folder)
    now = time.time() if now is None else now
    with _alone_for_now(fd) as alone:
        if not alone:
            return 0
        files = []
        try:
            for entry in os.scandir(charts):
                if _CHART_FILE.match(entry.name) and entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    files.append((st.st_mtime, st.st_size, entry.name))
        except OSError:
            return 0
        files.sort(reverse=True)  # the most recently used first
        kept, gone = 0, []
        for mtime, size, name in files:
            if now - mtime > (OLD_MAX_AGE if name.endswith(".svg") else CHART_MAX_AGE) \
                    or kept + size > CHART_CACHE_MAX_BYTES:
                gone.append(name)
            else:
                kept += size
        return sum(_removed(charts / name) for name in gone)
