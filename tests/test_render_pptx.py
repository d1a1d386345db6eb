"""The PowerPoint renderer, checked on the sample deck (every slide kind, in Chinese)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from clients import libreoffice_to_pdf
from conftest import require_tool
from deckbuild.charts.assets import ChartAssets
from deckbuild.cjk import close_latin_gap
from deckbuild.model.deck import Bullet, BulletsContent, ChartContent, ChartKind, Deck, Rich, Slide, SlideKind, Span
from deckbuild.model.theme import default_theme
from deckbuild.render.pptx import writer as renderer
from deckbuild.render.pptx.chart import shape as pptx_chart
from samples import CAPEX, SRC, sample_deck

WHEN = dt.datetime(2025, 8, 1, 9, 30, tzinfo=dt.timezone.utc)
THEME = default_theme()
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def make_png(path: Path, size=(800, 500)) -> Path:
    from PIL import Image

    Image.new("RGB", size, "#DDE4EE").save(path)
    return path


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> Path:
    return make_png(tmp_path_factory.mktemp("img") / "glasses.png")


@pytest.fixture(scope="module")
def deck(image) -> Deck:
    return sample_deck(image)


@pytest.fixture(scope="module")
def rendered(deck) -> tuple[bytes, list]:
    return renderer.render(deck, THEME, {}, WHEN)


@pytest.fixture(scope="module")
def prs(rendered):
    return Presentation(io.BytesIO(rendered[0]))


def slide_of(prs, deck, kind: SlideKind):
    index = next(i for i, s in enumerate(deck.slides) if s.kind is kind)
    return prs.slides[index], deck.slides[index]


def named(slide, name: str):
    return [sh for sh in slide.shapes if sh.name == name]


def small_deck(*slides: Slide, language: str = "en") -> Deck:
    return Deck(name="t", title="T", language=language, slides=tuple(slides), author="Me")


# --- structure ---------------------------------------------------------------------------------


def test_sample_covers_every_kind_and_renders_without_warnings(deck, rendered):
    assert {s.kind for s in deck.slides} == set(SlideKind)
    assert rendered[1] == []


def test_sixteen_by_nine_at_theme_size(prs):
    assert (prs.slide_width, prs.slide_height) == (Pt(960), Pt(540))


def test_slide_size_is_not_marked_four_by_three(rendered):
    xml = zipfile.ZipFile(io.BytesIO(rendered[0])).read("ppt/presentation.xml").decode()
    size = re.search(r"<p:sldSz [^>]*>", xml).group(0)
    assert "screen4x3" not in size and 'cx="12192000"' in size and 'cy="6858000"' in size


def test_one_slide_per_model_slide_with_title_in_title_placeholder(prs, deck):
    assert len(prs.slides) == len(deck.slides)
    for so, slide in zip(prs.slides, deck.slides):
        title = so.shapes.title
        assert title is not None, slide.kind
        assert title.is_placeholder
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text == close_latin_gap(slide.title.plain)  # the deck's CJK/Latin rule


def test_shapes_stay_inside_the_margins(prs, deck):
    m = Pt(THEME.slide.margin) - 2
    for so, slide in zip(prs.slides, deck.slides):
        for sh in so.shapes:
            if sh.name == "Band":  # the section slide's edge band is meant to bleed
                continue
            assert sh.left >= m and sh.top >= Pt(THEME.slide.margin * 0.5), (slide.kind, sh.name)
            assert sh.left + sh.width <= prs.slide_width - m, (slide.kind, sh.name)
            assert sh.top + sh.height <= prs.slide_height - Pt(8), (slide.kind, sh.name)


def test_title_slide_has_subtitle_author_and_date(prs, deck):
    so, _ = slide_of(prs, deck, SlideKind.TITLE)
    texts = [sh.text_frame.text for sh in so.shapes if sh.has_text_frame]
    assert "高风险、高回报" in texts
    assert "分析组" in texts  # the byline; the date in the layout's date placeholder, gaps closed
    (date,) = [sh for sh in so.placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.DATE]
    assert date.name == "Date" and date.text_frame.text == "2025年8月1日"
    subtitle = [sh for sh in so.placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE]
    assert subtitle and subtitle[0].text_frame.text == "高风险、高回报"


def test_section_shows_big_number_and_title(prs, deck):
    so, _ = slide_of(prs, deck, SlideKind.SECTION)
    texts = [sh.text_frame.text for sh in so.shapes if sh.has_text_frame]
    assert "01" in texts and "从元宇宙到超级智能" in texts


# --- text ----------------------------------------------------------------------------------------


def test_bullets_have_real_paragraph_levels(prs, deck):
    so, _ = slide_of(prs, deck, SlideKind.BULLETS)
    body = [sh for sh in so.placeholders if sh.placeholder_format.idx == 1][0]
    paras = [(p.level, "".join(r.text for r in p.runs)) for p in body.text_frame.paragraphs]
    assert [lv for lv, _ in paras] == [0, 0, 1, 2, 1, 0]
    assert paras[3] == (2, "千兆瓦级")


def test_inline_bold_and_markup_characters_come_out_literally(prs, deck):
    so, _ = slide_of(prs, deck, SlideKind.BULLETS)
    body = [sh for sh in so.placeholders if sh.placeholder_format.idx == 1][0]
    runs = [r for p in body.text_frame.paragraphs for r in p.runs]
    bold = [r.text for r in runs if r.font.bold]
    assert bold == ["660–720亿美元"]  # no space between CJK and Latin text in the deck (docs/fonts.md)
    assert "文字 <b>不是</b> 标记 & 也不是 <font> 标签" in body.text_frame.text


def test_italic_and_hyperlink_spans():
    rich = Rich((Span("plain "), Span("slanted", italic=True), Span(" see "),
                 Span("this", href="https://example.com/?a=1&b=<2>")))
    deck = small_deck(Slide(SlideKind.BULLETS, 1, Rich.of("Links"), BulletsContent((Bullet(rich),))))
    data, warnings = renderer.render(deck, THEME, {}, WHEN)
    so = Presentation(io.BytesIO(data)).slides[0]
    runs = {r.text: r for sh in so.placeholders if sh.placeholder_format.idx == 1
            for p in sh.text_frame.paragraphs for r in p.runs}
    assert runs["slanted"].font.italic and not runs["plain "].font.italic
    assert runs["this"].hyperlink.address == "https://example.com/?a=1&b=<2>"
    assert runs["plain "].hyperlink.address is None


def test_every_run_has_size_language_and_east_asian_font(rendered, deck):
    """a:ea is what makes PowerPoint and LibreOffice use the theme font for Chinese."""
    z = zipfile.ZipFile(io.BytesIO(rendered[0]))
    parts = [n for n in z.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)]
    assert len(parts) == 2 * len(deck.slides)
    chinese = 0
    for name in parts:
        root = etree.fromstring(z.read(name))
        for run in (*root.iter(f"{A}r"), *root.iter(f"{A}fld")):
            rpr = run.find(f"{A}rPr")
            assert rpr is not None, name
            assert rpr.get("sz"), (name, run.findtext(f"{A}t"))
            assert rpr.get("lang") == "zh-CN"
            fonts = [el.tag.replace(A, "") for el in rpr if el.tag in (f"{A}latin", f"{A}ea", f"{A}cs")]
            assert fonts == ["latin", "ea", "cs"], name  # present, in schema order
            children = [el.tag.replace(A, "") for el in rpr]
            if "hlinkClick" in children:
                assert children.index("hlinkClick") > children.index("cs")
            faces = {tag: rpr.find(f"{A}{tag}").get("typeface") for tag in ("latin", "ea", "cs")}
            assert faces == {"latin": "Calibri", "ea": "Microsoft YaHei", "cs": "Calibri"}, name  # fonts Office ships
            if CJK.search(run.findtext(f"{A}t") or ""):
                chinese += 1
    assert chinese > 30


def test_speaker_notes(prs, deck):
    for so, slide in zip(prs.slides, deck.slides):
        assert so.has_notes_slide
        assert so.notes_slide.notes_text_frame.text == "\n".join(slide.notes)


def test_slide_numbers_everywhere_but_the_title_slide(prs, rendered):
    for i, so in enumerate(prs.slides, 1):
        numbers = named(so, "Slide number")
        if i == 1:
            assert numbers == []
        else:
            assert len(numbers) == 1 and numbers[0].text_frame.text == str(i)
            assert b'type="slidenum"' in etree.tostring(numbers[0]._element)


def test_source_line_on_slides_that_cite_sources(prs, deck):
    for so, slide in zip(prs.slides, deck.slides):
        lines = named(so, "Sources")
        cited = bool(slide.sources) or (isinstance(slide.content, ChartContent) and slide.content.chart.sources)
        if not cited:
            assert lines == []
            continue
        text = lines[0].text_frame.text
        assert text.startswith("来源")
        assert "[1] Meta的高风险豪赌 — 科技评论" in text
        links = [r.hyperlink.address for p in lines[0].text_frame.paragraphs for r in p.runs if r.hyperlink.address]
        assert links == [SRC.url]


def test_source_label_follows_language():
    deck = small_deck(Slide(SlideKind.BULLETS, 1, Rich.of("Cited"), BulletsContent((Bullet(Rich.of("x")),)),
                            sources=(SRC,)))
    so = Presentation(io.BytesIO(renderer.render(deck, THEME, {}, WHEN)[0])).slides[0]
    assert named(so, "Sources")[0].text_frame.text.startswith("Source: [1] ")
    relabelled = replace(deck, labels={"source": "Quelle"})
    so = Presentation(io.BytesIO(renderer.render(relabelled, THEME, {}, WHEN)[0])).slides[0]
    assert named(so, "Sources")[0].text_frame.text.startswith("Quelle: [1] ")


def test_long_text_shrinks_within_the_theme_range_and_warns_past_it():
    words = "资本支出大部分投向人工智能基础设施与超大规模数据中心" * 2
    bullets = BulletsContent(tuple(Bullet(Rich.of(words)) for _ in range(7)))
    fits = small_deck(Slide(SlideKind.BULLETS, 1, Rich.of("T"), bullets),
                      language="zh-CN")
    data, warnings = renderer.render(fits, THEME, {}, WHEN)
    assert warnings == []
    sizes = {r.font.size.pt for sh in Presentation(io.BytesIO(data)).slides[0].shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs if r.text == words}
    assert sizes and all(THEME.slide.body_min <= s < THEME.slide.body_size for s in sizes)
    too_long = replace(fits, slides=(replace(fits.slides[0], content=BulletsContent(
        tuple(Bullet(Rich.of(words * 3)) for _ in range(8)))),))
    data, warnings = renderer.render(too_long, THEME, {}, WHEN)
    assert [w.code for w in warnings] == ["overflow"]
    assert warnings[0].message == 'slide 1 "T": bullet text fits only at 11.5 pt, below body_min 14; shorten it'


# --- tables, charts, stats, images ------------------------------------------------------------------


def test_table_is_a_real_table_with_styled_header_and_stripes(prs, deck):
    so, slide = slide_of(prs, deck, SlideKind.TABLE)
    frames = [sh for sh in so.shapes if sh.has_table]
    assert len(frames) == 1
    table = frames[0].table
    model = slide.content.table
    assert len(table.rows) == 1 + len(model.rows) and len(table.columns) == 3
    assert [c.text for c in table.rows[0].cells] == ["战略", "进展", "评价"]
    assert [c.text for c in table.rows[2].cells] == [close_latin_gap(r.plain) for r in model.rows[1]]
    assert table.cell(2, 0).text == "战略2"
    assert table.first_row
    header = table.cell(0, 0)
    assert str(header.fill.fore_color.rgb) == THEME.colors.primary.lstrip("#")
    assert all(r.font.bold for p in header.text_frame.paragraphs for r in p.runs)
    fills = [str(table.cell(r, 0).fill.fore_color.rgb) for r in range(1, len(table.rows))]
    surface, background = THEME.colors.surface.lstrip("#"), THEME.colors.background.lstrip("#")
    assert fills == [background, surface, background, surface]


def test_chart_slide_calls_add_chart_with_emu_box(monkeypatch, image):
    calls = []
    real = pptx_chart.add_chart

    def spy(slide, chart, theme, box, png, when):
        assert when == WHEN  # the deck's date stamps the chart's workbook
        calls.append((chart, box, png))
        return real(slide, chart, theme, box, png, when)

    monkeypatch.setattr(pptx_chart, "add_chart", spy)
    deck = small_deck(
        Slide(SlideKind.CHART, 1, Rich.of("Alone"), ChartContent(CAPEX, Rich.of("Caption"))),
        Slide(SlideKind.CHART, 2, Rich.of("With takeaways"), ChartContent(CAPEX, bullets=(Bullet(Rich.of("Up")),))),
        language="zh-CN")
    data, warnings = renderer.render(deck, THEME, {CAPEX.digest: ChartAssets(png=image)}, WHEN)
    assert warnings == []
    (c1, box1, png1), (c2, box2, png2) = calls
    assert c1 is CAPEX and png1 == image and png2 == image
    assert all(isinstance(v, int) for v in box1 + box2)
    content_w = Pt(THEME.slide.width - 2 * THEME.slide.margin)
    assert abs(box1[2] - content_w) < Pt(1)
    assert 0.55 * content_w < box2[2] < 0.65 * content_w
    prs = Presentation(io.BytesIO(data))
    first = {sh.name: sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame}
    assert first["Chart heading"] == "2025年资本支出指引" and first["Caption"] == "Caption"
    assert first["Sources"].startswith("来源")  # the chart's own sources are cited
    assert "Up" in [sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame]


def test_chart_slide_shows_the_chart_title_then_subtitle_and_unit(monkeypatch):
    """The chart draws no title of its own: the line above it gives the chart's title, then its
    subtitle, and its unit only where the drawing does not show it (a pie); the slide's action
    title stays the slide title."""
    monkeypatch.setattr(pptx_chart, "add_chart", lambda *args: None)
    chart = replace(CAPEX, subtitle="公司指引区间")
    deck = small_deck(Slide(SlideKind.CHART, 1, Rich.of("资本支出几乎翻倍"), ChartContent(chart)), language="zh-CN")
    data, warnings = renderer.render(deck, THEME, {}, WHEN)
    assert warnings == []
    (slide,) = Presentation(io.BytesIO(data)).slides
    texts = {sh.name: sh.text_frame.text for sh in slide.shapes if sh.has_text_frame}
    assert texts["Chart heading"] == "2025年资本支出指引 · 公司指引区间"  # the value axis names the unit
    assert slide.shapes.title.text_frame.text == "资本支出几乎翻倍"
    pie = small_deck(Slide(SlideKind.CHART, 1, Rich.of("份额"), ChartContent(replace(chart, kind=ChartKind.PIE))),
                     language="zh-CN")
    (slide,) = Presentation(io.BytesIO(renderer.render(pie, THEME, {}, WHEN)[0])).slides
    texts = {sh.name: sh.text_frame.text for sh in slide.shapes if sh.has_text_frame}
    assert texts["Chart heading"] == "2025年资本支出指引 · 公司指引区间 · 十亿美元"
    assert any(close_latin_gap(CAPEX.title) in text for text in texts.values())


def test_an_overlong_chart_title_is_fitted_and_reported_like_any_text(monkeypatch):
    """The line above the chart is part of the layout: check (``overflows``) and the renderer
    report the same overflow when the chart's title is too long for it."""
    from deckbuild.layout.slides import overflows

    monkeypatch.setattr(pptx_chart, "add_chart", lambda *args: None)
    chart = replace(CAPEX, title="资本支出" * 120)
    deck = small_deck(Slide(SlideKind.CHART, 1, Rich.of("资本支出几乎翻倍"), ChartContent(chart)), language="zh-CN")
    checked = overflows(deck, THEME)
    _, warnings = renderer.render(deck, THEME, {}, WHEN)
    assert [d.code for d in checked] == ["overflow"] and warnings == checked


