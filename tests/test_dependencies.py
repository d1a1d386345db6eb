"""Every library the code imports is declared in pyproject.toml, and constraints.txt pins
the whole environment CI installs (docs/maintaining.md)."""

from __future__ import annotations

import ast
import functools
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from conftest import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement ('Pillow>=9' → 'pillow')."""
    return _normal(re.match(r"[A-Za-z0-9._-]+", requirement).group(0))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _imported(folder: Path) -> dict[str, Path]:
    """Top-level modules imported by the Python files under ``folder`` (absolute imports
    only), each with one file that imports it."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def _third_party(modules: dict[str, Path], local: set[str]) -> dict[str, Path]:
    return {m: p for m, p in modules.items()
            if m not in sys.stdlib_module_names and m not in local and m != "__future__"}


@functools.lru_cache(maxsize=1)
def _modules() -> dict[str, list[str]]:
    return packages_distributions()


def _distributions(module: str) -> set[str]:
    return {_normal(d) for d in _modules().get(module, [])}


def test_every_library_imported_by_the_package_is_a_declared_dependency():
    declared = {_name(r) for r in _project()["dependencies"]}
    used = _third_party(_imported(ROOT / "src"), {"deckbuild"})
    assert {"lxml", "PIL", "numpy", "pptx", "reportlab"} <= set(used)  # the walk finds imports inside functions
    undeclared = {m: p.relative_to(ROOT).as_posix() for m, p in used.items() if not _distributions(m) & declared}
    assert not undeclared, f"imported but not in pyproject's dependencies: {undeclared}"


def test_every_library_imported_by_the_tests_is_declared_for_them():
    project = _project()
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    local = {p.stem for p in (ROOT / "tests").rglob("*.py")} | {"deckbuild"}
    used = _third_party(_imported(ROOT / "tests"), local) | _third_party(_imported(ROOT / "bench"), local)
    assert {"pytest", "pypdf", "hypothesis"} <= set(used)
    undeclared = {m: p.relative_to(ROOT).as_posix() for m, p in used.items() if not _distributions(m) & declared}
    assert not undeclared, f"imported by tests but in neither dependencies nor the test extra: {undeclared}"


def _pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    assert re.fullmatch(r"# python 3\.\d+: .*", lines[0]), "the first line names the Python the pins are for"
    pins = {}
    for line in lines[1:]:
        m = re.fullmatch(r"([A-Za-z0-9._-]+)==([A-Za-z0-9.+!-]+)", line)
        assert m, f"constraints.txt: not an exact pin: {line!r}"
        pins[_normal(m.group(1))] = m.group(2)
    return pins


def test_constraints_pin_every_declared_dependency_and_what_they_require():
    from importlib.metadata import PackageNotFoundError, requires

    pins = _pins()
    project = _project()
    wanted = [_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    missing = [n for n in wanted if n not in pins]
    assert not missing, f"declared but not pinned in constraints.txt: {missing}"
    # and what those need, transitively (as installed here), is pinned too
    seen, todo = set(), list(wanted)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            needs = requires(name) or []
        except PackageNotFoundError:  # wanted on another Python only (an environment marker)
            continue
        seen.add(name)
        for req in needs:
            if "extra ==" not in req:
                todo.append(_name(req))
    unpinned = sorted(seen - set(pins))
    assert not unpinned, f"installed as a dependency but not pinned in constraints.txt: {unpinned}"

