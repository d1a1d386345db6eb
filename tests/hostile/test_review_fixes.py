"""What a review of the hostile-input work found (hostile cases 400-449 and these tests):
templates too large in counts rather than bytes, content smuggled through a kept
relationship, odd colours; number formats, share charts, theme sizes, images and tables;
the output folder of ``preview`` and ``chart``; what an invalid build may write; the number
grammar and range; and the chart workers under a long ``TMPDIR``.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from test_templates_workbooks import (
    LAYOUT,
    MASTER,
    PRES,
    RESAVE,
    THEME,
    USABLE,
    WHERE,
    add_rel,
    bounded,
    check_deck,
    deckbuild,
    make_template,
    override,
    project_on,
    refused_where_the_theme_names_it,
    sub,
)

from conftest import require_tool

# --- templates: counts of shapes, placeholders and attributes ---------------------------------


def _placeholders(count: int, kind: str = "pic") -> str:
    return "".join(f'<p:sp><p:nvSpPr><p:cNvPr id="{100 + i}" name="P"/><p:cNvSpPr/><p:nvPr><p:ph type="{kind}" '
                   f'idx="{100 + i}"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>' for i in range(count))


def _shapes(count: int) -> str:
    return "".join(f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{100 + i}" name="L"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
                   '<p:spPr/></p:cxnSp>' for i in range(count))


def _attributes(per_element: int, elements: int) -> str:
    one = '<x:e xmlns:x="urn:x"' + "".join(f' a{i}=""' for i in range(per_element - 1)) + "/>"
    return '<p:ext uri="{00000000-0000-0000-0000-000000000000}">' + one * elements + "</p:ext>"


def _declarations(count: int) -> str:
    return "<x:e " + " ".join(f'xmlns:n{i}="urn:n{i}"' for i in range(count)) + ' xmlns:x="urn:x"/>'


COUNTS = {
    "400-placeholders-over-limit": (
        lambda p: make_template(p, sub(LAYOUT, "</p:spTree>", _placeholders(201) + "</p:spTree>")),
        "has more than 200 placeholders on ppt/slideLayouts/slideLayout2.xml (the limit for one slide master or "
        "layout); delete the placeholders it does not need in the slide master view"),
    "401-placeholders-on-the-master": (
        lambda p: make_template(p, sub(MASTER, "</p:spTree>", _placeholders(12_000, "body") + "</p:spTree>")),
        "has more than 200 placeholders on ppt/slideMasters/slideMaster1.xml (the limit for one slide master or "
        "layout); delete the placeholders it does not need in the slide master view"),
    "402-shapes-over-limit": (
        lambda p: make_template(p, sub(MASTER, "</p:spTree>", _shapes(1001) + "</p:spTree>")),
        "has more than 1000 shapes on ppt/slideMasters/slideMaster1.xml (the limit for one slide master or layout); "
        "delete the shapes it does not need in the slide master view"),
    "403-attributes-on-one-element": (
        lambda p: make_template(p, sub(LAYOUT, "</p:extLst></p:cSld>", _attributes(500_000, 1)
                                       + "</p:extLst></p:cSld>")),
        f"{USABLE} (ppt/slideLayouts/slideLayout2.xml has an element with 500000 attributes, over the limit of "
        f"100); {RESAVE}"),
    "404-attributes-in-all-parts": (
        lambda p: make_template(p, sub(LAYOUT, "</p:extLst></p:cSld>", _attributes(100, 6001)
                                       + "</p:extLst></p:cSld>")),
        "has more than 600000 XML attributes in the parts a deck uses (the limit; "
        "ppt/slideLayouts/slideLayout2.xml reaches it); delete what the masters and layouts do not need"),
    "405-namespace-declarations-on-one-element": (
        lambda p: make_template(p, sub(LAYOUT, "</p:spTree>", _declarations(200_000) + "</p:spTree>")),
        f"{USABLE} (ppt/slideLayouts/slideLayout2.xml has an element with 101 attributes, over the limit of "
        f"100); {RESAVE}"),
    "406-comments-count-as-elements": (
        lambda p: make_template(p, sub(LAYOUT, "</p:spTree>", "<!---->" * 300_001 + "</p:spTree>")),
        "has more than 300000 XML elements in the parts a deck uses (the limit; ppt/slideLayouts/slideLayout2.xml "
        "reaches it); delete what the masters and layouts do not need"),
}


@pytest.mark.parametrize("case", sorted(COUNTS))
def test_a_template_too_large_in_counts_is_refused_where_the_theme_names_it(case, tmp_path):
    make, message = COUNTS[case]
    refused_where_the_theme_names_it(make, message, tmp_path)


def test_a_template_at_the_count_limits_builds(tmp_path):
    """200 placeholders on the bullets' layout and the master (which have 5 each), 1000
    shapes on the layout."""
    template = project_on(tmp_path)
    make_template(template, sub(LAYOUT, "</p:spTree>", _placeholders(195) + _shapes(800) + "</p:spTree>"),
                  sub(MASTER, "</p:spTree>", _placeholders(195, "body") + "</p:spTree>"))
    run = deckbuild(tmp_path, "build", "decks/t.yaml")
    assert run["code"] == 0 and run["err"] == "", run["err"]
    assert bounded(run)


# --- templates: a kept relationship keeps only its own kind of part ----------------------------

FONT_RT = "font"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
OLE_TYPE = "application/vnd.openxmlformats-officedocument.oleObject"
MACRO = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1Attribute VB_Name = \"Module1\"\n"
         b"Sub AutoOpen()\nShell \"calc.exe\"\nEnd Sub\n")


def test_a_font_relationship_keeps_fonts_only(tmp_path):
    """Relationships the deck keeps (a font, a picture, tags) to parts of another content type
    (macros, an embedded object, a layout) are left out with a warning; a real embedded
    font stays."""
    template = project_on(tmp_path)
    make_template(template,
                  add_rel(PRES, "rId99", FONT_RT, "vbaProject.bin"), override("ppt/vbaProject.bin", VBA_TYPE),
                  add_rel(PRES, "rId98", FONT_RT, "embeddings/oleObject1.bin"),
                  override("ppt/embeddings/oleObject1.bin", OLE_TYPE),
                  add_rel(PRES, "rId97", FONT_RT, "fonts/font1.fntdata"),
                  override("ppt/fonts/font1.fntdata", "application/x-fontdata"),
                  add_rel(MASTER, "rId96", "image", "../embeddings/oleObject2.bin"),
                  override("ppt/embeddings/oleObject2.bin", OLE_TYPE),
                  add={"ppt/vbaProject.bin": MACRO, "ppt/embeddings/oleObject1.bin": MACRO,
                       "ppt/embeddings/oleObject2.bin": MACRO, "ppt/fonts/font1.fntdata": b"\x00\x01\x00\x00font"})
    run = deckbuild(tmp_path, "build", "decks/t.yaml", "--format", "pptx")
    assert run["code"] == 0
    assert run["err"].splitlines() == [
        f"{WHERE}: warning: template 't.pptx': the deck leaves out what it does not take over from masters and "
        f"layouts: a font whose content type is {VBA_TYPE} (ppt/presentation.xml refers to ppt/vbaProject.bin); a "
        f"font whose content type is {OLE_TYPE} (ppt/presentation.xml refers to ppt/embeddings/oleObject1.bin); a "
        f"picture whose content type is {OLE_TYPE} (ppt/slideMasters/slideMaster1.xml refers to "
        "ppt/embeddings/oleObject2.bin)"], run["err"]
    with zipfile.ZipFile(tmp_path / "build" / "t.pptx") as z:
        names = z.namelist()
        data = b"".join(z.read(n) for n in names)
    assert "ppt/fonts/font1.fntdata" in names
    assert not [n for n in names if "vbaProject" in n or "oleObject" in n], names
    assert b"Shell" not in data
    check_deck(tmp_path / "build" / "t.pptx")
    strict = deckbuild(tmp_path, "check", "--strict", "decks/t.yaml")
    assert strict["code"] == 2 and "a font whose content type is" in strict["err"]


# --- templates: colours deckbuild cannot read --------------------------------------------------


def test_scheme_colours_in_another_namespace_or_form_fall_back_with_a_warning(tmp_path):
    """A colour scheme slot whose colour is in another namespace (not DrawingML's, so not
    checked as one), not hexadecimal, or in a form deckbuild does not read: a warning, and
    the theme file's colour in its place (the chart palette too)."""
    template = project_on(tmp_path)
    make_template(template,
                  sub(THEME, r"<a:accent1>.*?</a:accent1>", '<a:accent1><x:srgbClr xmlns:x="urn:x" val="GGGGGG"/>'
                                                            "</a:accent1>"),
                  sub(THEME, r"<a:dk2>.*?</a:dk2>", '<a:dk2><x:srgbClr xmlns:x="urn:x" val="zz&lt;zzz"/></a:dk2>'),
                  sub(THEME, r"<a:accent3>.*?</a:accent3>", '<a:accent3><a:hslClr hue="0" sat="0" lum="0"/>'
                                                            "</a:accent3>"),
                  sub(THEME, r"<a:accent4>.*?</a:accent4>", '<a:accent4><a:sysClr val="windowText"/></a:accent4>'))
    run = deckbuild(tmp_path, "build", "decks/t.yaml")
    assert run["code"] == 0, run["err"]
    assert run["err"].splitlines() == [
        f"{WHERE}: warning: template 't.pptx': its colour scheme has no colour deckbuild can read for dk2, accent1, "
        "accent3, accent4 (it reads a:srgbClr with six hexadecimal digits and a:sysClr with lastClr); the theme "
        "file's colours stand in. Set those colours in PowerPoint's or LibreOffice's theme colours"]
    strict = deckbuild(tmp_path, "check", "--strict", "decks/t.yaml")
    assert strict["code"] == 2