def test_chart_without_assets_gets_no_png(monkeypatch):
    seen = []
    monkeypatch.setattr(pptx_chart, "add_chart", lambda slide, chart, theme, box, png, when: seen.append(png))
    renderer.render(small_deck(Slide(SlideKind.CHART, 1, Rich.of("C"), ChartContent(CAPEX))), THEME, {}, WHEN)
    assert seen == [None]


def test_stats_are_big_accent_numbers_with_labels(prs, deck):
    so, slide = slide_of(prs, deck, SlideKind.STATS)
    values = named(so, "Stat value")
    assert [v.text_frame.text for v in values] == ["+7%", "−6.5%", "+12%"]
    for v in values:
        run = v.text_frame.paragraphs[0].runs[0]
        assert run.font.size.pt == THEME.slide.stat_size
        assert str(run.font.color.rgb) == THEME.colors.accent.lstrip("#")
    assert [shape.text_frame.text for shape in named(so, "Stat label")] == ["点击率", "单次链接点击成本", "ROAS"]


def test_quote_and_attribution(prs, deck):
    so, _ = slide_of(prs, deck, SlideKind.QUOTE)
    assert named(so, "Quote")[0].text_frame.text == "这就是一场自欺欺人的戏。"
    assert named(so, "Attribution")[0].text_frame.text == "— 竞争对手高管"


