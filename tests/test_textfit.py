"""Text fitting: the line breaker (UAX #14 tailored for Chinese and numbers), the wrapper with
the theme's real font metrics, and the fitter, with sizes and overflows worked out by hand
(Noto Sans SC draws every ideograph exactly one em wide)."""

from __future__ import annotations

import itertools
import random
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckbuild.layout.fitter import WIDTH_SAFETY, Fitter, text_blocks
from deckbuild.layout.slides import layout_slide, overflows
from deckbuild.layout.text_slides import BulletsLayout
from deckbuild.model.deck import Bullet, BulletsContent, Deck, Rich, Slide, SlideKind
from deckbuild.model.theme import default_theme
from deckbuild.text import fontcache, uax14
from deckbuild.text.fit import Faces, Fit, Para, fit, measure, text_em, wrap
from deckbuild.text.linebreak import CLOSING, OPENING, break_units
from deckbuild.text.metrics import metrics

THEME = default_theme()
REGULAR = metrics(THEME.fonts.regular)
BOLD = metrics(THEME.fonts.bold)
FACES = Faces(REGULAR, BOLD)

CHINESE = ("Meta 在 2025 年把资本支出提高到 660–720亿美元（约为 2023 年的两倍半），其中大部分投向人工智能基础设施；"
           "扎克伯格说：“我们要打造个人超级智能。”对手则认为，这是「一场自欺欺人的戏」。ChatGPT 占 60.4% 的份额、"
           "Meta AI 月活超过 4 亿，普罗米修斯数据中心规划 1 GW，海伯利安最终可达 5 GW！真的吗？《科技评论》……")


def widths(lo: float = 20, hi: float = 600, step: float = 7):
    w = lo
    while w <= hi:
        yield w
        w += step


# --- the line breaker ---------------------------------------------------------------------------


def test_units_join_back_to_the_text():
    for text in (CHINESE, "", " ", "a", "中", "https://example.com/x?y=1", "  leading and trailing  "):
        assert "".join(break_units(text)) == text


def test_breaks_between_any_two_ideographs():
    assert break_units("人工智能基础设施") == tuple("人工智能基础设施")


@pytest.mark.parametrize("width", list(widths(20, 400, 3)))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width):
    lines = wrap(CHINESE, width, 10, REGULAR)
    assert "".join(lines).replace(" ", "") == CHINESE.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in CLOSING, (width, line)
    for line in lines[:-1]:
        assert line.rstrip()[-1] not in OPENING, (width, line)


@pytest.mark.parametrize("punct", "，。、；：！？）》」』’”…")
def test_closing_punctuation_stays_with_the_character_before(punct):
    text = "甲乙" + punct + "丙丁"
    assert any(u.startswith("乙" + punct) or u.endswith("乙" + punct) or u == "乙" + punct for u in break_units(text))
    assert all(not u.startswith(punct) for u in break_units(text))


@pytest.mark.parametrize("punct", "（《「『‘“")
def test_opening_punctuation_stays_with_the_character_after(punct):
    units = break_units("甲乙" + punct + "丙丁")
    assert all(not u.rstrip().endswith(punct) for u in units)
    assert any((punct + "丙") in u for u in units)


@pytest.mark.parametrize("token", ["660–720亿", "60.4%", "10 GW", "1 GW", "5 GW", "2025 年", "4 亿", "$66–72 billion",
                                   "3.5 倍", "392亿", "660亿美元", "1,280億円", "18–24 か月", "43億ドル", "5社"])
def test_numbers_keep_their_units(token):
    text = f"资本支出约为{token}，增长很快。Capex is about {token} and rising."
    units = break_units(text)
    assert sum(token in u for u in units) == 2, units  # never split inside, in either script
    for width in widths(30, 300, 5):
        if REGULAR.width(token, 10) + 25 <= width:  # the token (and a closing comma) fit on a line
            lines = wrap(text, width, 10, REGULAR)
            assert sum(line.count(token) for line in lines) == 2, (width, lines)


