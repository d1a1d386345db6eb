"""Hostile input, round two (issue #14): what the case folders cannot check by stderr alone.

- nothing lost: the sweep removes only deckbuild's own temporary files; a cached chart that
  is a link is not read; editions whose files collide (also by case) are refused;
- nothing written elsewhere: a build and a preview with an empty HOME write only in the
  output folder, deckbuild's cache folder and (removed at the end) a temporary folder; a
  ``matplotlibrc`` in the project changes nothing; links out of the output folder are refused;
- ``SOURCE_DATE_EPOCH`` and ``deckbuild new`` names are checked;
- numbers: formulas of any shape cannot exhaust the recursion limit, charts at the limits of
  the range of numbers render, formatting never fails, tables of extreme widths render;
- text the fonts cannot show: each script is warned of, by check and build alike.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from conftest import require_tool
from deckbuild.cli import main
from deckbuild.diagnostics import Diagnostics

OUTLINE = """\
title: Test
language: en
sources:
  - id: src
    title: Source
slides:
  - kind: bullets
    title: Title
    bullets: [one, two]
    sources: [src]
  - kind: chart
    title: Chart
    chart: bars
"""
CHART = """\
title: Bars
kind: column
categories: [A, B]
series:
  - name: V
    values: [1, 2]
source: src
"""


def project(root: Path, outline: str = OUTLINE, charts: dict[str, str] | None = None, name: str = "t") -> Path:
    (root / "decks").mkdir(parents=True, exist_ok=True)
    (root / "charts").mkdir(exist_ok=True)
    for chart, text in ({"bars": CHART} if charts is None else charts).items():
        (root / "charts" / f"{chart}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    deck = root / "decks" / f"{name}.yaml"
    deck.write_text(textwrap.dedent(outline), encoding="utf-8")
    return deck


def run(argv: list[str], cwd: Path, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() + ("/" if p.is_dir() and not p.is_symlink() else "")
                  for p in folder.rglob("*"))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ nothing lost


def test_a_build_removes_no_temporary_file_it_did_not_make(tmp_path, capsys, monkeypatch):
    project(tmp_path)
    build = tmp_path / "build"
    foreign = [build / ".notes.12345.abcdef12.tmp", build / ".cache" / ".session.abcdef.tmp",
               build / ".cache" / "editor" / ".swap.xyz123.tmp", build / ".cache" / "charts" / ".x.svg.k2j4h5g6.tmp",
               build / "preview" / "t" / ".page.tmp", build / "sub" / ".x.1.aaaaaaaa.tmp"]
    for p in foreign:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"another program's")
        os.utime(p, (1, 1))  # ancient: an age rule would not save it either
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    ours = build / ".cache" / "charts" / f".deckbuild-x.svg.{int(dead.stdout)}.0badf00d.tmp"
    ours.write_bytes(b"<svg")
    code, _, err = run(["build", "-q"], tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert all(p.read_bytes() == b"another program's" for p in foreign)
    assert not ours.exists()
    assert not [p for p in build.rglob(".deckbuild-*")]


def test_a_cached_chart_that_is_a_link_is_not_read_but_replaced(tmp_path, capsys, monkeypatch):
    project(tmp_path)
    assert run(["build", "-q"], tmp_path, capsys, monkeypatch)[0] == 0
    drawing = next((tmp_path / "build" / ".cache" / "charts").glob("*.pdf"))
    good = drawing.read_bytes()
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(b"%PDF-1.4 planted")
    drawing.unlink()
    drawing.symlink_to(planted)
    (tmp_path / "build" / ".cache" / "manifest.json").unlink()  # so that the build renders again
    code, _, err = run(["build", "-q"], tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert not drawing.is_symlink() and drawing.read_bytes() == good
    assert planted.read_bytes() == b"%PDF-1.4 planted"


@pytest.mark.parametrize("what", ["file", "dangling link"])
def test_a_file_where_the_cache_folder_goes_is_an_error_not_a_crash(what, tmp_path, capsys, monkeypatch):
    project(tmp_path)
    (tmp_path / "build").mkdir()
    cache = tmp_path / "build" / ".cache"
    cache.write_text("the user's") if what == "file" else cache.symlink_to("nothing")
    code, out, err = run(["build"], tmp_path, capsys, monkeypatch)
    assert (code, out) == (2, "")
    assert err.splitlines() == ["build/.cache: error: this is not a folder (a file, or a link to nothing) where "
                                "deckbuild keeps a folder; remove it (the folder is made in its place)"]
    assert tree(tmp_path / "build") == [".cache"]


def test_a_cache_folder_linked_inside_the_output_folder_is_used(tmp_path, capsys, monkeypatch):
    project(tmp_path)
    (tmp_path / "build" / "real-cache").mkdir(parents=True)
    (tmp_path / "build" / ".cache").symlink_to("real-cache")
    code, _, err = run(["build", "-q"], tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert (tmp_path / "build" / "real-cache" / "manifest.json").is_file()


def test_an_output_folder_that_is_a_link_is_written_into(tmp_path, capsys, monkeypatch):
    project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "build").symlink_to("elsewhere")
    code, _, err = run(["build", "-q"], tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert {"t.pptx", "t.pdf", ".cache/"} <= set(tree(tmp_path / "elsewhere"))


def _case_insensitive(folder: Path) -> bool:
    probe = folder / "CaseProbe"
    probe.write_text("x")
    try:
        return (folder / "caseprobe").exists()
    finally:
        probe.unlink()


def test_outlines_whose_names_differ_in_case_or_normalization_clash(tmp_path, capsys, monkeypatch):
    if _case_insensitive(tmp_path):
        pytest.skip("this file system cannot hold T.yaml beside t.yaml")
    project(tmp_path, name="T")
    project(tmp_path, name="t")
    project(tmp_path, name="caf\u00e9")
    project(tmp_path, name="cafe\u0301")
    code, out, err = run(["build"], tmp_path, capsys, monkeypatch)
    fold = ("one and the same file where file names ignore case or Unicode normalization (Windows, macOS); "
            "rename one of the outlines, or build them into different --out folders")
    assert (code, out) == (2, "")
    assert sorted(err.splitlines()) == sorted([
        f"decks/T.yaml: error: this outline would be written to build/T.pptx and outline decks/t.yaml to "
        f"build/t.pptx, {fold}",
        f"decks/t.yaml: error: this outline would be written to build/t.pptx and outline decks/T.yaml to "
        f"build/T.pptx, {fold}",
        f"decks/caf\u00e9.yaml: error: this outline would be written to build/caf\u00e9.pptx and outline "
        f"decks/cafe\u0301.yaml to build/cafe\u0301.pptx, {fold}",
        f"decks/cafe\u0301.yaml: error: this outline would be written to build/cafe\u0301.pptx and outline "
        f"decks/caf\u00e9.yaml to build/caf\u00e9.pptx, {fold}",
    ])
    assert not (tmp_path / "build").exists() or not list((tmp_path / "build").glob("*.p*"))


TRANSLATED = OUTLINE.replace("language: en\n", "language: en\ntranslations: [de]\n").replace(
    "title: Test\n", "title: {en: Test, de: Test}\n").replace(
    "    title: Title\n", "    title: {en: Title, de: Titel}\n")


def test_a_clash_with_an_outline_that_is_up_to_date_is_found_and_placed(tmp_path, capsys, monkeypatch):
    project(tmp_path, TRANSLATED)
    assert run(["build", "-q", "decks/t.yaml"], tmp_path, capsys, monkeypatch)[0] == 0
    before = {p.name: sha(p) for p in (tmp_path / "build").glob("*.p*")}
    assert set(before) == {"t.pptx", "t.pdf", "t.de.pptx", "t.de.pdf"}
    project(tmp_path, name="t.de")
    code, out, err = run(["build", "decks/t.yaml", "decks/t.de.yaml"], tmp_path, capsys, monkeypatch)
    fix = "rename one of the outlines, or build them into different --out folders"
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "decks/t.de.yaml: error: this outline and the 'de' edition of decks/t.yaml (line 3) would both be "
        f"written to build/t.de.pptx; {fix}",
        "decks/t.yaml:3:16: error: the 'de' edition of this outline and outline decks/t.de.yaml would both be "
        f"written to build/t.de.pptx; {fix}",
    ]
    assert {p.name: sha(p) for p in (tmp_path / "build").glob("*.p*")} == before


def test_the_same_outline_named_twice_is_built_once(tmp_path, capsys, monkeypatch):
    project(tmp_path)
    code, out, err = run(["build", "decks/t.yaml", "./decks/../decks/t.yaml"], tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out.splitlines() == ["wrote build/t.pptx", "wrote build/t.pdf"]


def test_preview_sheets_that_would_collide_are_refused_before_anything_is_written(tmp_path, monkeypatch):
    from deckbuild.build.pipeline import FORMATS, build

    project(tmp_path, name="x")
    project(tmp_path, name="x.report")
    monkeypatch.chdir(tmp_path)
    diags = Diagnostics()
    build([Path("decks/x.yaml"), Path("decks/x.report.yaml")], Path("build"), FORMATS, diags, preview=True)
    assert [d.format() for d in diags.sorted()] == [
        "decks/x.report.yaml: error: this outline and outline decks/x.yaml would both be written to "
        "build/x.report.preview.png; rename one of the outlines, or build them into different --out folders",
        "decks/x.yaml: error: this outline and outline decks/x.report.yaml would both be written to "
        "build/x.report.preview.png; rename one of the outlines, or build them into different --out folders",
    ]
    assert not (tmp_path / "build" / "x.pptx").exists()
    diags = Diagnostics()
    build([Path("decks/x.yaml"), Path("decks/x.report.yaml")], Path("build"), FORMATS, diags)
    assert not diags.items  # only the preview's sheets collide


# ------------------------------------------------------------------ nothing written elsewhere


@pytest.fixture
def isolated_env(tmp_path: Path):
    """The environment of a user whose home, cache and temporary folders are empty ones of
    this test (``tmp_path / "home"`` and ``"cache"``; the temporary folder is a short path of
    its own, as chart workers' sockets in it must stay under the 107 bytes of a socket's name)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MPL", "MATPLOTLIB", "FONTCONFIG"))}
    for name in ("home", "cache"):
        (tmp_path / name).mkdir()
    tmp = tempfile.mkdtemp(prefix="db-")
    yield {**env, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": tmp}
    shutil.rmtree(tmp, ignore_errors=True)


def _deckbuild(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


CACHE_FOLDERS = {"deckbuild/", "deckbuild/fonts/", "deckbuild/matplotlib/", "deckbuild/metrics/", "deckbuild/seal/"}


def test_a_build_writes_only_in_the_output_folder_and_the_documented_cache(tmp_path, isolated_env):
    work = tmp_path / "work"
    project(work)
    env = isolated_env
    r = _deckbuild(["build", "-q"], work, env)
    assert (r.returncode, r.stderr) == (0, "")
    assert tree(tmp_path / "home") == []  # no ~/.config/matplotlib, no ~/.cache/matplotlib
    assert tree(Path(env["TMPDIR"])) == []
    written = tree(tmp_path / "cache")
    assert {p for p in written if p.endswith("/")} == CACHE_FOLDERS
    assert any(p.startswith("deckbuild/matplotlib/fontlist") for p in written)
    assert [p for p in tree(work) if not p.startswith("build/")] == ["charts/", "charts/bars.yaml", "decks/",
                                                                      "decks/t.yaml"]


def test_a_preview_writes_only_in_the_output_folder_and_the_documented_cache(tmp_path, isolated_env):
    """... and replaces pages and sheets that are links, without following them."""
    require_tool("soffice"), require_tool("pdftoppm")
    work = tmp_path / "work"
    project(work)
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's")
    (work / "build" / "preview" / "t").mkdir(parents=True)
    for link in ("build/t.preview.png", "build/preview/t/slide-1.png", "build/preview/t/page-9.png"):
        (work / link).symlink_to(victim)
    env = isolated_env
    r = _deckbuild(["preview"], work, env)
    assert r.returncode == 0, r.stderr
    assert tree(tmp_path / "home") == []  # no LibreOffice profile, dconf or fontconfig cache there
    assert tree(Path(env["TMPDIR"])) == []  # the private folder of LibreOffice and poppler is gone
    assert {p for p in tree(tmp_path / "cache") if p.endswith("/")} <= CACHE_FOLDERS | {"deckbuild/fontconfig/"}
    assert {"build/t.preview.png", "build/t.report.preview.png", "build/preview/t/slide-1.png",
            "build/preview/t/page-1.png", "build/preview/t/libreoffice/t.pdf"} <= set(tree(work))
    assert victim.read_text() == "the user's"
    assert not (work / "build" / "t.preview.png").is_symlink()
    assert (work / "build" / "preview" / "t" / "slide-1.png").read_bytes()[:4] == b"\x89PNG"
    assert (work / "build" / "preview" / "t" / "page-9.png").is_symlink()  # not deckbuild's: it stays


def test_preview_writes_nothing_through_a_link_out_of_the_output_folder(tmp_path, capsys, monkeypatch):
    require_tool("soffice"), require_tool("pdftoppm")
    project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "build" / "preview" / "t").mkdir(parents=True)
    (tmp_path / "build" / "preview" / "t" / "libreoffice").symlink_to(tmp_path / "elsewhere")
    code, out, err = run(["preview"], tmp_path, capsys, monkeypatch)
    assert code == 2
    assert err.splitlines() == [
        f"build/preview/t/libreoffice: error: this folder is a symbolic link to '{tmp_path / 'elsewhere'}', "
        "outside the output folder build; deckbuild writes nothing through it: remove the link (a real folder is "
        "made in its place) or point it inside the output folder"]
    assert tree(tmp_path / "elsewhere") == []
    assert not (tmp_path / "build" / "t.preview.png").exists()
    (tmp_path / "build" / "preview").rename(tmp_path / "old-preview")
    (tmp_path / "build" / "preview").symlink_to(tmp_path / "elsewhere")
    code, out, err = run(["preview"], tmp_path, capsys, monkeypatch)
    assert code == 2 and err.startswith("build/preview: error: this folder is a symbolic link")
    assert tree(tmp_path / "elsewhere") == []


HOSTILE_RC = "text.usetex: True\naxes.facecolor: red\nlines.linewidth: 9\nsvg.hashsalt: x\nfigure.dpi: 7\nno such key\n"


def test_a_matplotlibrc_or_modules_in_the_project_change_no_chart_and_never_run(tmp_path, isolated_env):
    """A ``matplotlibrc`` (hostile settings, or a pipe that would block a reader) changes
    nothing; modules named as libraries (``python -m`` puts the folder first on sys.path)
    are not imported."""
    env = isolated_env
    plain, hostile, pipe = (tmp_path / name for name in ("plain", "hostile", "pipe"))
    for folder in (plain, hostile, pipe):
        project(folder)
    (hostile / "matplotlibrc").write_text(HOSTILE_RC)
    marker = tmp_path / "ran"
    for module in ("yaml", "matplotlib", "babel"):
        (hostile / f"{module}.py").write_text(f"open({str(marker)!r}, 'a').write('{module}')\n")
    os.mkfifo(pipe / "matplotlibrc")  # would block a reader forever
    for folder in (plain, hostile, pipe):
        r = _deckbuild(["build", "-q"], folder, env)
        assert (r.returncode, r.stderr) == (0, "")
    assert not marker.exists()
    charts = [{p.name: sha(p) for p in (f / "build" / ".cache" / "charts").iterdir()} for f in (plain, hostile, pipe)]
    assert charts[0] == charts[1] == charts[2] and charts[0]


BAD_EPOCHS = {
    "abc": "'abc', not a number of seconds since 1970-01-01",
    "-1": "'-1', not a number of seconds since 1970-01-01",
    "1.5": "'1.5', not a number of seconds since 1970-01-01",
    "1e9": "'1e9', not a number of seconds since 1970-01-01",
    " ": "' ', not a number of seconds since 1970-01-01",
    "\u0663\u0663": "'\u0663\u0663', not a number of seconds since 1970-01-01",
    "1_000": "'1_000', not a number of seconds since 1970-01-01",
    "1\x1b[31m": "'1\\x1b[31m', not a number of seconds since 1970-01-01",
    "99999999999999999999": "'99999999999999999999', a time after 2107, the last year a zip file (a .pptx) can hold",
    "4354819200": "'4354819200', a time after 2107, the last year a zip file (a .pptx) can hold",
}


@pytest.mark.parametrize("value", list(BAD_EPOCHS))
def test_a_bad_source_date_epoch_is_an_error_before_anything_is_written(value, tmp_path, capsys, monkeypatch):
    project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for argv in (["build"], ["check"], ["chart", "charts/bars.yaml", "--out", "c.png"]):
        code, out, err = run(argv, tmp_path, capsys, monkeypatch)
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            f"deckbuild: error: SOURCE_DATE_EPOCH is {BAD_EPOCHS[value]}; set it to a whole number from 0 to "
            "4354819199 (2107-12-31 23:59:59 UTC), e.g. $(git log -1 --format=%ct), or unset it"]
    assert tree(tmp_path) == ["charts/", "charts/bars.yaml", "decks/", "decks/t.yaml"]


