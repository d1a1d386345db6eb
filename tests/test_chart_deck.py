"""A chart-heavy project built end to end through the command line: every chart kind reaches the
deck (native charts hold the exact values and category names, the others are pictures with alt
text), the report PDF has no raster image, the chart cache is hit when only a slide title changes
and missed for exactly the one chart whose data changes, and LibreOffice keeps the native charts'
text when it converts the deck."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from clients import libreoffice_to_pdf
from conftest import require_tool
from deckbuild.build.pipeline import build
from deckbuild.cli import main
from deckbuild.diagnostics import Diagnostics
from deckbuild.model.deck import ChartKind
from project import make_project

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}

# name: the spec (without 'source'); values are plain numbers, so the chart shows them unscaled
SPECS: dict[str, dict] = {
    "grouped": {"title": "三家公司的资本支出", "kind": "column", "unit": "十亿美元",
                "categories": ["二〇二三年", "二〇二四年", "二〇二五年"],
                "series": [{"name": "元宇宙公司", "values": [28.1, 39.2, 70.5]},
                           {"name": "软件巨头", "values": [32.3, 55.7, 80.0]}]},
    "percent": {"title": "各地区收入构成", "kind": "column", "stacked": "percent",
                "format": {"decimals": 0, "suffix": "%"},
                "categories": ["上半年度", "下半年度"],
                "series": [{"name": "北美", "values": [45, 44]}, {"name": "欧洲", "values": [23, 23]},
                           {"name": "亚太", "values": [32, 33]}]},
    "bar": {"title": "聊天助手市场份额", "kind": "bar", "format": {"decimals": 1, "suffix": "%"},
            "categories": ["对话助手", "搜索助手", "办公助手", "其余助手"], "highlight": "搜索助手",
            "series": [{"name": "份额", "values": [60.4, 13.5, 9.1, 17.0]}]},
    "line": {"title": "月度广告收入走势", "kind": "line", "unit": "亿元",
             "categories": ["一月份", "二月份", "三月份", "四月份", "五月份", "六月份"],
             "series": [{"name": "信息流", "values": [14, 20, 35, 40, 42, 46]},
                        {"name": "短视频", "values": [10, 14, 24, 27, 25, 32]}]},
    "area": {"title": "两款应用的用户规模", "kind": "area", "stacked": True, "unit": "十亿用户",
             "format": {"decimals": 1},
             "categories": ["第一季度", "第二季度", "第三季度", "第四季度"],
             "series": [{"name": "图片应用", "values": [2.9, 2.96, 3.03, 3.07]},
                        {"name": "消息应用", "values": [1.4, 1.6, 2.0, 2.2]}]},
    "pie": {"title": "收入来源占比", "kind": "pie", "format": {"decimals": 1, "suffix": "%"},
            "categories": ["广告业务", "硬件业务", "订阅业务"], "highlight": "广告业务",
            "series": [{"name": "占比", "values": [60.4, 25.5, 14.1]}]},
    "donut": {"title": "训练中断原因", "kind": "donut", "format": {"decimals": 0, "suffix": "%"},
              "categories": ["硬件故障", "软件缺陷", "网络中断", "人为操作"],
              "series": [{"name": "中断占比", "values": [66, 12, 14, 8]}]},
    "scatter": {"title": "收入与投入的关系", "kind": "scatter", "x_title": "收入", "y_title": "投入",
                "categories": ["甲公司", "乙公司", "丙公司"], "highlight": "甲公司",
                "series": [{"name": "公司", "values": [72, 80, 75], "x": [165, 245, 350]}]},
    "range": {"title": "资本支出指引区间", "kind": "range", "unit": "十亿美元",
              "categories": ["去年实际", "今年指引"],
              "series": [{"name": "下限", "values": [39.2, 66]}, {"name": "上限", "values": [39.2, 72]}]},
    "magnitude": {"title": "虚拟世界用户数", "kind": "magnitude", "unit": "百万", "format": {"decimals": 2},
                  "categories": ["地平线世界", "虚拟聊天", "积木乐园"],
                  "series": [{"name": "月活跃用户", "values": [0.25, 10, 77.7]}]},
    "combo": {"title": "支出与利润率", "kind": "combo", "y_title": "十亿美元", "y2_title": "利润率",
              "categories": ["第一财年", "第二财年", "第三财年"],
              "series": [{"name": "资本支出", "values": [28, 39, 70]},
                         {"name": "利润率", "values": [35, 42, 41], "secondary": True}]},
    "scorecard": {"title": "战略评分卡", "kind": "scorecard", "max": 5,
                  "categories": ["开源模型", "人才收购", "算力建设", "消费硬件"], "highlight": "算力建设",
                  "series": [{"name": "评分", "values": [4, 3, 5, 2]}]},
    # a kind PowerPoint draws, shown as a picture because the spec asks for one
    "picture": {"title": "按要求为图片", "kind": "column", "native": False,
                "categories": ["甲类指标", "乙类指标"], "series": [{"name": "数值", "values": [3, 5]}]},
}
NATIVE = [n for n in SPECS if SPECS[n].get("native", True)]
# one slide per chart; the slide's own (action) title differs from the chart title
SLIDE_TITLES = {name: f"第{i}页要点" for i, name in enumerate(SPECS, 1)}


def spec_yaml(spec: dict) -> str:
    """A chart spec as YAML: one key a line, each value in flow (JSON) style."""
    return "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in {**spec, "source": "src"}.items())


def outline_yaml(titles: dict[str, str]) -> str:
    slides = "".join(f"  - kind: chart\n    title: {titles[n]}\n    chart: {n}\n" for n in SPECS)
    return ("title: 图表测试\nlanguage: zh-CN\nsources:\n  - id: src\n    title: 测试来源\nslides:\n" + slides)


@contextmanager
def inside(folder: Path):
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project, built once with ``deckbuild build`` (both formats)."""
    root = tmp_path_factory.mktemp("chart-deck")
    make_project(root, outline_yaml(SLIDE_TITLES), {n: spec_yaml(s) for n, s in SPECS.items()})
    with inside(root):
        assert main(["build", "-q", "decks/t.yaml"]) == 0
    assert (root / "build" / "t.pptx").is_file() and (root / "build" / "t.pdf").is_file()
    return root


