"""Shared fixtures. Real clients (LibreOffice, poppler, qpdf) are skipped when absent,
unless DECKBUILD_REQUIRE_CLIENTS=1 (set by .ci/run), which turns a skip into a failure.

``make test`` runs the suite in two or more processes (pytest-xdist, ``--dist loadgroup``).
A session fixture is made once per process; tests that share an expensive one carry the
same ``xdist_group`` mark, so that they run in one process and it is made once."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "decks" / "meta-ai-bet.yaml"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))


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
    """Font widths and matplotlib's font list cached in a folder of this test
    session (of each worker, under pytest-xdist), not the real ~/.cache; builds in
    subprocesses inherit it. matplotlib's font list is made here, before any test: the
    first chart drawn would otherwise make it, and the test that draws first (which depends
    on the order tests run in) would see matplotlib's "building the font cache" warning."""
    folder = tmp_path_factory.mktemp("user-cache")
    saved = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "MPLCONFIGDIR")}
    os.environ["XDG_CACHE_HOME"] = str(folder)
    os.environ.pop("MPLCONFIGDIR", None)
    import deckbuild.charts.matplotlib_setup  # noqa: F401  (points MPLCONFIGDIR into the folder)

    import matplotlib.font_manager  # noqa: F401  (reads or makes the font list)

    yield folder
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def root() -> Path:
    return ROOT


@dataclass
class Built:
    """A build made once for the tests that read it: the output folder, the build's
    result (``deckbuild.build.pipeline.BuildResult``) and its diagnostics."""

    out: Path
    result: object
    diagnostics: list = field(default_factory=list)


FLAGSHIP_GROUP = pytest.mark.xdist_group("flagship")  # the tests that read the ``flagship`` build


@pytest.fixture(scope="session")
def flagship(tmp_path_factory) -> Built:
    """decks/meta-ai-bet.yaml (both editions) built once into a folder of the session, in
    both formats, without SOURCE_DATE_EPOCH (the date comes from the inputs). Read it, never
    write into it; mark the tests that use it with ``FLAGSHIP_GROUP``."""
    from deckbuild.build.pipeline import FORMATS, build
    from deckbuild.diagnostics import Diagnostics

    out = tmp_path_factory.mktemp("flagship")
    epoch = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        diags = Diagnostics()
        result = build([FLAGSHIP], out, FORMATS, diags)
    finally:
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    return Built(out, result, list(diags.items))


HOSTILE_BUILDS_GROUP = pytest.mark.xdist_group("hostile-builds")  # the tests that read ``hostile_builds``


@pytest.fixture(scope="session")
def hostile_builds(tmp_path_factory):
    """The hostile cases that build (tests/hostile/cases), each run once, on first use, and
    kept (``hostile_cases.Built``); mark the tests that use it with HOSTILE_BUILDS_GROUP."""
    from hostile_cases import Built

    return Built(tmp_path_factory.mktemp("hostile-builds"))
