"""Hostile text, checked in the outputs themselves: links (the PPTX relationships and the
PDF's link annotations), label templates, chart text that looks like TeX, unprintable file
names in diagnostics, library warnings, and random hostile outlines that must give exit 0
or 2 with nothing but deckbuild's own lines on stderr."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from deckbuild.cli import main
from deckbuild.diagnostics import Diagnostic, Location, Severity, json_lines, printable
from deckbuild.model import links

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
SLIDE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DIAGNOSTIC = re.compile(r"^\S.*?(:\d+:\d+)?: (error|warning): \S.*$")


def run(project: Path, *argv: str) -> tuple[int, str, str]:
    """deckbuild in-process in ``project``: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def write(root: Path, files: dict[str, object]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10**6),
                            encoding="utf-8")
    return root


# --- links -----------------------------------------------------------------------------------

REFUSED = {
    "smb": "smb://fileserver/share",
    "unc": "\\\\fileserver\\share",
    "msdt": "ms-msdt:/id PCWDiagnostic /skip force",
    "search": "search-ms:query=invoice&crumb=location:\\\\evil\\x",
    "drive": "C:\\Windows\\System32\\calc.exe",
    "program": "calc.exe",
    "relative": "../secrets/plan.docx",
    "file": "FILE:///etc/passwd",
    "javascript": "javascript:alert(1)",
    "newline": "java%0Ascript:alert(1)",
    "tab": "java%09script:alert(1)",
    "escaped-scheme": "ht%74ps://example.com/",
    "escaped-unc": "%5C%5Cfileserver%5Cshare",
    "ftp": "ftp://example.com/x",
    "data": "data:text/html,hello",
    "credentials": "https://bank.example@evil.example/",
    "no-host": "https:///path",
    "anchor": "#nowhere",
    "vbscript": "VBScript:msgbox(1)",
}
ALLOWED = {
    "web": ("https://example.com/a?b=1", "https://example.com/a?b=1"),
    "upper": ("HTTPS://Example.com/x", "https://Example.com/x"),
    "http": ("http://example.org", "http://example.org"),
    "mail": ("mailto:team@example.com", "mailto:team@example.com"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_targets(name):
    verdict = links.check(REFUSED[name], anchors={"intro"})
    assert verdict.target is None and verdict.reason


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_allowed_targets(name):
    href, target = ALLOWED[name]
    assert links.check(href).target == target


def test_anchors_name_slide_ids_only():
    assert links.check("#intro", {"intro"}).target == "#intro"
    assert links.check("#intro", set()).target is None
    assert links.check("#in%74ro", {"intro"}).target is None  # disguised
    assert links.check("#", {"intro"}).target is None


def _markdown_target(href: str) -> str:
    """``href`` as a Markdown link destination (pointy brackets for spaces, escaped backslashes)."""
    return "<" + href.replace("\\", "\\\\") + ">"


def _links_project(root: Path) -> Path:
    bullets = [f"[{name}]({_markdown_target(href)})" for name, href in sorted(REFUSED.items())]
    bullets += [f"[{name}]({href})" for name, (href, _) in sorted(ALLOWED.items())]
    bullets += ["[back](#intro)", "autolink <smb://fileserver/auto>"]
    return write(root, {"decks/t.yaml": {
        "title": "Links",
        "sources": [{"id": "web", "title": "Web", "url": "https://example.com/source"},
                    {"id": "bad", "title": "Bad", "url": "https://user:pw@example.com/"}],
        "slides": [{"kind": "section", "id": "intro", "title": "Intro"},
                   {"kind": "bullets", "title": "Where links go", "bullets": bullets, "sources": ["web", "bad"]}],
    }})


def _pptx_links(path: Path) -> tuple[set[str], list[str]]:
    """(external hyperlink targets, slide-jump targets) of every slide."""
    external, jumps = set(), []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                continue
            rels_name = name.replace("slides/", "slides/_rels/") + ".rels"
            rels = {r.get("Id"): r for r in etree.fromstring(z.read(rels_name)).iter(f"{{{REL_NS}}}Relationship")}
            for r in rels.values():
                if r.get("Type") == HYPERLINK:
                    external.add(r.get("Target"))
            for h in etree.fromstring(z.read(name)).iter(f"{{{A_NS}}}hlinkClick"):
                rel = rels[h.get(R_ID)]
                if h.get("action") == "ppaction://hlinksldjump":
                    assert rel.get("Type") == SLIDE_REL
                    jumps.append(rel.get("Target"))
                else:
                    assert rel.get("Type") == HYPERLINK
    return external, jumps


def _pdf_links(path: Path) -> tuple[set[str], int]:
    """(URIs of link annotations, number of links to a destination in the document)."""
    from pypdf import PdfReader

    uris, internal = set(), 0
    for page in PdfReader(str(path)).pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            action = a.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.add(str(action["/URI"]))
            elif a.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    return uris, internal


def test_refused_links_reach_neither_output(tmp_path):
    root = _links_project(tmp_path)
    code, _, err = run(root, "build")
    assert code == 0, err
    warned = [line for line in err.splitlines() if "is shown as plain text" in line]
    # one warning per refused link (the autolink too), and one for the source url
    assert len(warned) == len(REFUSED) + 2, err
    assert all(DIAGNOSTIC.match(line) for line in err.splitlines()), err
    allowed = {target for _, target in ALLOWED.values()} | {"https://example.com/source"}

    external, jumps = _pptx_links(root / "build" / "t.pptx")
    assert external == allowed
    assert jumps == ["slide1.xml"]  # [back](#intro) jumps to the section slide

    uris, internal = _pdf_links(root / "build" / "t.pdf")
    assert uris == allowed
    assert internal >= 1  # #intro, besides the contents and citation links
    for name in REFUSED:  # the link text stays, as plain text
        assert name in _pdf_text(root / "build" / "t.pdf")


def test_refused_link_warning_points_at_its_text(tmp_path):
    root = write(tmp_path, {"decks/t.yaml": "title: T\nslides:\n  - kind: bullets\n    title: B\n    bullets:\n"
                                            "      - fine\n      - \"[x](smb://h/s)\"\n"})
    code, _, err = run(root, "check")
    assert code == 0
    assert err.splitlines() == [
        "decks/t.yaml:7:9: warning: link to 'smb://h/s' is shown as plain text: 'smb:' links are not allowed; "
        "link to http://, https:// or mailto: addresses, or to #ID of a slide with 'id: ID'"]
    code, _, err = run(root, "check", "--strict")
    assert code == 2 and "error: link to 'smb://h/s'" in err


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


# --- labels ----------------------------------------------------------------------------------

def _labels_project(root: Path, labels: dict) -> Path:
    return write(root, {"decks/t.yaml": {
        "title": "Labels", "labels": {"en": labels},
        "slides": [{"kind": "section", "title": "One"}, {"kind": "bullets", "title": "Two", "bullets": ["a"]}]}})


def test_page_label_with_total_and_literal_braces(tmp_path):
    root = _labels_project(tmp_path, {"page": "Page {n} of {total}", "section": "Part {n} {{n}}",
                                      "contents": "Contents {{{{draft}}}}"})
    code, _, err = run(root, "build")
    assert code == 0 and err == ""
    from pypdf import PdfReader

    pages = PdfReader(str(root / "build" / "t.pdf")).pages
    text = _pdf_text(root / "build" / "t.pdf")
    for n in range(2, len(pages) + 1):  # the title page has no footer
        assert f"Page {n} of {len(pages)}" in text
    assert "Part 1 {n}" in text and "Contents {{draft}}" in text  # braces unescaped once


@pytest.mark.parametrize("template, needle", [
    ("{n.__class__.__mro__}", "more than a name"),
    ("{n:>100000000}", "more than a name"),
    ("{n!r}", "more than a name"),
    ("{n[0]}", "more than a name"),
    ("Page {page} of {total}", "unknown placeholder '{page}'"),
    ("{0}", "unknown placeholder '{0}'"),
    ("Page {", "'{' is not closed"),
    ("Page }", "a single '}'"),
])
def test_label_templates_are_checked_not_formatted(tmp_path, template, needle):
    root = _labels_project(tmp_path, {"page": template})
    for command in ("check", "build"):
        tracemalloc.start()
        try:
            code, out, err = run(root, command)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 50 << 20, f"{peak} bytes: a template was formatted"  # '{n:>100000000}' takes 100 MB
        assert code == 2 and out == ""
        (line,) = err.splitlines()
        assert line.startswith("decks/t.yaml:") and ": error: " in line and needle in line, line
        assert "class" not in line.split("error:")[1].replace("__class__", "")  # no Python object printed
    assert not (root / "build").exists()


# --- chart text is never TeX -----------------------------------------------------------------

TEX = ["$", "$$", "a $x^2$ b", "\\frac{1}{2}", "x^2_i", "$\\frac{a", "unbalanced $ sign", "$$$", "\\$5"]
KINDS = ["column", "bar", "line", "area", "pie", "donut", "scatter", "range", "magnitude", "combo", "scorecard"]


def _tex_chart(kind: str, t: str):
    from deckbuild.model.deck import Annotation, Chart, ChartKind, NumberFormat, ReferenceLine, Series

    cats = (f"{t} 1", f"{t} 2", f"{t} 3")
    series = (Series(f"{t} a", (1.0, 2.0, 3.0), (1.0, 2.0, 3.0) if kind == "scatter" else ()),)
    if kind == "range":
        series = (Series(f"{t} lo", (1.0, 2.0, 3.0)), Series(f"{t} hi", (2.0, 3.0, 4.0)))
    if kind == "combo":
        series += (Series(f"{t} line", (2.0, 3.0, 1.0), secondary=True),)
    return Chart(name="c", kind=ChartKind(kind), title=t, subtitle=t, categories=() if kind == "scatter" else cats,
                 series=series, unit=t, number_format=NumberFormat(1, "$", " $^"), highlight=cats[1],
                 reference_line=ReferenceLine(2.0, t), annotations=(Annotation(t, cats[1], 1.0, 2.0),),
                 x_title=t, y_title=t, y2_title=t, max_value=5.0 if kind == "scorecard" else None)


@pytest.mark.parametrize("kind", KINDS)
def test_chart_text_is_drawn_literally(kind):
    import matplotlib.text

    from deckbuild.charts import style
    from deckbuild.charts.draw import figure
    from deckbuild.model.theme import default_theme

    theme = default_theme()
    for t in TEX:
        with style.rc_context(theme):
            fig = figure(_tex_chart(kind, t), theme, 880, 380)
            fig.savefig(io.BytesIO(), format="png", dpi=40)  # draws every text, tick labels too
            texts = [x for x in fig.findobj(matplotlib.text.Text) if x.get_text()]
        assert texts
        assert all(not x.get_parse_math() and not x.get_usetex() for x in texts)
        assert any("$" in x.get_text() or "\\" in x.get_text() for x in texts)


def test_dollar_texts_build_in_every_chart_kind(tmp_path):
    charts = {}
    slides = []
    for kind in KINDS:
        spec = {"title": "Cost $x^2$", "subtitle": "$\\frac{1}{2}$", "kind": kind, "unit": "$$",
                "format": {"prefix": "$", "suffix": " $^"}, "native": kind in ("pie", "line"),
                "categories": ["$a$", "b_1 $", "\\frac{c}{d}"], "series": [{"name": "$ s", "values": [1, 2, 3]}],
                "annotations": [{"text": "$peak", "category": "b_1 $", "y": 2}],
                "reference_line": {"value": 2, "label": "$$$"}, "x_title": "$x", "y_title": "y_$"}
        if kind == "scatter":
            del spec["categories"]
            spec["series"] = [{"name": "$ s", "values": [1, 2, 3], "x": [1, 2, 3]}]
            spec["annotations"] = [{"text": "$peak", "x": 1, "y": 1}]
        if kind == "range":
            spec["series"] = [{"name": "$lo", "values": [1, 2, 3]}, {"name": "$hi", "values": [2, 3, 4]}]
        if kind == "combo":
            spec["series"].append({"name": "$l$", "values": [2, 3, 4], "secondary": True})
        charts[f"charts/{kind}.yaml"] = spec
        slides.append({"kind": "chart", "title": f"{kind} $", "chart": kind})
    root = write(tmp_path, {**charts, "decks/t.yaml": {"title": "$", "slides": slides}})
    code, _, err = run(root, "build")
    assert code == 0, err
    assert all(DIAGNOSTIC.match(line) for line in err.splitlines()), err


# --- diagnostics: one problem, one line ------------------------------------------------------

BAD_NAMES = ["new\nline", "esc\x1b[31mred", "bidi\u202eexe.yaml", "tab\there", "sep\u2028x", "del\x7f"]


@pytest.mark.parametrize("stem", BAD_NAMES)
def test_unprintable_file_names_print_on_one_line(tmp_path, stem):
    decks = tmp_path / "decks"
    decks.mkdir()
    path = decks / f"{stem}.yaml"
    path.write_text("title: T\ntitel: x\nslides: [{kind: bullets, title: B, bullets: [a]}]\n", encoding="utf-8")
    code, _, err = run(tmp_path, "check", str(path.relative_to(tmp_path)))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and DIAGNOSTIC.match(lines[0]), err
    assert lines[0].startswith("decks/" + printable(stem) + ".yaml:2:1: error: unknown key 'titel'")
    assert lines[0].isprintable()
    code, out, _ = run(tmp_path, "check", "--format", "json", str(path.relative_to(tmp_path)))
    assert code == 2
    assert out.replace("\n", "").isprintable()
    (item,) = json.loads(out)
    assert item["path"] == f"decks/{stem}.yaml"  # the exact name, for programs


def test_undecodable_file_name(tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    raw = os.fsencode(decks) + b"/caf\xe9.yaml"
    with open(raw, "w", encoding="utf-8") as fh:
        fh.write("title: T\ntitel: x\nslides: [{kind: bullets, title: B, bullets: [a]}]\n")
    name = os.fsdecode(raw)
    code, _, err = run(tmp_path, "check", os.path.relpath(name, tmp_path))
    assert code == 2
    assert err.splitlines()[0].startswith("decks/caf\\udce9.yaml:2:1: error: ")


def test_ordinary_paths_print_as_before():
    d = Diagnostic(Location("decks/meta-ai-bet.yaml", 23, 5), Severity.ERROR, "unknown key 'titel' in slide 3")
    assert d.format() == "decks/meta-ai-bet.yaml:23:5: error: unknown key 'titel' in slide 3"
    zh = Diagnostic(Location("decks/会议 笔记.yaml", 1, 1), Severity.WARNING, "标题 “引号” 😀")
    assert zh.format() == "decks/会议 笔记.yaml:1:1: warning: 标题 “引号” 😀"


def test_messages_with_user_values_stay_on_one_line():
    d = Diagnostic(Location("a.yaml", 1, 2), Severity.ERROR, "unknown fact 'x\ny\u202ez'")
    assert d.format() == "a.yaml:1:2: error: unknown fact 'x\\ny\\u202ez'"
    assert json.loads(json_lines([d]))[0]["message"] == "unknown fact 'x\ny\u202ez'"


# --- library warnings ------------------------------------------------------------------------

def test_library_warnings_become_positioned_warnings(tmp_path):
    root = write(tmp_path, {
        "charts/crowded.yaml": {"title": "Crowded", "kind": "bar", "native": False,
                                "categories": ["W" * 300, "b"], "series": [{"name": "s", "values": [1, 2]}]},
        "decks/t.yaml": "title: T\nslides:\n  - kind: chart\n    title: C\n    chart: crowded\n",
    })
    code, _, err = run(root, "build", "--format", "pptx")
    assert code == 0
    assert err.splitlines() == [
        "decks/t.yaml:5:12: warning: chart 'crowded': its texts leave no room for the plot; shorten the titles, "
        "categories, legend or annotations"]


# --- every failure is a diagnostic -----------------------------------------------------------

WORDS = st.sampled_from(["", " ", "\t", "W" * 1500, "中" * 1500, "$x^2$", "\\frac{1}{2}", "$", "{n}", "{{",
                         "[a](smb://h/s)", "[b](#nowhere)", "<search-ms:x>", "[c](https://example.com)",
                         "**bold**", "`code`", "&amp;", "<b>", "😀" * 50, "\u202e", "a\u200bb" * 20])
SHORT = st.sampled_from(["", " ", "$", "$x$", "a_b^c", "\\frac{1}{2}", "[l](smb://x)", "W" * 290, "中" * 100])


@st.composite
def hostile_projects(draw):
    def t():
        return draw(st.lists(WORDS, min_size=1, max_size=3).map(" ".join))

    kinds = draw(st.lists(st.sampled_from(["bullets", "stats", "table", "quote", "columns", "chart", "image",
                                           "section", "closing"]), min_size=1, max_size=4))
    slides, files = [], {}
    for i, kind in enumerate(kinds):
        s: dict = {"kind": kind, "title": t()}
        if kind in ("bullets", "closing"):
            s["bullets"] = [t(), t()]
        elif kind == "stats":
            s["stats"] = [{"value": t(), "label": t()}, {"value": t(), "label": t()}]
        elif kind == "table":
            s["table"] = {"header": [t(), t()], "rows": [[t(), t()]]}
        elif kind == "quote":
            s["quote"], s["attribution"] = t(), t()
        elif kind == "columns":
            s["left"] = {"heading": t(), "bullets": [t()]}
            s["right"] = {"heading": t(), "bullets": [t()]}
        elif kind == "image":
            s["image"], s["alt"], s["caption"] = "pic.png", t(), t()
            good = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
                                 "53de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082")
            files["decks/pic.png"] = draw(st.sampled_from([good, good, good, good[:40], good[:-20]]))
        elif kind == "chart":
            name = f"c{i}"
            files[f"charts/{name}.yaml"] = {
                "title": draw(SHORT), "kind": draw(st.sampled_from(["column", "bar", "pie", "line"])),
                "native": draw(st.booleans()), "categories": [draw(SHORT), "b"],
                "series": [{"name": draw(SHORT), "values": [1, 2]}], "x_title": draw(SHORT)}
            s["chart"], s["caption"] = name, t()
        s["report"] = t()
        slides.append(s)
    outline = {"title": t(), "summary": t(), "slides": slides,
               "labels": {"en": {"page": draw(st.sampled_from(["Page {n}", "{n} / {total}", "{{n}} {n}", "Page {n}",
                                                                   "{n:>99}", "{x}"]))}}}
    files["decks/t.yaml"] = outline
    return files


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(hostile_projects())
def test_random_hostile_outlines_give_diagnostics_only(tmp_path_factory, files):
    root = write(tmp_path_factory.mktemp("hostile"), files)
    code, out, err = run(root, "build")
    assert code in (0, 2), err
    assert "internal error" not in err and "Traceback" not in err
    for line in err.splitlines():
        assert DIAGNOSTIC.match(line), f"not a diagnostic: {line!r}"
    if code == 2:
        assert out == "" and not (root / "build" / "t.pptx").exists()
    else:
        assert (root / "build" / "t.pptx").is_file() and (root / "build" / "t.pdf").is_file()
