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
from deckbuild.input.dates import calendar_date
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
    ('"20 Aug 2025"', "'date' in the outline '20 Aug 2025' is not valid: use an ISO 8601 date: YYYY-MM-DD, "
                      "YYYY-MM or YYYY"),
    ('"2025-02-30"', "'date' in the outline '2025-02-30' is not a day of the calendar"),
    ("2025-08-20 10:30", "'date' in the outline '2025-08-20 10:30' is not valid"),
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
