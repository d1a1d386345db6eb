"""The Open XML SDK's schema and semantic rules, checked in pure Python by ``openxml-audit``.

``problems`` splits what the validator finds into errors in the parts deckbuild writes (slides,
notes, charts, the presentation, properties, …) and errors in a company template's own masters,
layouts and theme, which deckbuild copies as they are: those are reported, not failed.
"""

from __future__ import annotations

import re
from pathlib import Path

from openxml_audit import FileFormat, OpenXmlValidator

# The parts a company template brings and deckbuild passes on unchanged.
_TEMPLATE_PARTS = re.compile(r"^/ppt/(slideMasters|slideLayouts|theme|notesMasters|handoutMasters)/")


def problems(pptx: Path, on_template: bool) -> tuple[list[str], list[str]]:
    """(errors in the parts deckbuild writes, errors in the template's own parts), each as
    ``part path: description``. Without a company template (``on_template`` false) every part
    counts as deckbuild's: it restyles python-pptx's default master, layouts and theme."""
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0).validate(pptx)
    ours, theirs = [], []
    for e in result.errors:
        line = f"{e.part_uri} {e.path}: {e.description}"
        (theirs if on_template and _TEMPLATE_PARTS.match(e.part_uri or "") else ours).append(line)
    return ours, theirs
