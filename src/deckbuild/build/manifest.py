"""What a build made from what: lets an unchanged rebuild skip all rendering.

``build/.cache/manifest.json`` records, per outline and format set, every input file
(size, mtime and SHA-256; or that it was absent) and every artifact's SHA-256. A rebuild
whose inputs and artifacts all still match does nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Optional

from deckbuild import __version__
from deckbuild.digests import file_sha256
from deckbuild.build.output import atomic_write

VERSION = 1


def _record(path: Path) -> dict:
    try:
        st = path.stat()
    except OSError:
        return {"path": str(path), "absent": True}
    return {"path": str(path), "size": st.st_size, "mtime": st.st_mtime_ns, "sha256": file_sha256(path)}


def _unchanged(rec: dict) -> bool:
    path = Path(rec["path"])
    try:
        st = path.stat()
    except OSError:
        return bool(rec.get("absent"))
    if rec.get("absent"):
        return False
    if st.st_size == rec["size"] and st.st_mtime_ns == rec["mtime"]:
        return True
    return st.st_size == rec["size"] and file_sha256(path) == rec["sha256"]


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = out_dir / ".cache" / "manifest.json"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries: dict = data["entries"] if data.get("version") == VERSION else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    @staticmethod
    def key(outline: Path, formats: Iterable[str]) -> str:
        env = os.environ.get("SOURCE_DATE_EPOCH", "")
        return f"{outline.resolve()}|{','.join(sorted(formats))}|{__version__}|{env}"

    def up_to_date(self, key: str) -> Optional[list[Path]]:
        """The artifacts of ``key`` if nothing changed since they were built, else None."""
        entry = self.entries.get(key)
        if not entry:
            return None
        if not all(_unchanged(rec) for rec in entry["inputs"]):
            return None
        outputs = [Path(p) for p in entry["outputs"]]
        if any(file_sha256(p) != h for p, h in zip(outputs, entry["outputs"].values())):
            return None
        return outputs

    def record(self, key: str, inputs: Iterable[Path], absent: Iterable[Path], outputs: Iterable[Path]) -> None:
        recs = [_record(p) for p in sorted(set(inputs))]
        recs += [{"path": str(p), "absent": True} for p in sorted(set(absent)) if not p.exists()]
        self.entries[key] = {"inputs": recs, "outputs": {str(p): file_sha256(p) for p in outputs}}

    def save(self) -> None:
        atomic_write(self.path, json.dumps({"version": VERSION, "entries": self.entries}, indent=1,
                                           sort_keys=True).encode())