def test_a_system_colour_with_a_last_colour_not_hexadecimal_is_refused(tmp_path):
    template = project_on(tmp_path)
    make_template(template, sub(THEME, r"<a:dk1>.*?</a:dk1>", '<a:dk1><a:sysClr val="windowText" lastClr="GG0000"/>'
                                                              "</a:dk1>"))
    run = deckbuild(tmp_path, "check", "decks/t.yaml")
    assert run["code"] == 2
    assert run["err"].splitlines() == [
        f"{WHERE}: error: template 't.pptx' has an impossible value in ppt/theme/theme1.xml: a colour has "
        "lastClr='GG0000'; it must be six hexadecimal digits RRGGBB; correct it in PowerPoint or LibreOffice and "
        "save the template again"]


# --- number formats in the charts' workbooks -------------------------------------------------


def excel_sections(code: str) -> list[tuple[str, str]]:
    """Each section of an Excel number format code as (its literal text, its format
    characters): Excel's rules for ``"…"`` and ``\\x``; ``;`` outside them ends a section."""
    sections, text, chars, i = [], "", "", 0
    while i < len(code):
        c = code[i]
        if c == '"':
            end = code.index('"', i + 1)  # Excel refuses an unclosed quote
            text, i = text + code[i + 1:end], end + 1
        elif c == "\\":
            text, i = text + code[i + 1], i + 2
        elif c == ";":
            sections.append((text, chars))
            text, chars, i = "", "", i + 1
        else:
            chars, i = chars + c, i + 1
    return [*sections, (text, chars)]


