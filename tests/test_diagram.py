"""Diagram slides: drawn as editable shapes holding the edition's text in the deck, as vector
graphics with real text in the report; the flagship's platform diagram is one."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import FLAGSHIP_GROUP, require_tool
from deckbuild.render.pptx.shapes import DECORATIVE_EXT

NAMES = {"zh-CN": "meta-ai-bet", "en": "meta-ai-bet.en"}
PLATFORM = {  # slide 25's boxes, in both editions
    "zh-CN": ["房东", "苹果 · 谷歌 · 微软", "应用", "系统级 AI", "操作系统", "房客", "无系统级权限", "记忆止于单个应用",
              "租用：规则由他人定"],
    "en": ["Landlord", "Apple · Google · Microsoft", "Apps", "System-level AI", "Operating system", "Tenant",
           "No system-level access", "Memory and personalisation stop at the app", "Rented: someone else’s rules"],
}
SHARED = ["Facebook · Instagram · WhatsApp", "+ Meta AI", "iOS · Android"]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def slide_xml(pptx: Path, number: int) -> str:
    with zipfile.ZipFile(pptx) as z:
        return z.read(f"ppt/slides/slide{number}.xml").decode("utf-8")


def runs(xml: str) -> list[tuple[int, str, str]]:
    """(size in hundredths of a point, East Asian typeface, text) of every run."""
    import html

    out = []
    for m in re.finditer(r'<a:r><a:rPr sz="(\d+)"[^>]*>(.*?)</a:rPr><a:t>([^<]*)</a:t></a:r>', xml):
        ea = re.search(r'<a:ea typeface="([^"]*)"', m.group(2))
        out.append((int(m.group(1)), ea.group(1) if ea else "", html.unescape(m.group(3))))
    return out


def diagram_group(xml: str) -> str:
    m = re.search(r'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="\d+" name="Diagram".*?</p:grpSp>', xml, re.S)
    assert m, "no diagram group on the slide"
    return m.group(0)


@FLAGSHIP_GROUP
@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_platform_slide_is_a_diagram_of_shapes_in_the_editions_language(flagship, language):
    """Slide 25 holds no picture (the deck holds none at all: no raster image but photographs,
    and the flagship has none), but one group of shapes with alternative text whose boxes
    carry the edition's text at body_min (14 pt) or more in the theme's fonts; the English
    edition has no Chinese on it."""
    from deckbuild.model.theme import default_theme  # the flagship's

    pptx = flagship.out / f"{NAMES[language]}.pptx"
    with zipfile.ZipFile(pptx) as z:
        assert not [n for n in z.namelist() if n.startswith("ppt/media/")]
    xml = slide_xml(pptx, 25)
    assert "<p:pic>" not in xml and "r:embed" not in xml
    group = diagram_group(xml)
    descr = re.search(r'name="Diagram" descr="([^"]+)"', group)
    assert descr and len(descr.group(1)) > 80
    texts = runs(group)
    shown = [squash(t) for _, _, t in texts]  # the deck closes the gaps between CJK and Latin text
    assert all(squash(t) in shown for t in PLATFORM[language] + SHARED), shown
    theme = default_theme()
    assert min(sz for sz, _, _ in texts) >= theme.slide.body_min * 100
    assert {ea for _, ea, _ in texts} == {theme.fonts.east_asian_for(language, False)}
    assert len(re.findall(r'prstGeom prst="roundRect"', group)) == 6
    if language == "en":
        assert not CJK.search("".join(t for _, _, t in runs(xml))), "Chinese on the English slide"


@FLAGSHIP_GROUP
def test_the_diagrams_connectors_are_decorative(flagship):
    group = diagram_group(slide_xml(flagship.out / "meta-ai-bet.en.pptx", 25))
    dividers = re.findall(r"<p:cxnSp>.*?</p:cxnSp>", group, re.S)
    assert len(dividers) == 1 and DECORATIVE_EXT in dividers[0]
    boxes = re.findall(r'<p:sp><p:nvSpPr><p:cNvPr [^>]*name="Diagram box".*?</p:sp>', group, re.S)
    assert boxes and not any(DECORATIVE_EXT in b for b in boxes)


def pdf_text(path: Path, first: int = 1, last: int = 0) -> str:
    args = [require_tool("pdftotext"), "-enc", "UTF-8", "-f", str(first)] + (["-l", str(last)] if last else [])
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


@FLAGSHIP_GROUP
@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_reports_platform_figure_is_real_text_over_vector_graphics(flagship, language):
    """Every text of the diagram is text pdftotext reads, on a page without any image."""
    from pypdf import PdfReader

    pdf = flagship.out / f"{NAMES[language]}.pdf"
    reader = PdfReader(str(pdf))
    wanted = [squash(t) for t in PLATFORM[language] + SHARED]
    pages = [i + 1 for i in range(len(reader.pages))
             if squash(PLATFORM[language][6]) in squash(pdf_text(pdf, i + 1, i + 1))]
    assert pages, "the diagram's text is not in the report"
    page = pages[0]
    text = squash(pdf_text(pdf, page, page))
    assert all(t.replace("’", "'") in text.replace("’", "'") for t in wanted), text
    assert not list(reader.pages[page - 1].images)
    header, _, *fonts = subprocess.run([require_tool("pdffonts"), "-f", str(page), "-l", str(page), str(pdf)],
                                       check=True, capture_output=True, text=True).stdout.splitlines()
    emb = header.index("emb")  # the report's own fonts, embedded: no standard font (Helvetica) set up unused
    assert fonts and all(row[emb:emb + 3] == "yes" and "Helvetica" not in row for row in fonts), fonts


SHAPES = """\
title: Diagrams
language: en
translations: [zh-CN]
date: 2025-08-01
slides:
  - kind: title
  - kind: diagram
    title: {en: From pilot to scale, zh-CN: 从试点到规模化}
    diagram:
      layout: flow
      items:
        - text: {en: Pilot, zh-CN: 试点}
          note: {en: One market, zh-CN: 一个市场，一个季度}
        - {en: Prove, zh-CN: 验证}
        - text: {en: Scale, zh-CN: 推广}
          highlight: true
        - {en: Automate, zh-CN: 自动化}
  - kind: diagram
    title: {en: Open models win on reach, zh-CN: 开放模型赢在覆盖}
    diagram:
      layout: matrix
      axes:
        x: {en: Openness of the model, zh-CN: 模型开放程度}
        y: {en: Control of distribution, zh-CN: 对分发渠道的控制}
      items:
        - {en: Platform owners, zh-CN: 平台方}
        - text: {en: Ecosystem builders, zh-CN: 生态建设者}
          highlight: true
        - text: {en: API sellers, zh-CN: API 卖家}
          muted: true
        - text: {en: Open-weight labs, zh-CN: 开放权重实验室}
          absent: true
