"""The PDF report: text, fonts, outline, contents, metadata, vector charts, validity,
reproducibility, escaping, CJK line breaking and long tables."""

from __future__ import annotations

import re
import subprocess
import zlib
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

import samples
from conftest import require_tool
from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Severity
from deckbuild.model.deck import Bullet, BulletsContent, Deck, Rich, SectionContent, Slide, SlideKind, Source, Span
from deckbuild.model.theme import default_theme
from deckbuild.render.pdf.wrap import CANNOT_END, CANNOT_START, break_glyphs
from deckbuild.render.pdf.writer import render
from deckbuild.seal import seal

R = Rich.of
WHEN = datetime(2025, 8, 1, 12, 30, tzinfo=timezone.utc)
CLOSING = "，。、；：！？）》」』”"


# --- fixtures ----------------------------------------------------------------------------


def _chart_drawing(path: Path) -> Path:
    """The sample chart's drawing, as the chart cache makes it."""
    from deckbuild.charts.report_drawing import drawing_pdf

    path.write_bytes(seal(drawing_pdf(samples.CAPEX, default_theme().for_report()), path.name))
    return path


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (320, 180), "#D9DDE3").save(path)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pdf")
    return {"drawing": _chart_drawing(d / "capex.pdf"), "png": _png(d / "glasses.png"), "dir": d}


def _assets(drawing: Path) -> dict[str, ChartAssets]:
    """The sample chart, drawn in the file ``drawing``."""
    return {samples.CAPEX.digest: ChartAssets(pdf=drawing)}


@pytest.fixture(scope="module")
def sample(files) -> tuple[Path, bytes, list]:
    data, diags = render(samples.sample_deck(files["png"]), default_theme(), _assets(files["drawing"]), WHEN)
    path = files["dir"] / "sample.pdf"
    path.write_bytes(data)
    return path, data, diags


def _write(files, name: str, data: bytes) -> Path:
    path = files["dir"] / name
    path.write_bytes(data)
    return path


