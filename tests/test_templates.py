"""Decks built on company templates (a theme's ``pptx.template``): two templates of different
structure, one saved by python-pptx (16:9, German layout names, a branded master) and one
saved by LibreOffice Impress (4:3, dark, LibreOffice's layout names, no section layout).
tests/fixtures/templates/make_templates.py makes them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import ROOT, require_tool
from deckbuild.input.template_reference import read_reference
from project import package_with

FIXTURES = ROOT / "tests" / "fixtures" / "templates"
ACME_THEME = """\
name: acme
pptx:
  template: acme.pptx
  layouts:
    title: Titelfolie
    section: Abschnitt
    bullets: Titel und Inhalt
    columns: Zwei Inhalte
    closing: Titel und Inhalt
    chart: Nur Titel
    table: Nur Titel
    quote: Nur Titel
    stats: Nur Titel
    image: Nur Titel
    diagram: Nur Titel
"""
DARK_THEME = """\
name: dark
pptx:
  template: dark-libreoffice.pptx
"""


def template_project(root: Path) -> Path:
    for name in ("charts", "decks"):
        shutil.copytree(ROOT / name, root / name)
    for theme, file, text in (("acme", "acme.pptx", ACME_THEME), ("dark", "dark-libreoffice.pptx", DARK_THEME)):
        (root / "templates" / theme).mkdir(parents=True)
        shutil.copyfile(FIXTURES / file, root / "templates" / theme / file)
        (root / "templates" / theme / "theme.yaml").write_text(text, encoding="utf-8")
    flagship = (root / "decks" / "meta-ai-bet.yaml").read_text(encoding="utf-8")
    for theme in ("acme", "dark"):
        text = flagship.replace("\nlanguage: zh-CN\n", f"\nlanguage: zh-CN\ntheme: {theme}\n", 1)
        assert f"theme: {theme}" in text
        (root / "decks" / f"{theme}.yaml").write_text(text, encoding="utf-8")
    return root


def deckbuild(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    root = template_project(tmp_path_factory.mktemp("templates"))
    run = deckbuild(root, "build", "decks/acme.yaml", "decks/dark.yaml", "--format", "pptx")
    assert run.returncode == 0, run.stderr
    return root, run


def _kinds(root: Path, deck: str) -> list[str]:
    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.editions import compile_outline

    _, editions = compile_outline(root / "decks" / deck, Diagnostics())
    return [s.kind.value for s in editions[0].slides]


def test_reference_reads_size_layouts_colours_and_fonts():
    acme = read_reference(FIXTURES / "acme.pptx")
    assert (acme.width, acme.height) == (960, 540)
    assert [lay.name for lay in acme.layouts] == ["Titelfolie", "Titel und Inhalt", "Abschnitt", "Zwei Inhalte",
                                                  "Nur Titel", "Leer"]
    assert acme.color("dk2") == "#003B5C" and acme.color("accent1") == "#E4002B"
    assert acme.minor_latin == "Arial" and acme.background == "#FFFFFF"
    dark = read_reference(FIXTURES / "dark-libreoffice.pptx")
    assert (dark.width, dark.height) == (720, 540)
    assert dark.layout("title, content") is not None and dark.layout("Section Header") is None
    assert (dark.background, dark.title_color, dark.body_color) == ("#1E2A3A", "#F5F7FA", "#F5F7FA")
    # LibreOffice numbers every content placeholder idx 0; the title comes first
    two = dark.layout("Title, 2 Content")
    assert [p.type for p in two.placeholders][:3] == ["title", "obj", "obj"] and len(two.bodies) == 2


def test_slides_use_the_mapped_layouts_and_the_template_master(built):
    root, _ = built
    prs = Presentation(str(root / "build" / "acme.pptx"))
    kinds = _kinds(root, "acme.yaml")
    mapping = {k: v for k, v in (line.strip().split(": ") for line in ACME_THEME.splitlines()[4:])}
    assert len(prs.slides) == len(kinds) == 30  # the template's two sample slides are gone
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    for slide, kind in zip(prs.slides, kinds):
        assert slide.slide_layout.name == mapping[kind], (slide.slide_id, kind)
        assert slide._element.find(qn("p:cSld")).find(qn("p:bg")) is None  # the layout's background shows
        names = {sh.name for sh in slide.shapes}
        assert not names & {"Accent rule", "Band"}  # no deckbuild decoration on a company template
        for sh in slide.placeholders:  # none left empty ("Click to add text")
            assert sh.has_text_frame and sh.text_frame.text.strip(), (slide.slide_id, sh.name)
        for sh in slide.shapes:
            assert 0 <= sh.left and sh.left + sh.width <= prs.slide_width + 12700, (slide.slide_id, sh.name)
            assert 0 <= sh.top and sh.top + sh.height <= prs.slide_height + 12700, (slide.slide_id, sh.name)
    assert "Brand band" in {sh.name for sh in prs.slide_master.shapes}


def test_theme_colours_and_fonts_come_from_the_template(built):
    root, _ = built
    with zipfile.ZipFile(root / "build" / "acme.pptx") as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
        slide = z.read("ppt/slides/slide2.xml").decode()
    assert 'name="ACME"' in theme and "003B5C" in theme and "E4002B" in theme
    prs = Presentation(str(root / "build" / "acme.pptx"))
    title = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]._r
    assert title.find(qn("a:rPr")).find(qn("a:solidFill")) is None  # the layout colours titles
    # the template's faces: its Hans font for CJK
    assert 'typeface="Arial"' in slide and '<a:ea typeface="宋体"/>' in slide
    assert "E4002B" in slide  # the accent (bullet markers) is the template's accent1


def test_libreoffice_template_falls_back_with_a_warning(built):
    root, run = built
    warning = ("templates/dark/theme.yaml:3:13: warning: theme 'dark': template 'dark-libreoffice.pptx' has no "
               "layout 'Section Header' or 'Section Title' for section slides, so they use 'Title Slide'; set "
               "pptx.layouts.section to "
               "one of: 'Blank Slide', 'Title Slide', 'Title, Content', ")
    assert warning in run.stderr and run.stderr.count("has no layout") == 1
    prs = Presentation(str(root / "build" / "dark.pptx"))
    kinds = _kinds(root, "dark.yaml")
    expected = {"title": "Title Slide", "section": "Title Slide", "bullets": "Title, Content",
                "columns": "Title, 2 Content", "closing": "Title, Content", "chart": "Title Only"}
    for slide, kind in zip(prs.slides, kinds):
        if kind in expected:
            assert slide.slide_layout.name == expected[kind], kind
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)


def test_a_missing_override_names_the_layout_and_falls_back(tmp_path):
    root = template_project(tmp_path)
    theme = root / "templates" / "acme" / "theme.yaml"
    theme.write_text(ACME_THEME.replace("columns: Zwei Inhalte", "columns: Zwei Inhallte"), encoding="utf-8")
    run = deckbuild(root, "check", "decks/acme.yaml")
    assert run.returncode == 0, run.stderr
    assert ("templates/acme/theme.yaml:8:14: warning: theme 'acme': template 'acme.pptx' has no layout "
            "'Zwei Inhallte' for columns slides, so they use 'Zwei Inhalte', the closest name; set "
            "pptx.layouts.columns to one of: 'Titelfolie', 'Titel und Inhalt', 'Abschnitt', 'Zwei Inhalte', "
            "'Nur Titel', 'Leer'\n") in run.stderr
    strict = deckbuild(root, "build", "decks/acme.yaml", "--format", "pptx", "--strict")
    assert strict.returncode != 0 and not (root / "build" / "acme.pptx").exists()


@pytest.mark.parametrize("content, message", [
    (None, "templates/acme/theme.yaml:3:13: error: template 'acme.pptx' not found in templates/acme; put the "
           "company template (.pptx or .potx) in the theme folder or give its path relative to it"),
    (b"not a zip", "templates/acme/theme.yaml:3:13: error: template 'acme.pptx' is not a PowerPoint file (not a "
                   "zip package); save the template again from PowerPoint or LibreOffice"),
    (b"PK\x05\x06" + b"\0" * 18, "templates/acme/theme.yaml:3:13: error: template 'acme.pptx' is not a usable "
                                 "PowerPoint file"),
])
def test_bad_templates_are_positioned_errors(tmp_path, content, message):
    root = template_project(tmp_path)
    target = root / "templates" / "acme" / "acme.pptx"
    if content is None:
        target.unlink()
    else:
        target.write_bytes(content)
    run = deckbuild(root, "build", "decks/acme.yaml", "--format", "pptx")
    assert run.returncode == 2 and message in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and not (root / "build" / "acme.pptx").exists()


def test_check_on_a_template_imports_no_renderer(built):
    root, _ = built
    code = ("import sys, runpy; sys.argv = ['deckbuild', 'check', 'decks/dark.yaml']\n"
            "try:\n    runpy.run_module('deckbuild', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)), file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300)
    assert "has no layout 'Section Header'" in r.stderr
    assert not set(r.stderr.strip().splitlines()[-1].split()) & {"pptx", "reportlab", "matplotlib"}


@pytest.fixture(scope="module")
def libreoffice_pdfs(built, tmp_path_factory) -> dict[str, Path]:
    """Both decks converted by LibreOffice, in one run."""
    require_tool("soffice")
    from clients import libreoffice_to_pdfs

    root, _ = built
    decks = ["acme", "dark"]
    pdfs = libreoffice_to_pdfs([root / "build" / f"{deck}.pptx" for deck in decks], tmp_path_factory.mktemp("lo"))
    return dict(zip(decks, pdfs))


@pytest.mark.parametrize("deck", ["acme", "dark"])
def test_libreoffice_renders_decks_on_templates(libreoffice_pdfs, deck):
    require_tool("pdftotext")
    pdf = libreoffice_pdfs[deck]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+30$", info, re.M), info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Meta 的超级智能豪赌" in text and "战略重心从元宇宙转向超级智能" in text
    if deck == "acme":
        assert text.count("ACME") >= 30  # the master's mark is on every slide
    assert "Click to add" not in text and "Sample slide" not in text


def test_a_dark_template_keeps_the_report_on_paper_colours(built):
    from deckbuild.diagnostics import Diagnostics, Location
    from deckbuild.input.project import Project
    from deckbuild.input.theme import load_theme
    from deckbuild.model.theme import Colors

    root, _ = built
    project = Project.of_deck(root / "decks" / "dark.yaml")
    dark = load_theme("dark", project, Diagnostics(), Location("x"))
    assert dark.colors.background == "#1E2A3A" and dark.colors.text == "#F5F7FA"
    assert dark.for_report().colors == Colors()  # light text on white paper would be unreadable
    acme = load_theme("acme", project, Diagnostics(), Location("x"))
    assert acme.report_colors is None and acme.for_report().colors.accent == "#E4002B"
    assert acme.colors.palette[:2] == ("#E4002B", "#003B5C") and acme.fonts.latin == "Arial"


def test_a_scaffolded_theme_on_a_dark_template_takes_the_template_colours(tmp_path):
    """`deckbuild new` writes every colour into the theme; on a company template the deck's
    colours still come from the template (dark text on a dark master would be unreadable)."""
    from deckbuild.diagnostics import Diagnostics, Location
    from deckbuild.input.project import Project
    from deckbuild.input.theme import load_theme
    from deckbuild.model.theme import Colors

    run = deckbuild(tmp_path, "new", "demo")
    assert run.returncode == 0, run.stderr
    theme_file = tmp_path / "templates" / "demo" / "theme.yaml"
    assert theme_file.read_text(encoding="utf-8").startswith("# The theme 'demo', made from deckbuild's default one.")
    shutil.copyfile(FIXTURES / "dark-libreoffice.pptx", theme_file.parent / "company.pptx")
    theme_file.write_text(theme_file.read_text(encoding="utf-8") + "pptx:\n  template: company.pptx\n",
                          encoding="utf-8")
    theme = load_theme("demo", Project.of_deck(tmp_path / "decks" / "demo.yaml"), Diagnostics(), Location("x"))
    assert (theme.colors.background, theme.colors.text) == ("#1E2A3A", "#F5F7FA")
    assert theme.for_report().colors.text == Colors().text  # the scaffold's own colours, on paper
    build = deckbuild(tmp_path, "build", "decks/demo.yaml", "--format", "pptx")
    assert build.returncode == 0, build.stderr
    with zipfile.ZipFile(tmp_path / "build" / "demo.pptx") as z:
        bullets = z.read("ppt/slides/slide2.xml").decode()
    assert 'val="F5F7FA"' in bullets and 'val="222222"' not in bullets


ACME_LAYOUTS = "'Titelfolie', 'Titel und Inhalt', 'Abschnitt', 'Zwei Inhalte', 'Nur Titel', 'Leer'"


MORE_SLIDES = """\
  - kind: section
    title: Part two
  - kind: columns
    title: Build or buy
    left: {heading: Build, bullets: [Control, Slower start]}
    right: {heading: Buy, bullets: [Fast, Lock-in]}
  - kind: quote
    title: Customers noticed
    quote: Faster, not slower.
    attribution: A customer
  - kind: stats
    title: Two numbers
    stats: [{value: "12%", label: Growth}, {value: "4", label: Markets}]
  - kind: table
    title: Scorecard
    table: {header: [Area, Verdict], rows: [[Sales, Good], [Support, Watch]]}
