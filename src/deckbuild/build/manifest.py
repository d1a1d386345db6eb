"""What a build made from what: lets an unchanged rebuild skip all rendering.

``build/.cache/manifest.json`` records, per outline and format set, every input file
(size, mtime and SHA-256; or that it was absent) as the build read it, and every artifact's
SHA-256. A rebuild whose inputs and artifacts all still match does nothing, without even
reading the outline.

It also records, per artifact, the digest of what it was made from (``build.dependencies``)
and the file as written (size, mtime, SHA-256). A rebuild after a change compiles the outline
and renders only the artifacts whose digest changed, or whose file is not the one written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deckbuild.atomic import atomic_write
from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.digests import code_version, file_sha256

VERSION = 2  # 2: per-artifact dependency digests


@dataclass(frozen=True)
class FileVersion:
    """One version of a file: its size, modification time and SHA-256 ("" when it cannot be
    read); a size of -1 for a file that does not exist."""

    size: int = -1
    mtime_ns: int = -1
    sha256: str = ""

    @classmethod
    def of(cls, path: Path) -> FileVersion:
        """The file as it is now."""
        try:
            st = path.stat()
        except OSError:
            return cls()
        return cls(st.st_size, st.st_mtime_ns, file_sha256(path) or "")

    @property
    def absent(self) -> bool:
        return self.size < 0

    def unsettled(self) -> FileVersion:
        """A version no file is ever at (nor its absence), for a file saved or removed after
        the build read it: what the build made is never taken as up to date, and ``watch``
        builds again at once."""
        return FileVersion(max(self.size, 0), -1, "")

    def stamp(self) -> tuple[int, int]:
        """What a glance at the file tells: (size, modification time)."""
        return self.size, self.mtime_ns

    def record(self, path: Path) -> dict:
        """The manifest's entry for ``path`` at this version."""
        if self.absent:
            return {"path": str(path), "absent": True}
        return {"path": str(path), "size": self.size, "mtime": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_record(cls, rec: dict) -> FileVersion:
        if rec.get("absent"):
            return cls()
        return cls(int(rec["size"]), int(rec["mtime"]), str(rec.get("sha256") or ""))


def stamp_now(path: Path) -> tuple[int, int]:
    """(size, modification time) of ``path`` now; (-1, -1) when it does not exist."""
    try:
        st = path.stat()
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


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


def build_stamp() -> str:
    """What every artifact of a build is made with besides its inputs: deckbuild's code
    version and ``SOURCE_DATE_EPOCH``."""
    return f"{code_version()}|{os.environ.get('SOURCE_DATE_EPOCH', '')}"


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = out_dir / ".cache" / "manifest.json"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            ours = data.get("version") == VERSION
            self.entries: dict = data["entries"] if ours else {}
            self.artifacts: dict = data.get("artifacts", {}) if ours else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries, self.artifacts = {}, {}

    @staticmethod
    def key(outline: Path, formats: Iterable[str], variant: str = "") -> str:
        """The entry of one outline built in ``formats`` (``variant``: the command line's
        overrides, e.g. another theme, which make other artifacts of the same outline)."""
        key = f"{outline.resolve()}|{','.join(sorted(formats))}|{build_stamp()}"
        return f"{key}|{variant}" if variant else key

    def up_to_date(self, key: str) -> list[Path] | None:
        """The artifacts of ``key`` if nothing changed since they were built, else None."""
        entry = self.entries.get(key)
        if not entry:
            return None
        if not all(_unchanged(rec) for rec in entry["inputs"]):
            return None
        outputs = [Path(p) for p in entry["outputs"]]
        folder = self.path.parent.parent.resolve()
        if any(p.parent.resolve() != folder for p in outputs):  # a copy of another folder's manifest
            return None
        if any(file_sha256(p) != h for p, h in zip(outputs, entry["outputs"].values())):
            return None
        return outputs

    def inputs(self, key: str) -> dict[Path, FileVersion]:
        """The inputs recorded for ``key``, at the versions its artifacts were made from."""
        try:
            return {Path(rec["path"]): FileVersion.from_record(rec) for rec in self.entries[key]["inputs"]}
        except (KeyError, TypeError, ValueError):
            return {}

    def record(self, key: str, versions: dict[Path, FileVersion], outputs: Iterable[Path],
               notes: Iterable[Diagnostic] = ()) -> None:
        """Record that ``outputs`` were made from the input files at ``versions`` (the
        versions the build read, not the files as they are now: one saved during the
        build is not up to date), with the ``notes`` to repeat while they are (the lint
        summary)."""
        recs = [versions[p].record(p) for p in sorted(versions)]
        self.entries[key] = {"inputs": recs, "outputs": {str(p): file_sha256(p) for p in outputs}}
        kept = [d.as_dict() for d in notes]
        if kept:
            self.entries[key]["notes"] = kept

    def notes(self, key: str) -> list[Diagnostic]:
        """The notes recorded with ``key``'s artifacts."""
        out = []
        for rec in (self.entries.get(key) or {}).get("notes", []):
            try:
                out.append(Diagnostic(Location(rec["path"], rec["line"], rec["column"]), Severity(rec["severity"]),
                                      rec["message"], rec["code"]))
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def current(self, artifact: Path, digest: str) -> bool:
        """Whether ``artifact`` was made from what ``digest`` sums up and is still the file written."""
        rec = self.artifacts.get(str(artifact))
        if not isinstance(rec, dict) or rec.get("deps") != digest:
            return False
        try:
            return _unchanged({"path": str(artifact), "size": rec["size"], "mtime": rec["mtime"],
                               "sha256": rec["sha256"]})
        except (KeyError, TypeError):
            return False

    def made(self, artifact: Path, digest: str) -> None:
        """Record that ``artifact``, as it is now on disk, was made from what ``digest`` sums up."""
        version = FileVersion.of(artifact)
        if version.absent:
            self.artifacts.pop(str(artifact), None)
            return
        self.artifacts[str(artifact)] = {"deps": digest, "size": version.size, "mtime": version.mtime_ns,
                                         "sha256": version.sha256}

    def forget(self, artifact: Path) -> None:
        """``artifact`` is to be made again, whatever it was made from."""
        self.artifacts.pop(str(artifact), None)

    def save(self) -> None:
        """Write the manifest, without the entries of other versions of deckbuild (their keys
        hold the code's version: no build of this one can ever find them up to date)."""
        ours = f"|{code_version()}|"
        self.entries = {k: v for k, v in self.entries.items() if ours in k}
        atomic_write(self.path, json.dumps({"version": VERSION, "entries": self.entries,
                                            "artifacts": self.artifacts}, indent=1, sort_keys=True).encode())