def pdftotext(path: Path, *args: str) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run([tool, *args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def page_texts(path: Path) -> list[str]:
    return pdftotext(path).split("\f")[:-1]


# --- text and structure --------------------------------------------------------------------


def test_renders_without_warnings(sample):
    _, data, diags = sample
    assert data.startswith(b"%PDF-")
    assert diags == []


def test_chinese_text_comes_back(sample):
    text = pdftotext(sample[0])
    for s in ("Meta 的超级智能豪赌", "执行摘要", "Meta 正在把未来押在个人超级智能上。",
              "算力军备竞赛是转向的代价", "Meta 把资本支出的大部分投向 AI 基础设施。", "要点", "普罗米修斯",
              "开放权重", "图 1", "2025 年资本支出指引", "表 1", "战略 4", "这就是一场自欺欺人的戏。",
              "竞争对手高管", "单次链接点击成本", "豪赌尚未开牌", "参考来源"):
        assert s in text, s


def test_every_font_is_embedded(sample, files):
    tool = require_tool("pdffonts")
    out = subprocess.run([tool, str(sample[0])], check=True, capture_output=True, text=True).stdout
    header, rule, *rows = out.splitlines()
    assert any("Type 3" in row for row in rows), out  # the chart's text, in glyph outlines
    emb = header.index("emb")
    for row in rows:
        assert row[emb:emb + 3] == "yes", row
        assert "Helvetica" not in row and "Times" not in row, row


def test_outline_has_sections_and_subsections(sample):
    from pypdf import PdfReader

    outline = PdfReader(sample[0]).outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[:2] == ["目录", "执行摘要"]
    assert "1 从元宇宙到超级智能" in titles
    assert "豪赌尚未开牌" in titles and titles[-1] == "参考来源"
    nested = [o for o in outline if isinstance(o, list)]
    assert len(nested) == 1
    subs = [o.title for o in nested[0]]
    assert subs[0] == "1.1 算力军备竞赛是转向的代价"
    assert "1.7 Ray-Ban Meta 眼镜" in subs


def test_footer_page_numbers_on_every_page_but_the_title(sample):
    pages = page_texts(sample[0])
    assert len(pages) >= 6
    assert not re.search(r"第\s*1\s*页", pages[0])
    assert "Meta 的超级智能豪赌" in pages[0]
    for n, text in enumerate(pages[1:], start=2):
        assert re.search(rf"第\s*{n}\s*页", text), (n, text)
        assert "Meta 的超级智能豪赌" in text  # running header


def test_table_of_contents_with_page_numbers(sample):
    pages = page_texts(sample[0])
    toc = pages[1]
    assert "目录" in toc
    # entries end in dot leaders and the page where the heading is
    entries = dict(re.findall(r"^(.+?)\s*(?:\.\s*)+(\d+)\s*$", toc, re.M))
    assert entries["执行摘要"] == "3"
    n = int(entries["1.3 资本支出几乎翻倍"])
    assert "资本支出几乎翻倍" in pages[n - 1]
    assert int(entries["参考来源"]) == len(pages)


def test_metadata(sample):
    from pypdf import PdfReader

    reader = PdfReader(sample[0])
    meta = reader.metadata
    assert meta.title == "Meta 的超级智能豪赌"
    assert meta.author == "分析组"
    assert meta.subject == "高风险、高回报"
    assert meta["/Creator"] == "deckbuild"
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20250801123000+00'00'"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_chart_is_vector(sample, files):
    tool = require_tool("pdfimages")

    def images(path: Path) -> list[str]:
        out = subprocess.run([tool, "-list", str(path)], check=True, capture_output=True, text=True).stdout
        return out.splitlines()[2:]

    assert len(images(sample[0])) == 1  # the picture slide, not the chart
    no_picture = render(samples.sample_deck(), default_theme(), _assets(files["drawing"]), WHEN)[0]
    assert images(_write(files, "no-picture.pdf", no_picture)) == []
    # the chart is drawn in vectors, and its text can be found: its unit and categories come back
    text = pdftotext(_write(files, "no-picture.pdf", no_picture))
    assert all(word in text.split() for word in ("十亿美元", "2023", "2024", "低", "高")), text


def test_qpdf_check(sample):
    tool = require_tool("qpdf")
    result = subprocess.run([tool, "--check", str(sample[0])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_byte_identical(sample, files):
    again, _ = render(samples.sample_deck(files["png"]), default_theme(), _assets(files["drawing"]), WHEN)
    assert again == sample[1]
    later, _ = render(samples.sample_deck(files["png"]), default_theme(), _assets(files["drawing"]),
                      datetime(2026, 1, 2, tzinfo=timezone.utc))
    from pypdf import PdfReader

    reader = PdfReader(_write(files, "later.pdf", later))
    assert reader.metadata["/CreationDate"] == "D:20260102000000+00'00'"


def test_markup_in_user_text_is_literal(sample, files):
    text = pdftotext(sample[0])
    assert "文字 <b>不是</b> 标记 & 也不是 <font> 标签" in text
    assert "https://example.com/a?x=1&y=<2>" in text  # the source list's url
    deck = _english_deck((Bullet(R("Less < more & <img src='x.png'/> or <font name=Courier>x</font>")),))
    data, diags = render(deck, default_theme(), {}, WHEN)
    assert not [d for d in diags if d.severity is Severity.ERROR]
    literal = "Less < more & <img src='x.png'/> or <font name=Courier>x</font>"
    assert literal in pdftotext(_write(files, "lit.pdf", data))


def test_links(files):
    from pypdf import PdfReader

    deck = _english_deck((Bullet(Rich((Span("see "), Span("the filing", href="https://example.com/?a=1&b=\"2\""),
                                      Span(" or "), Span("this", href="javascript:alert(1)")))),))
    path = _write(files, "links.pdf", render(deck, default_theme(), {}, WHEN)[0])
    uris = [a.get_object()["/A"]["/URI"] for p in PdfReader(path).pages for a in p.get("/Annots") or []
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
    assert 'https://example.com/?a=1&b="2"' in uris
    assert not [u for u in uris if u.startswith("javascript")]
    assert "https://example.com/src" in uris  # the source list links its url


# --- CJK line breaking ------------------------------------------------------------------------

_PIECES = ["Meta 的资本支出", "，", "大部分投向 AI 基础设施", "。", "《华尔街日报》", "报道", "：", "“豪赌”", "；",
           "Llama 4", "（不及预期）", "、", "用户增长", "！", "为什么？", "——", "扎克伯格", "……", "660–720 亿美元",
           "「引号」", "『书名』",
           "https://example.com/long/path", " and English words ", "百分之二十", "%", "数据中心"]


def _cjk_text(seed: int, n: int) -> str:
    import random

    rnd = random.Random(seed)
    return "开头" + "".join(rnd.choice(_PIECES) for _ in range(n)) + "。"


def test_break_glyphs_never_starts_a_line_with_closing_punctuation():
    for seed in range(20):
        text = _cjk_text(seed, 80)
        widths = [10.0 if ord(c) > 0x2E80 else 5.5 for c in text]
        for max_width in range(60, 400, 7):
            lines = break_glyphs(list(text), widths, [max_width])
            assert "".join(text[s:e] for s, e in lines).replace(" ", "") == text.replace(" ", "")
            for s, e in lines[1:]:
                assert text[s] not in CANNOT_START, (max_width, "".join(text[s:e]))
            for s, e in lines[:-1]:
                assert text[e - 1] not in CANNOT_END, (max_width, "".join(text[s:e]))


def test_no_line_of_body_text_begins_with_closing_punctuation(files):
    report = tuple(R(_cjk_text(seed, 80)) for seed in range(10))
    bullets = tuple(Bullet(R(_cjk_text(seed, 15))) for seed in range(50, 56))
    deck = samples.sample_deck()
    slide = Slide(SlideKind.BULLETS, 3, R("长段落，标点"), BulletsContent(bullets), report=report)
    deck = replace(deck, slides=deck.slides[:2] + (slide,) + deck.slides[2:])
    path = _write(files, "cjk.pdf", render(deck, default_theme(), _assets(files["drawing"]), WHEN)[0])
    lines = [line.strip() for line in pdftotext(path).splitlines() if line.strip()]
    assert len(lines) > 100
    bad = [line for line in lines if line[0] in CLOSING]
    assert bad == []
    # plenty of chances to go wrong (reportlab's own CJK wrapping breaks before '，' and '》')
    assert sum(sum(text.count(c) for c in "，》") for text in (r.plain for r in report)) > 40


def test_english_wraps_on_words(files):
    long = "The company guided to capital expenditure of sixty-six to seventy-two billion dollars. " * 6
    deck = _english_deck((Bullet(R("one")),), report=(R(long),))
    path = _write(files, "en.pdf", render(deck, default_theme(), {}, WHEN)[0])
    text = pdftotext(path)
    assert "Figure" not in text and "Key points" in text and "Sources" in text
    # no word is cut or hyphenated: every token on the paragraph's lines is a word of the text
    words = set(long.split())
    lines = [line for line in text.splitlines() if "expenditure" in line or "billion" in line]
    assert len(lines) >= 3
    tokens = {t for line in lines for t in line.split()}
    assert tokens <= words, tokens - words


# --- tables, figures, warnings ---------------------------------------------------------------


def test_long_table_splits_with_repeated_header(files):
    deck = samples.long_table_deck()
    path = _write(files, "table.pdf", render(deck, default_theme(), _assets(files["drawing"]), WHEN)[0])
    pages = page_texts(path)
    first = next(i for i, p in enumerate(pages) if re.search(r"第\s*1\s*行", p))
    last = next(i for i, p in enumerate(pages) if re.search(r"第\s*90\s*行", p))
    assert last > first
    for p in pages[first:last + 1]:
        assert "行名" in p and "说明文字" in p and "数值" in p
    assert "表 1" in pages[first]


def test_missing_chart_drawing_gives_placeholder_and_warning(files):
    data, diags = render(samples.sample_deck(), default_theme(), {}, WHEN)
    assert [d.code for d in diags] == ["pdf-chart-missing"]
    assert diags[0].severity is Severity.WARNING and "capex" in diags[0].message
    text = pdftotext(_write(files, "missing.pdf", data))
    assert text.count("2025 年资本支出指引") >= 2  # figure caption and placeholder


def test_unreadable_drawing_and_image_warn(files):
    bad = files["dir"] / "bad.pdf"
    bad.write_text("%PDF-1.7 <<not closed")
    broken = files["dir"] / "broken.png"
    broken.write_bytes(b"not a png")
    data, diags = render(samples.sample_deck(broken), default_theme(), _assets(bad), WHEN)
    assert sorted(d.code for d in diags) == ["pdf-chart-unreadable", "pdf-image-unreadable"]
    assert data.startswith(b"%PDF-")


@pytest.mark.parametrize("drawing, why", [
    ("a file without this user's seal", "not sealed by deckbuild for this user (a file it did not write)"),
    ("two pages", "2 pages, not one"),
    ("not a PDF", "not a PDF that can be read"),
    ("an empty page", "a page that is empty or does not start at 0, 0"),
    ("a box not at the origin", "a page that is empty or does not start at 0, 0"),
    ("a property list", "resources a drawing does not use (/Properties)"),
    ("a PostScript XObject", "more than a drawing (XObject /X0 that is not a form)"),
    ("an image", "more than a drawing (XObject /X0 that is not a form)"),
    ("a form with resources", "more than a drawing (resources within resources)"),
    ("a form that draws itself", "more than a drawing (a form, glyph or pattern that uses 'Do')"),
    ("a glyph that draws a form", "more than a drawing (a form, glyph or pattern that uses 'Do')"),
    ("a pattern that paints a pattern", "more than a drawing (a form, glyph or pattern that uses 'cs' with a "
                                        "named colour space)"),
    ("a form that refers to a file", "more than a drawing (/Ref)"),
    ("an action with no type", "more than a drawing (an action)"),
    ("a script", "more than a drawing (/Catalog)"),
    ("a content stream that inflates to 65 MB", "streams that decode to more than 64 MB"),
    ("glyphs that inflate to 70 MB", "streams that decode to more than 64 MB"),
    ("a glyph that inflates to 2 MB", "more than a drawing (a form, glyph or pattern that decodes to more than 1 MB)"),
    ("a page content of 17 MB", "a page whose content decodes to more than 16 MB"),
    ("a stream in hex", "a stream compressed with /ASCIIHexDecode (a drawing's are Flate-compressed or plain)"),
    ("a stream compressed twice", "a stream compressed with /FlateDecode /FlateDecode (a drawing's are "
                                  "Flate-compressed or plain)"),
    ("a stream that does not decompress", "a stream that does not decompress"),
    ("a stream with another after its end", "a stream with data after its end"),
    ("a page content listed twice", "a page whose content is not a list of streams, each once"),
    ("an inline image", "more than a drawing (an inline image)"),
    ("a cross-reference stream", "a cross-reference stream, not a table"),
    ("an earlier revision", "a trailer with /Prev"),
    ("a file of 33 MB", "a file of more than 32 MB"),
])
def test_a_chart_drawing_the_report_cannot_place_gives_a_placeholder(drawing, why, files):
    """The report takes a chart's drawing from the cache, which anyone with the project can
    write to: a file that is not one page at 0, 0, or holds more than a drawing uses (resources
    of another kind, a PostScript XObject, a form that draws itself, resources that lead to a
    catalogue with a script), is shown as a placeholder, with a
    warning that says why (the same words each time)."""
    import pikepdf

    path = files["dir"] / f"drawing-{drawing.replace(' ', '-')}.pdf"
    if drawing == "not a PDF":
        path.write_bytes(b"%PDF-1.4 no more")
    else:
        pdf = pikepdf.new()
        for _ in range(2 if drawing == "two pages" else 1):
            pdf.add_blank_page(page_size=(200, 100))
        page = pdf.pages[0].obj
        if drawing == "an empty page":
            page.MediaBox = pikepdf.Array([0, 0, 200, 0])
        elif drawing == "a box not at the origin":
            page.MediaBox = pikepdf.Array([-50, 0, 150, 100])
        elif drawing == "a property list":
            page.Resources = pikepdf.Dictionary(Properties=pikepdf.Dictionary())
        elif drawing == "a PostScript XObject":
            ps = pdf.make_stream(b"showpage", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.PS)
            page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X0=ps))
        elif drawing == "an image":
            image = pdf.make_stream(b"\0", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1,
                                    Height=1, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray)
            page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X0=image))
        elif drawing in ("a form with resources", "a form that draws itself", "a form that refers to a file"):
            # without resources of its own, a form looks names up in its caller's: it could call itself
            form = pdf.make_stream(b"0 0 m 1 1 l S" if drawing != "a form that draws itself" else b"/F0 Do /F0 Do",
                                   Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                   BBox=pikepdf.Array([0, 0, 10, 10]))
            if drawing == "a form with resources":
                form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F0=form))
            if drawing == "a form that refers to a file":
                form.Ref = pikepdf.Dictionary(F=pikepdf.Dictionary(FS=pikepdf.Name.URL, F="http://example.com/x.pdf"),
                                              Page=0)
            page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F0=form))
        elif drawing == "a glyph that draws a form":
            form = pdf.make_stream(b"0 0 m 1 1 l S", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                   BBox=pikepdf.Array([0, 0, 10, 10]))
            glyph = pdf.make_stream(b"500 0 d0 /F0 Do")
            font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FirstChar=65, LastChar=65,
                                      CharProcs=pikepdf.Dictionary(a=glyph), FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
                                      FontBBox=[0, 0, 500, 500], Widths=[500],
                                      Encoding=pikepdf.Dictionary(Differences=[65, pikepdf.Name.a]))
            page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(T0=font),
                                                XObject=pikepdf.Dictionary(F0=form))
        elif drawing == "a pattern that paints a pattern":
            tile = pdf.make_stream(b"/Pattern cs /P0 scn 0 0 10 10 re f", PatternType=1, PaintType=1, TilingType=1,
                                   BBox=[0, 0, 10, 10], XStep=10, YStep=10)
            page.Resources = pikepdf.Dictionary(Pattern=pikepdf.Dictionary(P0=tile))
        elif drawing == "an action with no type":
            launch = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Launch, Win=pikepdf.Dictionary()))
            page.Resources = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(G0=pikepdf.Dictionary(CA=1, X=launch)))
        elif drawing == "a script":
            pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)"))
            page.Resources = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(G0=pdf.make_indirect(
                pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, CA=1, Doc=pdf.Root))))
        elif drawing == "a content stream that inflates to 65 MB":  # 65 kB on disk
            page.Contents = pdf.make_stream(b"")
            page.Contents.write(zlib.compress(b" " * (65 << 20), 9), filter=pikepdf.Name.FlateDecode)
        elif drawing in ("glyphs that inflate to 70 MB", "a glyph that inflates to 2 MB"):
            # seventy of 1 MB, each within the limit of one; or one of 2 MB
            sizes = [1 << 20] * 70 if drawing.startswith("glyphs") else [2 << 20]
            glyphs = {}
            for k, size in enumerate(sizes):
                glyphs[f"/g{k}"] = pdf.make_stream(b"")
                glyphs[f"/g{k}"].write(zlib.compress(b"500 0 d0" + b" " * (size - 8), 9),
                                       filter=pikepdf.Name.FlateDecode)
            font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FirstChar=1,
                                      LastChar=len(sizes), CharProcs=pikepdf.Dictionary(glyphs),
                                      FontMatrix=[0.001, 0, 0, 0.001, 0, 0], FontBBox=[0, 0, 500, 500],
                                      Widths=[500] * len(sizes),
                                      Encoding=pikepdf.Dictionary(Differences=[1, *map(pikepdf.Name, glyphs)]))
            page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(T0=font))
        elif drawing == "a page content of 17 MB":  # in two streams of 8.5 MB
            parts = []
            for _ in range(2):
                parts.append(pdf.make_stream(b""))
                parts[-1].write(zlib.compress(b" " * (17 << 19), 9), filter=pikepdf.Name.FlateDecode)
            page.Contents = pikepdf.Array(parts)
        elif drawing == "a stream compressed twice":
            page.Contents = pdf.make_stream(b"")
            page.Contents.write(zlib.compress(zlib.compress(b"0 0 m 1 1 l S")),
                                filter=pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode]))
        elif drawing == "a page content listed twice":  # drawn twice: 1 MB counted once would be 2
            part = pdf.make_stream(b"0 0 m 1 1 l S " * 1000)
            page.Contents = pikepdf.Array([part, part])
        elif drawing == "an inline image":
            page.Contents = pdf.make_stream(b"q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q")
        elif drawing == "a stream in hex":
            page.Contents = pdf.make_stream(b"")
            page.Contents.write(b"30203020>", filter=pikepdf.Name.ASCIIHexDecode)
        elif drawing == "a stream with another after its end":  # which some readers would inflate too
            page.Contents = pdf.make_stream(b"")
            page.Contents.write(zlib.compress(b"0 0 m 1 1 l S") + zlib.compress(b" " * (1 << 20)),
                                filter=pikepdf.Name.FlateDecode)
        elif drawing == "a stream that does not decompress":
            page.Contents = pdf.make_stream(b"")
            page.Contents.write(b"not zlib data", filter=pikepdf.Name.FlateDecode)
        if drawing == "a cross-reference stream":  # its objects in object streams, which open inflated
            pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        else:
            pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)  # as written
        if drawing == "an earlier revision":  # (the name written with an escape, as a PDF may)
            path.write_bytes(path.read_bytes().replace(b"/Root", b"/Pr#65v 9 /Root"))
        elif drawing == "a file of 33 MB":
            path.write_bytes(path.read_bytes() + b"%" * (33 << 20))
    if drawing != "a file without this user's seal":  # the checks behind the seal, for a sealed file
        path.write_bytes(seal(path.read_bytes(), path.name))
    data, diags = render(samples.sample_deck(), default_theme(),
                         {samples.CAPEX.digest: ChartAssets(pdf=path)}, WHEN)
    assert [d.code for d in diags] == ["pdf-chart-unreadable"]
    assert f"cannot read its drawing {path.name} ({why})" in diags[0].message
    assert pdftotext(_write(files, f"placeholder-{path.name}", data)).count("2025 年资本支出指引") >= 2
    assert b"JavaScript" not in data and b"app.alert" not in data


