"""The date stamped on the artifacts: SOURCE_DATE_EPOCH when set, else the outline's ``date:``
(an ISO 8601 date to the day, month or year, checked with its position), else 1980-01-01, the
earliest time a zip entry holds. Never the clock, never a date made up from a digest."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from pypdf import PdfReader

from deckbuild.cli import main
from deckbuild.input.dates import calendar_date, shown_date
from deckbuild.render.reproducible import NO_DATE, build_time
from project import make_project

OUTLINE = """\
title: Dates
author: Someone
{date}language: en
slides:
  - kind: bullets
    title: One
    bullets: [a, b]
"""


@pytest.mark.parametrize("text, day", [("2025-08-20", dt.date(2025, 8, 20)), ("2025-08", dt.date(2025, 8, 1)),
                                       ("2025", dt.date(2025, 1, 1)), (" 2024-02-29 ", dt.date(2024, 2, 29)),
                                       ("2025-02-29", None), ("2025-13", None), ("20 Aug 2025", None),
                                       ("2025-8-20", None), ("0000", None), ("", None)])
def test_calendar_dates(text, day):
    assert calendar_date(text) == day


def test_build_time_prefers_source_date_epoch_then_the_outline_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time(dt.date(2025, 8, 20)) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_time(dt.date(2025, 8, 20)) == dt.datetime(2025, 8, 20, tzinfo=dt.timezone.utc)
    assert build_time(None) == NO_DATE == dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    assert build_time(dt.date(1975, 5, 1)) == NO_DATE  # a zip entry holds nothing earlier


def _run(tmp_path, monkeypatch, capsys, *argv: str) -> tuple[int, str]:
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("value, message", [
    ('"20 Aug 2025"', "'date' in the outline is '20 Aug 2025', which is not valid: use an ISO 8601 date: YYYY-MM-DD, "
                      "YYYY-MM or YYYY"),
    ('"2025-02-30"', "'date' in the outline '2025-02-30' is not a day of the calendar"),
    ("2025-08-20 10:30", "'date' in the outline is '2025-08-20 10:30', which is not valid"),
])
def test_a_date_that_is_not_a_calendar_date_is_a_positioned_error(tmp_path, monkeypatch, capsys, value, message):
    make_project(tmp_path, OUTLINE.format(date=f"date: {value}\n"))
    code, err = _run(tmp_path, monkeypatch, capsys, "check")
    assert code == 2
    assert err.startswith("decks/t.yaml:3:7: error: ") and message in err, err


def _stamps(folder) -> dict[str, set[str]]:
    """The dates each artifact carries: zip entries and core properties of the deck, the PDF's
    creation and modification dates."""
    pptx = (folder / "t.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        entries = {"{:04d}-{:02d}-{:02d}".format(*i.date_time[:3]) for i in z.infolist()}
        core = z.read("docProps/core.xml").decode()
    pdf = PdfReader(folder / "t.pdf").metadata
    return {"zip": entries, "core": {core.split("<dcterms:created")[1].split(">")[1][:10],
                                     core.split("<dcterms:modified")[1].split(">")[1][:10]},
            "pdf": {pdf.creation_date.date().isoformat(), pdf.modification_date.date().isoformat()}}


@pytest.mark.parametrize("date, epoch, day", [
    ("date: 2025-08-20\n", None, "2025-08-20"),
    ("date: '2025-08'\n", None, "2025-08-01"),
    ("date: 2025-08-20\n", "1700000000", "2023-11-14"),
    ("", None, "1980-01-01"),
])
def test_the_artifacts_carry_the_date_and_are_reproducible(tmp_path, monkeypatch, capsys, date, epoch, day):
    make_project(tmp_path, OUTLINE.format(date=date))
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    digests = []
    for out in ("a", "b"):
        code, err = _run(tmp_path, monkeypatch, capsys, "build", "-q", "--out", out)
        assert code == 0, err
        assert _stamps(tmp_path / out) == {"zip": {day}, "core": {day}, "pdf": {day}}
        digests.append({f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in (tmp_path / out).glob("t.*")})
    assert digests[0] == digests[1] and len(digests[0]) == 2


# --- the date shown, in each edition's language ------------------------------------------------

@pytest.mark.parametrize("text, language, shown", [
    ("2025-08", "zh-CN", "2025 年 8 月"), ("2025-08", "en", "August 2025"),
    ("2025-08-05", "zh-CN", "2025 年 8 月 5 日"), ("2025-08-05", "en", "5 August 2025"),
    ("2025-08-05", "en-GB", "5 August 2025"), ("2025-08-05", "en-US", "August 5, 2025"),
    ("2025", "zh-CN", "2025 年"), ("2025", "en", "2025"), ("2025-08-05", "zh-TW", "2025 年 8 月 5 日"),
    ("2025-08-05", "ja", "2025 年 8 月 5 日"), ("2025-08-05", "ko", "2025년 8월 5일"),  # Hangul: as CLDR
    ("2025-08-05", "de", "5. August 2025"), ("2025-08", "fr", "août 2025"),
    ("2025-08-05", "qq", "2025-08-05"),  # a language babel does not know: as written
    ("spring 2024", "en", "spring 2024"), ("2025-02-30", "zh-CN", "2025-02-30"),  # no calendar date
])
def test_a_date_is_shown_in_the_language_to_the_precision_written(text, language, shown):
    assert shown_date(text, language) == shown


EDITIONS = """\
title: {{zh-CN: 日期, en: Dates}}
author: {{zh-CN: 分析组, en: Analysts}}
date: {date}
language: zh-CN
translations: [en]
sources:
  - id: a
    title: {{zh-CN: 甲, en: A}}
    publisher: {{zh-CN: 出版方, en: Publisher}}
    date: "2024-03"
  - id: b
    title: {{zh-CN: 乙, en: B}}
    date: spring 2024
