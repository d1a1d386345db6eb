"""Deterministic output: one timestamp per build and zip files with fixed metadata."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

# 1980-01-01 is the earliest time a zip entry can hold.
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def build_time(fallback_digest: str = "") -> dt.datetime:
    """The time to stamp on artifacts: ``SOURCE_DATE_EPOCH`` when set, else a fixed
    date derived from the inputs' digest (never the clock), in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    # 2020-01-01 plus up to ~1 year of seconds picked by the digest: stable for stable inputs.
    offset = int(fallback_digest[:8], 16) % (365 * 86400) if fallback_digest else 0
    return dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=offset)


def zip_entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    """A deflated zip entry stamped ``when`` with fixed attributes."""
    entry = zipfile.ZipInfo(name, date_time=max(when, _ZIP_EPOCH).timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.create_system = 0
    return entry


def normalize_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip so that every entry has the same timestamp and attributes,
    in the original order: identical content gives identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zip_entry(info.filename, when), src.read(info.filename))
    return out.getvalue()