@pytest.mark.parametrize("drawing", ["an array that holds itself", "BI in a comment and a name"])
def test_a_chart_drawing_with_odd_but_harmless_parts_is_placed(drawing, files):
    """What looks odd and does no harm is taken, and taken at once: a graphics state whose array
    holds itself (followed round and round before, it hung the build), the letters BI in the
    page's content that begin no inline image."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    page = pdf.pages[0].obj
    if drawing == "an array that holds itself":
        loop = pdf.make_indirect(pikepdf.Array([1]))
        loop.append(loop)
        page.Resources = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(G0=pikepdf.Dictionary(CA=1, X=loop)))
    else:
        page.Contents = pdf.make_stream(b"% BI is not an image here\n/BI2 gs 0 0 m 1 1 l S")
    path = files["dir"] / f"odd-{drawing.replace(' ', '-')}.pdf"
    pdf.save(path)
    path.write_bytes(seal(path.read_bytes(), path.name))
    data, diags = render(samples.sample_deck(), default_theme(), {samples.CAPEX.digest: ChartAssets(pdf=path)}, WHEN)
    assert diags == []
    assert data.startswith(b"%PDF-")


def test_a_report_laid_out_before_its_chart_is_drawn_takes_it_when_it_ends(files, tmp_path):
    """A chart still being drawn takes its place at the size its drawing will have; the report
    reads the file when it ends, and is the report made with the file there from the start. A
    drawing of another size than it was laid out at is an error, not a misplaced chart."""
    from deckbuild.charts.cache import REPORT_SIZE
    from deckbuild.charts.report_drawing import drawing_pdf
    from deckbuild.render.pdf.writer import lay_out

    theme = default_theme()
    drawing = seal(drawing_pdf(samples.CAPEX, theme.for_report()), "capex.pdf")
    ready = tmp_path / "ready" / "capex.pdf"
    ready.parent.mkdir()
    ready.write_bytes(drawing)
    made, _ = render(samples.sample_deck(), theme, {samples.CAPEX.digest: ChartAssets(pdf=ready)}, WHEN)
    for size, good in ((REPORT_SIZE, True), ((REPORT_SIZE[0], REPORT_SIZE[1] + 10), False)):
        coming = tmp_path / f"coming-{good}" / "capex.pdf"
        coming.parent.mkdir()
        report = lay_out(samples.sample_deck(), theme,
                         {samples.CAPEX.digest: ChartAssets(pdf=coming, size=size)}, WHEN)
        coming.write_bytes(drawing)  # drawn while the report was laid out
        if good:
            assert report.finish()[0] == made
        else:
            with pytest.raises(ValueError, match="laid out as"):
                report.finish()


def test_the_same_chart_twice_is_one_form_drawn_twice(files):
    """Two slides showing the same chart share one form in the file."""
    import pikepdf

    deck = samples.sample_deck()
    chart_slide = next(s for s in deck.slides if getattr(s.content, "chart", None) is not None)
    twice = replace(deck, slides=(*deck.slides, replace(chart_slide, id="again")))
    path = _write(files, "twice.pdf", render(twice, default_theme(), _assets(files["drawing"]), WHEN)[0])
    with pikepdf.open(path) as pdf:
        forms = {x.objgen for page in pdf.pages for _, x in page.obj.Resources.get("/XObject", {}).items()
                 if x.get("/Subtype") == "/Form"}
        drawn = sum(page.obj.Contents.read_bytes().count(b"/FormXob.chart-") if "/Contents" in page.obj else 0
                    for page in pdf.pages)
    assert len(forms) == 1 and drawn == 2


def test_a_paragraph_wrapped_again_keeps_its_lines():
    """The pagination measures a paragraph several times before the frame places it, and a
    split that fails (not enough room) sends it whole to the next page. reportlab wrapping a
    paragraph again breaks the pieces of its last wrap instead of its text: with embedded
    hyphenation a line ending at a word's own hyphen was measured anew (the stats panel's
    'click-through rate' label drawn off centre) and words ran together ('year-overyear').
    However it was wrapped before, a wrap at a width gives the lines of a first wrap."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    from deckbuild.render.pdf.wrap import paragraph

    def lines(p) -> list[tuple[str, float]]:
        return [(" ".join(w.text for w in line.words), round(line.extraSpace, 2)) for line in p.blPara.lines]

    label = ParagraphStyle("label", fontName="Helvetica", fontSize=9, leading=11, alignment=TA_CENTER,
                           hyphenationLang="en_US", embeddedHyphenation=1, uriWasteReduce=0)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11, hyphenationLang="en_US",
                          embeddedHyphenation=1, uriWasteReduce=0, allowWidows=0, allowOrphans=0)
    prose = ("<b>Ben</b> &amp; The state-of-the-art click-through rate of well-known long-running campaigns "
             "rose year-over-year, while cost-per-acquisition and return-on-investment figures were broadly "
             "unchanged.")
    cases = [(label, "Ben &amp; Jerry’s link click-through rate", 105.8)]
    cases += [(body, prose, float(w)) for w in range(60, 240, 7)]
    for style, text, width in cases:
        first = paragraph(text, style)
        first.wrap(width, 1e6)
        want = lines(first)
        again = paragraph(text, style)
        again.wrap(width, 1e6)
        again.wrap(width, 1e6)  # at the same width
        assert lines(again) == want, width
        again.wrap(width * 2, 1e6)  # at another width, and back
        again.wrap(width, 1e6)
        assert lines(again) == want, width
        again.split(width, 5)  # a split that fails: the paragraph goes on whole
        assert again.wrap(width, 1e6) == first.wrap(width, 1e6) and lines(again) == want, width
    tiny = paragraph("Some words", label)
    tiny.wrap(105.8, 500)
    assert tiny.wrap(1e-9, 500) == tiny.wrap(1e-9, 500) == (0, 0x7FFFFFFF)  # too narrow, every time


