"""Where each report's headings fell last time, kept in ``OUT/.cache/report-layouts.json``.

A report is laid out twice, once to learn the page of each heading and once to print the
contents; started from the pages of its last build, one pass is enough when no heading moved
(``render.pdf.doc.lay_out``). The renderer remembers them for its process; this module keeps
them in the output folder between processes, so that ``deckbuild build`` after an edit starts
where the last build ended, as ``watch`` does. Only destination names and page numbers are
read back: a file edited by hand can cost a layout pass, never change a report.
"""

from __future__ import annotations

import json
from pathlib import Path

from deckbuild.atomic import atomic_write

NAME = "report-layouts.json"


def load(out_dir: Path) -> None:
    """Tell the renderer the layouts the output folder keeps (none when the file is missing or unreadable)."""
    from deckbuild.render.pdf.doc import remember_layouts

    try:
        rows = json.loads((out_dir / ".cache" / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    remember_layouts(rows)


def save(out_dir: Path) -> None:
    """Keep the renderer's layouts in the output folder (OSError when it cannot be written)."""
    from deckbuild.render.pdf.doc import layouts

    atomic_write(out_dir / ".cache" / NAME, json.dumps(layouts(), ensure_ascii=False, sort_keys=True).encode())
