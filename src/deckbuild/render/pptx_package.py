"""Linear part naming for python-pptx packages.

python-pptx's ``OpcPackage.next_partname`` walks every part of the package for each new
part (notes slides, charts, embedded workbooks), which makes a deck of n slides cost
O(n²). A renderer that only adds parts can count instead: the first request per template
scans once, later ones increment.
"""

from __future__ import annotations

from pptx.opc.packuri import PackURI


def linear_partnames(package) -> None:
    """Replace ``package.next_partname`` with a counting version (for this package only)."""
    scan = package.next_partname
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        if tmpl not in counters:
            first = str(scan(tmpl))
            head, _, tail = tmpl.partition("%d")
            counters[tmpl] = int(first[len(head): len(first) - len(tail)])
        else:
            counters[tmpl] += 1
        return PackURI(tmpl % counters[tmpl])

    package.next_partname = next_partname
