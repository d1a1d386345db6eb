"""The deck names fonts the recipient has and is measured in the fonts it is drawn in
(docs/fonts.md): Office's faces by default, a company template's body and heading faces,
a theme's own measuring files; a face without metrics is a warning and fits with a margin."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from deckbuild.layout.fitter import Fitter
from deckbuild.model.theme import BUILTIN_FONTS, SAFETY_MARGIN, default_theme, office_east_asian
from deckbuild.text.metrics import metrics
from project import package_with

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
ACME = ROOT / "tests" / "fixtures" / "templates" / "acme.pptx"
CARLITO = BUILTIN_FONTS / "Carlito-Regular.ttf"
NOTO = BUILTIN_FONTS / "NotoSansSC-Regular.ttf"


def test_latin_text_is_measured_with_calibris_widths_and_cjk_at_a_full_em():
    faces = Fitter(default_theme()).faces.regular
    carlito, noto = metrics(CARLITO), metrics(NOTO)
    assert faces.em("400 million+") == pytest.approx(carlito.em("400 million+"))
    assert carlito.em("400 million+") < 0.95 * noto.em("400 million+")  # Noto's widths would be wrong
    assert faces.em("超级智能") == pytest.approx(4.0)  # ideographs: a full em in every CJK font
    assert faces.em("“") == pytest.approx(max(carlito.em("“"), noto.em("“")))  # either face may set it
    assert faces.em("Meta的") == pytest.approx(carlito.em("Meta") + 1.0)


@pytest.mark.parametrize("language, face", [("zh-CN", "Microsoft YaHei"), ("zh-TW", "Microsoft JhengHei"),
                                            ("zh-Hant", "Microsoft JhengHei"), ("ja", "Yu Gothic"),
                                            ("ko-KR", "Malgun Gothic"), ("en", "Microsoft YaHei")])
def test_east_asian_text_is_named_in_offices_face_for_the_language(language, face):
    assert office_east_asian(language) == face
    assert default_theme().fonts.east_asian_for(language) == face


# --- a company template with faces deckbuild has no metrics for -----------------------------------


def _template(path: Path, major: str, minor: str) -> None:
    """acme.pptx with its theme's Latin heading (major) and body (minor) faces replaced."""

    def faces(data: bytes) -> bytes:
        root = etree.fromstring(data)
        root.find(f".//{A}majorFont/{A}latin").set("typeface", major)
        root.find(f".//{A}minorFont/{A}latin").set("typeface", minor)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    package_with(ACME, path, "ppt/theme/theme1.xml", faces)


def _project(root: Path, theme_extra: str = "") -> Path:
    (root / "templates" / "brand").mkdir(parents=True)
    _template(root / "templates" / "brand" / "brand.pptx", "Georgia", "Verdana")
    (root / "templates" / "brand" / "theme.yaml").write_text(
        "name: brand\npptx:\n  template: brand.pptx\n" + theme_extra, encoding="utf-8")
    (root / "decks").mkdir()
    (root / "decks" / "t.yaml").write_text(
        "title: Revenue review\nlanguage: en\ntheme: brand\nslides:\n"
        "  - {title: Revenue grew in every region, bullets: [Europe grew fastest, Asia followed]}\n",
        encoding="utf-8")
    return root


def _deckbuild(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_template_faces_without_metrics_are_named_in_a_warning_and_titles_use_the_heading_face(tmp_path):
    root = _project(tmp_path)
    check = _deckbuild(root, "check", "decks/t.yaml")
    assert check.returncode == 0, check.stderr
    warnings = [line for line in check.stderr.splitlines() if "typeface" in line]
    assert len(warnings) == 2, check.stderr
    for face, line in zip(("Verdana", "Georgia"), warnings):
        assert line.startswith("templates/brand/theme.yaml:3:3: warning: no metrics for the typeface "
                               f"'{face}'"), line
        assert "fonts: deck: measure:" in line
    assert _deckbuild(root, "check", "--strict", "decks/t.yaml").returncode == 2
    build = _deckbuild(root, "build", "decks/t.yaml", "--format", "pptx")
    assert build.returncode == 0, build.stderr
    with zipfile.ZipFile(root / "build" / "t.pptx") as z:
        slide = etree.fromstring(z.read("ppt/slides/slide1.xml"))
    by_text = {}
    for run in slide.iter(f"{A}r"):
        rpr = run.find(f"{A}rPr")
        # a title's last two words are tied with a no-break space
        by_text[run.findtext(f"{A}t").replace("\u00a0", " ")] = rpr.find(f"{A}latin").get("typeface")
    assert by_text["Revenue grew in every region"] == "Georgia"  # the template's heading face
    assert by_text["Europe grew fastest"] == "Verdana"  # its body face


def test_a_face_without_metrics_is_measured_with_a_safety_margin(tmp_path):
    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.project import Project
    from deckbuild.input.theme import load_theme

    root = _project(tmp_path)
    diags = Diagnostics()
    theme = load_theme("brand", Project(root), diags, None)  # type: ignore[arg-type]
    assert theme is not None
    noto = metrics(NOTO)
    faces = Fitter(theme).faces.regular
    assert faces.em("Revenue") == pytest.approx(SAFETY_MARGIN * noto.em("Revenue"))
    assert faces.em("收入") == pytest.approx(2.0)


def test_a_theme_names_the_files_that_measure_a_face(tmp_path):
    fonts = tmp_path / "templates" / "brand" / "fonts"
    root = _project(tmp_path, "fonts:\n  deck:\n    measure:\n"
                              "      Verdana: {regular: fonts/v.ttf, bold: fonts/vb.ttf}\n"
                              "      Georgia: {regular: fonts/v.ttf, bold: fonts/vb.ttf}\n")
    fonts.mkdir()
    shutil.copyfile(BUILTIN_FONTS / "LiberationSans-Regular.ttf", fonts / "v.ttf")
    shutil.copyfile(BUILTIN_FONTS / "LiberationSans-Bold.ttf", fonts / "vb.ttf")
    check = _deckbuild(root, "check", "decks/t.yaml")
    assert check.returncode == 0 and "typeface" not in check.stderr, check.stderr

    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.project import Project
    from deckbuild.input.theme import load_theme

    theme = load_theme("brand", Project(root), Diagnostics(), None)  # type: ignore[arg-type]
    assert theme is not None
    assert Fitter(theme).faces.regular.em("Revenue") == pytest.approx(metrics(fonts / "v.ttf").em("Revenue"))


def test_the_deck_fonts_of_a_theme_are_validated_with_positions(tmp_path):
    root = _project(tmp_path, "fonts:\n  deck:\n    latin: \"Cal<ibri\"\n    measure:\n"
                              "      Verdana: {regular: missing.ttf, bold: missing.ttf}\n")
    check = _deckbuild(root, "check", "decks/t.yaml")
    assert check.returncode == 2
    lines = check.stderr.splitlines()
    wanted = r"templates/brand/theme\.yaml:6:12: error: .*Cal<ibri.*family name"
    assert any(re.match(wanted, line) for line in lines), lines
    assert "Traceback" not in check.stderr


# --- preview: the recipient's view by default -----------------------------------------------------


def test_preview_shows_the_recipients_fonts_unless_asked_for_the_designers(tmp_path):
    from deckbuild.cli.preview import contained_env

    fonts = default_theme().fonts
    for designer in (False, True):
        work = tmp_path / str(designer)
        work.mkdir()
        conf = Path(contained_env(fonts, work, designer)["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
        assert (f"<dir>{BUILTIN_FONTS}</dir>" in conf) is designer
        assert "/etc/fonts/fonts.conf" in conf