def test_image_keeps_aspect_ratio_and_has_alt_text(prs, deck):
    so, _ = slide_of(prs, deck, SlideKind.IMAGE)
    pics = [sh for sh in so.shapes if sh.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pics) == 1
    pic = pics[0]
    assert pic._element.nvPicPr.cNvPr.get("descr") == "一副智能眼镜"
    assert abs(pic.width / pic.height - 800 / 500) < 0.01


def test_missing_image_warns_and_keeps_a_placeholder(tmp_path):
    from deckbuild.model.deck import ImageContent

    deck = small_deck(Slide(SlideKind.IMAGE, 1, Rich.of("Gone"), ImageContent(tmp_path / "nope.png", "alt")))
    data, warnings = renderer.render(deck, THEME, {}, WHEN)
    assert [w.code for w in warnings] == ["pptx-image"]
    assert "alt" in [sh.text_frame.text for sh in Presentation(io.BytesIO(data)).slides[0].shapes if sh.has_text_frame]


def test_closing_bullets(prs, deck):
    so, _ = slide_of(prs, deck, SlideKind.CLOSING)
    body = [sh for sh in so.placeholders if sh.placeholder_format.idx == 1][0]
    assert [p.text for p in body.text_frame.paragraphs] == ["团队、平台、信任", "开放与控制"]


