"""``deckbuild new NAME``: scaffold a working outline, a chart with a CSV and a theme.

NAME becomes file and folder names (``decks/NAME.yaml``, ``templates/NAME/``), so it must be
one that every file system takes: 1 to 64 ASCII letters, digits, ``_`` and ``-``, starting
with a letter, and not a device name Windows reserves (``CON``, ``NUL``, ``COM1``…). Every
problem is found before anything is written; a write that fails half-way (a full disk)
removes the files this command made.
"""

from __future__ import annotations

import re
from pathlib import Path

from deckbuild.model.theme import BUILTIN_THEMES

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
SCHEMA_URL = "../schema/{kind}.schema.json"
MAX_NAME = 64
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


class ScaffoldError(ValueError):
    """``deckbuild new`` cannot go ahead; the message says why and what to do."""


def _shown(name: str) -> str:
    """The name quoted for a message: cut to 40 characters, invisible characters escaped."""
    cut = name if len(name) <= 40 else name[:39] + "…"
    return "'" + "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in cut) + "'"


def name_problem(name: str) -> str | None:
    """What makes ``name`` unusable for ``deckbuild new``, or None."""
    if not name:
        return "the name is empty; give one, e.g. 'deckbuild new quarterly-review'"
    if len(name) > MAX_NAME:
        return f"the name is {len(name)} characters long, over the limit of {MAX_NAME}; choose a shorter one"
    if not _NAME.fullmatch(name):
        why = ("it is a path: give a name, not a folder" if any(c in name for c in "/\\") or name in (".", "..")
               else "use letters, digits, '_' and '-', starting with a letter")
        return f"{_shown(name)} is not a valid name; {why}"
    if name.lower() in RESERVED:
        return f"'{name}' is a device name Windows reserves (CON, PRN, AUX, NUL, COM0-9, LPT0-9); choose another name"
    return None


def _folder_problem(root: Path, path: Path) -> str | None:
    """Why a file cannot be made at ``path`` (under ``root``): a file in the way of one of its
    folders, or a folder that is a link out of ``root``."""
    resolved_root = root.resolve()
    folder = root
    for part in path.relative_to(root).parts[:-1]:
        folder = folder / part
        shown = folder.relative_to(root).as_posix()
        if folder.is_symlink():
            target = folder.resolve()
            if target != resolved_root and resolved_root not in target.parents:
                return f"{shown} is a symbolic link out of this folder; remove it or run 'deckbuild new' elsewhere"
        if folder.exists() and not folder.is_dir():
            return f"{shown} is a file, in the way of the folder {shown}/; move it away"
    return None


def scaffold(name: str, root: Path, kept: list[Path] | None = None) -> list[Path]:
    """Write decks/NAME.yaml, charts/NAME-quarters.yaml/.csv, templates/NAME/theme.yaml and the
    JSON Schema under schema/; never overwrite a file. Returns the files written; the schema
    files that exist already (a second scaffold, a user's edit, a link) are left as they are
    and added to ``kept``. ScaffoldError when the name or the folder will not do, or a file
    of the deck exists (nothing is written then)."""
    import json

    from deckbuild.atomic import atomic_write
    from deckbuild.input.json_schema import schema_for

    problem = name_problem(name)
    if problem:
        raise ScaffoldError(problem)
    title = name.replace("-", " ").replace("_", " ").capitalize()
    theme = (BUILTIN_THEMES / "default" / "theme.yaml").read_text(encoding="utf-8")
    files = {
        root / "decks" / f"{name}.yaml": (SCAFFOLD / "outline.yaml").read_text(encoding="utf-8"),
        root / "charts" / f"{name}-quarters.yaml": (SCAFFOLD / "chart.yaml").read_text(encoding="utf-8"),
        root / "charts" / f"{name}-quarters.csv": (SCAFFOLD / "quarters.csv").read_text(encoding="utf-8"),
        root / "templates" / name / "theme.yaml": theme.replace("name: default", f"name: {name}").replace(
            "# The default deckbuild theme.", f"# The theme '{name}', made from deckbuild's default one.", 1),
    }
    schemas = {root / "schema" / f"{kind}.schema.json": kind for kind in ("outline", "chart", "theme")}
    problems = [p for p in (_folder_problem(root, path) for path in [*files, *schemas]) if p]
    existing = [p for p in files if p.exists() or p.is_symlink()]
    if existing:
        problems.append("will not overwrite " + ", ".join(str(p.relative_to(root)) for p in existing))
    if problems:
        raise ScaffoldError("; ".join(dict.fromkeys(problems)))
    texts = {}
    for path, text in files.items():
        if path.suffix == ".yaml" and "{schema}" in text:
            kind = "outline" if path.parent.name == "decks" else "chart"
            text = text.format(schema=SCHEMA_URL.format(kind=kind), name=name, title=title)
        texts[path] = text
    for path, kind in schemas.items():
        if path.exists() or path.is_symlink():  # kept as it is, and not followed if a link
            if kept is not None:
                kept.append(path)
            continue
        texts[path] = json.dumps(schema_for(kind), ensure_ascii=False, indent=1)
    written: list[Path] = []
    for path, text in texts.items():
        try:
            atomic_write(path, text.encode("utf-8"))
        except OSError as exc:
            for done in written:
                if done not in schemas:
                    done.unlink(missing_ok=True)
            raise ScaffoldError(f"cannot write {path.relative_to(root)}: {exc.strerror or exc}; check that this "
                                "folder is writable and the disk has space") from None
        written.append(path)
    return written
