"""The tagged report (issue 18, accessibility): its structure tree read back with pypdf
(tests/pdf_structure.py) on both flagship editions and on a sample with every block: every MCID
drawn is referenced once, everything else is an artifact, headings follow the outline, lists,
tables and the contents are grouped, every figure carries the alternative text of its outline,
links sit in Link elements, and poppler and qpdf accept the file."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

import samples
from conftest import FLAGSHIP, FLAGSHIP_GROUP, require_tool
from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Diagnostics
from deckbuild.input.editions import compile_outline
from deckbuild.model.deck import ChartContent, DiagramContent, ImageContent, Rich
from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.writer import render
from pdf_structure import Structure, problems

R = Rich.of
WHEN = datetime(2025, 8, 1, 12, 30, tzinfo=timezone.utc)
EDITIONS = {"meta-ai-bet.pdf": "zh-CN", "meta-ai-bet.en.pdf": "en"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def unnumbered(text: str) -> str:
    return re.sub(r"^\d+(\.\d+)?\s+", "", squash(text))


def assets(folder: Path) -> dict[str, ChartAssets]:
    """The sample chart's drawing, as the chart cache makes it for the report."""
    from deckbuild.charts.report_drawing import drawing_pdf
    from deckbuild.seal import seal

    pdf = folder / "capex.pdf"
    pdf.write_bytes(seal(drawing_pdf(samples.CAPEX, default_theme().for_report()), pdf.name))
    return {samples.CAPEX.digest: ChartAssets(pdf=pdf)}


def picture(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (320, 180), "#D9DDE3").save(path)
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("tagged")
    deck = samples.sample_deck(picture(d / "glasses.png"))
    data, diags = render(deck, default_theme(), assets(d), WHEN)
    assert not diags
    path = d / "sample.pdf"
    path.write_bytes(data)
    return path


# --- a sample with every kind of block ----------------------------------------------------------


def test_sample_is_tagged_without_a_problem(sample):
    assert problems(Structure(sample), "zh-CN") == []


def test_checks_fail_on_an_untagged_pdf(tmp_path):
    buffer = io.BytesIO()
    c = Canvas(buffer)
    c.drawString(72, 720, "untagged")
    c.showPage()
    c.save()
    path = tmp_path / "plain.pdf"
    path.write_bytes(buffer.getvalue())
    assert problems(Structure(path), "en") == ["no StructTreeRoot"]


def test_sample_structure_by_block(sample):
    s = Structure(sample)
    texts = s.texts()
    tags = [e.tag for e in s.document.kids]
    assert tags[0] == "H1" and s.document.kids[0].text(texts).strip() == "Meta 的超级智能豪赌"
    assert "TOC" in tags and len(s.elements("TOCI")) >= 6
    # the table: a header row of TH, four rows of TD, each cell its own text
    (table,) = s.elements("Table")
    rows = table.kids
    assert [c.tag for c in rows[0].kids] == ["TH"] * 3
    assert [squash(c.text(texts)) for c in rows[0].kids] == ["战略", "进展", "评价"]
    assert len(rows) == 5 and all([c.tag for c in r.kids] == ["TD"] * 3 for r in rows[1:])
    assert squash(rows[4].kids[0].text(texts)) == "战略 4"
    # figures: the chart's, the picture's and the diagram's alternative text from the outline
    assert [f.alt for f in s.elements("Figure")] == [samples.CAPEX.alt_text, "一副智能眼镜",
                                                     "示意图：房东自有每一层，房客租用操作系统"]
    # nested bullets: an L inside the LI of its parent item
    nested = [e for e in s.elements("L") if e.parent.tag == "LI"]
    assert nested and squash(nested[0].parent.kids[0].text(texts)).endswith("自研芯片与超大规模数据中心")
    # two columns read column by column, each with its heading and its list
    columns = [e for e in s.elements("Div") if e.kids and e.kids[0].tag == "H3"]
    assert [squash(d.kids[0].text(texts)) for d in columns] == ["开放权重", "封闭"]
    assert [[k.tag for k in d.kids] for d in columns] == [["H3", "L"], ["H3", "L"]]
    # figures in numbers: each value with its label
    stats = [e for e in s.elements("Div") if len(e.kids) == 2 and e.kids[0].tag == "P"]
    assert [(squash(d.kids[0].text(texts)), squash(d.kids[1].text(texts))) for d in stats] == [
        ("+7%", "点击率"), ("−6.5%", "单次链接点击成本"), ("+12%", "ROAS")]
    assert len(s.elements("BlockQuote")) == 1


