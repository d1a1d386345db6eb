"""A project as a new user writes it from the README and docs/ alone (tests/fixtures/new-user):
an 18-slide quarterly business review in English with a Japanese and a German edition, on the
company template, with facts, three charts (one from a CSV file), two tables, a stats slide, a
diagram, sources, speaker notes and report prose. It checks clean with ``--strict``, builds, and
the three editions print the same numbers on every slide of the deck and in every section of
the report, each read in its language's scale words and separators."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import ROOT, require_tool
from numbers_in_text import months_as_numbers, values
from svg_text import texts

PROJECT = ROOT / "tests" / "fixtures" / "new-user"
DECK = "decks/q3-review.yaml"
EDITIONS = {"q3-review": "en", "q3-review.ja": "ja", "q3-review.de": "de"}  # file name → language
SLIDES = 18
pytestmark = pytest.mark.xdist_group("new-user")  # one process, so the project is built once
FURNITURE = 50  # points cropped off the top and bottom of each report page: running header and footer


@dataclass
class Build:
    out: Path
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess


def _deckbuild(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Build:
    """The project copied into a temporary folder, checked and built once (both formats,
    every edition); the fixture folder itself is never written."""
    work = tmp_path_factory.mktemp("new-user") / "project"
    shutil.copytree(PROJECT, work)
    check = _deckbuild(work, "check", DECK, "--strict")
    build = _deckbuild(work, "build", DECK, "--format", "all", "--out", "out")
    return Build(work / "out", check, build)


def test_the_project_checks_clean_and_builds_every_edition(project):
    assert project.check.returncode == 0, project.check.stdout + project.check.stderr
    assert project.check.stdout.strip() == "" and project.check.stderr.strip() == "", project.check.stderr
    assert project.build.returncode == 0, project.build.stderr
    assert "warning" not in project.build.stderr and "error" not in project.build.stderr, project.build.stderr
    for name in EDITIONS:
        for ext in ("pptx", "pdf"):
            assert (project.out / f"{name}.{ext}").stat().st_size > 0, (name, ext)
        assert len(Presentation(str(project.out / f"{name}.pptx")).slides) == SLIDES, name


def _counted(text: str, language: str) -> Counter:
    """The numbers of ``text`` a translation must keep: every value above 10 and every
    fraction (11.1%, 1.5×, $4.12億), after month names are read as numbers. Integers up to 10
    are left out, since one language writes them in words ('five quarters', 'fünf
    Quartale') where another writes digits (5四半期); so are slide and page numbers."""
    found = values(months_as_numbers(text), decimal_comma=language == "de")
    return Counter(v.normalize() for v in found if v > 10 or v != v.to_integral_value())


def _shape_texts(shapes) -> list[str]:
    out = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            out += _shape_texts(shape.shapes)
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def _slide_numbers(path: Path, language: str) -> list[Counter]:
    """The numbers of each slide: its shapes and table cells, and its speaker notes."""
    out = []
    for slide in Presentation(str(path)).slides:
        texts = _shape_texts(slide.shapes)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        out.append(_counted("\n".join(texts), language))
    return out


def _differences(by_edition: dict[str, list[Counter]], what: str, first: int) -> list[str]:
    """One line per part (slide or section, numbered from ``first``) whose numbers differ
    from the English edition's."""
    english = by_edition["q3-review"]
    problems = []
    for name, parts in by_edition.items():
        if len(parts) != len(english):
            problems.append(f"{name}: {len(parts)} {what}s, English has {len(english)}")
            continue
        for n, (mine, theirs) in enumerate(zip(parts, english), first):
            if mine != theirs:
                problems.append(f"{name} {what} {n}: only here {sorted(mine - theirs)}, "
                                f"only in English {sorted(theirs - mine)}")
    return problems


def test_every_slide_prints_the_same_numbers_in_japanese_english_and_german(project):
    by_edition = {name: _slide_numbers(project.out / f"{name}.pptx", language)
                  for name, language in EDITIONS.items()}
    problems = _differences(by_edition, "slide", 1)
    assert not problems, "\n".join(problems)
    # not vacuous: the KPI table (slide 6) holds the revenue of both years, 17,100 customers …
    assert {Decimal("371E6"), Decimal("412E6"), Decimal("17100"), Decimal("38.4")} <= set(by_edition["q3-review"][5])
    assert sum(sum(c.values()) for c in by_edition["q3-review.ja"]) > 80


def _report_text(path: Path) -> str:
    """The report's text without its page furniture (the running header and the footer with
    the page number are cropped off) and without the contents, whose page numbers differ."""
    pdftotext = require_tool("pdftotext")
    info = subprocess.run([require_tool("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout
    width, height = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).group(1, 2))
    text = subprocess.run([pdftotext, "-r", "72", "-x", "0", "-y", str(FURNITURE), "-W", str(int(width)),
                           "-H", str(int(height) - 2 * FURNITURE), str(path), "-"],
                          check=True, capture_output=True, text=True).stdout
    pages = [page for page in text.split("\f") if len(re.findall(r"\. \. \. \.", page)) < 5]
    return "\n".join(pages)


def _joined(lines: list[str], language: str) -> str:
    """Lines of a paragraph joined as they were typeset: Japanese without a space (a line may
    break anywhere), unless digits would meet; others with one."""
    if language != "ja":
        return " ".join(lines)
    out = ""
    for line in lines:
        out += " " if out[-1:].isdigit() and line[:1].isdigit() else ""
        out += line
    return out


def _section_numbers(path: Path, language: str) -> list[Counter]:
    """The report cut at its numbered headings (1.1, 1.2 … 2.1 …, found in order, so that a
    line of prose that starts with a number is not one) with the heading's own number
    dropped: the numbers of the part before 1.1, and of each numbered section."""
    sections: list[list[str]] = [[]]
    major, minor = 1, 1
    for line in _report_text(path).splitlines():
        line = line.strip()
        for nxt in ((major, minor), (major + 1, 1)):
            heading = f"{nxt[0]}.{nxt[1]} "
            if line.startswith(heading):
                sections.append([])
                line = line[len(heading):]
                major, minor = nxt[0], nxt[1] + 1
                break
        if line:
            sections[-1].append(line)
    return [_counted(_joined(lines, language), language) for lines in sections]


def test_every_section_of_the_report_prints_the_same_numbers_in_every_edition(project):
    by_edition = {name: _section_numbers(project.out / f"{name}.pdf", language)
                  for name, language in EDITIONS.items()}
    assert len(by_edition["q3-review"]) == 12, len(by_edition["q3-review"])  # before 1.1; 4 + 3 + 4 sections
    problems = _differences(by_edition, "section", 0)  # section 0: before 1.1
    assert not problems, "\n".join(problems)
    assert Decimal("1.58E9") in by_edition["q3-review.de"][0]  # the summary's guidance range, read in German


def test_dates_and_month_names_read_as_numbers():
    assert months_as_numbers("22. Oktober 2026, 30 September 2026") == "22. 10 2026, 30 9 2026"
    assert _counted("22. Oktober 2026: 1,58–1,64 Milliarden $, 36,2%, fünf", "de") == Counter(
        {Decimal(22): 1, Decimal(2026): 1, Decimal("1.58E9"): 1, Decimal("1.64E9"): 1, Decimal("36.2"): 1})
    assert _counted("2026年10月22日：$15.8–16.4億、36.2%、5四半期", "ja") == _counted(
        "22 October 2026: $1.58–1.64 billion, 36.2%, five quarters", "en")
    assert _counted("Q3\u00a02026", "en") == Counter({Decimal(2026): 1})


def test_the_german_report_charts_write_decimals_with_a_comma(project):
    """The drawn charts use the edition's decimal mark, as its text does (36,2 %, not 36.2 %)."""
    tool = require_tool("pdftotext")
    drawn = [subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.splitlines()
             for pdf in sorted((project.out / ".cache").rglob("*.pdf"))]  # the report's drawings of the charts
    german = [labels for labels in drawn if "Mio. USD" in labels]  # the unit of every chart of the German edition
    assert len(german) == 3, drawn
    decimals = [label for labels in german for label in labels if re.search(r"\d[.,]\d", label)]
    assert decimals and all("," in label and "." not in label for label in decimals), decimals


def test_chart_draws_one_edition_alone_with_lang(project):
    """`deckbuild chart --lang de` draws the German edition's chart: its words and decimal commas."""
    work = project.out.parent
    run = _deckbuild(work, "chart", "charts/revenue-trend.yaml", "--lang", "de", "--out", "de.svg")
    assert run.returncode == 0, run.stderr
    labels = texts((work / "de.svg").read_bytes())
    assert "Mio. USD" in " ".join(labels), labels
    decimals = [label for label in labels if re.search(r"\d[.,]\d", label)]
    assert decimals and all("," in label and "." not in label for label in decimals), decimals