# --- metadata and reproducibility ---------------------------------------------------------------


def test_core_properties(prs, deck):
    cp = prs.core_properties
    naive = WHEN.replace(tzinfo=None)
    assert (cp.title, cp.author, cp.language) == (deck.title, deck.author, deck.language)
    assert cp.created == cp.modified == cp.last_printed == naive
    assert cp.revision == 1


def test_byte_identical_output_and_no_clock(deck, rendered):
    again, _ = renderer.render(deck, THEME, {}, WHEN)
    assert again == rendered[0]
    for info in zipfile.ZipFile(io.BytesIO(again)).infolist():
        assert info.date_time == (2025, 8, 1, 9, 30, 0)
    later, _ = renderer.render(deck, THEME, {}, WHEN + dt.timedelta(days=1))
    assert later != again
    # A naive timestamp is taken as UTC.
    assert renderer.render(deck, THEME, {}, WHEN.replace(tzinfo=None))[0] == again


def test_theme_part_names_the_deck_fonts_office_ships(rendered):
    xml = zipfile.ZipFile(io.BytesIO(rendered[0])).read("ppt/theme/theme1.xml").decode()
    assert xml.count('<a:latin typeface="Calibri"/>') == 2  # major and minor fonts
    assert xml.count('<a:ea typeface="Microsoft YaHei"/>') == 2
    for script, face in (("Hans", "Microsoft YaHei"), ("Hant", "Microsoft JhengHei"), ("Jpan", "Yu Gothic"),
                         ("Hang", "Malgun Gothic")):
        assert xml.count(f'<a:font script="{script}" typeface="{face}"/>') == 2, script


