"""A rebuild renders and writes only the artifacts whose inputs changed (build.dependencies).

Each test builds a two-edition outline (zh-CN, en) with notes, report prose and a chart,
edits one thing, builds again and looks at the files: the artifacts that do not depend on
the edit keep their bytes and their modification time; the others are rewritten, and are
byte for byte what a fresh build of the edited inputs makes."""

from __future__ import annotations

import io
import json
import os
import textwrap
from pathlib import Path

import pytest

from deckbuild.build.pipeline import FORMATS, build
from deckbuild.diagnostics import Diagnostics
from deckbuild.digests import code_version
from deckbuild.model.theme import BUILTIN_THEMES
from project import BILINGUAL as OUTLINE
from project import BILINGUAL_CHART as CHART
from project import make_project, package_with

NAMES = [f"t{lang}.{fmt}" for lang in ("", ".en") for fmt in FORMATS]


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _build(deck: Path, out: Path) -> list[Path]:
    diags = Diagnostics()
    result = build([deck], out, FORMATS, diags)
    assert not diags.has_errors, [d.format() for d in diags.items]
    return result.written


def _state(out: Path) -> dict[str, tuple[int, bytes]]:
    return {n: (os.stat(out / n).st_mtime_ns, (out / n).read_bytes()) for n in NAMES}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _rewritten(before: dict, after: dict) -> set[str]:
    """The artifacts whose file was written again; each one left alone kept its bytes too."""
    changed = {n for n in NAMES if before[n][0] != after[n][0]}
    for n in set(NAMES) - changed:
        assert before[n][1] == after[n][1], f"{n} changed without being written"
    return changed


@pytest.fixture
def project(tmp_path):
    deck = make_project(tmp_path / "p", textwrap.dedent(OUTLINE), {"bars": CHART})
    out = tmp_path / "out"
    assert sorted(p.name for p in _build(deck, out)) == sorted(NAMES)
    return deck, out


def _same_as_fresh(deck: Path, out: Path, tmp: Path) -> None:
    """Every artifact of ``out`` is what a build from nothing makes of the inputs as they are."""
    fresh = tmp / "fresh"
    _build(deck, fresh)
    for n in NAMES:
        assert (out / n).read_bytes() == (fresh / n).read_bytes(), f"{n} differs from a fresh build"


def _notes_of(pptx: Path) -> str:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(pptx.read_bytes()))
    return "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)


def _pdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def test_speaker_notes_rewrite_only_that_editions_deck(project, tmp_path):
    deck, out = project
    before = _state(out)
    _edit(deck, "English notes.", "English notes edited.")
    written = _build(deck, out)
    after = _state(out)
    assert _rewritten(before, after) == {"t.en.pptx"}
    assert [p.name for p in written] == ["t.en.pptx"]
    assert "English notes edited." in _notes_of(out / "t.en.pptx")
    _same_as_fresh(deck, out, tmp_path)


def test_one_languages_report_prose_leaves_the_other_edition_alone(project, tmp_path):
    deck, out = project
    before = _state(out)
    _edit(deck, "English report paragraph.", "English report paragraph rewritten.")
    _build(deck, out)
    after = _state(out)
    assert _rewritten(before, after) == {"t.en.pdf"}  # report prose: not in the deck
    assert "rewritten" in _pdf_text(out / "t.en.pdf")
    _same_as_fresh(deck, out, tmp_path)


def test_slide_text_rewrites_both_formats_of_its_edition_only(project, tmp_path):
    deck, out = project
    before = _state(out)
    _edit(deck, "{zh-CN: 甲, en: Alpha}", "{zh-CN: 甲丙, en: Alpha}")
    _build(deck, out)
    assert _rewritten(before, _state(out)) == {"t.pptx", "t.pdf"}
    _same_as_fresh(deck, out, tmp_path)


