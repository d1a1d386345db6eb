"""The report's text face: a Latin-script edition is set in the theme's Latin text face with
real italics (Source Serif Pro by default), and whatever that face lacks falls back, run by
run, to the theme's family; a CJK edition is set in the family (docs/fonts.md)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import require_tool
from deckbuild.model.deck import Bullet, BulletsContent, Deck, Rich, Slide, SlideKind, Span, TitleContent
from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.fallback import string_font, with_fallback
from deckbuild.render.pdf.fonts import report_fonts
from deckbuild.render.pdf.writer import render

WHEN = datetime(2025, 8, 1, tzinfo=timezone.utc)
R = Rich.of


def _deck(language: str, *bullets: Rich) -> Deck:
    slides = (
        Slide(SlideKind.TITLE, 1, R("Title"), TitleContent("Team", "2025-08-01")),
        Slide(SlideKind.BULLETS, 2, R("Findings"), BulletsContent(tuple(Bullet(b) for b in bullets)),
              report=(Rich((Span("Plain, "), Span("emphasised", italic=True), Span(" and "),
                            Span("strong", bold=True), Span(" words; "), Span("both", bold=True, italic=True),
                            Span(" then 扎克伯格 and → arrows."))),)),
    )
    return Deck(name="t", title="Report", language=language, slides=slides, author="Team")


def _fonts(path: Path) -> list[tuple[str, bool]]:
    out = subprocess.run([require_tool("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    header, _, *rows = out.splitlines()
    emb = header.index("emb")
    return [(row.split()[0].split("+")[-1], row[emb:emb + 3] == "yes") for row in rows]


def _render(tmp_path: Path, deck: Deck, name: str) -> Path:
    data, diags = render(deck, default_theme(), {}, WHEN)
    assert not diags, diags
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_english_report_is_set_in_the_text_face_with_real_italics_and_chinese_falls_back(tmp_path):
    path = _render(tmp_path, _deck("en", R("Revenue grew"), R("Ads pay for 超级智能")), "en.pdf")
    fonts = _fonts(path)
    assert all(embedded for _, embedded in fonts), fonts
    names = {name for name, _ in fonts}
    assert {"SourceSerifPro-Regular", "SourceSerifPro-Bold", "SourceSerifPro-It",
            "SourceSerifPro-BoldIt"} <= names, names  # the files' own PostScript names
    assert "NotoSansSC-Regular" in names  # for 扎克伯格, 超级智能 and the arrow
    text = subprocess.run([require_tool("pdftotext"), str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    for s in ("Plain, emphasised and strong words; both then 扎克伯格 and → arrows.", "Ads pay for 超级智能"):
        assert s in " ".join(text.split()), s


def test_a_chinese_report_is_set_in_the_family_only(tmp_path):
    path = _render(tmp_path, _deck("zh-CN", R("收入增长")), "zh.pdf")
    assert {name for name, _ in _fonts(path)} <= {"NotoSansSC-Regular", "NotoSansSC-Bold"}


def test_runs_the_face_lacks_are_wrapped_in_the_family_in_the_weight_around_them():
    fonts = report_fonts(default_theme().fonts, "en")
    reg, fam, fam_bold = fonts.regular, fonts.family_regular, fonts.family_bold
    assert with_fallback("Meta 的 AI", reg) == f'Meta <font name="{fam}">的</font> AI'
    assert with_fallback("<b>扎克 x</b> 伯格", reg) == (
        f'<b><font name="{fam_bold}">扎克</font> x</b> <font name="{fam}">伯格</font>')
    assert with_fallback("标题", fonts.bold) == f'<font name="{fam_bold}">标题</font>'
    assert with_fallback("<i>→</i> &amp; &lt;b&gt;", reg) == f'<i><font name="{fam}">→</font></i> &amp; &lt;b&gt;'
    named = '<font name="X">中</font>'
    assert with_fallback(named, reg) == named  # a font chosen on purpose is kept
    assert with_fallback("中文", fonts.family_regular) == "中文"  # the family needs no fallback
    assert string_font("Meta's bet", reg) == reg
    assert string_font("Meta 的豪赌", reg) == fam
    assert string_font("中文", fonts.bold) == fam_bold


def _project(root: Path, fonts_yaml: str) -> Path:
    (root / "templates" / "brand").mkdir(parents=True)
    (root / "templates" / "brand" / "theme.yaml").write_text("name: brand\n" + fonts_yaml, encoding="utf-8")
    (root / "decks").mkdir()
    (root / "decks" / "t.yaml").write_text(
        "title: Review\nlanguage: en\ntheme: brand\nslides:\n"
        "  - {title: Revenue grew, bullets: [Europe grew fastest]}\n", encoding="utf-8")
    return root


def _deckbuild(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("fonts_yaml, wanted", [
    ("", "SourceSerifPro"),  # the default theme's face
    # a theme with a family of its own sets its reports in it, unless it names a text face too
    ("fonts:\n  family: Liberation Sans\n  regular: builtin:LiberationSans-Regular.ttf\n"
     "  bold: builtin:LiberationSans-Bold.ttf\n", "LiberationSans"),
    ("fonts:\n  report:\n    latin: Carlito\n    regular: builtin:Carlito-Regular.ttf\n"
     "    bold: builtin:Carlito-Bold.ttf\n    italic: builtin:Carlito-Regular.ttf\n"
     "    bold_italic: builtin:Carlito-Bold.ttf\n", "Carlito"),
])
def test_a_theme_chooses_the_text_face_of_its_latin_reports(tmp_path, fonts_yaml, wanted):
    root = _project(tmp_path, fonts_yaml)
    build = _deckbuild(root, "build", "decks/t.yaml", "--format", "pdf")
    assert build.returncode == 0, build.stderr
    names = [name for name, _ in _fonts(root / "build" / "t.pdf")]
    assert names and all(name.startswith(wanted) for name in names), names
    assert len(names) == 2  # the deck's title and text: regular and bold


@pytest.mark.parametrize("files, wanted", [
    ("    regular: r.ttf\n", "templates/brand/theme.yaml:4:5: error: 'report' in 'fonts' in the theme is missing "
                          "required key 'bold'"),
    ("    regular: builtin:Carlito-Regular.ttf\n    bold: builtin:Carlito-Bold.ttf\n    italic: i.ttf\n"
     "    bold_italic: builtin:Carlito-Bold.ttf\n",
     "templates/brand/theme.yaml:7:13: error: font file 'i.ttf' not found"),
])
def test_a_text_face_with_a_missing_file_is_an_error_at_its_key(tmp_path, files, wanted):
    root = _project(tmp_path, "fonts:\n  report:\n    latin: Serif\n" + files)
    check = _deckbuild(root, "check", "decks/t.yaml")
    assert check.returncode == 2
    assert any(line.startswith(wanted) for line in check.stderr.splitlines()), check.stderr
    assert "Traceback" not in check.stderr


@pytest.mark.parametrize("language, family", [("ja", "NotoSansJP"), ("ko-KR", "NotoSansKR"), ("zh-TW", "NotoSansTC"),
                                              ("zh-HK", "NotoSansTC"), ("zh-CN", "NotoSansSC")])
def test_each_cjk_edition_is_set_and_charted_in_its_scripts_family(tmp_path, language, family):
    (tmp_path / "decks").mkdir()
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "c.yaml").write_text(
        "title: 骨\nkind: bar\nnative: false\ncategories: [直, 海]\nseries:\n  - {name: 值, values: [1, 2]}\n",
        encoding="utf-8")
    (tmp_path / "decks" / "t.yaml").write_text(
        f"title: 骨直海\nlanguage: {language}\nslides:\n  - {{title: 骨直海, bullets: [骨, 直]}}\n"
        "  - {kind: chart, title: 海, chart: c}\n", encoding="utf-8")
    build = _deckbuild(tmp_path, "build", "decks/t.yaml")
    assert build.returncode == 0, build.stderr
    assert {name for name, _ in _fonts(tmp_path / "build" / "t.pdf")} == {f"{family}-Regular", f"{family}-Bold"}
    drawn = [_fonts(p) for p in (tmp_path / "build" / ".cache").rglob("*.pdf")]  # the charts' drawings
    assert drawn and all(fonts and all(name.startswith(family + "-") for name, _ in fonts) for fonts in drawn)


def test_an_english_editions_charts_draw_latin_text_in_the_decks_face_and_chinese_in_the_family(tmp_path):
    (tmp_path / "decks").mkdir()
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "c.yaml").write_text(
        "title: Users\nkind: bar\nnative: false\ncategories: [Meta’s app, 微信]\n"
        "series:\n  - {name: Users, values: [1, 2]}\n", encoding="utf-8")
    (tmp_path / "decks" / "t.yaml").write_text(
        "title: Users\nlanguage: en\nslides:\n  - {kind: chart, title: Users, chart: c}\n", encoding="utf-8")
    build = _deckbuild(tmp_path, "build", "decks/t.yaml")
    assert build.returncode == 0, build.stderr
    drawn = [_fonts(p) for p in (tmp_path / "build" / ".cache").rglob("*.pdf")]  # the chart's drawing
    assert len(drawn) == 1
    # Calibri's stand-in, as the deck names Calibri: the apostrophe is not a full-width CJK one
    assert {name.split("-")[0] for name, _ in drawn[0]} == {"Carlito", "NotoSansSC"}