# --- helpers ------------------------------------------------------------------------------


def _english_deck(bullets, report=()) -> Deck:
    src = Source("src", 1, "A source", "Publisher", "2025-08-01", "https://example.com/src")
    slides = (
        Slide(SlideKind.SECTION, 1, R("Part one"), SectionContent(1)),
        Slide(SlideKind.BULLETS, 2, R("The bet"), BulletsContent(bullets), report=report, sources=(src,)),
    )
    return Deck(name="en", title="An English report", language="en-US", slides=slides, author="Team",
                sources=(src,))


def test_an_english_table_measures_chinese_cells_in_the_face_that_sets_them(files):
    """An English report's text face has no Chinese: a column of Chinese names is measured in
    the theme's family, which sets it, so it gets the width it needs and each name stays on
    one line (measured in the Latin face, whose missing glyph is narrower, they wrapped)."""
    from deckbuild.model.deck import Table, TableContent

    names = ["甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉", "东南西北中前后左右上"]
    long = "A note on the row that runs on for a while, so that the table needs all its width. " * 3
    table = Table((R("Name"), R("Note")), tuple((R(n), R(long)) for n in names))
    deck = _english_deck((Bullet(R("one")),))
    deck = replace(deck, slides=(*deck.slides, Slide(SlideKind.TABLE, 3, R("People"), TableContent(table))))
    text = pdftotext(_write(files, "en-table.pdf", render(deck, default_theme(), {}, WHEN)[0]), "-layout")
    for name in names:
        assert name in text, (name, text)