"""


def _scaffold_on(tmp_path: Path, template: str, theme_extra: str = "", file: str = "acme.pptx") -> Path:
    """A `deckbuild new demo` project with more slides (every kind but image) on a template."""
    run = deckbuild(tmp_path, "new", "demo")
    assert run.returncode == 0, run.stderr
    outline = tmp_path / "decks" / "demo.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").rstrip("\n") + "\n" + MORE_SLIDES, encoding="utf-8")
    folder = tmp_path / "templates" / "demo"
    shutil.copyfile(FIXTURES / template, folder / file)
    (folder / "theme.yaml").write_text(f"name: demo\npptx:\n  template: {file}\n{theme_extra}", encoding="utf-8")
    return tmp_path


def test_without_a_mapping_each_kind_takes_a_layout_of_its_shape(tmp_path):
    """ACME's layouts have German names, so no default name matches: each kind falls back to
    the layout of its shape (never the title slide's for content), one warning per missing
    name for the kinds the deck uses, and titles sit where each layout has them."""
    root = _scaffold_on(tmp_path, "acme.pptx", "  layouts: {visuals: Nur Titel}\n")
    run = deckbuild(root, "build", "decks/demo.yaml", "--format", "pptx")
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "warning:" in line]
    assert warnings == ["decks/demo.yaml: warning: 1 lint warning (1 uncited-figure); run 'deckbuild check "
                        "decks/demo.yaml' to see them"] + [
        f"templates/demo/theme.yaml:3:13: warning: theme 'demo': template 'acme.pptx' has no layout {name} for "
        f"{kinds} slides, so they use '{used}'; set {keys} to one of: {ACME_LAYOUTS}"
        for name, kinds, used, keys in (
            ("'Title Slide'", "title", "Titelfolie", "pptx.layouts.title"),
            ("'Section Header' or 'Section Title'", "section", "Abschnitt", "pptx.layouts.section"),
            ("'Title and Content' or 'Title, Content'", "bullets and closing", "Titel und Inhalt",
             "pptx.layouts.bullets, pptx.layouts.closing"),
            ("'Comparison', 'Two Content' or 'Title, 2 Content'", "columns", "Zwei Inhalte",
             "pptx.layouts.columns"))]
    prs = Presentation(str(root / "build" / "demo.pptx"))
    expected = {"title": "Titelfolie", "section": "Abschnitt", "bullets": "Titel und Inhalt",
                "columns": "Zwei Inhalte", "closing": "Titel und Inhalt", "chart": "Nur Titel", "table": "Nur Titel",
                "quote": "Nur Titel", "stats": "Nur Titel"}
    kinds = _kinds(root, "demo.yaml")
    assert set(kinds) == set(expected)
    ref = read_reference(FIXTURES / "acme.pptx")
    for slide, kind in zip(prs.slides, kinds):
        assert slide.slide_layout.name == expected[kind], kind
        if kind in ("bullets", "columns", "chart", "table", "stats", "closing"):
            # the title where the layout has it (near the top, 90 pt high), not mid-slide
            x, y, w, h = ref.layout(expected[kind]).title.box
            assert (slide.shapes.title.top, slide.shapes.title.height) == (round(y * 12700), round(h * 12700)), kind
    two = next(s for s, k in zip(prs.slides, kinds) if k == "columns")
    texts = sorted((sh.left, sh.text_frame.text) for sh in two.placeholders if sh.placeholder_format.idx != 0)
    assert [x for x, _ in texts][-1] >= 488 * 12700 - 1  # the right column in the right-hand placeholder


def test_warnings_only_for_the_kinds_the_deck_uses(tmp_path):
    root = _scaffold_on(tmp_path, "acme.pptx")
    outline = root / "decks" / "demo.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text[:text.index("slides:")] + "slides:\n  - kind: bullets\n    title: One\n"
                       "    bullets: [a, b]\n", encoding="utf-8")
    run = deckbuild(root, "check", "decks/demo.yaml")
    assert run.returncode == 0 and run.stderr.count("has no layout") == 1, run.stderr
    assert ("has no layout 'Title and Content' or 'Title, Content' for bullets slides, so they use "
            "'Titel und Inhalt'") in run.stderr


def _retype(source: Path, target: Path, main_type: str) -> None:
    """A copy of a .pptx whose presentation part has another content type."""
    package_with(source, target, "[Content_Types].xml",
                 lambda data: data.replace(b"presentationml.presentation.main+xml", main_type.encode()))


@pytest.mark.parametrize("file", ["acme.potx", "renamed.pptx"])
def test_a_potx_template_is_used_as_is(tmp_path, file):
    """A template saved as .potx (or one renamed to .pptx) builds, and the deck is a .pptx."""
    _retype(FIXTURES / "acme.pptx", tmp_path / "acme.potx", "presentationml.template.main+xml")
    root = _scaffold_on(tmp_path, "acme.pptx", file=file)
    shutil.copyfile(tmp_path / "acme.potx", root / "templates" / "demo" / file)
    assert read_reference(root / "templates" / "demo" / file).is_presentation is False
    run = deckbuild(root, "build", "decks/demo.yaml", "--format", "pptx")
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(root / "build" / "demo.pptx") as z:
        types = z.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types and "template.main" not in types
    prs = Presentation(str(root / "build" / "demo.pptx"))
    assert prs.slides[1].slide_layout.name == "Titel und Inhalt"


def test_a_macro_enabled_template_is_refused_with_its_position(tmp_path):
    root = _scaffold_on(tmp_path, "acme.pptx")
    _retype(FIXTURES / "acme.pptx", root / "templates" / "demo" / "acme.pptx",
            "ms-powerpoint.presentation.macroEnabled.main+xml")
    for command in ("check", "build"):
        run = deckbuild(root, command, "decks/demo.yaml")
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
        assert ("templates/demo/theme.yaml:3:13: error: template 'acme.pptx' contains macros (a .pptm or .potm); "
                "save it as a PowerPoint presentation (.pptx) without macros") in run.stderr
    assert not (root / "build").exists() or not list((root / "build").glob("demo.*"))


def test_a_content_kind_on_a_title_slide_layout_is_warned_of(tmp_path):
    root = _scaffold_on(tmp_path, "acme.pptx",
                        "  layouts: {visuals: Nur Titel, chart: Titelfolie, table: Titelfolie}\n")
    run = deckbuild(root, "check", "decks/demo.yaml")
    assert run.returncode == 0, run.stderr
    assert ("templates/demo/theme.yaml:4:40: warning: theme 'demo': template 'acme.pptx': layout 'Titelfolie' is a "
            "title slide's (a centred title or a subtitle, no room for content), so chart slides on it get only its "
            "subtitle's box; set pptx.layouts.chart to a layout with a title and a content area, such as "
            "'Nur Titel'") in run.stderr
    assert "table slides on it" in run.stderr and "quote" not in run.stderr
    assert deckbuild(root, "check", "--strict", "decks/demo.yaml").returncode == 2


def test_template_file_errors_say_what_and_where(tmp_path):
    root = _scaffold_on(tmp_path, "acme.pptx")
    folder = root / "templates" / "demo"
    (folder / "acme.pptx").rename(folder / "Acme.pptx")
    run = deckbuild(root, "check", "decks/demo.yaml")
    assert run.returncode == 2
    assert ("error: template 'acme.pptx' not found in templates/demo; did you mean 'Acme.pptx'? (names are "
            "case-sensitive) Put the company template") in run.stderr
    # a damaged layout part is named
    package_with(FIXTURES / "acme.pptx", folder / "acme.pptx", "ppt/slideLayouts/slideLayout4.xml",
                 lambda data: data[:-20])
    run = deckbuild(root, "build", "decks/demo.yaml")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "is not a usable PowerPoint file (ppt/slideLayouts/slideLayout4.xml: " in run.stderr, run.stderr


def test_a_misspelt_content_layout_never_lands_on_the_title_slide(tmp_path):
    root = _scaffold_on(tmp_path, "acme.pptx", "  layouts: {visuals: Nur Titel, chart: Titelfolei}\n")
    run = deckbuild(root, "build", "decks/demo.yaml", "--format", "pptx")
    assert run.returncode == 0, run.stderr
    assert ("has no layout 'Titelfolei' for chart slides, so they use 'Nur Titel'; did you mean 'Titelfolie'? "
            "Set pptx.layouts.chart") in run.stderr
    kinds = _kinds(root, "demo.yaml")
    prs = Presentation(str(root / "build" / "demo.pptx"))
    assert prs.slides[kinds.index("chart")].slide_layout.name == "Nur Titel"


@pytest.mark.parametrize("deck", ["acme", "acme.en", "dark", "dark.en"])
def test_the_date_is_in_the_template_title_layouts_date_placeholder(built, deck):
    """Where and as the template has it (its box; the subtitle keeps the byline, the author)."""
    root, _ = built
    first = Presentation(str(root / "build" / f"{deck}.pptx")).slides[0]
    (date,) = [sh for sh in first.shapes if sh.name == "Date"]
    ph = date.element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph"))
    (layout,) = [p for p in first.slide_layout.placeholders
                 if p.element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph")).get("type") == "dt"]
    assert ph.get("type") == "dt" and ph.get("idx") == str(layout.placeholder_format.idx)
    assert (date.left, date.top, date.width, date.height) == (layout.left, layout.top, layout.width, layout.height)
    assert date.text_frame.text == ("August 2025" if deck.endswith(".en") else "2025年8月")
    texts = [sh.text_frame.text for sh in first.shapes if sh.has_text_frame]
    assert not any("2025" in t for t in texts if t != date.text_frame.text), texts


def test_a_title_layout_without_a_date_placeholder_keeps_the_date_in_the_byline(tmp_path):
    root = _scaffold_on(tmp_path, "acme.pptx", "  layouts: {title: Titelfolie}\n", file="nodate.pptx")
    template = root / "templates" / "demo" / "nodate.pptx"

    def without_date(data: bytes) -> bytes:
        text = data.decode()
        start = text.rindex("<p:sp>", 0, text.index('type="dt"'))
        return (text[:start] + text[text.index("</p:sp>", start) + len("</p:sp>"):]).encode()

    package_with(FIXTURES / "acme.pptx", template, "ppt/slideLayouts/slideLayout1.xml", without_date)  # Titelfolie
    run = deckbuild(root, "build", "decks/demo.yaml", "--format", "pptx")
    assert run.returncode == 0, run.stderr
    first = Presentation(str(root / "build" / "demo.pptx")).slides[0]
    assert first.slide_layout.name == "Titelfolie"
    assert not [sh for sh in first.shapes if sh.name == "Date"]
    assert any(sh.text_frame.text.endswith("Your name · 1 January 2025") for sh in first.shapes if sh.has_text_frame)


@pytest.mark.parametrize("deck", ["acme", "acme.en", "dark", "dark.en"])
def test_decks_on_templates_pass_the_open_xml_sdk_rules(built, deck):
    """Errors in the parts deckbuild writes fail; errors in the template's own masters, layouts
    and theme (copied as they are) are reported as warnings."""
    import warnings

    from open_xml import problems

    root, _ = built
    ours, theirs = problems(root / "build" / f"{deck}.pptx", on_template=True)
    for line in theirs:
        warnings.warn(f"{deck}.pptx, in the company template: {line}", stacklevel=1)
    assert not ours, "\n".join(ours)


@pytest.mark.parametrize("deck", ["acme", "dark"])
def test_footers_on_templates_are_the_layouts_footer_placeholders(built, deck):
    root, _ = built
    prs = Presentation(str(root / "build" / f"{deck}.pptx"))
    found = 0
    for slide in list(prs.slides)[1:]:
        for shape in slide.shapes:
            if shape.name in ("Sources", "Slide number"):
                ph = shape.element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph"))
                kind = "ftr" if shape.name == "Sources" else "sldNum"
                layout = {p.element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph")).get("idx")
                          for p in slide.slide_layout.placeholders
                          if p.element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph")).get("type") == kind}
                assert ph is not None and ph.get("type") == kind and ph.get("idx") in layout, (deck, shape.name)
                found += 1
    assert found >= 40
