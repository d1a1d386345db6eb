"""The hostile case folders (``cases/``, described in test_hostile.py) and how one is run:
deckbuild's CLI in-process, in a copy of the case."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"
META = {"expected.txt", "args.txt", "setup.txt", "exit.txt"}
SENTINELS = {
    "t.pptx": b"PK\x03\x04 previous deck, must survive",
    "t.pdf": b"%PDF-1.4 previous report, must survive",
    "notes.txt": b"a file of the user's",
    ".cache/manifest.json": b'{"version": 1, "entries": {}}',
}


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


def args_of(case: Path) -> list[str]:
    args = case / "args.txt"
    return args.read_text(encoding="utf-8").split() if args.exists() else ["build"]


def exit_of(case: Path) -> int:
    return int((case / "exit.txt").read_text().strip()) if (case / "exit.txt").exists() else 2


def builds(name: str) -> bool:
    """Whether the case is a build that succeeds (and writes a deck and a report)."""
    case = CASES / name
    return exit_of(case) == 0 and args_of(case)[0] == "build"


def prepare(case: Path, dest: Path) -> list[str]:
    """Copy ``case`` into ``dest``, apply its setup, fill build/; return the command line."""
    for src in case.rglob("*"):
        rel = src.relative_to(case)
        if rel.as_posix() in META:
            continue
        target = dest / rel
        if src.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    setup = case / "setup.txt"
    for line in setup.read_text(encoding="utf-8").splitlines() if setup.exists() else []:
        op, *rest = shlex.split(line, posix=False)
        path = dest / rest[0]
        path.parent.mkdir(parents=True, exist_ok=True)
        if op == "symlink":
            path.symlink_to(rest[1])
        elif op == "fifo":
            os.mkfifo(path)
        elif op == "mkdir":
            path.mkdir(parents=True, exist_ok=True)
        elif op == "repeat":
            n, text = int(rest[1]), json.loads(" ".join(rest[2:]))
            path.write_bytes(path.read_bytes().replace(b"@@REPEAT@@", (text * n).encode("utf-8")))
        else:
            raise ValueError(f"{setup}: unknown directive {op!r}")
    for name, data in SENTINELS.items():
        (dest / "build" / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / "build" / name).write_bytes(data)
    return args_of(case)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: files by content hash, the rest by kind (FIFOs are not read)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_dir():
            out[rel] = "dir"
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[rel] = "special"
    return out


@dataclass(frozen=True)
class Run:
    """A case run: exit code, stdout, stderr, the project folder and its snapshots."""

    code: int
    out: str
    err: str
    project: Path
    before: dict
    after: dict


def run_case(name: str, project: Path) -> Run:
    """Run deckbuild on a copy of case ``name`` in ``project`` (made here)."""
    from deckbuild.cli import main

    project.mkdir()
    argv = prepare(CASES / name, project)
    before = snapshot(project)
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        os.chdir(cwd)
    return Run(code, out.getvalue(), err.getvalue(), project, before, snapshot(project))


class Built:
    """The runs of the cases that build, each made once (on first use) and kept for the
    tests that read their decks and reports."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.runs: dict[str, Run] = {}

    def __getitem__(self, name: str) -> Run:
        assert builds(name), name
        if name not in self.runs:
            self.runs[name] = run_case(name, self.folder / name)
        return self.runs[name]
