"""Chart drawings: every kind renders to SVG, PDF and PNG, deterministically, without missing
glyphs or clipped text; the report's drawings are vectors whose words can be found; the cache
renders only what is missing."""

from __future__ import annotations

import subprocess
import warnings
from dataclasses import replace

import pytest

from conftest import require_tool
from deckbuild.charts import style
from deckbuild.charts.cache import DECK_SIZE, REPORT_SIZE, ensure_assets, needs_picture
from deckbuild.charts.export import png_bytes, render_one, svg_bytes
from deckbuild.model.deck import Annotation, Chart, ChartKind, NumberFormat, ReferenceLine, Series
from deckbuild.model.theme import default_theme

# A missing glyph is an error everywhere in this module.
pytestmark = pytest.mark.filterwarnings("error:Glyph .* missing:UserWarning")

THEME = default_theme()
S = Series


def C(name: str, kind: ChartKind, cats, series, **kw) -> Chart:
    import hashlib
    return Chart(name=name, kind=kind, title=kw.pop("title", f"{name} 标题"), categories=tuple(cats),
                 series=tuple(series), alt_text=kw.pop("alt_text", f"{name} 的替代文字"),
                 digest=hashlib.sha256(name.encode()).hexdigest(), **kw)


CHARTS = [
    C("capex", ChartKind.COLUMN, ["2023", "2024", "2025 低", "2025 高"], [S("资本支出", (28.1, 39.2, 66.0, 72.0))],
      unit="十亿美元", highlight="2025 高", reference_line=ReferenceLine(50, "行业均值"),
      annotations=(Annotation("几乎翻倍", category="2025 高"),)),
    C("grouped", ChartKind.COLUMN, ["2023", "2024", "2025"], [S("Meta", (28, 39, 70)), S("微软", (32, 56, 80))],
      unit="十亿美元"),
    C("stacked", ChartKind.COLUMN, ["第一季度", "第二季度", "第三季度"],
      [S("广告", (30, 35, 38)), S("硬件", (3, 4, 2))], stacked=True, legend="top"),
    C("percent", ChartKind.COLUMN, ["2023", "2024"], [S("美国", (45, 44)), S("欧洲", (23, 23)), S("其他", (32, 33))],
      stacked=True, percent=True, number_format=NumberFormat(0, "", "%")),
    C("uplift", ChartKind.COLUMN, ["点击率", "单次点击成本", "ROAS", "视频观看时长"],
      [S("同比变化", (7, -6.5, 12, 20))], number_format=NumberFormat(1, "", "%"), highlight="ROAS"),
    C("share", ChartKind.BAR, ["ChatGPT", "Gemini", "Copilot", "其他"], [S("份额", (60.4, 13.5, 9.1, 17.0))],
      number_format=NumberFormat(1, "", "%"), highlight="Gemini", x_title="助手"),
    C("bar_stacked", ChartKind.BAR, ["北美洲", "欧洲"], [S("2024", (270, 410)), S("2025", (275, 415))],
      stacked=True, legend="right"),
    C("line", ChartKind.LINE, [str(y) for y in range(2016, 2026)],
      [S("Meta", (14, 20, 35, 40, 42, 46, 54, 59, 69, 72)), S("谷歌", (10, 14, 24, 27, 25, 32, 34, 35, 49, 58))],
      unit="十亿美元", reference_line=ReferenceLine(50, "500 亿"),
      annotations=(Annotation("AI 转向", category="2023"),)),
    C("line_one", ChartKind.LINE, ["一月", "二月", "三月", "四月"], [S("日活跃用户", (3.0, 3.1, 3.2, 3.43))],
      number_format=NumberFormat(2, "", "亿"), highlight="四月", log_scale=False),
    C("area", ChartKind.AREA, ["2021", "2022", "2023", "2024"], [S("Facebook", (2.9, 2.96, 3.03, 3.07)),
                                                                  S("Instagram", (1.4, 1.6, 2.0, 2.2))],
      stacked=True, unit="十亿用户", number_format=NumberFormat(1)),
    C("pie", ChartKind.PIE, ["ChatGPT", "Gemini", "其他"], [S("份额", (60.4, 13.5, 26.1))],
      number_format=NumberFormat(1, "", "%"), highlight="ChatGPT"),
    C("donut", ChartKind.DONUT, ["广告", "Reality Labs", "其他"], [S("收入", (160.6, 2.1, 1.9))], unit="十亿美元"),
    C("scatter", ChartKind.SCATTER, ["Meta", "微软", "谷歌"], [S("公司", (72, 80, 75), x=(165, 245, 350))],
      x_title="收入", y_title="资本支出", highlight="Meta", annotations=(Annotation("最激进", category="Meta"),)),
    C("range", ChartKind.RANGE, ["2024 实际", "2025 指引"], [S("低", (39.2, 66)), S("高", (39.2, 72))],
      unit="十亿美元", highlight="2025 指引"),
    C("magnitude", ChartKind.MAGNITUDE, ["Horizon Worlds", "VRChat", "Roblox"], [S("月活跃用户", (0.25, 10, 77.7))],
      unit="百万", number_format=NumberFormat(2)),
    C("combo", ChartKind.COMBO, ["2023", "2024", "2025"],
      [S("资本支出", (28, 39, 70)), S("利润率", (35, 42, 41), secondary=True)],
      y_title="十亿美元", y2_title="利润率(%)"),
    C("scorecard", ChartKind.SCORECARD, ["开源模型战略", "人才收购", "算力建设", "消费级硬件"],
      [S("评分", (4, 3, 5, 2))], max_value=5, highlight="算力建设"),
]
BY_NAME = {c.name: c for c in CHARTS}