def test_latin_words_stay_whole_in_mixed_text():
    text = "Meta Superintelligence Labs 的目标是打造 personal superintelligence，部署 compute 集群与 Llama 模型"
    words = re.findall(r"[A-Za-z]+", text)
    for width in widths(120, 500, 11):
        lines = wrap(text, width, 10, REGULAR)
        for w in words:
            assert any(re.search(rf"(?<![A-Za-z]){w}(?![A-Za-z])", line) for line in lines), (w, width, lines)


def test_a_long_url_breaks_after_slashes_and_fits_the_line():
    url = "https://example.com/research/2025/meta-superintelligence-labs/compute-buildout?utm_source=deckbuild"
    lines = wrap("参考：" + url, 200, 10, REGULAR)
    assert len(lines) > 1
    assert "".join(lines) == "参考：" + url
    assert all(REGULAR.width(line, 10) <= 200 for line in lines)
    assert any(line.endswith("/") for line in lines[:-1])


def test_a_word_longer_than_the_line_is_split_between_characters():
    word = "Supercalifragilisticexpialidocious" * 3
    lines = wrap(word, 100, 10, REGULAR)
    assert "".join(lines) == word and all(REGULAR.width(line, 10) <= 100 for line in lines)


def test_line_breaks_in_the_text_are_kept():
    assert wrap("第一行\n第二行", 500, 10, REGULAR) == ["第一行", "第二行"]


