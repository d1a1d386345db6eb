"""Fonts are registered and measured by content: two themes whose font files share a name
give the same bytes built in one process or in two; a font replaced under ``watch`` is what
the rebuild measures and embeds; a build never keeps what it read under another file's digest."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from deckbuild.diagnostics import Diagnostics
from deckbuild.model.theme import default_fonts

NOTO = (default_fonts().regular, default_fonts().bold)


def _dejavu() -> tuple[Path, Path]:
    """DejaVu Sans (regular, bold): the system's, else the copy matplotlib ships."""
    system = Path("/usr/share/fonts/truetype/dejavu")
    if (system / "DejaVuSans.ttf").is_file() and (system / "DejaVuSans-Bold.ttf").is_file():
        return system / "DejaVuSans.ttf", system / "DejaVuSans-Bold.ttf"
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def _claiming_family(source: Path, target: Path, family: str) -> None:
    """Copy a font, its family name changed to ``family`` (its PostScript name kept): another
    version of a family, as matplotlib sees it."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
    font.save(str(target))


OUTLINE = """\
title: Fonts by content
language: en
theme: {theme}
sources:
  - {{id: src, title: A source}}
slides:
  - kind: title
  - kind: bullets
    title: Widths differ between fonts
    bullets: ["**Bold words** and regular words that wrap onto a second line in a narrow font or a wide one",
              "Another bullet of plain text, long enough to be measured carefully"]
    report: A paragraph of the report, set in the theme's regular face with **a bold phrase**.
    sources: [src]
  - kind: chart
    title: A chart
    chart: bars
"""

CHART = """\
title: Bars with labels
kind: column
categories: [Alpha, Beta]
series:
  - {name: Value, values: [1, 2]}
