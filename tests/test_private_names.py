"""A name starting with ``_`` belongs to the module that defines it. No module of ``src/``,
``tests/`` or ``bench/`` uses another deckbuild module's private name: not by importing it
(``from deckbuild.x import _name``, ``import deckbuild._x``), not as an attribute of a module
it imported (``x._name``), not through ``getattr``/``setattr``/``hasattr`` or pytest's
``monkeypatch.setattr``/``delattr`` with the name as a string. What another module needs is
public, with a docstring. (Library internals are the business of tests/test_library_wall.py.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("src", "tests", "bench")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def violations(source: str) -> list[tuple[int, str]]:
    """(line, use) of every use of another deckbuild module's private name in ``source``."""
    tree = ast.parse(source)
    modules: set[str] = set()  # local names bound to deckbuild modules (or what they define)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] == "deckbuild"):
            for a in node.names:
                if _private(a.name):
                    found.append((node.lineno, f"from {'.' * node.level}{node.module or ''} import {a.name}"))
                modules.add(a.asname or a.name)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] != "deckbuild":
                    continue
                if any(_private(part) for part in a.name.split(".")):
                    found.append((node.lineno, f"import {a.name}"))
                modules.add(a.asname or a.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in modules:
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            target, attr = node.args[0], node.args[1]
            if (name in ("getattr", "setattr", "hasattr", "delattr") and isinstance(target, ast.Name)
                    and target.id in modules and isinstance(attr, ast.Constant) and isinstance(attr.value, str)
                    and _private(attr.value)):
                found.append((node.lineno, f"{name}({target.id}, {attr.value!r})"))
    return sorted(set(found))


def _files():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path


@pytest.mark.parametrize("rel, path", list(_files()), ids=lambda v: v if isinstance(v, str) else "")
def test_no_private_name_of_another_module(rel, path):
    assert violations(path.read_text(encoding="utf-8")) == []


def test_the_rule_finds_what_it_forbids():
    source = """
import deckbuild.digests
from deckbuild.text import uax14
from deckbuild.text.linebreak import _uax14, break_units
from deckbuild.input import yaml_nodes as loader
from .table import _cell
import deckbuild.build._hidden
from pptx.util import _private_of_a_library
def test(monkeypatch, self):
    deckbuild.digests._memo.clear()
    uax14._uniseg("x")
    monkeypatch.setattr(loader, "_CLoader", None)
    getattr(uax14, "_SPLIT")
    loader.read_text, self._own, uax14.__name__
    monkeypatch.setattr(loader, "read_text", None)
"""
    assert violations(source) == [
        (4, "from deckbuild.text.linebreak import _uax14"),
        (6, "from .table import _cell"),
        (7, "import deckbuild.build._hidden"),
        (10, "deckbuild.digests._memo"),
        (11, "uax14._uniseg"),
        (12, "setattr(loader, '_CLoader')"),
        (13, "getattr(uax14, '_SPLIT')"),
    ]
