"""Outputs are atomic and durable: a build killed at any moment leaves every previous artifact
whole (old or new, never partial), the next build sweeps the temporary files it left, and
two builds at once into the same folder both finish with valid files."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckbuild.diagnostics import Diagnostics
from deckbuild.build.output import atomic_write, sweep_temporaries
from project import OUTLINE, make_project

try:
    from deckbuild.render.pdf import writer as _pdf
    from deckbuild.render.pptx import writer as _pptx  # noqa: F401

    RENDERERS = None
except Exception as exc:  # pragma: no cover - while the renderers are being written
    RENDERERS = f"renderers not importable yet ({type(exc).__name__}: {exc})"

needs_renderers = pytest.mark.skipif(RENDERERS is not None, reason=RENDERERS or "")
ARTIFACTS = ("t.pptx", "t.pdf")
VERSION_B = OUTLINE.replace("    title: 图\n", "    title: 第二版的图\n")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def deckbuild(*args, cwd: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "deckbuild", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, **kw)


def run_build(cwd: Path, out: str = "build") -> None:
    p = deckbuild("build", "-q", "--out", out, cwd=cwd)
    stdout, stderr = p.communicate(timeout=300)
    assert p.returncode == 0, stderr


def kill_group(p: subprocess.Popen) -> None:
    """SIGKILL the build and every process it started (chart workers)."""
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    p.communicate(timeout=60)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.tmp"))


def assert_valid(folder: Path) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    assert len(Presentation(str(folder / "t.pptx")).slides) == 2
    assert len(PdfReader(str(folder / "t.pdf")).pages) >= 1


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


# --- without renderers -------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out" / "a.bin"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["a.bin"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path):
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        atomic_write(target, object())  # type: ignore[arg-type]  # fails half-way through the write
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_sweep_removes_temporaries_of_dead_builds_only(tmp_path):
    out = tmp_path / "build"
    (out / ".cache" / "charts").mkdir(parents=True)
    (out / ".cache" / "session").mkdir()
    (out / "preview" / "t").mkdir(parents=True)
    dead = out / f".deckbuild-t.pptx.{dead_pid()}.deadbeef.tmp"
    dead_page = out / "preview" / "t" / f".deckbuild-slide-1.png.{dead_pid()}.deadbeef.tmp"
    old_chart = out / ".cache" / "charts" / f".{'ab' * 32}.svg.k2j4h5g6.tmp"  # an earlier version's
    # Not deckbuild's: files of the user or of other programs that happen to end in .tmp,
    # some in deckbuild's old naming (which other programs may use too); never removed.
    others = [out / "keep.tmp", out / f".notes.{dead_pid()}.abcdef12.tmp", out / ".cache" / ".session.abcdef.tmp",
              out / ".cache" / "session" / ".editor.xyz123.tmp", out / ".cache" / "charts" / ".abc.svg.k2j4h5g6.tmp",
              out / "preview" / ".x.tmp"]
    # Another build running now (it holds the lock) must keep its own temporaries.
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from deckbuild.build.output import sweep_temporaries; "
                               f"sweep_temporaries(Path({str(out)!r})); print('locked', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        for p in (dead, dead_page, old_chart, *others):
            p.write_bytes(b"partial")
            os.utime(p, (time.time() - 7200, time.time() - 7200))  # two hours old
        live = out / f".deckbuild-t.pdf.{holder.pid}.cafebabe.tmp"
        live.write_bytes(b"being written")
        assert sweep_temporaries(out) == 3  # the dead builds' files, and the abandoned old chart file
        assert not dead.exists() and not dead_page.exists() and not old_chart.exists() and live.exists()
        assert all(p.exists() for p in others)
    finally:
        holder.kill()
        holder.wait()
    # Alone again: every temporary file of deckbuild's goes, no other file.
    old_chart.write_bytes(b"an earlier version's, being written now")
    assert sweep_temporaries(out) == 1
    assert not live.exists() and old_chart.exists() and all(p.exists() for p in others)


def test_output_folder_that_is_a_file_is_a_clean_error(tmp_path, monkeypatch):
    from deckbuild.build.pipeline import build

    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    Path("build").write_bytes(b"not a folder")
    diags = Diagnostics()
    build([Path("decks/t.yaml")], Path("build"), ("pptx",), diags)
    assert [d.format() for d in diags.items] == [
        "build: error: the output folder is a file; remove it or choose another --out"]
    assert Path("build").read_bytes() == b"not a folder"


@needs_renderers
def test_folder_in_the_way_of_an_artifact_is_a_clean_error(tmp_path):
    make_project(tmp_path)
    (tmp_path / "build" / "t.pdf").mkdir(parents=True)
    p = deckbuild("build", "-q", cwd=tmp_path)
    _, stderr = p.communicate(timeout=300)
    assert p.returncode == 2
    assert stderr.splitlines() == [
        "build/t.pdf: error: cannot write: Is a directory; a folder of this name is in the way; remove it"]


# --- with renderers ------------------------------------------------------------------------


@needs_renderers
def test_kill_at_any_moment_keeps_artifacts_whole_and_next_build_sweeps(tmp_path):
    deck = make_project(tmp_path)
    # Reference artifacts of both versions of the outline (builds are reproducible).
    refs: dict[str, set[str]] = {name: set() for name in ARTIFACTS}
    for version, out in ((OUTLINE, "ref-a"), (VERSION_B, "ref-b")):
        deck.write_text(version, encoding="utf-8")
        run_build(tmp_path, out)
        for name in ARTIFACTS:
            refs[name].add(sha(tmp_path / out / name))
    assert all(len(v) == 2 for v in refs.values()), "the two versions must give different artifacts"
    build = tmp_path / "build"
    deck.write_text(OUTLINE, encoding="utf-8")
    run_build(tmp_path)

    versions = [VERSION_B, OUTLINE]
    for i, delay in enumerate([0.05, 0.4, 0.9, 1.4, 2.0, 3.0]):
        deck.write_text(versions[i % 2], encoding="utf-8")  # every build has work to do
        p = deckbuild("build", "-q", cwd=tmp_path)
        time.sleep(delay)
        kill_group(p)
        for name in ARTIFACTS:
            assert sha(build / name) in refs[name], f"{name} is partial after a kill at {delay} s"

    # Killed between writing a temporary file and moving it into place.
    deck.write_text(VERSION_B, encoding="utf-8")
    slow = ("import os, sys, time\n"
            "real = os.replace\n"
            "def replace(src, dst):\n"
            "    if str(dst).endswith('.pdf'):\n"
            "        print('READY', flush=True)\n"
            "        time.sleep(120)\n"
            "    real(src, dst)\n"
            "os.replace = replace\n"
            "from deckbuild.cli import main\n"
            "sys.exit(main(['build', '-q']))\n")
    p = subprocess.Popen([sys.executable, "-c", slow], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    assert p.stdout.readline().strip() == "READY"
    kill_group(p)
    assert [t for t in temporaries(build) if t.startswith(".deckbuild-t.pdf.")], "the kill should leave a temporary file"
    for name in ARTIFACTS:
        assert sha(build / name) in refs[name]

    # Leftovers of a chart worker, too; another program's temporary file stays.
    (build / ".cache" / "charts").mkdir(parents=True, exist_ok=True)
    (build / ".cache" / "charts" / f".deckbuild-x.svg.{dead_pid()}.ab12cd34.tmp").write_bytes(b"<svg")
    (build / ".cache" / ".editor.ab12cd.tmp").write_bytes(b"not deckbuild's")

    run_build(tmp_path)
    assert temporaries(build) == [".cache/.editor.ab12cd.tmp"]
    assert_valid(build)
    for name in ARTIFACTS:
        assert sha(build / name) == sha(tmp_path / "ref-b" / name)


@needs_renderers
def test_two_builds_at_once_into_the_same_folder(tmp_path):
    deck = make_project(tmp_path)
    build = tmp_path / "build"
    for version in (OUTLINE, VERSION_B):  # into an empty folder, then over existing artifacts
        deck.write_text(version, encoding="utf-8")
        first, second = deckbuild("build", "-q", cwd=tmp_path), deckbuild("build", "-q", cwd=tmp_path)
        results = [p.communicate(timeout=300) for p in (first, second)]
        assert (first.returncode, second.returncode) == (0, 0), [err for _, err in results]
        assert temporaries(build) == []
        assert_valid(build)
        run_build(tmp_path, "ref")
        for name in ARTIFACTS:
            assert sha(build / name) == sha(tmp_path / "ref" / name)
