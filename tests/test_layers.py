"""Data flows one way through the layers of ``src/deckbuild``, and so do imports: a module
imports only from its own layer, from the layers below it, and from the foundation.

    input ─┐
           model ← input, layout ← charts ← render (pptx, pdf) ← build ← cli

The model is what every layer shares; ``input`` compiles outlines into it; ``layout``,
``charts`` and the renderers read only the model (they know nothing of YAML); ``build``
runs all of them and ``cli`` drives the build. The foundation (``diagnostics``, ``cjk``,
``digests``, ``usercache``, ``seal``, ``libwarnings``, ``atomic``, ``cores``, ``colors``, ``text``) imports
nothing else of deckbuild, and every layer may use it. The PPTX and PDF renderers do not
import each other.

Every import counts, wherever it stands: at the top of a module, inside a function (a lazy
import) or under ``if TYPE_CHECKING``. (The slide-kind registry, ``model/kinds.py``, names
the functions of higher layers as strings, which each layer loads itself: not an import.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "deckbuild"

FOUNDATION = {"diagnostics", "cjk", "digests", "usercache", "seal", "libwarnings", "atomic", "cores", "colors",
              "text"}
# Each layer and the layers it may import (besides itself and the foundation).
MAY_IMPORT: dict[str, set[str]] = {
    "model": set(),
    "input": {"model"},
    "layout": {"model"},
    "charts": {"model", "layout"},
    "render": {"model", "layout", "charts"},  # what both renderers share (render/reproducible.py)
    "render.pptx": {"model", "layout", "charts", "render"},
    "render.pdf": {"model", "layout", "charts", "render"},
    "build": {"model", "input", "layout", "charts", "render", "render.pptx", "render.pdf"},
    "cli": {"model", "input", "layout", "charts", "render", "render.pptx", "render.pdf", "build"},
}


def layer_of(module: str) -> str:
    """The layer of a deckbuild module ('deckbuild.render.pdf.story' → 'render.pdf'), 'foundation'
    for a foundation module, '' for the package itself (and 'cli' for ``python -m deckbuild``)."""
    parts = module.split(".")[1:]
    if not parts:
        return ""
    if parts[0] in FOUNDATION:
        return "foundation"
    if parts[0] == "__main__":
        return "cli"
    if parts[0] == "render" and len(parts) > 1 and f"render.{parts[1]}" in MAY_IMPORT:
        return f"render.{parts[1]}"
    if parts[0] not in MAY_IMPORT:
        raise ValueError(f"{module} is in no layer: add its package to MAY_IMPORT or FOUNDATION")
    return parts[0]


def imported(module: str, source: str, package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every deckbuild module ``source`` (the text of ``module``; ``package``
    when it is an ``__init__``) imports, wherever the import stands."""
    found = []
    here = module.split(".") if package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
            if base == "deckbuild":  # ``from deckbuild import text``: the module deckbuild.text
                found += [(node.lineno, "deckbuild" if a.name.startswith("_") else f"deckbuild.{a.name}")
                          for a in node.names]
            else:  # ``from deckbuild.x import y`` may import the module deckbuild.x.y, of the same layer
                found.append((node.lineno, base))
    return sorted((line, name) for line, name in found if name == "deckbuild" or name.startswith("deckbuild."))


def violations(module: str, source: str, package: bool = False) -> list[str]:
    """The imports of ``module`` that go against the layer order."""
    mine = layer_of(module)
    out = []
    for line, target in imported(module, source, package):
        theirs = layer_of(target)
        if theirs in ("foundation", mine) or target == "deckbuild":
            continue
        if mine == "foundation" or mine == "" or theirs not in MAY_IMPORT[mine]:
            out.append(f"line {line}: {mine or 'deckbuild'} imports {target} ({theirs})")
    return out


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        yield ".".join(rel.parts).removesuffix(".__init__"), path


@pytest.mark.parametrize("module, path", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_imports_follow_the_layers(module, path):
    assert violations(module, path.read_text(encoding="utf-8"), path.name == "__init__.py") == []


def test_every_package_is_in_a_layer():
    for path in SRC.iterdir():
        if (path / "__init__.py").exists() or path.suffix == ".py" and path.name != "__init__.py":
            layer_of(f"deckbuild.{path.stem}")  # raises for a package of no layer


def test_the_rule_finds_what_it_forbids():
    source = """
from typing import TYPE_CHECKING
from deckbuild.diagnostics import Diagnostics
from deckbuild.model.deck import Deck
from deckbuild.layout.geometry import Box
from deckbuild.render.pdf import styles
if TYPE_CHECKING:
    from deckbuild.input.outline import Outline
def f():
    from deckbuild.build.output import atomic_write
    import deckbuild.cli.progress
from .table import build_table
from ..pdf.doc import x
"""
    assert violations("deckbuild.render.pptx.text", source) == [
        "line 6: render.pptx imports deckbuild.render.pdf (render.pdf)",
        "line 8: render.pptx imports deckbuild.input.outline (input)",
        "line 10: render.pptx imports deckbuild.build.output (build)",
        "line 11: render.pptx imports deckbuild.cli.progress (cli)",
        "line 13: render.pptx imports deckbuild.render.pdf.doc (render.pdf)",
    ]
    assert violations("deckbuild.digests", "from deckbuild.model.theme import Fonts\nfrom deckbuild import usercache\n"
                      "from deckbuild import build, __version__") == [
        "line 1: foundation imports deckbuild.model.theme (model)",
        "line 3: foundation imports deckbuild.build (build)"]
    assert violations("deckbuild.model.theme", "from deckbuild.input.template_reference import Reference") == [
        "line 1: model imports deckbuild.input.template_reference (input)"]