def test_an_english_stats_row_sizes_chinese_values_in_the_face_that_sets_them(files):
    """Four figures in a row, each a Chinese amount: the row's type size is chosen with the
    values measured as they are set, so each value stays on one line."""
    from deckbuild.model.deck import Stat, StatsContent

    values = ["七百二十亿美元", "六百六十亿美元", "一千四百亿美元", "三千二百亿美元"]
    stats = StatsContent(tuple(Stat(v, R(f"Figure {k}")) for k, v in enumerate(values, 1)))
    deck = _english_deck((Bullet(R("one")),))
    deck = replace(deck, slides=(*deck.slides, Slide(SlideKind.STATS, 3, R("Figures"), stats)))
    text = pdftotext(_write(files, "en-stats.pdf", render(deck, default_theme(), {}, WHEN)[0]), "-layout")
    for value in values:
        assert value in text, (value, text)


@pytest.mark.parametrize("token", ["2025年", "1,280億円", "18–24 か月", "660亿美元", "10 GW", "3.5%"])
def test_the_report_keeps_a_number_with_its_unit(token):
    """As the slides do (``linebreak.keeps_unit``): at no width does a report line end inside
    '1,280億円' or '18–24 か月' (the report split '1,280' | '億円' and '2025' | '年')."""
    text = list("い" * 7 + f"売上は{token}、投資回収は{token}です。")
    widths = [5.5 if c.isascii() and c != " " else 3.0 if c == " " else 10.0 for c in text]
    need = sum(w for c, w in zip(text, widths) if c in token) / 2 + 10  # the token and a comma fit on a line
    for max_width in range(int(need) + 1, 200, 3):
        lines = break_glyphs(text, widths, [float(max_width)])
        shown = ["".join(text[s:e]).strip() for s, e in lines]
        assert sum(line.count(token) for line in shown) == 2, (max_width, shown)


