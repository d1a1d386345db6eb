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

from deckbuild.atomic import atomic_write
from deckbuild.build.output import prune_chart_cache, sweep_temporaries
from deckbuild.diagnostics import Diagnostics
from project import OUTLINE, make_project

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


# --- writes ----------------------------------------------------------------------------------


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
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from pathlib import Path; "
                               "from deckbuild.build.output import prune_chart_cache, sweep_temporaries; "
                               f"sweep_temporaries(Path({str(out)!r})); print('locked', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # holds it until killed
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


def test_the_chart_cache_keeps_what_builds_use(tmp_path, monkeypatch):
    """A build takes a chart from the cache and touches it; the cache loses what no build has
    used for 30 days and the SVG files earlier versions kept; no other file is touched."""
    from deckbuild.build.pipeline import build

    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    out, day = tmp_path / "build", 86400
    assert build([Path("decks/t.yaml")], out, ("pptx", "pdf"), Diagnostics()).rendered_charts > 0
    charts = out / ".cache" / "charts"
    used = sorted(p.name for p in charts.iterdir())
    assert used and all(n.endswith((".pdf", ".png")) for n in used)
    planted = {"old": f"{'cd' * 32}.pdf", "svg": f"{'ef' * 32}.svg", "recent": f"{'12' * 32}-400x300.png",
               "foreign": "notes.txt", "foreign-old": f"{'34' * 32}.pdf.bak"}
    for key, name in planted.items():
        (charts / name).write_bytes(b"x")
        age = 40 * day if key in ("old", "foreign-old") else day
        os.utime(charts / name, (time.time() - age, time.time() - age))
    for name in used:  # drawn 20 days ago: within the limit
        os.utime(charts / name, (time.time() - 20 * day, time.time() - 20 * day))
    Path("decks/t.yaml").write_text(OUTLINE.replace("bullets: [甲, 乙]", "bullets: [甲, 丙]"), encoding="utf-8")
    result = build([Path("decks/t.yaml")], out, ("pptx", "pdf"), Diagnostics())
    assert result.rendered_charts == 0 and result.written  # rebuilt, with the charts of the cache
    left = sorted(p.name for p in charts.iterdir())
    assert left == sorted([*used, planted["recent"], planted["foreign"], planted["foreign-old"]])
    assert all(time.time() - (charts / n).stat().st_mtime < day for n in used)  # touched when taken


def test_the_chart_cache_is_pruned_least_recently_used_first_and_never_beside_another_build(tmp_path, monkeypatch):
    """Beyond its size limit the cache loses its least recently used files first; while another
    build runs into the same folder (it holds the lock), even through a link, nothing is removed,
    and this build keeps its own lock."""
    from deckbuild.build import output

    charts = tmp_path / "build" / ".cache" / "charts"
    charts.mkdir(parents=True)
    now = time.time()
    names = [f"{i:064x}.pdf" for i in range(4)]
    for age, name in enumerate(names):  # 0 the most recently used
        (charts / name).write_bytes(b"x" * 1000)
        os.utime(charts / name, (now - age * 3600, now - age * 3600))
    monkeypatch.setattr(output, "CHART_CACHE_MAX_BYTES", 2500)
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "elsewhere" / "out"  # the other build names the same folder through a link
    link.symlink_to(tmp_path / "build")
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from pathlib import Path; "
                               "from deckbuild.build.output import sweep_temporaries; "
                               f"sweep_temporaries(Path({str(link)!r})); print('locked', flush=True); "
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert prune_chart_cache(tmp_path / "build") == 0
        assert sorted(p.name for p in charts.iterdir()) == names
    finally:
        holder.kill()
        holder.wait()
    # this process still holds its shared lock: a build starting now is not alone
    other = subprocess.run([sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
                            "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)", str(tmp_path)], capture_output=True)
    assert other.returncode != 0 and b"BlockingIOError" in other.stderr
    assert prune_chart_cache(tmp_path / "build") == 2
    assert sorted(p.name for p in charts.iterdir()) == names[:2]


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


def test_folder_in_the_way_of_an_artifact_is_a_clean_error(tmp_path):
    make_project(tmp_path)
    (tmp_path / "build" / "t.pdf").mkdir(parents=True)
    p = deckbuild("build", "-q", cwd=tmp_path)
    _, stderr = p.communicate(timeout=300)
    assert p.returncode == 2
    assert stderr.splitlines() == [
        "build/t.pdf: error: cannot write: Is a directory; a folder of this name is in the way; remove it"]


