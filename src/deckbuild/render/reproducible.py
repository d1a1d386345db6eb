"""Deterministic output: one timestamp per build and zip files with fixed metadata.

The timestamp (``build_time``) is, in this order: ``SOURCE_DATE_EPOCH`` when it is set; else
the outline's ``date:`` at midnight UTC (``2025-08`` is 1 August 2025); else ``NO_DATE``,
1980-01-01 00:00 UTC, the earliest time a zip entry can hold, which says "no date" as plainly
as a file format allows. Never the clock, so two builds of the same inputs are byte-identical.

``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) sets the
timestamp: a whole number of seconds since 1970-01-01 UTC, in ASCII digits (spaces around
it are ignored), from 0 to 4354819199 (2107-12-31 23:59:59 UTC, the last second a zip entry
can hold). An empty value means unset. Anything else is an error before anything is
rendered: ``source_date_epoch_problem`` says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Iterable

# 1980-01-01 is the earliest time a zip entry can hold.
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
MAX_EPOCH = 4354819199  # 2107-12-31 23:59:59 UTC: the last second a zip entry can hold
_EPOCH = re.compile(r"[ \t\r\n]*([0-9]+)[ \t\r\n]*")
VARIABLE = "SOURCE_DATE_EPOCH"


def _shown(value: str) -> str:
    """The value quoted for a message: cut to 40 characters, invisible characters escaped."""
    cut = value if len(value) <= 40 else value[:39] + "…"
    return "'" + "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                         for ch in cut) + "'"


def source_date_epoch_problem() -> str | None:
    """What is wrong with ``SOURCE_DATE_EPOCH``, or None when it is unset, empty or valid."""
    value = os.environ.get(VARIABLE)
    if not value:
        return None
    m = _EPOCH.fullmatch(value)
    fix = (f"set it to a whole number from 0 to {MAX_EPOCH} (2107-12-31 23:59:59 UTC), "
           "e.g. $(git log -1 --format=%ct), or unset it")
    if m is None:
        return f"{VARIABLE} is {_shown(value)}, not a number of seconds since 1970-01-01; {fix}"
    if int(m.group(1)) > MAX_EPOCH:
        return f"{VARIABLE} is {_shown(value)}, a time after 2107, the last year a zip file (a .pptx) can hold; {fix}"
    return None


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as an integer; None when unset or empty. ValueError (with
    ``source_date_epoch_problem``'s message) when it is not valid."""
    problem = source_date_epoch_problem()
    if problem:
        raise ValueError(problem)
    value = os.environ.get(VARIABLE)
    return int(value) if value else None


NO_DATE = _ZIP_EPOCH


def build_time(date: dt.date | None = None) -> dt.datetime:
    """The time to stamp on artifacts, in UTC: ``SOURCE_DATE_EPOCH`` when set, else ``date``
    (the outline's) at midnight, else ``NO_DATE``."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc)
    if date is not None:
        return max(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc), NO_DATE)
    return NO_DATE


def zip_entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    """A deflated zip entry stamped ``when`` with fixed attributes."""
    entry = zipfile.ZipInfo(name, date_time=max(when, _ZIP_EPOCH).timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.create_system = 0
    return entry


def write_zip(entries: Iterable[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """A zip of ``(name, data)`` entries, in order, each stamped by ``zip_entry(name, when)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            dst.writestr(zip_entry(name, when), data)
    return out.getvalue()


def normalize_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip so that every entry has the same timestamp and attributes,
    in the original order: identical content gives identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return write_zip(((info.filename, src.read(info.filename)) for info in src.infolist()), when)
