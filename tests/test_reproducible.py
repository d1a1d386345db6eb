"""Reproducible and incremental builds: same inputs, same bytes; unchanged inputs, no work."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

FLAGSHIP_FILES = ("decks", "charts", "templates")


def copy_project(dest: Path) -> Path:
    for name in FLAGSHIP_FILES:
        shutil.copytree(ROOT / name, dest / name)
    return dest


def build(cwd: Path, out: str, env: dict | None = None, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", "build", "decks/meta-ai-bet.yaml", "--out", out, *extra],
                          cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.p*"))}


def test_two_processes_give_identical_bytes(tmp_path):
    proj = copy_project(tmp_path)
    env = {"SOURCE_DATE_EPOCH": "1754006400"}
    assert build(proj, "one", env).returncode == 0
    assert build(proj, "two", env).returncode == 0
    one, two = digests(proj / "one"), digests(proj / "two")
    assert len(one) == 4 and one == two
    # without SOURCE_DATE_EPOCH the date comes from the inputs, not the clock: still identical
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    r3 = subprocess.run([sys.executable, "-m", "deckbuild", "build", "decks/meta-ai-bet.yaml", "--out", "three"],
                        cwd=proj, capture_output=True, text=True, env=env, timeout=600)
    r4 = subprocess.run([sys.executable, "-m", "deckbuild", "build", "decks/meta-ai-bet.yaml", "--out", "four"],
                        cwd=proj, capture_output=True, text=True, env=env, timeout=600)
    assert r3.returncode == r4.returncode == 0
    assert digests(proj / "three") == digests(proj / "four")


def test_noop_rebuild_renders_nothing(tmp_path):
    from deckbuild.build.pipeline import FORMATS, build as run_build
    from deckbuild.diagnostics import Diagnostics

    proj = copy_project(tmp_path)
    out = proj / "build"
    first = run_build([proj / "decks" / "meta-ai-bet.yaml"], out, FORMATS, Diagnostics())
    assert len(first.written) == 4
    stamps = {p: p.stat().st_mtime_ns for p in first.written}
    again = run_build([proj / "decks" / "meta-ai-bet.yaml"], out, FORMATS, Diagnostics())
    assert again.written == [] and sorted(again.up_to_date) == sorted(first.written)
    assert {p: p.stat().st_mtime_ns for p in first.written} == stamps
    # an edit of slide text rebuilds the artifacts but re-renders no chart
    outline = proj / "decks" / "meta-ai-bet.yaml"
    outline.write_text(outline.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    edited = run_build([outline], out, FORMATS, Diagnostics())
    assert len(edited.written) == 4 and edited.rendered_charts == 0
    # a damaged artifact is rebuilt
    (out / "meta-ai-bet.pdf").write_bytes(b"damaged")
    repaired = run_build([outline], out, FORMATS, Diagnostics())
    assert len(repaired.written) == 4


def imported(*args: str, cwd: Path = ROOT, whole: bool = False) -> set[str]:
    """The modules a deckbuild command imports (top-level packages, or ``whole`` names)."""
    name = "m" if whole else "m.split('.')[0]"
    code = ("import sys, runpy; sys.argv = ['deckbuild', *%r]\n"
            "try:\n    runpy.run_module('deckbuild', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(%s for m in sys.modules)), file=sys.stderr)") % (list(args), name)
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
