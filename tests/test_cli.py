"""The command line as users run it: exit codes, messages, nothing written on bad input."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from project import OUTLINE, make_project


def run(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "deckbuild", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_version_and_help():
    from deckbuild import __version__

    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"deckbuild {__version__}"
    r = run("build", "--help")
    assert r.returncode == 0 and "examples:" in r.stdout and "--format {pptx,pdf,all}" in r.stdout


def test_usage_error_exits_2():
    r = run("build", "--format", "docx")
    assert r.returncode == 2
    assert "invalid choice: 'docx'" in r.stderr and "Traceback" not in r.stderr


def test_no_command_exits_2():
    assert run().returncode == 2


def test_check_valid_outline(tmp_path):
    make_project(tmp_path)
    r = run("check", "decks/t.yaml", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_check_json(tmp_path):
    make_project(tmp_path, OUTLINE.replace("kind: bullets", "kind: bulets"))
    r = run("check", "decks/t.yaml", "--format", "json", cwd=tmp_path)
    assert r.returncode == 2
    import json

    (item,) = json.loads(r.stdout)
    assert (item["path"], item["line"], item["column"], item["severity"]) == ("decks/t.yaml", 9, 11, "error")


def test_typo_gives_one_error_and_changes_nothing(tmp_path):
    make_project(tmp_path)
    out = tmp_path / "build"
    out.mkdir()
    (out / "t.pptx").write_bytes(b"previous deck")
    (out / "t.pdf").write_bytes(b"previous report")
    before = snapshot(out)
    (tmp_path / "decks" / "t.yaml").write_text(OUTLINE.replace("    title: 图", "    titel: 图"), encoding="utf-8")
    r = run("build", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == ["decks/t.yaml:14:5: error: unknown key 'titel' in slide 2; did you mean 'title'?"]
    assert "Traceback" not in r.stderr
    assert snapshot(out) == before


def test_missing_outline(tmp_path):
    r = run("check", "decks/nope.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.strip() == "decks/nope.yaml: error: file not found; check the path"


def test_format_and_out(tmp_path):
    make_project(tmp_path)
    r = run("build", "decks/t.yaml", "--format", "pptx", "--out", "elsewhere", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir() if p.is_file()) == ["t.pptx"]


def test_build_writes_both_artifacts_verbose_shows_stages_and_quiet_shows_nothing(tmp_path):
    make_project(tmp_path)
    r = run("build", "-v", cwd=tmp_path)
    assert r.returncode == 0 and "rendering t.pptx" in r.stderr and "rendering t.pdf" in r.stderr
    assert (tmp_path / "build" / "t.pptx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "build" / "t.pdf").read_bytes()[:5] == b"%PDF-"
    assert not [p for p in (tmp_path / "build").iterdir() if p.name.endswith(".tmp")]
    r = run("build", "-q", cwd=tmp_path)  # up to date now: nothing to say
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_check_reports_every_outline_problems_at_once(tmp_path):
    """One outline's errors do not hide the next one's (each is checked on its own)."""
    make_project(tmp_path)
    decks = tmp_path / "decks"
    (decks / "a.yaml").write_text(OUTLINE.replace("sources: [src]", "sources: [scr]"), encoding="utf-8")
    (decks / "b.yaml").write_text(OUTLINE.replace("chart: bars", "chart: barz"), encoding="utf-8")
    r = run("check", "decks/a.yaml", "decks/b.yaml", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert lines[0].startswith("decks/a.yaml:12:15: error: unknown source 'scr'"), lines
    assert lines[1].startswith("decks/b.yaml:15:12: error: chart 'barz' not found"), lines
    assert len(lines) == 2


def test_artifacts_made_by_other_code_are_not_up_to_date(tmp_path, monkeypatch, capsys):
    """A developer's edited checkout (same release number, other code) rebuilds: the manifest
    keys each build by a fingerprint of the package's files, not by the release alone."""
    from deckbuild.build import manifest
    from deckbuild.cli.commands import main

    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0
    assert main(["build", "-v"]) == 0 and "up to date" in capsys.readouterr().err
    monkeypatch.setattr(manifest, "code_version", lambda: "0.0.0+edited")
    assert main(["build", "-v"]) == 0
    err = capsys.readouterr().err
    assert "rendering t.pptx" in err and "up to date" not in err