# --- builds ----------------------------------------------------------------------------------

# The build, stopped just before its Nth os.replace (the moment a finished temporary file
# would take the place of its target) until the test kills it.
KILLED_AT_REPLACE = """\
import os, signal, sys
from deckbuild.cli import main
stop_at, count, real = int(sys.argv[1]), [0], os.replace
def replace(src, dst):
    count[0] += 1
    if count[0] == stop_at:
        print("READY", src, flush=True)
        signal.pause()  # until SIGKILL
    real(src, dst)
os.replace = replace
code = main(["build", "-q"])
print("DONE", count[0], flush=True)
sys.exit(code)
"""


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict[str, dict[str, str]]:
    """The SHA-256 of each artifact of both versions of the outline, by outline (builds are
    reproducible, so any build of a version gives these bytes)."""
    refs: dict[str, dict[str, str]] = {}
    for version in (OUTLINE, VERSION_B):
        root = tmp_path_factory.mktemp("reference")
        make_project(root, version)
        run_build(root)
        refs[version] = {name: sha(root / "build" / name) for name in ARTIFACTS}
    assert refs[OUTLINE] != refs[VERSION_B], "the two versions must give different artifacts"
    return refs


def test_kill_at_any_moment_keeps_artifacts_whole_and_next_build_sweeps(tmp_path, references):
    deck = make_project(tmp_path)
    build = tmp_path / "build"
    run_build(tmp_path)
    allowed = {name: {refs[name] for refs in references.values()} for name in ARTIFACTS}

    # Killed before each replacement in turn, until a build gets through: every artifact is
    # whole (the old or the new one), and the file that was about to move is left behind.
    # Until a build finishes, its manifest is the old one: each build does all the work again.
    deck.write_text(VERSION_B, encoding="utf-8")
    for stop_at in range(1, 50):
        p = subprocess.Popen([sys.executable, "-c", KILLED_AT_REPLACE, str(stop_at)], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        said = p.stdout.readline().rstrip("\n").split(" ", 1)
        if said[0] == "DONE":
            _, stderr = p.communicate(timeout=60)
            assert p.returncode == 0, stderr
            assert stop_at > int(said[1]) >= 3  # at least the deck, the report and the manifest
            break
        assert said[0] == "READY", (said, p.communicate(timeout=60))
        kill_group(p)
        left = tmp_path / said[1]  # the file about to move (an absolute path stays as it is)
        assert left.exists() and (build not in left.parents or left.name.endswith(".tmp")), left
        for name in ARTIFACTS:
            assert sha(build / name) in allowed[name], f"{name} is partial after a kill before replace {stop_at}"
    else:
        pytest.fail("the build never finished")
    assert temporaries(build) == []  # the build that finished swept what the killed ones left
    assert {name: sha(build / name) for name in ARTIFACTS} == references[VERSION_B]

    # Leftovers of a chart worker, too, are swept by the next build, even one with nothing to
    # do; another program's temporary file stays.
    (build / ".cache" / "charts").mkdir(parents=True, exist_ok=True)
    (build / ".cache" / "charts" / f".deckbuild-x.svg.{dead_pid()}.ab12cd34.tmp").write_bytes(b"<svg")
    (build / ".cache" / ".editor.ab12cd.tmp").write_bytes(b"not deckbuild's")
    run_build(tmp_path)
    assert temporaries(build) == [".cache/.editor.ab12cd.tmp"]
    assert_valid(build)
    assert {name: sha(build / name) for name in ARTIFACTS} == references[VERSION_B]


def test_two_builds_at_once_into_the_same_folder(tmp_path, references):
    deck = make_project(tmp_path)
    build = tmp_path / "build"
    for version in (OUTLINE, VERSION_B):  # into an empty folder, then over existing artifacts
        deck.write_text(version, encoding="utf-8")
        first, second = deckbuild("build", "-q", cwd=tmp_path), deckbuild("build", "-q", cwd=tmp_path)
        results = [p.communicate(timeout=300) for p in (first, second)]
        assert (first.returncode, second.returncode) == (0, 0), [err for _, err in results]
        assert temporaries(build) == []
        assert_valid(build)
        assert {name: sha(build / name) for name in ARTIFACTS} == references[version]