def test_no_stranded_single_glyph_on_a_last_line():
    from deckbuild.render.pdf.wrap import break_glyphs

    text = list("一二三四五六七八九十甲")  # ten fit on a line: "甲" would stand alone
    lines = break_glyphs(text, [1.0] * len(text), [10.0])
    assert [e - s for s, e in lines] == [9, 2]
    text = list("一二三四五六七八九十甲。")  # closing punctuation stays with its glyph
    lines = break_glyphs(text, [1.0] * len(text), [10.0])
    assert ["".join(text[s:e]) for s, e in lines] == ["一二三四五六七八九", "十甲。"]


@pytest.mark.parametrize("subtitle, caption, expected", [
    ("公司指引区间，大部分投向 AI 基础设施", "公司指引区间", "公司指引区间，大部分投向 AI 基础设施 [1]"),
    ("公司指引区间", "公司指引区间，大部分投向 AI 基础设施", "公司指引区间，大部分投向 AI 基础设施 [1]"),
    ("数千个加速器", "其余为推算", "数千个加速器 · 其余为推算 [1]"),
])
def test_figure_caption_says_subtitle_and_caption_once(files, subtitle, caption, expected):
    chart = replace(samples.CAPEX, subtitle=subtitle)
    deck = samples.sample_deck()
    slides = tuple(replace(s, content=replace(s.content, chart=chart, caption=R(caption)))
                   if s.kind is SlideKind.CHART else s for s in deck.slides)
    data = render(replace(deck, slides=slides), default_theme(), _assets(files["drawing"]), WHEN)[0]
    text = pdftotext(_write(files, "caption.pdf", data))
    line = next(s for s in text.splitlines() if s.startswith(expected[:5]) and "[1]" in s)
    assert line.strip() == expected