# --- a real client ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_pdf(rendered, tmp_path_factory) -> Path:
    require_tool("soffice")
    out = tmp_path_factory.mktemp("lo")
    pptx = out / "sample.pptx"
    pptx.write_bytes(rendered[0])
    return libreoffice_to_pdf(pptx, out)


def test_libreoffice_opens_it_one_page_per_slide_with_chinese_text(libreoffice_pdf, deck):
    require_tool("pdftotext")
    text = subprocess.run(["pdftotext", "-layout", str(libreoffice_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    assert len(pages) == len(deck.slides)
    squash = [re.sub(r"\s+", "", p) for p in pages]
    for page, slide in zip(squash, deck.slides):
        assert re.sub(r"\s+", "", slide.title.plain) in page
    assert "来源" in squash[2] and "千兆瓦级" in squash[2]
    assert "单次链接点击成本" in squash[7]


def test_libreoffice_draws_with_the_stand_ins_of_office_fonts(libreoffice_pdf):
    """As a recipient without Office has it: Carlito for Calibri, a system CJK font for
    Microsoft YaHei, none of deckbuild's fonts."""
    require_tool("pdffonts")
    fonts = subprocess.run(["pdffonts", str(libreoffice_pdf)], capture_output=True, text=True, check=True).stdout
    assert "Carlito" in fonts and "DroidSansFallback" in fonts
    assert "NotoSansSC" not in fonts