def test_every_kind_is_covered():
    assert {c.kind for c in CHARTS} == set(ChartKind)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_renders_svg_and_png(chart):
    svg = svg_bytes(chart, THEME, *REPORT_SIZE)
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert b"<text" not in svg  # text is outlined: no font needed to show it
    png = png_bytes(chart, THEME, *DECK_SIZE, dpi=40)
    assert png.startswith(b"\x89PNG")


def _text_outside(chart: Chart, size: tuple[float, float]) -> list[str]:
    """What sticks out of the figure once drawn: axes (with their tick labels, data labels and
    annotations) and legends, by name."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from deckbuild.charts.draw import figure

    with style.rc_context(THEME, size[0]):
        fig = figure(chart, THEME, *size)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        box = fig.bbox
        bad = []
        artists = [(f"axes {i}", ax) for i, ax in enumerate(fig.axes)] + [("legend", lg) for lg in fig.legends]
        for name, artist in artists:
            bb = artist.get_tightbbox(renderer)
            if bb is None:
                continue
            if bb.x0 < box.x0 - 1 or bb.y0 < box.y0 - 1 or bb.x1 > box.x1 + 1 or bb.y1 > box.y1 + 1:
                inside = tuple(round(v) for v in box.extents)
                bad.append(f"{name}: {tuple(round(v) for v in bb.extents)} outside {inside}")
    return bad


@pytest.mark.parametrize("size", [DECK_SIZE, REPORT_SIZE], ids=["deck", "report"])
def test_no_text_outside_the_figure(size):
    clipped = {c.name: bad for c in CHARTS if (bad := _text_outside(c, size))}
    assert not clipped


def test_long_labels_wrap_or_rotate_inside_the_figure():
    cats = [f"非常长的类别名称第{i}号项目" for i in range(1, 9)]
    chart = C("long", ChartKind.COLUMN, cats, [S("值", tuple(range(1, 9)))])
    assert not _text_outside(chart, REPORT_SIZE)
    many = C("many", ChartKind.LINE, [f"2020-{m:02d}" for m in range(1, 40)], [S("值", tuple(range(39)))])
    assert not _text_outside(many, REPORT_SIZE)


def test_deterministic_bytes():
    for name in ("capex", "pie", "combo"):
        c = BY_NAME[name]
        assert svg_bytes(c, THEME) == svg_bytes(c, THEME)
        assert png_bytes(c, THEME, dpi=60) == png_bytes(c, THEME, dpi=60)
    svg = svg_bytes(BY_NAME["capex"], THEME).decode()
    assert "<dc:date>" not in svg and "Date" not in svg


def test_missing_glyph_would_be_reported():
    """The warning filter of this module is live: a glyph absent from every font warns."""
    chart = C("emoji", ChartKind.COLUMN, ["\U00013000"], [S("x", (1.0,))])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        png_bytes(chart, THEME, dpi=30)
    assert any("missing" in str(w.message) for w in seen)


def test_labels_use_number_format_and_real_minus():
    c = BY_NAME["uplift"]
    assert style.label(c, -6.5) == "\u22126.5%"
    assert style.label(c, 12) == "12.0%"
    assert style.range_label(BY_NAME["range"], 66, 72) == "66\u201372"
    assert style.range_label(BY_NAME["range"], 39.2, 39.2) == "39"


def test_render_one_by_suffix(tmp_path):
    c = BY_NAME["capex"]
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = render_one(c, THEME, tmp_path / f"capex{suffix}")
        assert out.read_bytes().startswith(magic)
    pdf = (tmp_path / "capex.pdf").read_bytes()
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf  # reproducible
    assert b"/FontFile2" in pdf  # the TrueType font embedded (subset)
    with pytest.raises(ValueError):
        render_one(c, THEME, tmp_path / "capex.gif")


def test_report_drawings_are_vectors_whose_text_can_be_found(tmp_path):
    """The report's drawing of a chart is one page of vectors the report's size: no picture,
    its text in Type 3 fonts made of the glyphs' outlines (no TrueType subset to make), and the
    words come back from the page."""
    pdfimages, pdffonts, pdftotext = (require_tool(t) for t in ("pdfimages", "pdffonts", "pdftotext"))
    import pikepdf

    from deckbuild.charts.report_drawing import drawing_pdf

    def run(tool: str, path, *args: str) -> str:
        return subprocess.run([tool, *args, str(path), *(["-"] if tool == pdftotext else [])],
                              capture_output=True, text=True, check=True).stdout

    for name in ("capex", "pie", "scatter", "magnitude"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(drawing_pdf(BY_NAME[name], THEME.for_report()))
        assert [line for line in run(pdfimages, path, "-list").splitlines()[2:] if line.strip()] == []
        fonts = run(pdffonts, path).splitlines()[2:]
        assert fonts and all(" Type 3 " in row and row.split()[-5:-2] == ["yes", "yes", "yes"] for row in fonts)
        text = run(pdftotext, path)
        assert all(c.split("\n")[0] in text for c in BY_NAME[name].categories[:2]), (name, text)
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 1 and [float(v) for v in pdf.pages[0].mediabox] == [0, 0, *REPORT_SIZE]


# ---------------------------------------------------------------------------------- cache


def test_cache_renders_only_what_is_missing(tmp_path, monkeypatch):
    from deckbuild.charts import cache, export, report_drawing

    charts = [BY_NAME["capex"], replace(BY_NAME["range"], native=False)]  # a native chart and a picture
    assets, rendered = ensure_assets(charts, THEME, tmp_path, want_drawing=True, want_png=True, jobs=1)
    assert rendered == [c.digest for c in charts]
    capex, rng = assets[charts[0].digest], assets[charts[1].digest]
    assert capex.pdf == tmp_path / "charts" / f"{charts[0].digest}.pdf"
    assert capex.pdf.read_bytes().startswith(b"%PDF-")
    assert capex.png is None  # a native chart in the deck: no picture needed
    assert rng.png is not None and rng.png.is_file() and rng.pdf.is_file()
    assert sorted(p.suffix for p in (tmp_path / "charts").iterdir()) == [".pdf", ".pdf", ".png"]
    stamp = capex.pdf.stat().st_ino  # a file written again is a new file (atomic_write); one taken is touched

    def no_work(*args, **kwargs):
        raise AssertionError("a cached chart is drawn again")

    with monkeypatch.context() as m:  # everything cached: nothing is drawn, no worker started
        for name in ("pdf_bytes", "png_bytes"):
            m.setattr(export, name, no_work)
        m.setattr(report_drawing, "drawing_pdf", no_work)
        m.setattr(cache, "ProcessPoolExecutor", no_work)
        again, rendered = ensure_assets(charts, THEME, tmp_path, want_drawing=True, want_png=True)
    assert rendered == [] and again == assets
    assert capex.pdf.stat().st_ino == stamp

    changed = replace(charts[0], series=(S("资本支出", (28.1, 39.2, 66.0, 73.0)),), digest="f" * 64)
    _, rendered = ensure_assets([changed, charts[1]], THEME, tmp_path, want_drawing=True, want_png=True)
    assert rendered == ["f" * 64]
    assert not [p for p in (tmp_path / "charts").iterdir() if p.name.startswith(".")]  # no temp files left


def test_a_drawing_removed_from_the_cache_is_drawn_again(tmp_path):
    """The cache keeps a chart's drawing by the chart's digest; a removed one is drawn again,
    the same bytes."""
    chart = BY_NAME["capex"]
    first, _ = ensure_assets([chart], THEME, tmp_path, want_drawing=True, want_png=False, jobs=1)
    made = first[chart.digest].pdf.read_bytes()
    first[chart.digest].pdf.unlink()
    again, rendered = ensure_assets([chart], THEME, tmp_path, want_drawing=True, want_png=False, jobs=1)
    assert rendered == [chart.digest] and again == first
    assert again[chart.digest].pdf.read_bytes() == made


@pytest.mark.parametrize("planted", ["another chart's file, sealed for its own name", "a drawing, not sealed",
                                     "a copy sealed with another key"])
def test_a_file_deckbuild_did_not_seal_for_this_user_is_drawn_again(tmp_path, monkeypatch, planted):
    """Someone who can write the project's cache puts a file under a chart's name: this
    user's sealed drawing of another chart (an old one, say), a drawing with no seal, or a
    copy sealed with another user's key. None is taken: the chart is drawn again and the file
    replaced (the renderers never read it)."""
    from deckbuild import seal as sealing

    chart, other = BY_NAME["capex"], BY_NAME["pie"]
    first, _ = ensure_assets([chart, other], THEME, tmp_path, want_drawing=True, want_png=False, jobs=1)
    target, theirs = first[chart.digest].pdf, first[other.digest].pdf
    made = target.read_bytes()
    if planted.startswith("another chart's"):
        target.write_bytes(theirs.read_bytes())
    elif planted == "a drawing, not sealed":
        target.write_bytes(sealing.unseal(made, target.name))
    else:
        content = sealing.unseal(made, target.name)
        with monkeypatch.context() as m:  # another user: a cache folder, and a key, of their own
            m.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
            sealing.forget_key()
            target.write_bytes(sealing.seal(content, target.name))
        sealing.forget_key()
    assert target.read_bytes() != made
    again, rendered = ensure_assets([chart, other], THEME, tmp_path, want_drawing=True, want_png=False, jobs=1)
    assert rendered == [chart.digest] and again == first
    assert target.read_bytes() == made


def test_chart_workers_seal_with_the_key_of_the_build(tmp_path, monkeypatch):
    """The workers seal what they draw with the build's key, whatever key they would find
    themselves: here the build has a key of its own (as where none can be kept), which no
    worker could read from disk."""
    import os

    from deckbuild import seal as sealing
    from deckbuild.charts import cache

    own = os.urandom(sealing.KEY_BYTES)
    monkeypatch.setattr(sealing, "user_key", lambda: own)
    monkeypatch.setattr(cache, "user_key", lambda: own)
    charts = [BY_NAME["pie"], BY_NAME["bar_stacked"]]
    assets, rendered = ensure_assets(charts, THEME, tmp_path, want_drawing=True, want_png=False, jobs=2)
    assert sorted(rendered) == sorted(c.digest for c in charts)
    assert all(sealing.unseal(a.pdf.read_bytes(), a.pdf.name, own) for a in assets.values())


@pytest.mark.parametrize("unsafe", [None, "a folder others may write to", "a key others may read",
                                    "a key that is a link"])
def test_the_seal_key_is_kept_only_where_only_the_user_reaches_it(tmp_path, monkeypatch, unsafe):
    """Made once, in a folder only the user writes, readable by the user only, and read again
    by the next process; where the folder or the file is not safe, a key for the process."""
    from deckbuild import seal as sealing

    folder, elsewhere = tmp_path / "deckbuild" / "seal", tmp_path / "planted-key"
    folder.mkdir(parents=True, mode=0o700)
    elsewhere.write_bytes(b"k" * sealing.KEY_BYTES)
    if unsafe == "a folder others may write to":
        folder.chmod(0o777)
    elif unsafe == "a key others may read":
        (folder / "key").write_bytes(b"k" * sealing.KEY_BYTES)
        (folder / "key").chmod(0o644)
    elif unsafe == "a key that is a link":
        (folder / "key").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sealing.forget_key()
    try:
        sealed = sealing.seal(b"drawing", "a.pdf")
        assert sealing.unseal(sealed, "a.pdf") == b"drawing"
        assert sealing.unseal(sealed, "b.pdf") is None  # sealed for its name
        other_digit = b"1" if sealed[-2:-1] == b"0" else b"0"
        assert sealing.unseal(sealed[:-2] + other_digit + b"\n", "a.pdf") is None
        assert sealing.unseal(b"drawing", "a.pdf") is None
        sealing.forget_key()  # another process
        if unsafe is None:
            key = folder / "key"
            assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == sealing.KEY_BYTES
            assert sealing.unseal(sealed, "a.pdf") == b"drawing"  # the same key, read
            assert sorted(p.name for p in folder.iterdir()) == ["key"]
        else:
            assert sealing.unseal(sealed, "a.pdf") is None  # each process its own key
            forged = sealing.seal(b"drawing", "a.pdf", key=b"k" * sealing.KEY_BYTES)  # with the planted key
            assert sealing.unseal(forged, "a.pdf") is None
    finally:
        monkeypatch.undo()
        sealing.forget_key()


def test_cache_wants(tmp_path):
    c = replace(BY_NAME["magnitude"], native=False)
    assets, _ = ensure_assets([c, c], THEME, tmp_path, want_drawing=False, want_png=True)
    assert assets[c.digest].pdf is None and assets[c.digest].png.is_file()
    native = BY_NAME["scorecard"]
    assets, _ = ensure_assets([native], THEME, tmp_path, want_drawing=False, want_png=True)
    assert assets[native.digest].png is None  # a native chart needs no picture
    assert needs_picture(replace(BY_NAME["capex"], native=False))
    assert not needs_picture(BY_NAME["combo"])
    # every kind is native; a reference line across horizontal bars is the one picture left
    assert not [k for k in ChartKind if needs_picture(replace(CHARTS[0], kind=k, reference_line=None))]
    assert {k for k in ChartKind if needs_picture(replace(CHARTS[0], kind=k))} == {
        ChartKind.BAR, ChartKind.MAGNITUDE, ChartKind.SCORECARD}


def test_cache_renders_in_parallel(tmp_path):
    charts = [BY_NAME["pie"], replace(BY_NAME["scorecard"], native=False), BY_NAME["bar_stacked"]]
    assets, rendered = ensure_assets(charts, THEME, tmp_path, want_drawing=True, want_png=True, jobs=2)
    assert sorted(rendered) == sorted(c.digest for c in charts)
    # the same bytes as a render in this process, sealed by the workers with this user's key
    from deckbuild.charts.report_drawing import drawing_pdf
    from deckbuild.seal import unseal

    png, pdf = assets[charts[1].digest].png, assets[charts[0].digest].pdf
    assert unseal(png.read_bytes(), png.name) == png_bytes(charts[1], THEME, *DECK_SIZE)
    assert unseal(pdf.read_bytes(), pdf.name) == drawing_pdf(charts[0], THEME.for_report())


def test_wrap_never_leaves_a_lone_glyph_and_breaks_at_allowed_points():
    from deckbuild.charts.style import text_width, wrap

    width = text_width("甲乙丙丁", 10) + 0.1
    out = wrap("甲乙丙丁戊", width, 10)  # would leave "戊" alone on a second line
    assert all(len(line) > 1 for line in out.split("\n"))
    out = wrap("市场份额（百分比，区间中值）", text_width("市场份额（百", 10) + 0.1, 10)
    assert not any(line.startswith(("，", "）")) for line in out.split("\n"))


def test_a_build_draws_every_editions_charts_in_one_pool_of_workers(tmp_path, monkeypatch):
    """The workers cost a start of their own (matplotlib imported once in their server): the
    charts of all editions are drawn by one pool; meanwhile the decks (their charts native) are
    rendered and the reports laid out, and the reports take the drawings once they are made."""
    from deckbuild.build.pipeline import build
    from deckbuild.charts import cache
    from deckbuild.diagnostics import Diagnostics
    from project import BILINGUAL, BILINGUAL_CHART, make_project

    if not cache.workers_possible():
        pytest.skip("chart workers cannot start here")
    pools: list[int] = []
    real = cache.ProcessPoolExecutor

    def counted(max_workers, **kw):
        pools.append(max_workers)
        return real(max_workers=max_workers, **kw)

    monkeypatch.setattr(cache, "ProcessPoolExecutor", counted)
    monkeypatch.setattr(cache.os, "cpu_count", lambda: 2)  # two workers, whatever the machine
    deck = make_project(tmp_path, BILINGUAL, {"bars": BILINGUAL_CHART})
    stages: list[str] = []
    result = build([deck], tmp_path / "build", ("pptx", "pdf"), Diagnostics(), stages.append)
    assert len(result.written) == 4 and result.rendered_charts == 2
    assert pools == [2]
    assert stages[-1] == "charts: 2 rendered, 0 from the cache"
    assert sorted(stages[:-1]) == ["rendering t.en.pdf", "rendering t.en.pptx", "rendering t.pdf", "rendering t.pptx"]
    import pikepdf

    for name in ("t.pdf", "t.en.pdf"):  # each report holds its edition's drawing, read once it was made
        with pikepdf.open(tmp_path / "build" / name) as pdf:
            forms = [x for page in pdf.pages for _, x in page.obj.Resources.get("/XObject", {}).items()
                     if x.get("/Subtype") == "/Form"]
            assert len(forms) == 1 and len(forms[0].read_bytes()) > 1000


def test_a_drawing_depends_on_its_chart_and_theme_only(monkeypatch):
    """The chart cache is shared by builds whatever their SOURCE_DATE_EPOCH (and the chart
    workers' environment is the one they started with): a drawing's bytes carry no date."""
    from deckbuild.charts.report_drawing import drawing_pdf

    made = set()
    for epoch in ("1000000000", "1700000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        made.add(drawing_pdf(BY_NAME["capex"], THEME))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    made.add(drawing_pdf(BY_NAME["capex"], THEME))
    assert len(made) == 1 and b"/CreationDate" not in made.pop()