def test_a_caption_equal_to_the_subtitle_is_said_once(files):
    chart = replace(samples.CAPEX, subtitle="Europe")
    deck = samples.sample_deck()
    # a caption that says the subtitle (or the other way round) leaves only the longer one
    for caption, expected in (("Europe", "Europe [1]"), ("Sales in Europe grew", "Sales in Europe grew [1]"),
                              ("Sales grew", "Europe · Sales grew [1]")):
        slides = tuple(replace(s, content=replace(s.content, chart=chart, caption=R(caption)))
                       if s.kind is SlideKind.CHART else s for s in deck.slides)
        data = render(replace(deck, slides=slides), default_theme(), _assets(files["drawing"]), WHEN)[0]
        text = pdftotext(_write(files, "caption-same.pdf", data))
        assert expected in text and "Europe · Sales in Europe" not in text, text


# --- pagination ------------------------------------------------------------------------------

_FILLER = ("The company guided to capital expenditure of sixty-six to seventy-two billion dollars, "
           "most of it for data centres, chips and the networks between them. ")


def test_a_figure_that_does_not_fit_floats_to_the_next_page(files):
    """Text after a figure fills the page the figure did not fit on; the figure opens the next page
    (its subsection's heading and first paragraph stay where they were)."""
    import pdf_pages
    from deckbuild.model.deck import ImageContent

    deck = _english_deck((Bullet(R("one")),), report=tuple(R(_FILLER * 4) for _ in range(5)))
    image = Slide(SlideKind.IMAGE, 3, R("A picture"), ImageContent(files["png"], "A grey picture", R("Grey")),
                  report=(R(_FILLER * 2), R(_FILLER * 5), R(_FILLER * 5)))
    after = Slide(SlideKind.BULLETS, 4, R("After the picture"), BulletsContent((Bullet(R("two")),)),
                  report=tuple(R(_FILLER * 3) for _ in range(4)))
    deck = replace(deck, slides=deck.slides + (image, after))
    path = _write(files, "float.pdf", render(deck, default_theme(), {}, WHEN)[0])
    theme = default_theme().for_report()
    pages = pdf_pages.read(path)
    m = theme.page.margin
    area = pdf_pages.Area(m, m, pages[0].height - m, theme.page.body_size, theme.page.body_size * theme.page.leading)
    at = next(p for p in pages if any(ln.text.startswith("Figure 1") for ln in p.lines))
    before = pages[at.number - 2]
    lines = area.lines(at)
    assert lines[0].text.startswith("Figure 1"), [ln.text for ln in lines[:3]]
    texts = [ln.text for ln in area.lines(before)]
    assert any(t.startswith("1.2") and "A picture" in t for t in texts)  # its heading stayed behind
    assert any(t.startswith("1.3") and "After the picture" in t for t in texts)  # the text after it came up
    assert area.lines(before)[-1].y < area.bottom + 3 * area.leading  # the page is full


