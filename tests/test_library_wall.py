"""Library internals stay behind one wall module per library (render/pptx/ooxml.py for
python-pptx, render/pdf/rl_internals.py for reportlab; no lxml or zipfile internal is used):
everywhere else, src/ keeps to the libraries' documented API. The rule, checked on the syntax
tree of every other module:

* no name starting with ``_`` is imported from python-pptx, reportlab, lxml or the standard
  library, nor anything from python-pptx's internal packages (``pptx.oxml``, ``pptx.opc``,
  ``pptx.parts``, ``pptx.text``, ``pptx.shapes``) or reportlab's ``rl_config``;
* an attribute starting with ``_`` (but for dunders other than ``__dict__``) is read or set
  only on ``self`` or ``cls``, and there only when no library class the class derives from
  uses that name itself (deckbuild's own private attributes are fine; ``self._lastEntries``
  in a TableOfContents subclass is not); never on another object, nor through
  ``getattr``/``setattr``/``hasattr`` with a string;
* none of the undocumented members the wall modules exist for (``next_partname``,
  ``breakLinesCJK``, ``structFileHeader``, …) is used.

The wall modules say which versions they were checked against; the installed ones must be of
those series (a newer release fails here until the wall is checked again)."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "deckbuild"
WALLS = {"render/pptx/ooxml.py", "render/pdf/rl_internals.py"}
LIBRARIES = {"pptx", "reportlab", "lxml"}
INTERNAL_MODULES = ("pptx.oxml", "pptx.opc", "pptx.parts", "pptx.text", "pptx.shapes", "reportlab.rl_config")
UNDOCUMENTED = {
    # python-pptx: parts and packages, placeholder cloning, chart workbooks, text XML
    "next_partname", "iter_parts", "partname", "part_related_by", "relate_to", "related_part",
    "presentation_part", "notes_master_part", "clone_layout_placeholders", "clone_master_placeholders",
    "chart_workbook", "xlsx_blob", "categories_ref", "name_ref", "values_ref", "x_values_ref", "y_values_ref",
    "get_or_add_rPr", "add_hlinkClick",
    # reportlab: the paragraph engine, the names of forms
    "breakLinesCJK", "cjkU", "makeCJKParaLine", "ParaLines", "TTFontFile", "setCharSpace", "xObjectName",
    # zipfile: its record layouts
    "structFileHeader", "structCentralDir", "structEndArchive", "stringFileHeader", "stringCentralDir",
    "stringEndArchive",
}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__") and name != "__dict__")


def _library_names(klass: type) -> set[str]:
    """The private names the library classes ``klass`` derives from use (in their bodies)."""
    names: set[str] = set()
    for base in klass.__mro__:
        if base.__module__.split(".")[0] not in LIBRARIES:
            continue
        names.update(n for n in vars(base) if _private(n))
        try:
            names.update(re.findall(r"\bself\.(_[A-Za-z]\w*)", inspect.getsource(base)))
        except (OSError, TypeError):
            pass
    return names


def _walk_outside_classes(node):
    """The nodes under ``node``, but for those of class definitions (each checked as its own class)."""
    if isinstance(node, ast.ClassDef):
        return
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _walk_outside_classes(child)


def violations(source: str, module=None) -> list[tuple[int, str]]:
    """Where ``source`` (the text of ``module``, when given, to know its classes) uses a library's
    internals, by the rule above."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top = node.module.split(".")[0]
            if top == "deckbuild":
                continue
            if node.module.startswith(INTERNAL_MODULES):
                found.append((node.lineno, f"import from {node.module}"))
            found += [(node.lineno, f"import {node.module}.{a.name}") for a in node.names if _private(a.name)]
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name in UNDOCUMENTED]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names
                      if any(_private(p) for p in a.name.split(".")) or a.name.startswith(INTERNAL_MODULES)]
        elif isinstance(node, ast.Attribute) and node.attr in UNDOCUMENTED:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "getattr", "setattr", "hasattr") and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and isinstance(name.value, str) and _private(name.value):
                found.append((node.lineno, f"{node.func.id}(…, {name.value!r})"))
    for klass_node in [None, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef))]:
        klass = getattr(module, klass_node.name, None) if klass_node is not None and module else None
        library = _library_names(klass) if isinstance(klass, type) else set()
        body = klass_node.body if klass_node is not None else tree.body
        for top in body:
            for node in _walk_outside_classes(top):
                if not (isinstance(node, ast.Attribute) and _private(node.attr)):
                    continue
                own = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls") and klass_node is not None
                if not own:
                    found.append((node.lineno, f"{ast.unparse(node.value)}.{node.attr}"))
                elif node.attr in library:
                    found.append((node.lineno, f"{node.value.id}.{node.attr}, a name of a library base class"))
    return sorted(set(found))


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel not in WALLS:
            yield rel, path


@pytest.mark.parametrize("rel, path", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_no_library_internal_outside_the_wall(rel, path):
    name = "deckbuild." + rel[:-3].replace("/", ".").removesuffix(".__init__")
    module = None if name.endswith("__main__") else importlib.import_module(name)  # (__main__ runs the command)
    assert violations(path.read_text(encoding="utf-8"), module) == []


def test_the_rule_finds_what_it_forbids():
    source = '''
from reportlab.platypus.paragraph import _handleBulletWidth, cjkU
from pptx.oxml.ns import qn
import lxml.etree as etree
from reportlab.platypus.tableofcontents import TableOfContents


class Contents(TableOfContents):
    def wrap(self, w, h):
        self._own = 1
        return self._lastEntries


def f(shape, canvas, slide, package):
    shape._element.set("x", "1")
    x = canvas._curr_tx_info["cur_x"]
    slide.__dict__["shapes"] = None
    getattr(shape, "_element")
    etree._Element.xpath(shape, ".")
    package.next_partname("/ppt/charts/chart%d.xml")
    return type(shape).__name__, super().__init__
'''
    namespace: dict = {}
    exec(compile(source, "<rule>", "exec"), namespace)

    class Module:
        Contents = namespace["Contents"]

    lines = [line for line, _ in violations(source, Module)]
    assert lines == [2, 2, 3, 11, 15, 16, 17, 18, 19, 20]


def test_the_wall_modules_were_checked_against_the_installed_libraries():
    import pptx
    import reportlab

    from deckbuild.render.pdf import rl_internals
    from deckbuild.render.pptx import ooxml

    for installed, checked in ((pptx.__version__, ooxml.CHECKED["python-pptx"]),
                               (reportlab.Version, rl_internals.CHECKED["reportlab"])):
        assert installed == checked or installed.startswith(checked + "."), (
            f"{installed} is not of the {checked} series the wall was checked against: check the wall module "
            "against it (its docstring says how), then update CHECKED and the bound in pyproject.toml")
