"""Warnings an outline silences with ``lint: {ignore: [CODE, ...]}``, as ``# noqa`` does: on
the outline for all of it, or on one slide for the warnings located in that slide (or in the
spec or CSV of its chart, when every slide showing the chart silences them)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.input.outline import Outline
from deckbuild.input.schema_common import LINTS
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, display_path, items_of, string_of


def _ignored(node: AnyNode | None) -> frozenset[str]:
    """The codes a ``lint:`` mapping ignores."""
    ignore = node.get("ignore") if isinstance(node, Mapping) else None
    return frozenset(str(c.value) for c in items_of(ignore) if isinstance(c, Scalar) and c.value in LINTS)


class Silencer:
    """The ``lint:`` keys of one outline; ``keeps`` says whether a warning is still reported."""

    def __init__(self, outline: Outline):
        self.path = display_path(outline.path)
        self.everywhere = _ignored(outline.node.get("lint"))
        slides = outline.slides
        self.starts = [(s.loc.line, s.loc.column) for s in slides]  # slides are in file order
        self.per_slide = [_ignored(s.get("lint")) for s in slides]
        # a chart's spec (and its CSV) by where diagnostics name it: the slides that show it
        self.shown_on: dict[str, list[int]] = {}
        for i, s in enumerate(slides):
            spec = outline.charts.get(string_of(s.get("chart"), ""))
            if spec is not None:
                csv = string_of(spec.node.get("csv"), "")
                for path in (spec.path, *([spec.path.parent / csv] if csv else [])):
                    self.shown_on.setdefault(display_path(path), []).append(i)

    def codes(self) -> str:
        """The codes silenced, for the whole outline and slide by slide, as one text."""
        return repr((sorted(self.everywhere), [sorted(c) for c in self.per_slide]))

    def _slide_codes(self, where: Location) -> frozenset[str]:
        if where.path in self.shown_on:  # in a chart's files: what every slide showing the chart silences
            return frozenset.intersection(*(self.per_slide[i] for i in self.shown_on[where.path]))
        if where.path != self.path or not where.line or not self.starts:
            return frozenset()
        i = bisect.bisect_right(self.starts, (where.line, where.column)) - 1
        return self.per_slide[i] if i >= 0 else frozenset()

    def keeps(self, d: Diagnostic) -> bool:
        if d.severity is not Severity.WARNING or d.code not in LINTS:
            return True
        return d.code not in self.everywhere and d.code not in self._slide_codes(d.location)

    def filter(self, items: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [d for d in items if self.keeps(d)]
