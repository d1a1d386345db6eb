"""How deckbuild's modules import one another: without cycles, and the chart workers'
preloaded modules are the ones drawing a chart needs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import deckbuild

PACKAGE = Path(deckbuild.__file__).parent


def _module_names() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The deckbuild modules ``name`` imports anywhere in its code (in functions too), but
    for imports made only for type checkers."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                assert child.level == 0 and child.module, f"{name}: relative import"
                found.add(child.module)
                found.update(f"{child.module}.{a.name}" for a in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in known and m != name}


def test_modules_import_one_another_without_cycles():
    modules = _module_names()
    graph = {name: _imports(name, path, set(modules)) for name, path in modules.items()}
    done: set[str] = set()

    def cycle_from(name: str, path: list[str]) -> list[str]:
        if name in path:
            return path[path.index(name):] + [name]
        if name in done:
            return []
        for other in sorted(graph[name]):
            found = cycle_from(other, path + [name])
            if found:
                return found
        done.add(name)
        return []

    for name in sorted(graph):
        assert not cycle_from(name, []), " → ".join(cycle_from(name, []))


def test_chart_workers_preload_every_chart_module_drawing_needs():
    """A worker started from the preloaded server draws every chart kind without importing
    more of deckbuild.charts."""
    code = (
        "import sys\n"
        "from deckbuild.charts.cache import PRELOAD\n"
        "for name in PRELOAD: __import__(name)\n"
        "before = set(sys.modules)\n"
        "from deckbuild.charts.export import svg_bytes\n"
        "from deckbuild.model.deck import Chart, ChartKind, Series\n"
        "from deckbuild.model.theme import default_theme\n"
        "for kind in ChartKind:\n"
        "    series = (Series('a', (1.0, 2.0), x=(1.0, 2.0)), Series('b', (2.0, 3.0), x=(1.0, 2.0), secondary=True))\n"
        "    svg_bytes(Chart(kind.value, kind, 'T', ('x', 'y'), series), default_theme(), 300, 200)\n"
        "print(' '.join(sorted(m for m in set(sys.modules) - before if m.startswith('deckbuild.charts'))))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == []
