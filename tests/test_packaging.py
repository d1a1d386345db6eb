"""The wheel carries everything deckbuild needs at run time, and works outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# One worker builds the wheel for both tests: pip builds in the repository's build/ folder,
# and two builds at once collide there ("File exists: build/bdist...").
pytestmark = pytest.mark.xdist_group("wheel")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                        str(ROOT)], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        pytest.fail(r.stderr)
    (whl,) = out.glob("deckbuild-*.whl")
    return whl


def test_wheel_contains_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("deckbuild/fonts/NotoSansSC-Regular.ttf", "deckbuild/fonts/NotoSansSC-Bold.ttf",
                     "deckbuild/fonts/OFL.txt", "deckbuild/fonts/Carlito-Regular.ttf",
                     "deckbuild/fonts/Carlito-Bold.ttf",
                     "deckbuild/fonts/Carlito-OFL.txt", "deckbuild/fonts/LiberationSans-Regular.ttf",
                     "deckbuild/fonts/LiberationSans-Bold.ttf", "deckbuild/fonts/LiberationSans-OFL.txt",
                     "deckbuild/themes/default/theme.yaml",
                     "deckbuild/scaffold/outline.yaml", "deckbuild/scaffold/chart.yaml",
                     "deckbuild/scaffold/quarters.csv"):
        assert required in names
    (entry_points,) = [n for n in names if n.endswith("entry_points.txt")]
    lines = zipfile.ZipFile(wheel).read(entry_points).decode().splitlines()
    assert "[console_scripts]" in lines and "deckbuild = deckbuild.cli:run" in lines


def test_installed_wheel_scaffolds_and_builds_outside_the_repo(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    # Dependencies come from this environment; deckbuild itself only from the unpacked wheel.
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    code = "import deckbuild.cli; deckbuild.cli.run()"  # what the console script calls

    def run(*a: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, *a], cwd=work, env=env, capture_output=True, text=True,
                              timeout=600)

    r = run("new", "demo")
    assert r.returncode == 0, r.stderr
    r = run("build", "decks/demo.yaml")
    assert r.returncode == 0, r.stderr
    assert (work / "build" / "demo.pptx").stat().st_size > 0 and (work / "build" / "demo.pdf").stat().st_size > 0
    where = subprocess.run([sys.executable, "-c", "import deckbuild; print(deckbuild.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True).stdout
    assert where.startswith(str(site))
