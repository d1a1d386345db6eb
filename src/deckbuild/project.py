"""The project a deck belongs to: its root folder and safe resolution of paths inside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class Project:
    """A folder holding decks/, charts/ and templates/ (any of them may be missing)."""

    root: Path

    @property
    def charts(self) -> Path:
        return self.root / "charts"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def decks(self) -> Path:
        return self.root / "decks"

    @classmethod
    def of_deck(cls, deck: Path) -> "Project":
        """The root is the folder above ``decks/`` when the outline lives there, else its folder."""
        deck = deck.resolve()
        parent = deck.parent
        return cls(parent.parent if parent.name == "decks" else parent)

    def resolve(self, name: str, base: Path) -> tuple[Optional[Path], str]:
        """Resolve ``name`` relative to ``base``; refuse what leaves the project.

        Returns (path, "") or (None, reason)."""
        if not name or "\x00" in name:
            return None, "the path is empty"
        if os.path.isabs(name) or name.startswith("~"):
            return None, "absolute paths are not allowed; use a path relative to the outline"
        candidate = (base / name)
        try:
            real = candidate.resolve(strict=False)
        except (OSError, RuntimeError):
            return None, "the path cannot be resolved (a symlink loop?)"
        root = self.root.resolve()
        if real != root and root not in real.parents:
            how = "a symlink leads" if candidate.is_symlink() or _any_link(candidate, base) else "it leads"
            return None, f"{how} outside the project folder {root}"
        return real, ""


def _any_link(path: Path, base: Path) -> bool:
    p = path
    while p != base and p != p.parent:
        if p.is_symlink():
            return True
        p = p.parent
    return False
