"""Shared fixtures. Real clients (LibreOffice, poppler, qpdf) are skipped when absent,
unless DECKBUILD_REQUIRE_CLIENTS=1 (set by .ci/run), which turns a skip into a failure."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def require_tool(name: str) -> str:
    """Return the path of an external program, or skip (fail under CI) when missing."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("DECKBUILD_REQUIRE_CLIENTS") == "1":
        pytest.fail(f"{name} is required (DECKBUILD_REQUIRE_CLIENTS=1) but not installed")
    pytest.skip(f"{name} not installed")


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory) -> Path:
    """Font widths and file digests cached in a folder of this test session, not the real
    ~/.cache (builds in subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("user-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def root() -> Path:
    return ROOT