def test_chart_data_rewrites_the_artifacts_that_use_it(project, tmp_path):
    deck, out = project
    before = _state(out)
    _edit(deck.parent.parent / "charts" / "bars.yaml", "values: [1, $share]", "values: [2, $share]")
    _build(deck, out)
    assert _rewritten(before, _state(out)) == set(NAMES)  # both editions show the chart
    _same_as_fresh(deck, out, tmp_path)
    before = _state(out)
    _edit(deck.parent.parent / "charts" / "bars.yaml", "en: Columns", "en: Bars")
    _build(deck, out)
    assert _rewritten(before, _state(out)) == {"t.en.pptx", "t.en.pdf"}  # only the English title changed
    _same_as_fresh(deck, out, tmp_path)


def test_a_fact_rewrites_every_edition_that_shows_it(project, tmp_path):
    deck, out = project
    before = _state(out)
    _edit(deck, "value: 0.604", "value: 0.605")
    _build(deck, out)
    assert _rewritten(before, _state(out)) == set(NAMES)
    _same_as_fresh(deck, out, tmp_path)


def test_moving_text_without_changing_it_rewrites_nothing(project):
    deck, out = project
    before = _state(out)
    _edit(deck, "slides:\n", "# a comment that moves every slide a line down\nslides:\n")
    assert _build(deck, out) == []
    assert _rewritten(before, _state(out)) == set()


def test_an_artifact_changed_or_removed_by_hand_is_made_again(project):
    deck, out = project
    before = _state(out)
    (out / "t.pdf").write_bytes(b"not a report")
    (out / "t.en.pptx").unlink()
    _edit(deck, "English notes.", "English notes!")  # a change, so the outline is compiled again
    _build(deck, out)
    after = _state(out)
    assert after["t.pdf"][1] == before["t.pdf"][1]  # the report as it was made
    assert _rewritten({**before, "t.pdf": (0, b"")}, after) == {"t.pdf", "t.en.pptx"}


def test_a_copy_of_the_output_folder_is_built_into_not_taken_for_the_original(project, tmp_path):
    """A manifest names the files it made; in a copy of the folder (its artifacts removed) it
    names the original's, which are up to date: the copy is still built, from the copied cache."""
    import shutil

    deck, out = project
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    for n in NAMES:
        (copy / n).unlink()
    assert sorted(p.name for p in _build(deck, copy)) == sorted(NAMES)
    assert all((copy / n).read_bytes() == (out / n).read_bytes() for n in NAMES)


def test_a_new_theme_rewrites_everything(project):
    deck, out = project
    before = _state(out)
    theme = deck.parent.parent / "templates" / "house" / "theme.yaml"
    theme.parent.mkdir(parents=True)
    default = (BUILTIN_THEMES / "default" / "theme.yaml").read_text(encoding="utf-8")
    theme.write_text(default.replace("name: default", "name: house").replace("#D55E00", "#AA3300"),
                     encoding="utf-8")
    _edit(deck, "language: zh-CN\n", "language: zh-CN\ntheme: house\n")
    _build(deck, out)
    assert _rewritten(before, _state(out)) == set(NAMES)


def test_the_digest_reads_each_format_s_own_parts():
    from dataclasses import replace

    from deckbuild.build.dependencies import stable_text
    from deckbuild.diagnostics import Location
    from samples import sample_deck

    deck = sample_deck()
    first = deck.slides[0]
    notes = replace(deck, slides=(replace(first, notes=("other",)), *deck.slides[1:]))
    prose = replace(deck, slides=(replace(first, report=(first.title,)), *deck.slides[1:]))
    moved = replace(deck, slides=(replace(first, location=Location("x.yaml", 99, 1)), *deck.slides[1:]))
    assert stable_text(notes, "pdf") == stable_text(deck, "pdf") != stable_text(notes, "pptx")
    assert stable_text(prose, "pptx") == stable_text(deck, "pptx") != stable_text(prose, "pdf")
    assert stable_text(moved, "pptx") == stable_text(deck, "pptx")
    with pytest.raises(TypeError):
        stable_text(replace(deck, labels={"x": object()}))