def test_splitting_into_chunks_gives_the_same_opportunities_as_uniseg_on_the_whole_text():
    from uniseg.linebreak import line_break_units

    alphabet = (list("中文资本支出亿年") + list("，。、；：！？（）「」《》“”‘’…—")
                + list("abcXYZ019 .,-–/%$()\"'!?;:&\n")
                + ["  ", " ", "Ray-Ban ", "Meta's ", "end-to-end", "2-3", "a-", "-b", "\n\n", "Llama，", "AI：", "& "])
    rng = random.Random(7)
    for _ in range(1000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        assert uax14.units(s) == list(line_break_units(s)), s


# The characters the context-free rules know (every member of uax14.CLASSES, ideographs and
# full-width forms), with spaces, line feeds, a few the rules do not know (no-break space,
# combining accent, Hebrew letter, CR, full-width percent, zero-width space, kana) and some
# words, numbers and runs of spaces.
_KNOWN = sorted({ch for _, chars in uax14.CLASSES.values() for ch in chars})
_PIECES = (_KNOWN + list("中文资本支出亿年的他为〇１Ａ\U00020000") + [" ", " ", "  ", "   ", "\n"]
           + list("\u00a0\u0301\u05d0\r％\u200bーé")
           + ["Ray-Ban ", "Meta's ", "end-to-end", "2-3", "60.4%", "$66–72", "2025/26", "1,000", "“高”", "（2025 年）"])
# One character of each class (and two spaces, one unknown character, a Hebrew letter).
_ONE_EACH = [chars[0] for _, chars in uax14.CLASSES.values()] + ["中", " ", "  ", "\n", "\u00a0", "\u05d0"]
_PROPERTY = settings(max_examples=600, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _same_as_uniseg(text: str) -> None:
    from uniseg.linebreak import line_break_units

    assert uax14.units(text) == list(line_break_units(text)), (text, uax14.chunks(text))


@_PROPERTY
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_fast_path_finds_what_uniseg_finds(text):
    _same_as_uniseg(text)


@_PROPERTY
@given(st.lists(st.sampled_from(_ONE_EACH), max_size=8).map("".join))
def test_the_fast_path_finds_what_uniseg_finds_for_mixes_of_classes(text):
    _same_as_uniseg(text)


def test_the_fast_path_finds_what_uniseg_finds_for_every_one_two_or_three_classes():
    # the rules look at no more than three of these items at a time: a wrong one fails here
    for n in (1, 2, 3):
        for items in itertools.product(_ONE_EACH, repeat=n):
            _same_as_uniseg("".join(items))


def test_the_character_classes_are_uniseg_s():
    from uniseg.linebreak import line_break
    from uniseg.unicodedatawrapper import category, east_asian_width

    def cls(ch):  # after LB1: ambiguous (AI) as alphabetic, conditional Japanese starters as NS
        name = line_break(ch).name
        return {"AI": "AL", "CJ": "NS"}.get(name, name)

    def wide(ch):
        return str(east_asian_width(ch)) in ("W", "F", "H")

    for name, (_, chars) in uax14.CLASSES.items():
        for ch in chars:
            assert cls(ch) == name.split("_")[0], (name, ch)
            assert wide(ch) == name.endswith("_W"), (name, ch)  # LB19a and LB30 look at the width
            if name.startswith("QU_"):
                assert category(ch) == name[3:].title(), (name, ch)
    for lo, hi in uax14.IDEOGRAPHS:
        assert all(cls(chr(c)) == "ID" and wide(chr(c)) for c in range(lo, hi + 1)), hex(lo)
    hebrew = [c for c in range(0x30000) if not 0xD800 <= c < 0xE000 and line_break(chr(c)).name == "HL"]
    assert all(uax14.kinds(chr(c)) == "H" for c in hebrew)  # LB21a: such text goes to uniseg whole


@pytest.mark.parametrize("text", [
    CHINESE,
    "Point 1 of slide 3, with a few words.",
    "Meta's capex (2025): $66–72 billion, up 70% — \"a bet\"; is it worth it? Yes!",
    "Well-known, state-of-the-art models: 1,000 GPUs / 3.5% of revenue [1].",
    "He said: 'it works' (mostly) -- 2025-08-01, 10:30 am… and then?",
    "“Open” weights, ‘closed’ data: x/y = 1/2; +12% / −6.5% YoY.",
    "扎克伯格说：“我们要打造个人超级智能。”对手则认为，这是「一场自欺欺人的戏」（见《科技评论》第 3 期）！",
    "源：[1] 公司指引 · 2025-08；增长 66%，约 7770万 人——“高回报”还是“高风险”？",
])
def test_ordinary_prose_does_not_need_uniseg(text, monkeypatch):
    from uniseg.linebreak import line_break_units

    def refuse(chunk):
        raise AssertionError(f"sent to uniseg: {chunk!r}")

    monkeypatch.setattr(uax14, "uniseg_units", refuse)
    assert uax14.units(text) == list(line_break_units(text))


# --- metrics and wrapping --------------------------------------------------------------------------


def test_metrics_come_from_the_font_files():
    assert REGULAR.width("中文", 20) == 40.0  # ideographs are one em
    assert REGULAR.width("English", 20) == pytest.approx(67.94)  # advance widths of Noto Sans SC
    assert BOLD.width("a", 10) > REGULAR.width("a", 10)
    assert REGULAR.line_height == pytest.approx(1.448)
    assert REGULAR.missing(CHINESE) == ""


def test_autospace_between_chinese_and_latin():
    assert text_em("中文English中文", REGULAR, 0.25) == pytest.approx(REGULAR.em("中文English中文") + 0.5)
    assert text_em("预计 2025 年", REGULAR, 0.25) == pytest.approx(REGULAR.em("预计 2025 年") + 0.5)
    assert text_em("中文，中文", REGULAR, 0.25) == REGULAR.em("中文，中文")
    # 10 ideographs fill 200 pt at 20 pt; with Latin inside the same width holds fewer
    # 9 ideographs and a W (0.878 em) fill 197.6 of 200 pt at 20 pt; ¼ em more does not fit
    assert wrap("中" * 9 + "W", 200, 20, REGULAR) == ["中" * 9 + "W"]
    assert wrap("中" * 9 + "W", 200, 20, REGULAR, autospace=0.25) == ["中" * 9, "W"]


# --- the fitter (textfit.fit) ------------------------------------------------------------------------


def test_fits_at_the_largest_size():
    # 40 ideographs, 400 pt wide: 20 a line at 20 pt, 2 lines of 24 pt
    assert fit([Para("中" * 40)], 400, 100, 20, 14, FACES) == Fit(20, 2, 48.0, 0.0)


def test_shrinks_to_the_largest_size_that_fits():
    # 100 ideographs in 400 × 72: at 16 pt 25 a line → 4 lines × 19.2 = 76.8 (too tall);
    # at 15.5 still 25 a line (74.4); at 15 pt 26 a line → 4 lines × 18 = 72: fits.
    f = fit([Para("中" * 100)], 400, 72, 20, 14, FACES)
    assert (f.size, f.lines, f.height, f.overflow) == (15, 4, pytest.approx(72.0), 0.0)


def test_overflows_at_the_smallest_size():
    # at 14 pt: 28 a line → 4 lines × 16.8 = 67.2 in a box 50 tall: 34.4 % over
    f = fit([Para("中" * 100)], 400, 50, 20, 14, FACES)
    assert (f.size, f.lines) == (14, 4)
    assert f.height == pytest.approx(67.2) and f.overflow == pytest.approx(67.2 / 50 - 1)


def test_max_lines():
    # 70 ideographs on two lines of 400 pt: needs 35 a line, i.e. 11.0 pt or less (11.5 → 34)
    f = fit([Para("中" * 70, line=1.08)], 400, 1000, 20, 10, FACES, max_lines=2)
    assert (f.size, f.lines) == (11, 2)
    over = fit([Para("中" * 70)], 400, 1000, 20, 14, FACES, max_lines=2)
    assert over.lines == 3 and over.overflow == pytest.approx(0.5)


def test_measure_counts_margins_spacing_and_tail():
    paras = [Para("中" * 10, margin=1.0), Para("中" * 10, scale=0.8, margin=2.0, space=0.5)]
    # 220 pt at 20 pt: first text width 200 → 1 line; second at 16 pt, width 180 → 11 a line → 1 line
    lines, height = measure(paras, 220, 20, FACES, tail=0.15)
    assert lines == 2 and height == pytest.approx(24 + 16 * 1.2 + 8 + 3)


# --- the renderer's fitter: a bullets slide, worked out by hand ------------------------------------------


def _bullet_slide(n: int, title: str = "T") -> Deck:
    slide = Slide(SlideKind.BULLETS, 1, Rich.of(title), BulletsContent((Bullet(Rich.of("中" * n)),)))
    return Deck(name="t", title="T", language="zh-CN", slides=(slide,))


def _body_size(deck: Deck) -> float:
    body = layout_slide(Fitter(THEME), deck, deck.slides[0]).body
    assert isinstance(body, BulletsLayout)
    return body.body.block.size


def test_bullets_fit_at_the_body_size():
    # content box 880 × 380.75; text width 880 × 0.97 − 1 em of margin; one line is 1.2 em
    assert WIDTH_SAFETY == 0.97
    deck = _bullet_slide(100)
    assert _body_size(deck) == 20 and overflows(deck, THEME) == []


def test_bullets_shrink_to_the_largest_size_that_fits():
    # 700 ideographs: at 19 pt 43 a line → 17 lines → 390.45 pt (too tall); at 18.5 pt
    # (853.6 − 18.5) / 18.5 = 45.1 → 45 a line → 16 lines → 16 × 22.2 + 0.15 × 18.5 = 357.98: fits.
    deck = _bullet_slide(700)
    assert _body_size(deck) == 18.5 and overflows(deck, THEME) == []


def test_bullets_that_overflow_at_the_minimum_are_reported_and_shrink_on():
    # 1500 ideographs at 14 pt: 59 a line → 26 lines → 26 × 16.8 + 2.1 = 438.9 pt in 380.75: 15.3 % over;
    # written at 13 pt (64 a line → 24 lines → 376.35 pt), which fits.
    deck = _bullet_slide(1500)
    assert _body_size(deck) == 13
    [d] = overflows(deck, THEME)
    assert d.message == 'slide 1 "T": bullet text fits only at 13 pt, below body_min 14; shorten it'
    assert d.code == "overflow"


def test_titles_shrink_to_two_lines_then_warn():
    f = Fitter(THEME)
    # 70 bold ideographs in 853.6 pt: two lines need 35 a line, i.e. 24 pt (24.5 → 34)
    deck = _bullet_slide(10, "题" * 70)
    body = layout_slide(f, deck, deck.slides[0]).body
    assert isinstance(body, BulletsLayout)
    title = body.chrome.title
    assert (title.size, title.lines, title.overflow) == (24, 2, 0.0)
    # 130 do not fit two lines at the floor (21 pt: 40 a line → 4 lines); they fit at 13 pt
    long = _bullet_slide(10, "题" * 130)
    [d] = overflows(long, THEME)
    assert d.message == 'slide 1 "' + "题" * 39 + '…": title fits only at 13 pt, below the ¾ floor of 21 pt; shorten it'


def test_every_box_of_a_layout_is_inside_the_slide():
    from samples import sample_deck

    deck = sample_deck()
    f = Fitter(THEME)
    for slide in deck.slides:
        for block in text_blocks(layout_slide(f, deck, slide)):
            b = block.box
            assert 0 <= b.x and b.right <= THEME.slide.width and 0 <= b.y and b.bottom <= THEME.slide.height, slide.kind


def test_the_layout_module_needs_neither_pptx_nor_reportlab_nor_matplotlib():
    code = ("import sys, deckbuild.layout.slides; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'reportlab', 'matplotlib')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the metrics cache -----------------------------------------------------------------------------


def _fresh(path):
    from deckbuild.text.metrics import FontMetrics

    return FontMetrics(path)


def _cache_files(home):
    return sorted((home / "deckbuild" / "metrics").iterdir())


def test_cached_metrics_equal_the_font_files(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = _fresh(THEME.fonts.regular)  # reads the font, writes the cache
    assert len(_cache_files(tmp_path)) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("the font was read again")

    monkeypatch.setattr(fontcache, "read_font", refuse)
    cached = _fresh(THEME.fonts.regular)
    assert cached._widths == first._widths == REGULAR._widths
    assert cached._fallback == first._fallback
    assert (cached.ascent, cached.descent, cached.line_gap, cached.line_height, cached.units_per_em) == \
        (REGULAR.ascent, REGULAR.descent, REGULAR.line_gap, REGULAR.line_height, REGULAR.units_per_em)


def test_numbered_glyph_names_give_the_same_metrics_as_the_real_ones():
    for font in (THEME.fonts.regular, THEME.fonts.bold):
        assert fontcache.read_font(font) == fontcache.read_font(font, glyph_names=True)


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path, monkeypatch):
    import marshal
    import zlib

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _fresh(THEME.fonts.bold)
    (cache,) = _cache_files(tmp_path)
    good = cache.read_bytes()
    wrong_shape = marshal.dumps({"format": fontcache.FORMAT})
    stored = marshal.loads(good[8:])
    not_a_width = marshal.dumps({**stored, "widths": {**stored["widths"], 0x41: "wide"}})
    for junk in (b"", b"\x00garbage", marshal.dumps({"format": 0}), good[:-100], good[:200] + b"x" + good[201:],
                 b"DBFM" + zlib.crc32(wrong_shape).to_bytes(4, "big") + wrong_shape,
                 b"DBFM" + zlib.crc32(not_a_width).to_bytes(4, "big") + not_a_width):
        cache.write_bytes(junk)
        fresh = _fresh(THEME.fonts.bold)
        assert fresh._widths == BOLD._widths and fresh._fallback == BOLD._fallback
        assert cache.read_bytes() == good


def test_a_changed_font_file_is_read_again_and_its_metrics_are_kept_by_content(tmp_path, monkeypatch):
    import os
    import shutil

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    font = tmp_path / "Font.ttf"
    shutil.copyfile(THEME.fonts.regular, font)
    stamp = os.stat(font).st_mtime_ns
    assert _fresh(font)._widths == REGULAR._widths
    shutil.copyfile(THEME.fonts.bold, font)
    os.utime(font, ns=(stamp, stamp))  # the same time: the content tells
    assert _fresh(font)._widths == BOLD._widths
    assert len(_cache_files(tmp_path / "cache")) == 2  # one file a font content
    shutil.copyfile(THEME.fonts.regular, font)
    monkeypatch.setattr(fontcache, "read_font", lambda *a, **k: pytest.fail("the font was read again"))
    assert _fresh(font)._widths == REGULAR._widths  # the first content's metrics, from the cache


def test_an_unwritable_cache_folder_still_measures(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # deckbuild/metrics cannot be made under a file
    assert _fresh(THEME.fonts.regular)._widths == REGULAR._widths


def test_slides_and_report_break_by_the_same_kinsoku_rules():
    from deckbuild.cjk import CANNOT_END, CANNOT_START
    from deckbuild.render.pdf import wrap as pdf_wrap

    assert CLOSING == pdf_wrap.CANNOT_START == CANNOT_START and OPENING == pdf_wrap.CANNOT_END == CANNOT_END
    for ch in CANNOT_START:  # measured slide text never puts one at the start of a piece
        assert not any(u.startswith(ch) for u in break_units(f"甲乙{ch}丙丁")), ch


def test_the_wide_ranges_are_the_characters_is_wide_accepts():
    from deckbuild.cjk import WIDE_RANGES, close_latin_gap, is_wide

    table = {cp for lo, hi in WIDE_RANGES for cp in range(lo, hi + 1)}
    assert all(is_wide(chr(cp)) == (cp in table) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    # and the deck's gap rule, built from the table, takes a space on each side of each range
    for lo, hi in WIDE_RANGES:
        for cp in (lo, hi):
            assert close_latin_gap(f"A {chr(cp)} 1") == f"A{chr(cp)}1", hex(cp)
    assert close_latin_gap("A \u10ff 1") == "A \u10ff 1"  # just below the first range


def test_a_size_that_cuts_a_word_in_two_does_not_fit():
    """'Analyseplattform' wider than the box at 20 pt: the fit shrinks the text until the word
    is whole on its line, rather than set 'Analyseplattfo / rm' at 20 pt."""
    text = "Analyseplattform für alle"
    word = REGULAR.em("Analyseplattform")
    width = word * 17  # the word fits at 17 pt and below
    got = fit([Para(text)], width, 500, 20, 10, FACES)
    assert got.fits and got.size <= 17
    assert wrap(text, width, got.size, REGULAR)[0] == "Analyseplattform"
    assert len(wrap(text, width, 20, REGULAR)[0]) < len("Analyseplattform")  # at 20 pt it is cut


def test_a_diagram_box_is_never_narrowed_below_its_widest_word():
    from deckbuild.layout.diagram import balanced
    from deckbuild.layout.fitter import Fitter
    from deckbuild.layout.geometry import Box

    f = Fitter(THEME, "de")
    paras = [Para("Analyseplattform für alle")]
    block = f.fit(paras, Box(0, 0, 160, 200), 20, 14)
    assert block.lines == 2
    narrowed = balanced(f, paras, block)
    assert narrowed.box.w >= f.word_width(paras, block.size) - 1e-6
    lines = wrap("Analyseplattform für alle", narrowed.box.w * 0.97, block.size, f.faces.regular)
    assert "Analyseplattform" in lines, lines
