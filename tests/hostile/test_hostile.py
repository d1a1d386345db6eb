"""Hostile and malformed inputs: each gives its exact diagnostic, exit code 2, no traceback,
runs nothing and leaves build/ byte for byte as it was.

Each case is a folder under ``cases/``: a small project (decks/, charts/, templates/) as
literal files, ``expected.txt`` with the exact lines deckbuild must print on stderr, and
optionally:

``args.txt``   the command line, one argument a line (default: ``build``);
``exit.txt``   the exit code expected (default: 2). With 0 the build succeeds (only warnings
               on stderr): it may write build/, but must leave every other file as it was;
``setup.txt``  what files cannot hold, one directive a line:
               ``symlink LINK TARGET``, ``fifo PATH``, ``mkdir PATH``, and
               ``repeat PATH N "TEXT"`` (replaces ``@@REPEAT@@`` in PATH by TEXT, a JSON
               string, N times; for inputs too large to keep in the repository).

The CLI runs in-process (``deckbuild.cli.main``) in a copy of the case, so the suite is fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
from pathlib import Path

import pytest

from deckbuild.cli import main

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
    args = case / "args.txt"
    return args.read_text(encoding="utf-8").split() if args.exists() else ["build"]


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


def run_case(case: Path, project: Path, capsys, monkeypatch) -> tuple[int, str, str, dict, dict]:
    """Run deckbuild on a copy of ``case`` in ``project``: exit code, stdout, stderr and
    the snapshots of the project before and after."""
    project.mkdir()
    argv = prepare(case, project)
    before = snapshot(project)
    monkeypatch.chdir(project)
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err, before, snapshot(project)


@pytest.mark.parametrize("name", case_names())
def test_hostile_input(name, tmp_path, capsys, monkeypatch):
    case = CASES / name
    code, out, err, before, after = run_case(case, tmp_path / "p", capsys, monkeypatch)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    want_code = int((case / "exit.txt").read_text().strip()) if (case / "exit.txt").exists() else 2
    assert "Traceback" not in err and "internal error" not in err, err
    assert err.splitlines() == expected
    assert code == want_code
    if want_code == 0:
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        assert all(k == "build" or k.startswith("build/") for k in changed), changed
        assert SENTINELS["notes.txt"] == (tmp_path / "p/build/notes.txt").read_bytes()
    else:
        assert out == ""
        assert after == before, "the project or its build/ folder changed"


def test_enough_cases():
    assert len(case_names()) >= 40
    for name in case_names():
        assert (CASES / name / "expected.txt").is_file(), f"{name} has no expected.txt"


def test_decks_and_reports_of_successful_hostile_builds_open_in_real_clients(tmp_path, capsys, monkeypatch):
    """Each case that builds (exit 0, with warnings) gives a report qpdf finds sound and a
    deck LibreOffice opens with one page per slide (all decks in one LibreOffice run)."""
    import subprocess

    from conftest import require_tool
    from pptx import Presentation

    qpdf, soffice = require_tool("qpdf"), require_tool("soffice")
    decks: dict[str, int] = {}
    for name in case_names():
        case = CASES / name
        args = (case / "args.txt").read_text().split() if (case / "args.txt").exists() else ["build"]
        if not (case / "exit.txt").exists() or (case / "exit.txt").read_text().strip() != "0" or args[0] != "build":
            continue
        project = tmp_path / name
        code, *_ = run_case(case, project, capsys, monkeypatch)
        assert code == 0, name
        # what the build wrote (not the harness's few-byte sentinels of an earlier build)
        built = [p for p in sorted((project / "build").glob("*.p*")) if p.stat().st_size > 100]
        assert built, name
        for pdf in (p for p in built if p.suffix == ".pdf"):
            check = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
            assert check.returncode == 0, f"{name}/{pdf.name}: {check.stdout}{check.stderr}"
        for pptx in (p for p in built if p.suffix == ".pptx"):
            copy = tmp_path / "decks" / f"{name}-{pptx.stem}.pptx"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(pptx, copy)
            decks[copy.stem] = len(Presentation(str(copy)).slides)
    assert len(decks) >= 5
    out = tmp_path / "lo"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", str(out),
                    *sorted(str(tmp_path / "decks" / f"{d}.pptx") for d in decks)],
                   capture_output=True, timeout=600, check=True)
    from pypdf import PdfReader

    for stem, slides in decks.items():
        pdf = out / f"{stem}.pdf"
        assert pdf.exists(), f"LibreOffice could not open {stem}.pptx"
        assert len(PdfReader(str(pdf)).pages) == slides, stem