@pytest.fixture
def passes(monkeypatch) -> list[int]:
    """The layout passes of each report built (reportlab's ``multiBuild`` returns them)."""
    from reportlab.platypus import BaseDocTemplate

    made: list[int] = []
    build_all = BaseDocTemplate.multiBuild

    def counted(self, *args, **kw):
        made.append(build_all(self, *args, **kw))
        return made[-1]

    monkeypatch.setattr(BaseDocTemplate, "multiBuild", counted)
    return made


@pytest.mark.parametrize("old,new", [("English report paragraph.", "English report paragraph rewritten."),
                                     ('en: "Title {{share}}"', 'en: "New title {{share}}"')])
@pytest.mark.parametrize("kept_by", ["process", "output folder"])
def test_a_report_built_again_takes_one_pass_and_the_bytes_of_a_first_build(project, tmp_path, passes, old, new,
                                                                            kept_by):
    """A report starts from where its headings fell in its last build, which the process
    (``watch``) and the output folder's cache (a new ``deckbuild build``) remember: an edit
    that moves no heading to another page (prose, a retitled heading) is laid out in one pass,
    and the file is the one a first build makes, in two."""
    from deckbuild.build import report_layouts
    from deckbuild.render.pdf.doc import forget_layouts

    deck, out = project
    _edit(deck, old, new)
    if kept_by == "process":
        (out / ".cache" / report_layouts.NAME).unlink()
    else:
        forget_layouts()
    passes.clear()
    _build(deck, out)
    assert passes == [1]
    again = (out / "t.en.pdf").read_bytes()
    forget_layouts()
    passes.clear()
    _build(deck, tmp_path / "first")
    assert passes == [2, 2]  # both editions' reports, from nothing
    assert (tmp_path / "first" / "t.en.pdf").read_bytes() == again


def test_a_layout_file_edited_by_hand_costs_a_pass_never_the_report(project, tmp_path, passes):
    from deckbuild.build import report_layouts
    from deckbuild.render.pdf.doc import forget_layouts

    deck, out = project
    kept = out / ".cache" / report_layouts.NAME
    rows = json.loads(kept.read_text(encoding="utf-8"))
    for row in rows:
        row[2] = [[name, page + 1] for name, page in row[2]]  # every heading a page later
    kept.write_text(json.dumps(rows + [["x", "en", [["<b>", "NaN"]], 1], "junk"]), encoding="utf-8")
    forget_layouts()
    _edit(deck, "English report paragraph.", "English report paragraph rewritten.")
    passes.clear()
    _build(deck, out)
    assert passes == [2]
    forget_layouts()
    _build(deck, tmp_path / "first")
    assert (tmp_path / "first" / "t.en.pdf").read_bytes() == (out / "t.en.pdf").read_bytes()


def test_a_warning_no_longer_silenced_is_shown(tmp_path):
    """An artifact made while the outline silenced its warning is made again once it does
    not, so that the warning is reported."""
    long = " ".join(["overflowing"] * 400)
    outline = f"title: T\nlanguage: en\nslides:\n  - kind: bullets\n    title: Hello\n    bullets: ['{long}']\n"
    deck = make_project(tmp_path / "p", outline + "    lint: {ignore: [overflow]}\n", {})
    out = tmp_path / "out"
    diags = Diagnostics()
    build([deck], out, ("pptx",), diags)
    assert not [d for d in diags.items if d.code == "overflow"]
    deck.write_text(outline + "    lint: {ignore: [no-title]}\n", encoding="utf-8")
    diags = Diagnostics()
    build([deck], out, ("pptx",), diags)
    assert [d.code for d in diags.items] == ["overflow"], [d.format() for d in diags.items]


