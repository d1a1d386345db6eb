"""File digests (deckbuild.digests): right for every version of a file, from memory or the
user's cache only while the file's stamp is the one they were computed at."""

from __future__ import annotations

import hashlib
import os

import pytest

from deckbuild import digests
from deckbuild.digests import PERSIST_FROM, file_sha256


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    digests.forget()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_small_and_missing_files(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"one")
    assert file_sha256(f) == _sha(b"one")
    os.utime(f, ns=(1, 1))
    f.write_bytes(b"two")  # a new stamp: hashed again
    assert file_sha256(f) == _sha(b"two")
    assert file_sha256(tmp_path / "none") is None
    assert not (tmp_path / "cache").exists()  # small files are not kept on disk


def test_big_files_are_kept_and_checked_against_their_stamp(tmp_path, monkeypatch):
    big = tmp_path / "font.ttf"
    data = os.urandom(PERSIST_FROM + 10)
    big.write_bytes(data)
    assert file_sha256(big) == _sha(data)
    (entry,) = (tmp_path / "cache" / "deckbuild" / "digests").iterdir()
    assert entry.read_text(encoding="ascii").endswith(_sha(data))
    # another process (empty memory) reads the entry instead of the file
    digests.forget()
    entry.write_text(entry.read_text(encoding="ascii")[:-64] + "0" * 64, encoding="ascii")
    assert file_sha256(big) == "0" * 64
    # a changed file has a new stamp: the entry no longer counts
    digests.forget()
    changed = data[:-1] + b"!"
    big.write_bytes(changed)
    assert file_sha256(big) == _sha(changed)
    # a damaged entry is ignored
    digests.forget()
    entry.write_bytes(b"\xff\xfe garbage")
    assert file_sha256(big) == _sha(changed)


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * PERSIST_FROM)
    assert file_sha256(big) == _sha(b"x" * PERSIST_FROM)
