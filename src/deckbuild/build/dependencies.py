"""What each artifact is made from, as one digest: an artifact is rendered again only when it changes.

An artifact is one edition in one format (``build/NAME.en.pdf``). Its digest covers what the
renderer of that format reads: the compiled edition (``model.deck``: every text already in the
edition's language, every fact formatted, every chart with its data and content digest), the
edition's theme (colours, sizes, template, and every file it names by content, fonts too),
the timestamp stamped on the artifact, deckbuild's code version and the format. It leaves out
what that renderer never reads: speaker notes for the report, the report's prose and
executive summary for the deck, and where each thing is written in the outline (locations
serve diagnostics only; a line added above a slide moves it without changing it). So editing
one language's prose changes only that edition's digests, and editing notes only its deck's.

The digest is taken over the dataclasses themselves, field by field, so a new field of the
model is covered without being listed here; a value of a type this module does not know is
an error, never a guess. A file named by the model (an image, a font, the template) counts by
its content (``digests.file_sha256``, kept per file version for the process).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from deckbuild.build.manifest import build_stamp
from deckbuild.diagnostics import Location
from deckbuild.digests import file_sha256
from deckbuild.model.deck import Deck, Slide
from deckbuild.model.theme import Theme

# (class, field) the renderer of a format never reads
_UNREAD: dict[str, frozenset[tuple[type, str]]] = {
    "pptx": frozenset({(Slide, "report"), (Deck, "summary")}),
    "pdf": frozenset({(Slide, "notes")}),
}
_fields: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _fields.get(cls)
    if names is None:
        names = _fields[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _feed(out: list[str], obj: Any, unread: frozenset[tuple[type, str]]) -> None:
    """Append a stable text of ``obj`` to ``out`` (types told apart: 1, 1.0 and '1' differ)."""
    if obj is None or isinstance(obj, (str, bool, int, float)):
        out.append(repr(obj))
    elif isinstance(obj, Location):
        out.append("@")  # where it is written: for diagnostics only
    elif isinstance(obj, Enum):
        out.append(f"{type(obj).__name__}.{obj.value!r}")
    elif isinstance(obj, (tuple, list)):
        out.append("(")
        for item in obj:
            _feed(out, item, unread)
        out.append(")")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        cls = type(obj)
        out.append(cls.__qualname__ + "{")
        for name in _names(cls):
            value = getattr(obj, name)
            # a field left out, unset or a place in the outline (Location | None) says nothing
            if (cls, name) not in unread and value is not None and not isinstance(value, Location):
                out.append(name + "=")
                _feed(out, value, unread)
        out.append("}")
    elif isinstance(obj, Mapping):
        out.append("{")
        for key in sorted(obj, key=repr):
            _feed(out, key, unread)
            out.append(":")
            _feed(out, obj[key], unread)
        out.append("}")
    elif isinstance(obj, (set, frozenset)):
        out.append("set(" + ",".join(sorted(repr(x) for x in obj)) + ")")
    elif isinstance(obj, Path):
        out.append(f"path({str(obj)!r}:{file_sha256(obj) or '-'})")  # a file counts by its content
    elif isinstance(obj, (dt.date, dt.datetime, dt.time)):
        out.append(f"{type(obj).__name__}({obj.isoformat()})")
    elif isinstance(obj, (bytes, bytearray)):
        out.append(f"bytes({hashlib.sha256(obj).hexdigest()})")
    else:
        raise TypeError(f"no stable digest for a {type(obj).__qualname__} in the model")


def stable_text(obj: Any, fmt: str = "") -> str:
    """The text a digest is taken of: ``obj`` as the renderer of ``fmt`` reads it ("" : all of it)."""
    out: list[str] = []
    _feed(out, obj, _UNREAD.get(fmt, frozenset()))
    return "".join(out)


def theme_text(theme: Theme) -> str:
    """The theme's part of a digest (its ``digest`` adds the font files as the theme read them)."""
    return stable_text(theme) + theme.digest


def artifact_digest(deck: Deck, fmt: str, theme_part: str, when: dt.datetime | None) -> str:
    """The digest of everything the ``fmt`` artifact of ``deck`` is made from; ``theme_part``:
    ``theme_text`` of the edition's theme (taken once per theme)."""
    h = hashlib.sha256()
    head = f"{fmt}|{deck.name}|{build_stamp()}|{when.isoformat() if when else ''}|"
    h.update(head.encode())
    h.update(theme_part.encode("utf-8", "surrogatepass"))
    h.update(stable_text(deck, fmt).encode("utf-8", "surrogatepass"))
    return h.hexdigest()