@pytest.fixture(scope="module")
def shapes(project) -> dict:
    """The chart shape of each chart, by chart name (one slide per chart, in order)."""
    prs = Presentation(str(project / "build" / "t.pptx"))
    out = {}
    for name, slide in zip(SPECS, prs.slides):
        (shape,) = [s for s in slide.shapes if s.name == f"Chart {name}"]
        out[name] = shape
    assert len(prs.slides) == len(SPECS)
    return out


def _text(pdf: Path) -> str:
    """The text of a PDF, without whitespace (CJK lines may be broken anywhere)."""
    require_tool("pdftotext")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.fixture(scope="module")
def libreoffice_pdf(project, tmp_path_factory) -> Path:
    """The deck converted to PDF by LibreOffice (once for the module)."""
    require_tool("soffice")
    return libreoffice_to_pdf(project / "build" / "t.pptx", tmp_path_factory.mktemp("lo"))


@pytest.fixture(scope="module")
def libreoffice_text(libreoffice_pdf) -> str:
    return _text(libreoffice_pdf)


def test_libreoffice_renders_one_page_per_slide(libreoffice_pdf):
    from pypdf import PdfReader

    assert len(PdfReader(str(libreoffice_pdf)).pages) == len(SPECS)


def test_libreoffice_draws_the_labels_of_kinds_built_from_bars(libreoffice_text):
    """A range's '66–72' (the label line above its span), a magnitude chart's values and a
    scorecard's scale reach the page."""
    assert "66–72" in libreoffice_text
    assert "77.70" in libreoffice_text and "0.25" in libreoffice_text
    assert "12345" in libreoffice_text  # the scorecard's scale, ticked by one


def test_every_kind_is_in_the_project():
    assert {ChartKind(s["kind"]) for s in SPECS.values()} == set(ChartKind)