def test_running_header_and_footer_are_artifacts(sample):
    s = Structure(sample)
    texts = s.texts()
    artifacts = "".join(t for (page, mcid), t in texts.items() if mcid == -1)
    assert "Meta 的超级智能豪赌" in artifacts  # the running header, on every body page
    tagged = "".join(t for (page, mcid), t in texts.items() if mcid >= 0)
    assert "分析组 · 2025-08-01" not in squash(tagged)  # the footer is no content


def test_repeated_table_header_is_an_artifact(tmp_path):
    deck = samples.long_table_deck()
    path = tmp_path / "table.pdf"
    path.write_bytes(render(deck, default_theme(), assets(tmp_path), WHEN)[0])
    s = Structure(path)
    assert problems(s, "zh-CN") == []
    table = next(t for t in s.elements("Table") if len(t.kids) == 91)
    pages = {p for r in table.kids for c in r.kids for p, _ in c.mcids}
    assert len(pages) >= 3  # the table spans pages, its header drawn on each
    heads = table.kids[0].kids
    assert [len(h.mcids) for h in heads] == [1, 1, 1]  # once in the structure: the repeats are artifacts
    texts = s.texts()
    later = "".join(t for (page, mcid), t in texts.items() if mcid == -1 and page == max(pages))
    assert "说明文字" in later


# --- the flagship ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def decks():
    _, found = compile_outline(FLAGSHIP, Diagnostics())
    return {d.language: d for d in found}


@FLAGSHIP_GROUP
@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_flagship_is_tagged_without_a_problem(flagship, name):
    assert problems(Structure(flagship.out / name), EDITIONS[name]) == []


@FLAGSHIP_GROUP
@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_flagship_headings_follow_the_outline(flagship, name):
    s = Structure(flagship.out / name)
    texts = s.texts()
    heads = [(e.tag, unnumbered(e.text(texts))) for e in s.elements() if e.tag in ("H1", "H2")]

    def flat(items):
        for x in items:
            yield from flat(x) if isinstance(x, list) else [unnumbered(x.title)]

    assert heads[0][0] == "H1"  # the title
    assert [t for _, t in heads[1:]] == list(flat(s.reader.outline))
    assert {"H1", "H2"} == {t for t, _ in heads}


@FLAGSHIP_GROUP
@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_flagship_figures_carry_the_outline_alt_text(flagship, decks, name):
    deck = decks[EDITIONS[name]]
    expected = []
    for slide in deck.slides:
        if isinstance(slide.content, ChartContent):
            expected.append(slide.content.chart.alt_text)
        elif isinstance(slide.content, (ImageContent, DiagramContent)):
            expected.append(slide.content.alt)
    s = Structure(flagship.out / name)
    figures = s.elements("Figure")
    assert figures and all(expected)
    assert [f.alt for f in figures] == expected
    assert all(len(f.mcids) == 1 for f in figures)  # the drawing and every label in it, one content item


@FLAGSHIP_GROUP
@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_flagship_links_say_where_they_go(flagship, name):
    s = Structure(flagship.out / name)
    links = s.elements("Link")
    assert len(links) >= 30
    descriptions = [str(a.get("/Contents")) for e in links for _, a in e.annotations]
    assert len(descriptions) == len(links)
    assert not any(d.startswith(("h", "slide-", "source-")) and re.fullmatch(r"[\w-]+", d) for d in descriptions)
    toc_links = [e for e in links if e.parent.tag == "TOCI"]
    assert toc_links  # the contents' entries and page numbers


@FLAGSHIP_GROUP
@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_flagship_poppler_and_qpdf_accept_it(flagship, name):
    path = flagship.out / name
    info = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    qpdf = subprocess.run([require_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr
    text = subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Meta" in text and len(text) > 10000
