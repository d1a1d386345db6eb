"""File digests (deckbuild.digests): right for every version of a file, from memory only
while the file's stamp is the one they were computed at."""

from __future__ import annotations

import hashlib
import os

import pytest

from deckbuild import digests
from deckbuild.digests import file_sha256


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
    assert not (tmp_path / "cache").exists()  # nothing is kept on disk