slides:
  - kind: title
  - kind: bullets
    title: {{zh-CN: 一, en: One}}
    bullets: [a, b]
    sources: [a, b]
"""
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def _pdf_pages(path) -> list[str]:
    import subprocess

    from conftest import require_tool

    require_tool("pdftotext")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def _slide_xml(path, number: int):
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(f"ppt/slides/slide{number}.xml"))


@pytest.mark.parametrize("date, zh, zh_deck, en", [
    ("2025-08-05", "2025 年 8 月 5 日", "2025年8月5日", "5 August 2025"),
    ("'2025-08'", "2025 年 8 月", "2025年8月", "August 2025"),
])
def test_both_artifacts_show_the_date_in_each_editions_language(tmp_path, monkeypatch, capsys, date, zh, zh_deck, en):
    """The report's title page and page footers and the deck's title slide; the report keeps
    the space between digits and Chinese, the deck drops it (docs/fonts.md). A source's ISO date
    is shown the same way; other text as written. The raw ISO date is shown nowhere."""
    make_project(tmp_path, EDITIONS.format(date=date))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    code, err = _run(tmp_path, monkeypatch, capsys, "build", "-q")
    assert code == 0, err
    raw = date.strip("'")
    for name, shown, deck_shown, month, by in (("t", zh, zh_deck, "2024 年 3 月", "分析组"),
                                               ("t.en", en, en, "March 2024", "Analysts")):
        pages = _pdf_pages(tmp_path / "build" / f"{name}.pdf")
        title_page = pages[0]
        assert shown in title_page and raw not in title_page, title_page
        footers = [p.strip().splitlines()[-2:] for p in pages[1:] if p.strip()]
        assert footers and all(any(f"{by} · {shown}" in line for line in f) for f in footers), footers
        sources = pages[-2] if not pages[-1].strip() else pages[-1]
        assert month in sources and "spring 2024" in sources and "2024-03" not in sources
        xml = _slide_xml(tmp_path / "build" / f"{name}.pptx", 1)
        texts = ["".join(p.itertext()) for p in xml.iter(f"{{{NS['a']}}}p")]
        assert deck_shown in texts and not any(raw in t for t in texts), texts