@pytest.mark.parametrize("value,year", [("", None), (" 1700000000\n", 2023), ("0", 1980), ("4354819199", 2107)])
def test_valid_source_date_epochs_build(value, year, tmp_path, capsys, monkeypatch):
    import zipfile

    project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, _, err = run(["build", "-q"], tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")
    with zipfile.ZipFile(tmp_path / "build" / "t.pptx") as z:
        stamped = {info.date_time[0] for info in z.infolist()}
    assert len(stamped) == 1 and (year is None or stamped == {year})


@pytest.mark.parametrize("name,message", [
    ("", "the name is empty; give one, e.g. 'deckbuild new quarterly-review'"),
    ("-x", "'-x' is not a valid name; use letters, digits, '_' and '-', starting with a letter"),
    ("a b", "'a b' is not a valid name; use letters, digits, '_' and '-', starting with a letter"),
    ("\u00fcn\u00ef", "'\u00fcn\u00ef' is not a valid name; use letters, digits, '_' and '-', starting with a letter"),
    ("a\tb\u202e", "'a\\tb\\u202e' is not a valid name; use letters, digits, '_' and '-', starting with a letter"),
    ("a\\b", "'a\\b' is not a valid name; it is a path: give a name, not a folder"),
    ("1abc", "'1abc' is not a valid name; use letters, digits, '_' and '-', starting with a letter"),
    ("b" * 1000, "the name is 1000 characters long, over the limit of 64; choose a shorter one"),
])
def test_new_refuses_names_no_file_system_takes(name, message, tmp_path, capsys, monkeypatch):
    code, out, err = run(["new", "--", name], tmp_path, capsys, monkeypatch)
    assert (code, out, err.splitlines()) == (2, "", [f"deckbuild: error: {message}"])
    assert tree(tmp_path) == []


def test_new_removes_what_it_wrote_when_a_write_fails(tmp_path, capsys, monkeypatch):
    import deckbuild.atomic

    real, calls = deckbuild.atomic.atomic_write, []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(deckbuild.atomic, "atomic_write", failing)
    code, out, err = run(["new", "demo"], tmp_path, capsys, monkeypatch)
    assert (code, out) == (2, "")
    assert err.splitlines() == ["deckbuild: error: cannot write templates/demo/theme.yaml: No space left on device; "
                                "check that this folder is writable and the disk has space"]
    assert [p for p in tree(tmp_path) if not p.endswith("/")] == []


def test_new_keeps_a_schema_file_that_is_a_link_without_following_it(tmp_path, capsys, monkeypatch):
    victim = tmp_path / "victim.json"
    victim.write_text("the user's")
    (tmp_path / "p" / "schema").mkdir(parents=True)
    (tmp_path / "p" / "schema" / "outline.schema.json").symlink_to(victim)
    code, out, err = run(["new", "demo"], tmp_path / "p", capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert victim.read_text() == "the user's"
    assert (tmp_path / "p" / "schema" / "outline.schema.json").is_symlink()
    assert "kept schema/outline.schema.json (it exists;" in out


# ------------------------------------------------------------------ numbers


def test_formulas_are_evaluated_without_recursion():
    """The longest formulas (1000 characters) evaluate with room for only a few hundred frames
    of Python recursion: the evaluator walks the tree with a stack of its own."""
    import inspect

    from deckbuild.input.facts import Fact, FormulaError, evaluate

    facts = {"a": Fact("a", 2.0)}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 400)
    try:
        assert evaluate("+".join(["a"] * 333), facts) == 666.0  # 332 nested additions
        assert evaluate("-" * 998 + "a", facts) == 2.0  # 998 nested negations
        assert evaluate("(" * 190 + "a" + ")" * 190, facts) == 2.0
        with pytest.raises(FormulaError, match="over the limit of 1000"):
            evaluate("-" * 1000 + "a", facts)
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize("unit", ["number", "percent", "compact", "usd", "multiple", "year"])
@pytest.mark.parametrize("value", [1e300, -1.7e308, 1e15, -1e15, 1e-15, 5e-324, 0.0])
def test_formatting_never_fails_on_a_finite_number(unit, value):
    from deckbuild.input.facts import Fact, format_fact

    for language in ("en", "zh-CN", "de", "fr"):
        for decimals in (None, 0, 6):
            assert format_fact(Fact("x", value, unit, decimals), language)
            assert format_fact(Fact("x", (-abs(value), abs(value)), unit, decimals), language)


LIMIT_CHARTS = {
    "col": "title: C\nkind: column\ncategories: [A, B, C]\nseries:\n  - {name: V, values: [1e15, -1e15, 1e-15]}\n"
           "  - {name: W, values: [-999999999999999, 0, 5e14]}\nreference_line: {value: 1e15, label: top}\n",
    "mag": "title: M\nkind: magnitude\ncategories: [A, B]\nseries:\n  - {name: V, values: [1e-15, 1e15]}\n",
    "log": "title: L\nkind: line\nlog_scale: true\ncategories: [A, B]\nseries:\n  - {name: V, values: [1e-15, 1e15]}\n",
    "pie": "title: P\nkind: pie\ncategories: [A, B]\nseries:\n  - {name: V, values: [1e15, 1e-15]}\n",
    "sca": "title: S\nkind: scatter\nseries:\n  - {name: V, x: [-1e15, 1e-15, 1e15], values: [1e-15, -1e15, 1e15]}\n"
           "annotations:\n  - {text: here, x: 1e15, y: -1e15}\n",
    "rng": "title: R\nkind: range\ncategories: [A]\nseries:\n  - {name: lo, values: [-1e15]}\n"
           "  - {name: hi, values: [1e15]}\n",
    "cmb": "title: K\nkind: combo\ncategories: [A, B]\nseries:\n  - {name: V, values: [1e15, 1e-15]}\n"
           "  - {name: W, values: [-1e15, 1e15], secondary: true}\n",
    "sco": "title: Sc\nkind: scorecard\nmax: 1e15\ncategories: [A, B]\nseries:\n  - {name: V, values: [1e15, 1e-15]}\n",
}


def test_charts_at_the_limits_of_the_range_render_without_a_word_on_stderr(tmp_path, isolated_env):
    """In a process of its own (with chart workers), so that anything printed is seen."""
    slides = "".join(f"  - kind: chart\n    title: {name}\n    chart: {name}\n" for name in LIMIT_CHARTS)
    outline = OUTLINE.split("slides:\n")[0] + "slides:\n" + slides
    work = tmp_path / "work"
    project(work, outline, {name: text + "source: src\n" for name, text in LIMIT_CHARTS.items()})
    r = _deckbuild(["build", "-q"], work, isolated_env)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    drawings = list((work / "build" / ".cache" / "charts").glob("*.pdf"))
    assert len(drawings) == len(LIMIT_CHARTS)


def test_a_glyph_matplotlib_lacks_too_is_one_diagnostic_and_nothing_else_on_stderr(tmp_path, isolated_env):
    """matplotlib warns of a glyph no font has (in chart workers, and in the build's own process
    when there is one chart to render); stderr holds only deckbuild's warning of it."""
    charts = {name: CHART.replace("categories: [A, B]", f"categories: [A, '{glyph}']")
              for name, glyph in (("one", "\U00013000"), ("two", "\U00013001"))}
    env = isolated_env
    for names in (["one", "two"], ["one"]):
        work = tmp_path / "-".join(names)
        slides = "".join(f"  - kind: chart\n    title: {name}\n    chart: {name}\n" for name in names)
        project(work, OUTLINE.split("slides:\n")[0] + "slides:\n" + slides, {n: charts[n] for n in names})
        r = _deckbuild(["build", "-q"], work, env)
        assert r.returncode == 0
        assert [line.split(": warning: ")[0] for line in r.stderr.splitlines()] == [
            f"charts/{name}.yaml:3:17" for name in names]


def test_tables_of_extreme_widths_and_many_columns_render(tmp_path, capsys, monkeypatch):
    from pypdf import PdfReader

    many = 30  # the most a table may have (docs/security.md)
    chart_slide = "  - kind: chart\n    title: Chart\n    chart: bars\n"
    outline = OUTLINE.replace(chart_slide, textwrap.indent(textwrap.dedent(f"""\
          - kind: table
            title: Widths
            table:
              header: [Wide, Narrow, Wide]
              rows: [[a, b, c]]
              widths: [1e15, 0.01, 1e15]
            sources: [src]
          - kind: table
            title: Columns
            table:
              header: [{", ".join(f"H{i}" for i in range(many))}]
              rows: [[{", ".join("x" for _ in range(many))}]]
            sources: [src]
        """), "  "))
    project(tmp_path, outline, {})
    code, _, err = run(["build", "-q"], tmp_path, capsys, monkeypatch)
    assert code == 0 and "internal error" not in err, err
    text = "".join(page.extract_text() for page in PdfReader(str(tmp_path / "build" / "t.pdf")).pages)
    assert "Narrow" in text.replace("\n", "") or "N" in text


# ------------------------------------------------------------------ text the fonts cannot show

SCRIPTS = {
    "arabic": ("مرحبا", ["U+0645 'م'", "U+0631 'ر'", "U+062D 'ح'", "U+0628 'ب'", "U+0627 'ا'"]),
    "hebrew": ("שלום", ["U+05E9 'ש'", "U+05DC 'ל'", "U+05D5 'ו'", "U+05DD 'ם'"]),
    "devanagari": ("नमस्ते", ["U+0928 'न'", "U+092E 'म'", "U+0938 'स'", "U+094D '\u25cc्'", "U+0924 'त'",
                              "U+0947 '\u25cc\u0947'"]),
    "thai": ("สวัสดี", ["U+0E2A 'ส'", "U+0E27 'ว'", "U+0E31 '\u25cc\u0e31'", "U+0E14 'ด'", "U+0E35 '\u25cc\u0e35'"]),
    "tamil": ("வணக்கம்", ["U+0BB5 'வ'", "U+0BA3 'ண'", "U+0B95 'க'", "U+0BCD '\u25cc\u0bcd'", "U+0BAE 'ம'"]),
    "emoji": ("🎉 launch 👍🏽", ["U+1F389 '🎉'", "U+1F44D '👍'", "U+1F3FD '🏽'"]),
    "math": ("∯ ⊨ ℝ ∘ 𝔸", ["U+222F '∯'", "U+22A8 '⊨'", "U+211D 'ℝ'", "U+2218 '∘'", "U+1D538 '𝔸'"]),
}


def _warning(line: int, col: int, listed: list[str], path: str = "decks/t.yaml") -> str:
    one = len(listed) == 1
    it = "it" if one else "them"
    return (f"{path}:{line}:{col}: warning: font 'Noto Sans SC' has no glyph{'' if one else 's'} for "
            f"{', '.join(listed)}; {'it' if one else 'they'} would be missing from the report, and from the deck "
            f"unless the viewer has a fallback font; use a theme font that has {it}, or remove {it}")


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_each_script_the_font_lacks_is_warned_of_by_check(script, tmp_path, capsys, monkeypatch):
    text, listed = SCRIPTS[script]
    project(tmp_path, OUTLINE.replace("bullets: [one, two]", f"bullets: [one, '{text} ok']"))
    code, _, err = run(["check"], tmp_path, capsys, monkeypatch)
    assert (code, err.splitlines()) == (0, [_warning(9, 20, listed)])
    code, _, err = run(["check", "--strict"], tmp_path, capsys, monkeypatch)
    assert (code, err.splitlines()) == (2, [_warning(9, 20, listed).replace(": warning: ", ": error: ")])


def test_build_warns_of_every_text_that_reaches_the_outputs(tmp_path, capsys, monkeypatch):
    outline = textwrap.dedent("""\
        title: Title ✘
        subtitle: Sub ✔
        author: Ł
        date: "2025-08"
        language: en
        sources:
          - {id: src, title: Source ₹, publisher: ₽, url: "https://example.com/ř"}
        labels:
          en: {sources: Sources ⚑}
        slides:
          - kind: bullets
            title: 한국
            bullets: [{text: ∯, bullets: [⊨]}]
            notes: 🎤
            report: ℝ
            sources: [src]
          - kind: table
            title: Table
            table: {header: [ש], rows: [[😀]]}
            caption: ∘
            sources: [src]
          - kind: quote
            title: Quote
            quote: ⚐
            attribution: ⚡
          - kind: stats
            title: Stats
            stats: [{value: ☄, label: ⛔}, {value: "1", label: one}]
          - kind: chart
            title: Chart
            chart: bars
          - kind: image
            title: Image
            image: images/one.png
            alt: 🖼 is not drawn
        """)
    chart = "title: ⌥\nkind: column\nunit: ⎋\ncategories: [Ś, B]\nseries:\n  - {name: ś, values: [1, 2]}\n" \
            "annotations:\n  - {text: Ź, category: B}\nalt: 🖼 is not drawn\nhighlight: Ś\nsource: src\n"
    project(tmp_path, outline, {"bars": chart})
    from PIL import Image

    (tmp_path / "decks" / "images").mkdir()
    Image.new("RGB", (4, 4)).save(tmp_path / "decks" / "images" / "one.png")
    code, _, err = run(["build", "-q"], tmp_path, capsys, monkeypatch)
    assert code == 0, err
    warned = [line.split(" warning: ")[0] + " " + line.split(" for ")[1].split(";")[0] for line in err.splitlines()]
    assert warned == [
        "charts/bars.yaml:1:8: U+2325 '⌥'", "charts/bars.yaml:3:7: U+238B '⎋'", "charts/bars.yaml:4:14: U+015A 'Ś'",
        "charts/bars.yaml:6:12: U+015B 'ś'", "charts/bars.yaml:8:12: U+0179 'Ź'",
        "decks/t.yaml:1:8: U+2718 '✘'", "decks/t.yaml:2:11: U+2714 '✔'", "decks/t.yaml:3:9: U+0141 'Ł'",
        "decks/t.yaml:7:22: U+20B9 '₹'", "decks/t.yaml:7:43: U+20BD '₽'",
        "decks/t.yaml:7:51: U+0159 'ř'", "decks/t.yaml:9:17: U+2691 '⚑'",
        "decks/t.yaml:12:12: U+D55C '한', U+AD6D '국'",
        "decks/t.yaml:13:22: U+222F '∯'", "decks/t.yaml:13:35: U+22A8 '⊨'", "decks/t.yaml:14:12: U+1F3A4 '🎤'",
        "decks/t.yaml:15:13: U+211D 'ℝ'", "decks/t.yaml:19:22: U+05E9 'ש'", "decks/t.yaml:19:34: U+1F600 '😀'",
        "decks/t.yaml:20:14: U+2218 '∘'", "decks/t.yaml:24:12: U+2690 '⚐'", "decks/t.yaml:25:18: U+26A1 '⚡'",
        "decks/t.yaml:28:21: U+2604 '☄'", "decks/t.yaml:28:31: U+26D4 '⛔'",
    ]
    assert (tmp_path / "build" / "t.pdf").is_file()


def test_characters_that_are_not_drawn_are_not_warned_of(tmp_path, capsys, monkeypatch):
    invisible = ("a\u200db\u200cc\u200e\u200f\u202a\u202e\u2066d\u2069\ufe0f\ufe0e\U000e0100\u00ad\u2060\ufeff"
                 "\u2009\u202f\u3000\u2028\u2029\u034f\u180b e")
    project(tmp_path, OUTLINE.replace("bullets: [one, two]", f'bullets: [one, "{invisible}"]'))
    code, _, err = run(["check", "--strict"], tmp_path, capsys, monkeypatch)
    assert (code, err) == (0, "")


def test_a_theme_font_with_the_script_is_not_warned_and_is_named_when_it_lacks_one(tmp_path, capsys, monkeypatch):
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    theme = tmp_path / "templates" / "dv"
    theme.mkdir(parents=True)
    shutil.copy(fonts / "DejaVuSans.ttf", theme)
    shutil.copy(fonts / "DejaVuSans-Bold.ttf", theme)
    (theme / "theme.yaml").write_text("name: dv\nfonts:\n  family: DejaVu Sans\n  regular: DejaVuSans.ttf\n"
                                      "  bold: DejaVuSans-Bold.ttf\n", encoding="utf-8")
    project(tmp_path, OUTLINE.replace("language: en\n", "language: en\ntheme: dv\n").replace(
        "bullets: [one, two]", "bullets: [שלום, 'Łódź ∮ ⊕', 漢字]"))
    code, _, err = run(["check"], tmp_path, capsys, monkeypatch)
    assert code == 0
    assert err.splitlines() == [
        _warning(10, 33, ["U+6F22 '漢'", "U+5B57 '字'"]).replace("'Noto Sans SC'", "'DejaVu Sans'")]