source: src
"""


def _theme(root: Path, name: str, regular: Path, bold: Path, family: str) -> None:
    folder = root / "templates" / name
    folder.mkdir(parents=True, exist_ok=True)
    for source, target in ((regular, "Regular.ttf"), (bold, "Bold.ttf")):
        if source != folder / target:
            shutil.copyfile(source, folder / target)
    (folder / "theme.yaml").write_text(f"name: {name}\nfonts:\n  family: {family}\n  regular: Regular.ttf\n"
                                       "  bold: Bold.ttf\n", encoding="utf-8")


def _deck(root: Path, name: str, theme: str, outline: str = OUTLINE) -> Path:
    (root / "decks").mkdir(parents=True, exist_ok=True)
    (root / "charts").mkdir(exist_ok=True)
    (root / "charts" / "bars.yaml").write_text(CHART, encoding="utf-8")
    deck = root / "decks" / f"{name}.yaml"
    deck.write_text(textwrap.dedent(outline.format(theme=theme)), encoding="utf-8")
    return deck


@pytest.fixture(scope="module")
def two_themes(tmp_path_factory) -> Path:
    """Themes 'noto' and 'dejavu', each with fonts named Regular.ttf and Bold.ttf; the DejaVu
    ones also call themselves 'Noto Sans SC', so the family names collide too."""
    root = tmp_path_factory.mktemp("two-themes")
    _theme(root, "noto", *NOTO, "Noto Sans SC")
    dejavu = root / "templates" / "dejavu"
    dejavu.mkdir(parents=True)
    for source, target in zip(_dejavu(), ("Regular.ttf", "Bold.ttf")):
        _claiming_family(source, dejavu / target, "Noto Sans SC")
    _theme(root, "dejavu", dejavu / "Regular.ttf", dejavu / "Bold.ttf", "DejaVu Sans")
    _deck(root, "noto", "noto")
    _deck(root, "dejavu", "dejavu")
    return root


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.p*"))}


def _base_fonts(pdf: Path) -> set[str]:
    return {m.split("+", 1)[1] for m in re.findall(rb"/BaseFont /([A-Z]{6}\+[A-Za-z0-9-]+)", pdf.read_bytes())
            for m in [m.decode()]}


def _build_here(root: Path, decks: list[str], out: Path) -> None:
    from deckbuild.build.pipeline import FORMATS, build

    diags = Diagnostics()
    build([root / "decks" / f"{d}.yaml" for d in decks], out, FORMATS, diags)
    assert not diags.has_errors, [d.format() for d in diags.sorted()]


def _build_alone(root: Path, deck: str, out: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "deckbuild", "build", "-q", f"decks/{deck}.yaml", "--out", str(out)],
                       cwd=root, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr


def test_themes_whose_fonts_share_names_build_the_same_bytes_in_one_process_and_in_two(two_themes, tmp_path):
    root = two_themes
    for deck in ("noto", "dejavu"):
        _build_alone(root, deck, tmp_path / "alone")
    _build_here(root, ["noto", "dejavu"], tmp_path / "together")
    _build_here(root, ["dejavu", "noto"], tmp_path / "reversed")  # the same process, the other font first
    alone = _digests(tmp_path / "alone")
    assert len(alone) == 4
    assert _digests(tmp_path / "together") == alone
    assert _digests(tmp_path / "reversed") == alone
    assert _base_fonts(tmp_path / "together" / "dejavu.pdf") == {"DejaVuSans", "DejaVuSans-Bold"}
    assert _base_fonts(tmp_path / "together" / "noto.pdf") == {"NotoSansSC-Regular", "NotoSansSC-Bold"}


def test_charts_are_drawn_with_each_themes_own_file_when_family_names_collide(two_themes, tmp_path):
    from deckbuild.charts.export import svg_bytes
    from deckbuild.input.outline import load_outline
    from deckbuild.model.deck import Chart, ChartKind, Series

    themes = {name: load_outline(two_themes / "decks" / f"{name}.yaml", Diagnostics()).theme
              for name in ("noto", "dejavu")}
    chart = Chart(name="c", kind=ChartKind.COLUMN, title="Widths of Wide Words", categories=("Alpha", "Beta"),
                  series=(Series("Value", (1.0, 2.0)),))
    noto, dejavu = (svg_bytes(chart, themes[name]) for name in ("noto", "dejavu"))
    assert noto != dejavu  # the same family name, two fonts: each chart has its own glyphs
    assert b"DejaVuSans" in dejavu and b"DejaVuSans" not in noto  # glyph ids name the font drawn


def test_a_font_replaced_under_watch_is_what_the_rebuild_measures_and_embeds(tmp_path, monkeypatch):
    from deckbuild.cli.watch import watch

    root = tmp_path / "project"
    _theme(root, "t", *_dejavu(), "Body")
    deck = _deck(root, "t", "t", OUTLINE.replace("Widths differ between fonts", "Widths differ 字体不同"))
    monkeypatch.chdir(root)
    reports: list[list[str]] = []
    built = [threading.Event(), threading.Event()]
    stop = threading.Event()

    def report(diags: Diagnostics) -> bool:
        reports.append([d.format() for d in diags.sorted()])
        built[min(len(reports), 2) - 1].set()
        return diags.has_errors

    t = threading.Thread(target=watch, args=(deck, root / "build", ("pptx", "pdf"), report, lambda s: None),
                         kwargs={"interval": 0.02, "stop": stop}, daemon=True)
    t.start()
    try:
        assert built[0].wait(120), "the first build did not end"
        assert any("missing-glyph" in m or "has no glyph" in m for m in reports[0]), reports[0]
        assert _base_fonts(root / "build" / "t.pdf") == {"DejaVuSans", "DejaVuSans-Bold"}
        for source, name in zip(NOTO, ("Regular.ttf", "Bold.ttf")):  # overwritten in place, same names
            shutil.copyfile(source, root / "templates" / "t" / name)
        assert built[1].wait(120), "the replaced font was not rebuilt"
    finally:
        stop.set()
        t.join(60)
    assert not t.is_alive()
    assert reports[1] == []  # Noto Sans SC has the glyphs DejaVu Sans lacks
    assert _base_fonts(root / "build" / "t.pdf") == {"NotoSansSC-Regular", "NotoSansSC-Bold"}
    _build_alone(root, "t", tmp_path / "fresh")  # a new process, nothing cached in it
    assert _digests(root / "build") == _digests(tmp_path / "fresh")


def test_a_font_that_is_not_the_version_the_build_knows_is_refused_not_kept(tmp_path):
    from deckbuild.charts.fonts import matplotlib_family
    from deckbuild.digests import FileChanged, file_sha256
    from deckbuild.model.theme import Fonts
    from deckbuild.render.pdf.fonts import reportlab_fonts
    from deckbuild.text import fontcache
    from deckbuild.text.metrics import metrics

    kept, font = tmp_path / "kept.ttf", tmp_path / "Regular.ttf"
    _claiming_family(_dejavu()[0], kept, f"Only in {tmp_path.name}")  # a content no other test knows
    shutil.copyfile(kept, font)
    known = file_sha256(font)
    shutil.copyfile(_dejavu()[1], font)  # the file is another font now
    fonts = Fonts("Body", font, font, sha256=(known, known))
    for use in (lambda: metrics(font, known), lambda: reportlab_fonts(fonts), lambda: matplotlib_family(fonts)):
        with pytest.raises(FileChanged):
            use()
    assert metrics(font).sha256 == file_sha256(font) != known  # what the file holds now
    shutil.copyfile(kept, font)
    assert metrics(font, known)._widths == fontcache.read_font(kept)["widths"]  # nothing kept wrongly


def test_a_font_saved_during_a_build_is_an_error_and_the_next_build_builds_again(tmp_path, monkeypatch):
    import deckbuild.build.pipeline as pipeline

    root = tmp_path / "project"
    fonts = root / "templates" / "t"
    fonts.mkdir(parents=True)
    for source, name in zip(_dejavu(), ("Regular.ttf", "Bold.ttf")):  # contents no other test registers
        _claiming_family(source, fonts / name, f"Only in {tmp_path.name}")
    _theme(root, "t", fonts / "Regular.ttf", fonts / "Bold.ttf", "Body")
    deck = _deck(root, "t", "t")
    compile_outline = pipeline.compile_outline

    def compile_then_save_the_font(path, diags, *overrides):
        compiled = compile_outline(path, diags, *overrides)
        shutil.copyfile(NOTO[1], fonts / "Bold.ttf")  # saved while the build renders
        return compiled

    monkeypatch.setattr(pipeline, "compile_outline", compile_then_save_the_font)
    diags = Diagnostics()
    pipeline.build([deck], root / "build", ("pdf",), diags)
    (error,) = [d.format() for d in diags.sorted()]
    assert error.endswith("Bold.ttf: error: changed while deckbuild was building from it; build again"), error
    assert not (root / "build" / "t.pdf").exists()
    monkeypatch.setattr(pipeline, "compile_outline", compile_outline)
    diags = Diagnostics()
    result = pipeline.build([deck], root / "build", ("pdf",), diags)
    assert result.written == [root / "build" / "t.pdf"] and not diags.has_errors
    assert _base_fonts(root / "build" / "t.pdf") == {"DejaVuSans", "NotoSansSC-Bold"}


def test_an_input_saved_during_a_build_is_not_recorded_as_built(tmp_path, monkeypatch):
    import deckbuild.build.pipeline as pipeline
    from deckbuild.digests import file_sha256

    root = tmp_path / "project"
    deck = _deck(root, "t", "default")
    chart = root / "charts" / "bars.yaml"
    lay_out_report = pipeline.lay_out_report

    def edit_then_render(*args, **kwargs):
        chart.write_text(CHART.replace("[1, 2]", "[3, 4]"), encoding="utf-8")  # saved while rendering
        return lay_out_report(*args, **kwargs)

    monkeypatch.setattr(pipeline, "lay_out_report", edit_then_render)
    first = pipeline.build([deck], root / "build", ("pdf",), Diagnostics())
    assert first.written and first.inputs[chart.resolve()].sha256 != file_sha256(chart)  # the version read
    monkeypatch.setattr(pipeline, "lay_out_report", lay_out_report)
    again = pipeline.build([deck], root / "build", ("pdf",), Diagnostics())
    assert again.written == [root / "build" / "t.pdf"] and not again.up_to_date  # not "up to date"
    assert pipeline.build([deck], root / "build", ("pdf",), Diagnostics()).up_to_date  # now it is