def test_an_edition_depends_on_its_own_scripts_family_and_no_other(tmp_path, monkeypatch):
    """A theme names a family for each CJK script. An edition's artifacts depend on its own
    script's family only: that family's font saved anew changes the Japanese edition's digests,
    not the Chinese or English one's; an outline in those languages never reads its files nor
    watches them, and a Japanese outline takes its digest when it is read (the version its
    editions are built from)."""
    import shutil
    from dataclasses import replace

    from deckbuild import digests
    from deckbuild.build.dependencies import theme_text
    from deckbuild.model.theme import BUILTIN_FONTS, ScriptFamily, default_theme

    font = tmp_path / "mine.ttf"
    shutil.copy(BUILTIN_FONTS / "Carlito-Regular.ttf", font)
    base = default_theme()
    theme = replace(base, fonts=replace(base.fonts, scripts=(ScriptFamily("Jpan", "Mine", font, font),)))
    hashed: list[Path] = []
    real = digests.file_sha256
    monkeypatch.setattr(digests, "file_sha256", lambda path: hashed.append(Path(path)) or real(path))
    before = {lang: theme_text(theme.for_language(lang)) for lang in ("en", "zh-CN")}
    assert font not in hashed
    before["ja"] = theme_text(theme.for_language("ja"))
    assert font in hashed
    with font.open("ab") as fh:
        fh.write(b"\0")  # saved anew
    after = {lang: theme_text(theme.for_language(lang)) for lang in ("en", "zh-CN", "ja")}
    assert [lang for lang in before if before[lang] != after[lang]] == ["ja"]
    hashed.clear()
    assert theme.fonts.for_languages(("zh-CN", "en")) == theme.fonts and not hashed
    assert font not in theme.fonts.files(("zh-CN", "en")) and font in theme.fonts.files(("zh-CN", "ja"))
    taken = theme.fonts.for_languages(("zh-CN", "ja")).scripts[0]
    assert taken.sha256 == (real(font), real(font))


def _recoloured_template(path: Path) -> None:
    """``path`` (the acme template) saved with another accent colour, which the deck carries."""

    def recolour(data: bytes) -> bytes:
        assert b'srgbClr val="E4002B"' in data
        return data.replace(b'srgbClr val="E4002B"', b'srgbClr val="00B050"')

    tmp = path.with_suffix(".tmp")
    package_with(path, tmp, "ppt/theme/theme1.xml", recolour)
    os.replace(tmp, path)


@pytest.mark.parametrize("saved", ["outline", "chart", "linked chart", "template"])
def test_a_file_saved_while_the_outline_is_compiled_builds_again(project, tmp_path, monkeypatch, saved):
    """An input saved after the build read it and before the build took the versions of its
    inputs (a chart behind a link switched to another file; a theme's template): the manifest
    must not take the artifacts made from the old version for the new one's, and ``watch``
    must see a change to build again."""
    import shutil

    import deckbuild.build.pipeline as pipeline
    from deckbuild.build.manifest import stamp_now
    from test_templates import ACME_THEME, FIXTURES

    deck, out = project
    root = deck.parent.parent
    chart = root / "charts" / "bars.yaml"
    if saved == "linked chart":  # charts/bars.yaml → v/1.yaml, switched at once to v/2.yaml
        (root / "charts" / "v").mkdir()
        os.replace(chart, root / "charts" / "v" / "1.yaml")
        (root / "charts" / "v" / "2.yaml").write_text(CHART.replace("[1, $share]", "[7, $share]"), encoding="utf-8")
        chart.symlink_to("v/1.yaml")
    if saved == "template":
        (root / "templates" / "acme").mkdir(parents=True)
        shutil.copyfile(FIXTURES / "acme.pptx", root / "templates" / "acme" / "acme.pptx")
        (root / "templates" / "acme" / "theme.yaml").write_text(ACME_THEME, encoding="utf-8")
        _edit(deck, "language: zh-CN\n", "language: zh-CN\ntheme: acme\n")
        _build(deck, out)

    def save() -> Path:
        if saved == "outline":
            _edit(deck, "English notes.", "English notes saved late.")
            return deck
        if saved == "chart":
            _edit(chart, "[1, $share]", "[7, $share]")
            return chart
        if saved == "linked chart":
            (root / "charts" / "new").symlink_to("v/2.yaml")
            os.replace(root / "charts" / "new", chart)
            return chart
        _recoloured_template(root / "templates" / "acme" / "acme.pptx")
        return root / "templates" / "acme" / "acme.pptx"

    compile_outline = pipeline.compile_outline
    changed: list[Path] = []

    def compile_then_save(path, diags, overrides):
        found = compile_outline(path, diags, overrides)
        changed.append(save())  # the save lands once the build has read the old version
        return found

    _edit(deck, "English report paragraph.", "English report paragraph edited.")
    monkeypatch.setattr(pipeline, "compile_outline", compile_then_save)
    diags = Diagnostics()
    result = build([deck], out, FORMATS, diags)
    monkeypatch.undo()
    assert not diags.has_errors
    (path,) = changed
    version = result.inputs.get(path, result.inputs.get(path.resolve()))
    assert version is not None and version.stamp() != stamp_now(path)  # what watch compares: build again
    assert _build(deck, out)  # the next build makes what the saved version says
    if saved == "outline":
        assert "English notes saved late." in _notes_of(out / "t.en.pptx")
    _same_as_fresh(deck, out, tmp_path)


