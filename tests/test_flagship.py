"""The flagship: both editions, both formats, every figure of the source, check --strict clean."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import FLAGSHIP as DECK
from conftest import FLAGSHIP_GROUP, ROOT, require_tool
from deckbuild.build.pipeline import FORMATS
from deckbuild.cli import main

pytestmark = FLAGSHIP_GROUP

# a CJK edition keeps CLDR's hyphen-minus ("-6.5%"), which clients set with its number
FIGURES = {
    "zh-CN": ["660–720亿美元", "66%", "7亿", "7%", "-6.5%", "12%", "20%", "4亿", "60.4%", "13.5%", "20–30万",
              "1000万", "7770万", "90%", "普罗米修斯", "海伯利安", "Behemoth", "Built with Meta Llama 3",
              "Ben & Jerry", "Ray-Ban", "Horizon Worlds", "VRChat", "Roblox", "FAIR", "PyTorch"],
    "en": ["$66–72 billion", "66%", "700 million", "7%", "−6.5%", "12%", "20%", "400 million", "60.4%", "13.5%",
           "200–300 thousand", "10 million", "77.7 million", "90%", "Prometheus", "Hyperion", "Behemoth",
           "Built with Meta Llama 3", "Ben & Jerry", "Ray-Ban", "Horizon Worlds", "VRChat", "Roblox", "FAIR",
           "PyTorch"],
}
NAMES = {"zh-CN": "meta-ai-bet", "en": "meta-ai-bet.en"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def built(flagship) -> Path:
    return flagship.out


def test_both_editions_build_in_both_formats_without_a_word(flagship):
    assert not flagship.diagnostics, [d.format() for d in flagship.diagnostics]
    assert sorted(p.name for p in flagship.result.written) == sorted(
        f"{n}.{f}" for n in NAMES.values() for f in FORMATS)


def pptx_text(path: Path) -> str:
    """Every text of the deck: slides, notes and charts (a:t runs and chart string caches)."""
    parts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.match(r"ppt/(slides|notesSlides|charts)/[^/]+\.xml$", name):
                xml = z.read(name).decode("utf-8")
                parts += re.findall(r"<(?:a:t|c:v)>([^<]*)</(?:a:t|c:v)>", xml)
    import html

    return html.unescape("\n".join(parts))


def pdf_text(path: Path) -> str:
    return subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_figure_in_the_deck(built, language):
    text = squash(pptx_text(built / f"{NAMES[language]}.pptx"))
    missing = [f for f in FIGURES[language] if squash(f) not in text]
    assert not missing


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_figure_in_the_report(built, language):
    text = squash(pdf_text(built / f"{NAMES[language]}.pdf"))
    missing = [f for f in FIGURES[language] if squash(f) not in text]
    assert not missing


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_deck_shape(built, language):
    from pptx import Presentation

    prs = Presentation(str(built / f"{NAMES[language]}.pptx"))
    slides = list(prs.slides)
    assert 20 <= len(slides) <= 30
    charts = sum(1 for s in slides for sh in s.shapes if sh.has_chart)
    pictures = sum(1 for s in slides for sh in s.shapes if sh.shape_type == 13)
    tables = sum(1 for s in slides for sh in s.shapes if sh.has_table)
    assert charts >= 4 and charts + pictures + tables >= 6  # every figure of the source, in a fitting form
    for s in slides:
        assert s.shapes.title is not None and s.shapes.title.text.strip()
        assert s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_report_length(built, language):
    from pypdf import PdfReader

    pages = len(PdfReader(str(built / f"{NAMES[language]}.pdf")).pages)
    assert 12 <= pages <= 25


def test_check_strict_is_clean(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["check", "--strict", str(DECK.relative_to(ROOT))]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_no_report_line_starts_with_closing_punctuation(built):
    lines = [line.strip() for line in pdf_text(built / "meta-ai-bet.pdf").splitlines() if line.strip()]
    bad = [line for line in lines if line[0] in "，。、；：！？）》」』’”"]
    assert not bad
    stranded = [line for line in lines if len(line) == 1 and "\u4e00" <= line <= "\u9fff"]
    assert not stranded


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_chart_slide_shows_a_native_chart_with_its_workbook(built, language):
    """Each chart slide of the outline holds one editable chart (a graphic frame with a chart
    part and its embedded workbook) and no picture."""
    import yaml
    from pptx import Presentation

    outline = yaml.safe_load(DECK.read_text(encoding="utf-8"))
    chart_slides = [i for i, s in enumerate(outline["slides"]) if s.get("kind") == "chart"]
    assert len(chart_slides) == 4  # the other figures are a stats slide (capex) and a table (users)
    prs = Presentation(str(built / f"{NAMES[language]}.pptx"))
    slides = list(prs.slides)
    assert len(slides) == len(outline["slides"])
    for i in chart_slides:
        slide = slides[i]
        charts = [sh for sh in slide.shapes if sh.has_chart]
        assert [sh.name for sh in charts] == [f"Chart {outline['slides'][i]['chart']}"], i + 1
        assert not slide.element.xpath(".//p:pic"), f"slide {i + 1} holds a picture"
        assert charts[0].chart.part.chart_workbook.xlsx_part is not None