def test_every_literal_of_a_number_format_is_a_literal_in_excel():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from deckbuild.model.deck import NumberFormat

    texts = st.text(alphabet=st.sampled_from('"%;#0.,E+-_*@\\ ab€−\'[]$'), max_size=8)

    @settings(max_examples=400, deadline=None)
    @given(st.integers(0, 6), texts, texts, st.booleans())
    def check(decimals, prefix, suffix, signed):
        fmt = NumberFormat(decimals, prefix, suffix, signed)
        body = "#,##0" + ("." + "0" * decimals if decimals else "")
        positive, negative, zero = excel_sections(fmt.excel_code)
        # the literals are exactly what deckbuild shows around the number, and nothing else formats
        assert positive == (("+" if signed else "") + prefix + suffix, body)
        assert negative == ("−" + prefix + suffix, body)
        assert zero == (prefix + suffix, body)
        shown = fmt.format(1234.5)
        assert shown.startswith(("+" if signed else "") + prefix) and shown.endswith(suffix)

    check()


def test_a_quoted_percent_suffix_stays_a_literal_in_the_workbook(tmp_path, capsys):
    """suffix '"%"' was written as ``""%""``: an empty literal, then Excel's percent (×100)."""
    from deckbuild.cli import main
    from deckbuild.model.deck import NumberFormat
    from project import make_project

    make_project(tmp_path, charts={"bars": """\
        title: Shares
        kind: column
        categories: [A, B]
        series:
          - name: V
            values: [1.5, -2]
        format: {decimals: 1, suffix: '"%"', prefix: 'a;b'}
        source: src
        """})
    assert main(["build", str(tmp_path / "decks" / "t.yaml"), "--out", str(tmp_path / "build"),
                 "--format", "pptx"]) == 0
    with zipfile.ZipFile(tmp_path / "build" / "t.pptx") as z:
        chart = next(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/charts/chart"))
        book = next(z.read(n) for n in z.namelist() if n.startswith("ppt/embeddings/"))
    code = NumberFormat(1, "a;b", '"%"').excel_code
    assert code == '"a;b"#,##0.0\\""%"\\";"−""a;b"#,##0.0\\""%"\\";"a;b"#,##0.0\\""%"\\"'
    assert f'formatCode="{code.replace(chr(34), "&quot;")}"' in chart
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        styles = z.read("xl/styles.xml").decode()
    assert f'formatCode="{code.replace(chr(34), "&quot;")}"' in styles
    # LibreOffice draws the data labels with that code: the text deckbuild shows, not 150%
    require_tool("soffice")
    require_tool("pdftotext")
    from clients import libreoffice_to_pdf

    pdf = libreoffice_to_pdf(tmp_path / "build" / "t.pptx", tmp_path / "lo")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert 'a;b1.5"%"' in text and '−a;b2.0"%"' in text, text
    assert "150" not in text


# --- report page sizes -------------------------------------------------------------------------


@pytest.mark.parametrize("size, margin, body, leading", [("A4", 0, 29.7, 2.8), ("letter", 144, 16.2, 3),
                                                         ("A4", 144, 15.3, 1), ("letter", 0, 30.6, 1)])
def test_a_page_at_the_limits_of_its_type_builds_its_report(tmp_path, capsys, size, margin, body, leading):
    """The largest type a page takes, with tables, a table of contents and bullets, with
    headings and captions at their largest (72 pt)."""
    from deckbuild.cli import main
    from project import make_project

    make_project(tmp_path, outline=TABLE_OUTLINE)
    theme = tmp_path / "templates" / "big"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text(f"name: big\npage: {{size: {size}, margin: {margin}, body_size: {body}, "
                                      f"leading: {leading}, h1_size: 72, h2_size: 72, caption_size: 72}}\n")
    code = main(["build", str(tmp_path / "decks" / "t.yaml"), "--out", str(tmp_path / "build"), "--format", "pdf"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "error" not in err and (tmp_path / "build" / "t.pdf").stat().st_size > 0


TABLE_OUTLINE = """\
title: Test
language: en
theme: big
sources:
  - id: src
    title: Source
slides:
  - kind: section
    title: A section with a title of several words that wraps
  - kind: bullets
    title: Bullets two levels deep with a long title that wraps over lines
    bullets:
      - text: one two three four five six seven eight nine ten eleven twelve
        bullets: [deeper and longer than one line of the report, with words enough for two lines]
    report: |
      A paragraph of the report, long enough to run over several lines at any size: one two three
      four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.
    sources: [src]
  - kind: table
    title: Table
    table:
      header: [Quarter, Revenue, Growth, Margin]
      rows:
        - [Q1 of the year, "1,234", "12 %", "20 %"]
        - [Q2 of the year, "2,345", "13 %", "21 %"]
  - kind: stats
    title: Stats
    stats:
      - {value: "60 %", label: a share of something with a long label}
      - {value: "1.2 bn", label: users}
  - kind: quote
    title: Quote
    quote: A quotation of several words that runs over more than one line of the report.
    attribution: Somebody
"""


def test_a_block_the_report_cannot_place_is_an_error_at_the_theme(tmp_path, capsys, monkeypatch):
    """Should a block not fit a page after all, the build reports it at the theme and writes
    nothing (reportlab's LayoutError was an internal error)."""
    from reportlab.platypus.doctemplate import LayoutError

    from deckbuild.cli import main
    from deckbuild.render.pdf import writer
    from project import make_project

    make_project(tmp_path)

    def refuse(*args, **kwargs):
        raise LayoutError("Flowable too large")

    monkeypatch.setattr(writer, "lay_out", refuse)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "decks/t.yaml"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].endswith("error: the report t.pdf has a block taller or wider than its pages hold; use a smaller "
                            "'body_size', 'leading' or 'margin' under 'page'"), err
    assert not (tmp_path / "build").exists()


# --- preview and chart: the output folder ---------------------------------------------------


def test_a_preview_removes_only_the_pages_it_wrote_and_refuses_a_folder_in_the_way(tmp_path, capsys, monkeypatch):
    """A folder where a page goes is an error before anything is written (it was an internal
    error). Pages a preview wrote and no longer needs are removed; a file of the user's
    named like a page (``slide-9.png``) stays."""
    require_tool("soffice"), require_tool("pdftoppm")
    from test_outputs_numbers_fonts import OUTLINE, project, run, tree

    project(tmp_path)
    pages = tmp_path / "build" / "preview" / "t"
    pages.mkdir(parents=True)
    (pages / "slide-9.png").write_bytes(b"the user's")
    (pages / "slide-1.png").mkdir()
    before = tree(tmp_path / "build" / "preview")
    code, out, err = run(["preview"], tmp_path, capsys, monkeypatch)
    assert code == 2 and out == ""
    assert err.splitlines() == ["build/preview/t/slide-1.png: error: this is not a file (a folder, or a pipe) where "
                                "deckbuild preview writes one; remove it or choose another --out"]
    assert tree(tmp_path / "build" / "preview") == before  # (the deck and report were built)
    assert not list((tmp_path / "build").glob("*.preview.png"))
    (pages / "slide-1.png").rmdir()
    code, out, err = run(["preview"], tmp_path, capsys, monkeypatch)
    assert code == 0, err
    assert sorted(p.name for p in pages.glob("slide-*.png")) == ["slide-1.png", "slide-2.png", "slide-9.png"]
    assert (pages / ".deckbuild-pages").read_text().split() == sorted(
        ["slide-1.png", "slide-2.png", *(p.name for p in pages.glob("page-*.png"))])
    (tmp_path / "decks" / "t.yaml").write_text(OUTLINE.split("  - kind: chart")[0], encoding="utf-8")
    code, out, err = run(["preview"], tmp_path, capsys, monkeypatch)
    assert code == 0, err
    assert sorted(p.name for p in pages.glob("slide-*.png")) == ["slide-1.png", "slide-9.png"]
    assert (pages / "slide-9.png").read_bytes() == b"the user's"


# --- chart workers and the temporary folder ----------------------------------------------------

TWO_CHARTS = """\
title: Test
language: en
sources:
  - id: src
    title: Source
slides:
  - kind: chart
    title: One
    chart: one
  - kind: chart
    title: Two
    chart: two
"""


@pytest.mark.parametrize("length", [150, 75])
def test_charts_are_drawn_whatever_the_length_of_the_temporary_folder(tmp_path, length):
    """A socket's path holds at most 107 bytes: with a TMPDIR of 150 characters the chart
    workers could not start (an internal error); the charts are then drawn in the process.
    75 characters is the longest that still starts workers."""
    import os
    import sys
    import tempfile

    from project import CHART, make_project

    make_project(tmp_path, outline=TWO_CHARTS, charts={"one": CHART.replace("[1, $share]", "[1, 2]"),
                                                       "two": CHART.replace("[1, $share]", "[3, 4]")})
    base = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))
    try:
        folder = base / ("x" * (length - len(str(base)) - 1))
        folder.mkdir()
        assert len(str(folder)) == length
        env = {**os.environ, "TMPDIR": str(folder), "XDG_CACHE_HOME": str(tmp_path / "cache")}
        probe = subprocess.run([sys.executable, "-c", "from deckbuild.charts.cache import workers_possible; "
                                "print(workers_possible())"], env=env, capture_output=True, text=True, check=True)
        assert probe.stdout.strip() == str(length <= 75)
        run = subprocess.run([sys.executable, "-m", "deckbuild", "build", "decks/t.yaml"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0 and run.stderr == "", run.stderr
        assert len(list((tmp_path / "build" / ".cache" / "charts").glob("*.pdf"))) == 2
        assert list(folder.iterdir()) == []
    finally:
        import shutil

        shutil.rmtree(base)


# --- the CSV number grammar ---------------------------------------------------------------------

def test_csv_cells_accept_exactly_the_documented_numbers():
    """The grammar docs/security.md states ("Numbers"), built from its words: every number it
    describes is read as itself, and nothing else is read (no exception either)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from deckbuild.diagnostics import Diagnostics, Location
    from deckbuild.input.csv_data import csv_number

    digits = st.text(alphabet="0123456789", min_size=1, max_size=6)
    grouped = st.tuples(st.text(alphabet="0123456789", min_size=1, max_size=3),
                        st.lists(st.text(alphabet="0123456789", min_size=3, max_size=3), min_size=1, max_size=3)) \
        .map(lambda t: t[0] + "".join("," + g for g in t[1]))
    fraction = st.one_of(st.just(""), st.just("."), digits.map(lambda d: "." + d))
    mantissa = st.one_of(st.tuples(st.one_of(digits, grouped), fraction).map("".join), digits.map(lambda d: "." + d))
    exponent = st.one_of(st.just(""), st.tuples(st.sampled_from("eE"), st.sampled_from(["", "+", "-"]),
                                                st.text(alphabet="0123456789", min_size=1, max_size=3)).map("".join))
    documented = st.tuples(st.sampled_from(["", "+", "-"]), mantissa, exponent).map("".join)

    def read(text):
        diags = Diagnostics()
        return csv_number(text, Location("c.csv", 2, 1), diags), [d.message for d in diags.items]

    @settings(max_examples=500, deadline=None)
    @given(documented)
    def accepted(text):
        value, said = read(text)
        assert not any("is not a number" in m for m in said), (text, said)
        if not said:
            assert value == float(text.replace(",", ""))

    @settings(max_examples=500, deadline=None)
    @given(st.one_of(st.text(alphabet="0123456789+-.,eE _٣x", max_size=8), st.text(max_size=6)))
    def nothing_else(text):
        value, said = read(text)  # never an exception
        pattern = re.compile(r"[-+]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
        if value is not None:
            assert pattern.fullmatch(text), text
        elif not pattern.fullmatch(text):
            assert said and ("is not a number" in said[0] or "empty cell" in said[0] or "finite" in said[0]), said

    accepted()
    nothing_else()
    for text in ("e5", ".e5", "+.", ",123", "1,23", "1234,567", "٣", "1_000", "1 000", "0x10"):
        assert read(text) == (None, [f"'{text}' is not a number"]), text


# --- several outlines, some invalid ------------------------------------------------------------


def test_of_several_outlines_the_valid_are_built_and_the_invalid_write_nothing(tmp_path, capsys, monkeypatch):
    """What README and docs/security.md say: an outline with errors writes nothing (its
    previous artifacts stay as they were); the other outlines of the command are built; the
    exit code is 2. With --strict, a warning in any outline stops the command before it
    writes anything."""
    from deckbuild.cli import main
    from project import OUTLINE, make_project

    make_project(tmp_path)
    decks = tmp_path / "decks"
    (decks / "bad.yaml").write_text(OUTLINE.replace("kind: bullets", "kind: bogus"), encoding="utf-8")
    build = tmp_path / "build"
    build.mkdir()
    (build / "bad.pptx").write_bytes(b"the previous deck")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "decks/t.yaml", "decks/bad.yaml"]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == ["wrote build/t.pptx", "wrote build/t.pdf"]
    assert "decks/bad.yaml:" in err and "error" in err
    assert sorted(p.name for p in build.iterdir() if p.is_file()) == ["bad.pptx", "t.pdf", "t.pptx"]
    assert (build / "bad.pptx").read_bytes() == b"the previous deck"
    for p in (build / "t.pptx", build / "t.pdf"):
        p.unlink()
    (decks / "warned.yaml").write_text(OUTLINE.replace("title: 标题 {{share}}", "title: " + "长" * 400),
                                       encoding="utf-8")
    assert main(["build", "--strict", "decks/t.yaml", "decks/warned.yaml"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "warned.yaml" in err
    assert not (build / "t.pptx").exists() and not (build / "warned.pptx").exists()


# --- a big picture used on many slides ------------------------------------------------------------


def test_a_big_picture_is_decoded_once_and_the_report_reads_one_smaller_copy(tmp_path, monkeypatch):
    """A picture on many slides is checked (decoded) once per content, and the report reads
    one copy scaled to 2000 pixels instead of the whole picture at every use (a 49-megapixel
    picture on 20 slides took 64 s and 7 GB; docs/security.md)."""
    from PIL import Image as PILImage

    from deckbuild.input import project
    from deckbuild.render.pdf import pictures

    big = tmp_path / "big.png"
    PILImage.new("RGB", (4000, 1000), "#336699").save(big)
    from PIL import ImageFile

    decoded = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda im: decoded.append(im.size) or real_load(im))
    assert [project.image_problem(big) for _ in range(5)] == [None] * 5
    assert decoded == [(4000, 1000)]  # the pixels decoded once, not five times
    monkeypatch.undo()
    real_open = PILImage.open
    copies = {pictures.report_copy(big) for _ in range(5)}
    (copy,) = copies
    assert copy != big and copy.name.endswith(".png")
    with real_open(copy) as im:
        assert im.size == (2000, 500)
    small = tmp_path / "small.png"
    PILImage.new("RGB", (800, 600), "#336699").save(small)
    assert pictures.report_copy(small) == small  # small enough: the file itself
