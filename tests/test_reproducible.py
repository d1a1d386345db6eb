"""Reproducible and incremental builds: same inputs, same bytes; unchanged inputs, no work."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import FLAGSHIP_GROUP, ROOT


def build(out: Path, epoch: str | None) -> subprocess.Popen:
    """``deckbuild build`` of the flagship in a process of its own, with SOURCE_DATE_EPOCH
    set to ``epoch`` or unset."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.Popen([sys.executable, "-m", "deckbuild", "build", "decks/meta-ai-bet.yaml", "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(*builds: subprocess.Popen) -> None:
    for p in builds:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.p*"))}


@FLAGSHIP_GROUP
def test_two_processes_give_identical_bytes(tmp_path, flagship):
    # without SOURCE_DATE_EPOCH the date comes from the inputs, not the clock: this build, made
    # later in another process, has the bytes of the session's build (made in this one)
    finish(build(tmp_path / "later", None))
    session = digests(flagship.out)
    assert len(session) == 4 and digests(tmp_path / "later") == session
    # with SOURCE_DATE_EPOCH, two processes at once give the same bytes, stamped that date (one
    # that is not the outline's: 2023-11-14, where the flagship's date: 2025-08 is 1754006400)
    one, two = build(tmp_path / "one", "1700000000"), build(tmp_path / "two", "1700000000")
    finish(one, two)
    stamped = digests(tmp_path / "one")
    assert len(stamped) == 4 and digests(tmp_path / "two") == stamped
    assert all(stamped[name] != session[name] for name in session)


@FLAGSHIP_GROUP
def test_noop_rebuild_renders_nothing(flagship):
    from deckbuild.build.pipeline import FORMATS
    from deckbuild.build.pipeline import build as run_build
    from deckbuild.diagnostics import Diagnostics

    first = flagship.result
    assert len(first.written) == 4
    stamps = {p: p.stat().st_mtime_ns for p in first.written}
    epoch = os.environ.pop("SOURCE_DATE_EPOCH", None)  # as the session's build was made
    try:
        again = run_build([ROOT / "decks" / "meta-ai-bet.yaml"], flagship.out, FORMATS, Diagnostics())
    finally:
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    assert again.written == [] and sorted(again.up_to_date) == sorted(first.written)
    assert again.rendered_charts == 0
    assert {p: p.stat().st_mtime_ns for p in first.written} == stamps


def imported(*args: str, cwd: Path = ROOT, whole: bool = False) -> set[str]:
    """The modules a deckbuild command imports (top-level packages, or ``whole`` names)."""
    name = "m" if whole else "m.split('.')[0]"
    code = (f"import sys, runpy; sys.argv = ['deckbuild', *{list(args)!r}]\n"
            "try:\n    runpy.run_module('deckbuild', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            f"print(' '.join(sorted({name} for m in sys.modules)), file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300)
    return set(r.stderr.strip().splitlines()[-1].split())


def test_check_imports_no_renderer():
    mods = imported("check", "decks/meta-ai-bet.yaml")
    assert not mods & {"matplotlib", "reportlab", "pptx"}


def test_pptx_build_does_not_import_reportlab(tmp_path):
    mods = imported("build", "decks/meta-ai-bet.yaml", "--format", "pptx", "--out", str(tmp_path))
    assert "pptx" in mods and "reportlab" not in mods


VISUALS = {"deckbuild.input.chart_spec", "deckbuild.charts.assets", "deckbuild.render.pptx.visuals",
           "deckbuild.layout.visuals", "deckbuild.layout.table", "deckbuild.render.pptx.table"}


def test_a_deck_of_text_slides_loads_no_chart_table_or_picture_code(tmp_path):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "talk.yaml").write_text(
        "title: A talk\nslides:\n  - title: One\n    bullets: [a, b]\n  - kind: section\n    title: Two\n"
        "  - title: Three\n    quote: Words\n", encoding="utf-8")
    text_only = tmp_path / "decks" / "text.yaml"
    text_only.write_text("title: A talk\nslides:\n  - title: One\n    bullets: [a, b]\n", encoding="utf-8")
    mods = imported("build", "decks/text.yaml", "--format", "pptx", cwd=tmp_path, whole=True)
    assert (tmp_path / "build" / "text.pptx").is_file() and "deckbuild.render.pptx.writer" in mods
    assert not mods & VISUALS
    mods = imported("build", "decks/talk.yaml", "--format", "pptx", cwd=tmp_path, whole=True)
    assert (tmp_path / "build" / "talk.pptx").is_file() and "deckbuild.render.pptx.visuals" in mods


def test_a_project_moved_to_another_folder_gives_identical_bytes(tmp_path):
    """Nothing of the project's location reaches the artifacts: the flagship (its picture
    included, which the report names by content) built from two copies in different folders."""
    import shutil

    outs = []
    for name in ("one", "elsewhere/two"):
        root = tmp_path / name
        for folder in ("decks", "charts", "templates"):
            shutil.copytree(ROOT / folder, root / folder)
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        run = subprocess.run([sys.executable, "-m", "deckbuild", "build", "decks/meta-ai-bet.yaml", "--format", "pdf"],
                             cwd=root, capture_output=True, text=True, env=env, timeout=600)
        assert run.returncode == 0, run.stderr
        outs.append(digests(root / "build"))
    assert len(outs[0]) == 2 and outs[0] == outs[1]
