"""A zip archive written in one pass, byte for byte as ``zipfile`` writes it.

``ZipFile.writestr`` writes a provisional local header, compresses, seeks back to rewrite
the header with the CRC and sizes, and builds a ``ZipInfo`` per entry: tens of
microseconds for each of the thousands of small parts of a large deck. Here each entry is
compressed first (the same zlib stream: ``compressobj(-1, DEFLATED, -15)``, ``compress``,
``flush``) and its header written once. Archives that would need ZIP64 records go through
``zipfile`` itself.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from typing import Sequence

from deckbuild.render.reproducible import zip_entry

_LOCAL = struct.Struct(zipfile.structFileHeader)
_CENTRAL = struct.Struct(zipfile.structCentralDir)
_END = struct.Struct(zipfile.structEndArchive)
_SMALL = 1 << 30  # entries and offsets well below ZIP64_LIMIT (zipfile switches at 2 GiB / 1.05)


def write_zip(entries: Sequence[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """The archive of ``(name, data)`` entries, in order, each stamped by
    ``reproducible.zip_entry(name, when)``: what ``ZipFile.writestr`` of each writes."""
    stamp = zip_entry("", when)
    if (stamp.compress_type != zipfile.ZIP_DEFLATED or stamp.extra or stamp.comment
            or len(entries) >= zipfile.ZIP_FILECOUNT_LIMIT):
        return write_zip_with_zipfile(entries, when)
    y, mo, d, h, mi, s = stamp.date_time
    dos_date, dos_time = (y - 1980) << 9 | mo << 5 | d, h << 11 | mi << 5 | (s // 2)
    external_attr = stamp.external_attr or 0o600 << 16  # zipfile's default for entries without
    out, central, offset = [], [], 0
    for name, data in entries:
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), 0x800
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        crc = zlib.crc32(data)
        if len(data) > _SMALL or len(packed) > _SMALL or offset > _SMALL:
            return write_zip_with_zipfile(entries, when)
        out.append(_LOCAL.pack(zipfile.stringFileHeader, stamp.extract_version, stamp.reserved, flags,
                               zipfile.ZIP_DEFLATED, dos_time, dos_date, crc, len(packed), len(data), len(filename), 0))
        out.append(filename)
        out.append(packed)
        central.append(_CENTRAL.pack(zipfile.stringCentralDir, stamp.create_version, stamp.create_system,
                                     stamp.extract_version, stamp.reserved, flags, zipfile.ZIP_DEFLATED, dos_time,
                                     dos_date, crc, len(packed), len(data), len(filename), 0, 0, 0, stamp.internal_attr,
                                     external_attr, offset) + filename)
        offset += _LOCAL.size + len(filename) + len(packed)
    directory = b"".join(central)
    if offset > _SMALL or len(directory) > _SMALL:
        return write_zip_with_zipfile(entries, when)
    end = _END.pack(zipfile.stringEndArchive, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(out) + directory + end


def write_zip_with_zipfile(entries: Sequence[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """``write_zip`` by ``zipfile`` itself (with ZIP64 records where needed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zip_entry(name, when), data)
    return buffer.getvalue()
