"""The user's cache folder for deckbuild: ``$XDG_CACHE_HOME/deckbuild`` (or
``~/.cache/deckbuild``). What is kept there only saves time: every entry is checked
before use, and a folder that cannot be written is simply not used."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir(name: str) -> Path:
    """The cache folder ``name`` (e.g. 'metrics', 'digests')."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deckbuild" / name
