"""The user's cache folder for deckbuild: ``$XDG_CACHE_HOME/deckbuild`` (or
``~/.cache/deckbuild``). What is kept there only saves time: every entry is checked
before use, and a folder that cannot be written is simply not used."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def user_cache_dir(name: str) -> Path:
    """The cache folder ``name`` (e.g. 'metrics', 'fonts')."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deckbuild" / name


def write_entry(target: Path, data: bytes) -> None:
    """Write a cache entry atomically (a temporary file, readable by the user only, renamed
    over the old one); give up quietly on a read-only home or a full disk."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".deckbuild-" + target.stem[:40] + ".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