def test_a_save_the_file_system_clock_cannot_tell_apart_is_built_once(project, monkeypatch):
    """On a file system whose clock ticks coarsely (seconds on some), a chart saved again with
    the same size in the same tick keeps its stamp, and a digest kept for that stamp is stale:
    the build that reads the new bytes takes their digest, once, instead of finding its
    inputs unsettled at every build (``watch`` building forever)."""
    from deckbuild.build.manifest import stamp_now

    deck, out = project
    chart = deck.parent.parent / "charts" / "bars.yaml"
    real_stat = os.stat

    class Coarse:
        def __init__(self, st):
            self.st = st

        def __getattr__(self, name):
            return getattr(self.st, name)

        st_mtime_ns = property(lambda self: self.st.st_mtime_ns // 10**12 * 10**12)
        st_ctime_ns = property(lambda self: self.st.st_ctime_ns // 10**12 * 10**12)
        st_mtime = property(lambda self: self.st_mtime_ns / 1e9)
        st_ctime = property(lambda self: self.st_ctime_ns / 1e9)

    def coarse_stat(path, *args, **kwargs):
        st = real_stat(path, *args, **kwargs)
        return Coarse(st) if str(path).startswith(str(deck.parent.parent)) else st

    monkeypatch.setattr(os, "stat", coarse_stat)
    _build(deck, out)  # the digests of this tick's versions are kept
    _edit(chart, "[1, $share]", "[7, $share]")  # same size, same tick: the same stamp
    _edit(deck, "English notes.", "English notes edited.")  # so that the build compiles
    diags = Diagnostics()
    result = build([deck], out, FORMATS, diags)
    assert not diags.has_errors
    assert result.inputs[chart.resolve()].stamp() == stamp_now(chart)  # settled: watch waits for a save
    assert _build(deck, out) == []


def test_an_unsettled_version_is_no_file_s_version_nor_its_absence():
    from deckbuild.build.manifest import FileVersion

    saved = FileVersion(572, 1_700_000_000_000_000_000, "ab" * 32).unsettled()
    removed = FileVersion().unsettled()  # removed after the build read it
    assert not saved.absent and not removed.absent
    assert saved.stamp() != (572, 1_700_000_000_000_000_000) and removed.stamp() != FileVersion().stamp()
    assert saved.sha256 == removed.sha256 == ""


def test_the_manifest_keeps_no_entry_of_another_version_of_deckbuild(project, tmp_path):
    """An entry made by another version of the code can never be up to date again: the
    manifest drops it when it is next written, instead of growing at every upgrade."""
    deck, out = project
    path = out / ".cache" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    (key, entry), = [(k, v) for k, v in data["entries"].items() if "pptx" in k]
    old = key.replace(code_version(), "0.0.1+000000000000")
    data["entries"][old] = entry
    path.write_text(json.dumps(data), encoding="utf-8")
    deck.write_text(deck.read_text(encoding="utf-8").replace("English notes.", "Other notes."), encoding="utf-8")
    assert build([deck], out, FORMATS, Diagnostics()).written
    kept = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert old not in kept and any(code_version() in k for k in kept)