@pytest.mark.parametrize("name", NATIVE)
def test_native_chart_holds_the_exact_data(shapes, name):
    spec, shape = SPECS[name], shapes[name]
    assert shape.has_chart
    root = etree.fromstring(shape.chart.part.blob)
    by_name = {s.findtext("c:tx//c:v", namespaces=NS): s for s in root.iterfind(".//c:ser", NS)}
    for s in spec["series"]:
        ser = by_name[s["name"]]
        if spec["kind"] == "scatter":
            assert [float(v) for v in ser.xpath("c:yVal//c:pt/c:v/text()", namespaces=NS)] == s["values"]
            assert [float(v) for v in ser.xpath("c:xVal//c:pt/c:v/text()", namespaces=NS)] == s["x"]
        else:
            assert [float(v) for v in ser.xpath("c:val//c:pt/c:v/text()", namespaces=NS)] == s["values"]
            assert ser.xpath("c:cat//c:pt/c:v/text()", namespaces=NS) == spec["categories"]
    if spec["kind"] == "scatter":  # the point names are labels of their own
        labels = root.xpath(".//c:dLbl//a:t/text()", namespaces={**NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
        assert labels == spec["categories"]
    if spec["kind"] == "combo":  # the secondary series is a line on a second value axis
        (line,) = root.findall(".//c:plotArea/c:lineChart", NS)
        assert [s.findtext("c:tx//c:v", namespaces=NS) for s in line.findall("c:ser", NS)] == ["利润率"]
        assert len(root.findall(".//c:plotArea/c:valAx", NS)) == 2
    assert shape._element.find("p:nvGraphicFramePr/p:cNvPr", NS).get("descr").startswith(_kind_word(name))


def _kind_word(name: str) -> str:
    from deckbuild.input.chart_spec import KIND_WORDS

    return f"{KIND_WORDS['zh'][SPECS[name]['kind']]}，{SPECS[name]['title']}："


@pytest.mark.parametrize("name", [n for n in SPECS if n not in NATIVE])
def test_native_false_is_a_picture_with_alt_text(shapes, name):
    shape = shapes[name]
    assert shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    assert shape.image.content_type == "image/png"
    descr = shape._element.nvPicPr.cNvPr.get("descr")
    assert descr.startswith(_kind_word(name))
    assert all(c in descr for c in SPECS[name]["categories"])


def test_report_has_no_raster_image_and_names_every_chart(project):
    pdf = project / "build" / "t.pdf"
    out = subprocess.run([require_tool("pdfimages"), "-list", str(pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[2:] == [], out  # the two header lines only
    text = _text(pdf)
    for spec in SPECS.values():  # the report shows each chart's title above its figure
        assert spec["title"] in text


def _cache(root: Path) -> dict[str, int]:
    """The cache's files by name, each as its inode: a file written again is a new file
    (``atomic_write``), while one a build takes is only touched."""
    return {p.name: p.stat().st_ino for p in (root / "build" / ".cache" / "charts").iterdir()}


def _build(root: Path):
    diags = Diagnostics()
    with inside(root):
        result = build([Path("decks/t.yaml")], Path("build"), ("pptx", "pdf"), diags)
    assert not diags.has_errors, [d.format() for d in diags.items]
    return result


def test_cache_hit_on_a_title_edit_and_one_miss_per_changed_chart(project, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(project, root)
    before = _cache(root)
    pngs = [n for n in before if n.endswith(".png")]
    drawings = [n for n in before if n.endswith(".pdf")]
    assert len(drawings) == len(SPECS) and len(pngs) == len(SPECS) - len(NATIVE)  # pictures only where not native
    assert len(before) == len(drawings) + len(pngs)

    # only a slide title changes: the deck is rebuilt, no chart is rendered again
    deck = root / "decks" / "t.yaml"
    deck.write_text(outline_yaml({**SLIDE_TITLES, "bar": "改过的标题"}), encoding="utf-8")
    result = _build(root)
    assert sorted(result.written) == [Path("build/t.pdf"), Path("build/t.pptx")]
    assert result.rendered_charts == 0
    assert _cache(root) == before
    assert "改过的标题" in _text(root / "build" / "t.pdf")

    # one value of one chart changes: exactly that chart is rendered again
    changed = {**SPECS["line"], "series": [{**SPECS["line"]["series"][0], "values": [14, 20, 35, 40, 42, 47]},
                                           SPECS["line"]["series"][1]]}
    (root / "charts" / "line.yaml").write_text(spec_yaml(changed), encoding="utf-8")
    result = _build(root)
    assert result.rendered_charts == 1
    after = _cache(root)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing else touched
    assert sorted(n.split(".")[1] for n in set(after) - set(before)) == ["pdf"]  # one new drawing
    # (a native chart has no PNG)

    # a damaged artifact is rebuilt, from the cache, and only it (the deck is as it was made)
    (root / "build" / "t.pdf").write_bytes(b"damaged")
    result = _build(root)
    assert result.written == [Path("build/t.pdf")] and result.rendered_charts == 0
    assert (root / "build" / "t.pdf").read_bytes().startswith(b"%PDF-") and _cache(root) == after


@pytest.mark.parametrize("name", NATIVE)
def test_libreoffice_keeps_the_category_names(libreoffice_text, name):
    for category in SPECS[name]["categories"]:
        assert category in libreoffice_text, f"{name}: {category}"


def test_category_names_come_from_the_charts_alone(libreoffice_text):
    """The control for the test above: nothing else on a slide names a category, so the names
    of charts shown as pictures are not in the text."""
    for name in SPECS:
        if name not in NATIVE:
            assert not [c for c in SPECS[name]["categories"] if c in libreoffice_text], name


def test_libreoffice_shows_the_slide_titles_and_chart_units(libreoffice_text):
    """The slide shows its own title and, in the heading line above the chart, the chart's unit
    (the line starts with the chart title; the chart drawing itself has no title)."""
    for name, title in SLIDE_TITLES.items():
        assert title in libreoffice_text
        if "unit" in SPECS[name]:
            assert SPECS[name]["unit"] in libreoffice_text
