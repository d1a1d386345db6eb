"""Which link targets may become clickable links, in the deck and in the report alike.

One allow-list, applied to every link a user can write (inline Markdown links and
autolinks, a source's ``url``): ``http`` and ``https`` URLs with a host name, ``mailto``
with an address, and ``#ID`` naming a slide's ``id``. Everything else (``smb:``,
``file:``, ``ms-msdt:``, ``search-ms:``, ``javascript:``, UNC paths such as
``\\\\host\\share``, drive paths such as ``C:\\...``, bare program names, relative paths) is
refused: its text stays, as plain text.

The decision is made on a normalised copy of the target, so that spelling does not
smuggle a scheme past it: percent-escapes decoded (three rounds), whitespace, control and
invisible formatting characters removed (browsers and Office drop embedded tabs and line
breaks), backslashes read as slashes, the scheme compared without case. A target whose
scheme is only visible once normalised (``ht%74ps:``, ``java&#9;script:``) is refused
too: a reader that does not normalise would see something else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from urllib.parse import unquote

SCHEMES = ("http", "https", "mailto")
ANCHOR = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")  # a slide id (schemas.IDENT)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_HOST = re.compile(r"(?:[^\W_]|[-.])+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?", re.UNICODE)
_ADDRESS = re.compile(r"[^@\s/\\:]+@[^@\s/\\:]+")


@dataclass(frozen=True)
class Verdict:
    """``target`` is what the link points at in the output (None: no link), ``reason`` why not."""

    target: str | None
    reason: str = ""


def _invisible(ch: str) -> bool:
    """Whitespace, control and formatting characters (zero-width spaces, bidi controls)."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _clean(text: str) -> str:
    return "".join(ch for ch in text if not _invisible(ch)).replace("\\", "/")


def _decoded(text: str) -> str:
    for _ in range(3):
        plain = unquote(text, errors="replace")
        if plain == text:
            break
        text = plain
    return text


def normalise(href: str) -> str:
    """The target as a permissive reader would take it: escapes decoded, invisible
    characters removed, backslashes as slashes."""
    return _clean(_decoded(_clean(href)))


def check(href: str | None, anchors: Container[str] = ()) -> Verdict:
    """Whether ``href`` may be a link, and to what. ``anchors``: the slide ids of the deck."""
    if not href:
        return Verdict(None, "the link has no target")
    seen = normalise(href)
    literal = _clean(href)  # escapes kept: what the output will hold
    if seen.startswith("#"):
        name = seen[1:]
        if literal != seen or not ANCHOR.fullmatch(name):
            return Verdict(None, "'#' must be followed by a slide id")
        if name not in anchors:
            return Verdict(None, f"no slide has the id '{name}'; give that slide 'id: {name}'")
        return Verdict("#" + name)
    m = _SCHEME.match(seen)
    if m is None:
        if seen.startswith("//"):
            return Verdict(None, "a network path (\\\\host\\share) cannot be a link")
        return Verdict(None, "a file name or a relative path cannot be a link")
    scheme = m.group(1).lower()
    if len(scheme) == 1:
        return Verdict(None, "a drive path (C:\\...) cannot be a link")
    if scheme not in SCHEMES:
        return Verdict(None, f"'{scheme}:' links are not allowed")
    lm = _SCHEME.match(literal)
    if lm is None or lm.group(1).lower() != scheme:
        return Verdict(None, "its scheme is disguised with escapes or invisible characters")
    rest = literal[lm.end():]
    if scheme == "mailto":
        address = _decoded(rest).split("?", 1)[0]
        if not _ADDRESS.fullmatch(address):
            return Verdict(None, "a mailto: link needs one address, such as mailto:name@example.com")
        return Verdict("mailto:" + rest)
    if not rest.startswith("//"):
        return Verdict(None, f"the link needs a host, such as {scheme}://example.com/")
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    host = _decoded(authority)
    if "@" in host:
        return Verdict(None, "a user name or password in a link is not allowed (it can disguise the host)")
    if not _HOST.fullmatch(host):
        return Verdict(None, f"'{host}' is not a host name" if host else
                       f"the link needs a host, such as {scheme}://example.com/")
    return Verdict(f"{scheme}:{rest}")


def allowed(href: str | None, anchors: Container[str] = ()) -> str | None:
    """The output target of ``href``, or None when it may not be a link."""
    return check(href, anchors).target


def shown(href: str) -> str:
    """``href`` for a message: escapes decoded, so that it reads as the user wrote it."""
    return _decoded(href)
