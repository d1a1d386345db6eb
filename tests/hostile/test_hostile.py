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

The CLI runs in-process (``deckbuild.cli.main``) in a copy of the case, so the suite is fast
(hostile_cases.py). The cases that build are run once a session and their decks and reports
kept for the tests that open them in real clients (conftest ``hostile_builds``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hostile_cases import CASES, SENTINELS, builds, case_names, exit_of, run_case

from conftest import HOSTILE_BUILDS_GROUP, require_tool


def _params() -> list:
    return [pytest.param(name, marks=HOSTILE_BUILDS_GROUP) if builds(name) else name for name in case_names()]


@pytest.mark.parametrize("name", _params())
def test_hostile_input(name, tmp_path, hostile_builds):
    case = CASES / name
    run = hostile_builds[name] if builds(name) else run_case(name, tmp_path / "p")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    want_code = exit_of(case)
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    assert run.err.splitlines() == expected
    assert run.code == want_code
    if want_code == 0:
        changed = {k for k in run.before.keys() | run.after.keys() if run.before.get(k) != run.after.get(k)}
        assert all(k == "build" or k.startswith("build/") for k in changed), changed
        assert SENTINELS["notes.txt"] == (run.project / "build/notes.txt").read_bytes()
    else:
        assert run.out == ""
        assert run.after == run.before, "the project or its build/ folder changed"


def test_enough_cases():
    assert len(case_names()) >= 40
    for name in case_names():
        assert (CASES / name / "expected.txt").is_file(), f"{name} has no expected.txt"


@HOSTILE_BUILDS_GROUP
def test_decks_and_reports_of_successful_hostile_builds_open_in_real_clients(tmp_path, hostile_builds):
    """Each case that builds (exit 0, with warnings) gives a report qpdf finds sound and a
    deck LibreOffice opens with one page per slide (all decks in one LibreOffice run)."""
    from pptx import Presentation
    from pypdf import PdfReader

    from clients import libreoffice_to_pdfs

    qpdf = require_tool("qpdf")
    require_tool("soffice")
    decks: dict[Path, int] = {}
    for name in (n for n in case_names() if builds(n)):
        run = hostile_builds[name]
        assert run.code == 0, name
        # what the build wrote (not the harness's few-byte sentinels of an earlier build)
        built = [p for p in sorted((run.project / "build").glob("*.p*")) if p.stat().st_size > 100]
        assert built, name
        for pdf in (p for p in built if p.suffix == ".pdf"):
            check = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
            assert check.returncode == 0, f"{name}/{pdf.name}: {check.stdout}{check.stderr}"
        for pptx in (p for p in built if p.suffix == ".pptx"):
            copy = tmp_path / "decks" / f"{name}-{pptx.stem}.pptx"  # names LibreOffice's PDFs apart
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(pptx, copy)
            decks[copy] = len(Presentation(str(copy)).slides)
    assert len(decks) >= 5
    pdfs = libreoffice_to_pdfs(list(decks), tmp_path / "lo")
    for (deck, slides), pdf in zip(decks.items(), pdfs):
        assert len(PdfReader(str(pdf)).pages) == slides, deck.name