"""


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> Path:
    """The small deck above built in both formats, both editions, without a warning."""
    from deckbuild.build.pipeline import FORMATS, build
    from deckbuild.diagnostics import Diagnostics
    from project import make_project

    root = tmp_path_factory.mktemp("diagrams")
    deck = make_project(root, SHAPES, charts={})
    diags = Diagnostics()
    build([deck], root / "build", FORMATS, diags)
    assert not diags.items, [d.format() for d in diags.items]
    return root / "build"


@pytest.mark.parametrize("name", ["t.pptx", "t.zh-CN.pptx"])
def test_flows_and_matrices_draw_decorative_arrows_and_text_at_body_min_or_more(shapes, name):
    from deckbuild.model.theme import default_theme

    flow, matrix = (diagram_group(slide_xml(shapes / name, n)) for n in (2, 3))
    for group, arrows, boxes in ((flow, 3, 4), (matrix, 2, 4)):
        found = re.findall(r'<p:sp><p:nvSpPr><p:cNvPr [^>]*name="Arrow".*?</p:sp>', group, re.S)
        assert len(found) == arrows and all(DECORATIVE_EXT in a for a in found)
        assert len(re.findall(r'name="Diagram box"', group)) == boxes
        assert min(sz for sz, _, _ in runs(group)) >= default_theme().slide.body_min * 100
    assert '<a:prstDash val="dash"/>' in matrix  # the absent box: a dashed outline
    labels = [t for _, _, t in runs(matrix)]
    assert ("Openness of the model" if name == "t.pptx" else "模型开放程度") in labels


@pytest.mark.parametrize("name, texts", [
    ("t.pdf", ["Pilot", "One market", "Automate", "Platform owners", "Open-weight labs", "Openness of the model",
               "Control of distribution"]),
    ("t.zh-CN.pdf", ["试点", "一个市场，一个季度", "自动化", "平台方", "开放权重实验室", "模型开放程度",
                     "对分发渠道的控制"]),
])
def test_flows_and_matrices_are_real_text_in_the_report(shapes, name, texts):
    text = squash(pdf_text(shapes / name))
    assert all(squash(t) in text for t in texts), text


def test_the_reports_diagram_breaks_chinese_by_the_reports_rules():
    """A Chinese report sets a diagram's text in the paragraphs that break by its rules (no
    line starts with closing punctuation), in its fonts."""
    from deckbuild.model.deck import Deck, Rich
    from deckbuild.model.diagram import Arrangement, Diagram, DiagramItem, Stack
    from deckbuild.model.theme import default_theme
    from deckbuild.render.pdf.diagram import DiagramFigure
    from deckbuild.render.pdf.story import StoryBuilder
    from deckbuild.render.pdf.styles import make_styles
    from deckbuild.render.pdf.wrap import CJKParagraph

    theme = default_theme()
    styles = make_styles(theme, "zh-CN")
    story = StoryBuilder(Deck("t", "t", "zh-CN", ()), theme, styles, {}, {}, 400, 700)
    item = DiagramItem(Rich.of("应用"), Rich.of("记忆止于单个应用，个性化止于单个应用，" * 3))
    figure = DiagramFigure(story, Diagram(Arrangement.FLOW, (Stack((item, item, item)),)), "alt")
    figure.wrap(400, 700)
    paras = [p for _, ps, _ in figure.texts for p in ps]
    assert paras and all(isinstance(p, CJKParagraph) for p in paras)
    assert {p.style.fontName for p in paras} == {styles.regular, styles.bold}
    lines = [line for p in paras for line in p.blPara.lines]
    assert len(lines) > 6


def test_a_diagram_too_full_for_its_slide_is_reported_at_its_key(tmp_path, monkeypatch, capsys):
    from deckbuild.cli import main
    from project import make_project

    make_project(tmp_path, """\
        title: T
        language: en
        slides:
          - kind: diagram
            title: Too much text
            diagram:
              layout: flow
              items:
                - text: A very long box text that goes on and on about many things in great detail
                  note: And a note that is also far too long for a box this narrow on any slide at all
                - b
                - c
                - d
                - e
                - f
        """, charts={})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "decks/t.yaml"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        'decks/t.yaml:6:5: warning: slide 1 "Too much text": diagram text fits only at 9.5 pt, below body_min 14; '
        "shorten it"]