def test_the_cover_title_is_balanced(files):
    """A two-line title has lines of even length: no word alone on the second (at the full width it
    breaks as 'The superintelligence bet of' / 'Meta')."""
    import pdf_pages

    deck = replace(_english_deck((Bullet(R("one")),)), title="The superintelligence bet of Meta")
    path = _write(files, "cover.pdf", render(deck, default_theme(), {}, WHEN)[0])
    cover = pdf_pages.read(path)[0]
    title = [ln for ln in cover.lines if ln.bold and ln.size > 20]
    assert [ln.text for ln in title] == ["The superintelligence", "bet of Meta"]


def test_the_report_does_not_depend_on_its_drawings_file_names(files, sample):
    """A drawing's file is named by the chart's digest, which also stands for the version of
    the code that drew it (its files' stamps): two copies of one release must make the same
    report, so the forms are numbered, not named after the file."""
    from deckbuild.seal import unseal

    other = files["dir"] / ("f" * 64 + ".pdf")  # the same drawing, kept under another name
    other.write_bytes(seal(unseal(files["drawing"].read_bytes(), files["drawing"].name), other.name))
    again, _ = render(samples.sample_deck(files["png"]), default_theme(), _assets(other), WHEN)
    assert again == sample[1] and b"/FormXob.chart-1 " in again
