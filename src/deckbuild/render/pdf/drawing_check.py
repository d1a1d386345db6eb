"""A chart's drawing read as untrusted, before the report places it (``chart_forms``): one
page of a PDF from the chart cache (``charts.report_drawing``), taken only when it is nothing
but a drawing; the cache is a folder anyone with the project can write to.

It must carry this user's seal (``deckbuild.seal``): a file deckbuild did not write for this
user is not parsed at all. What follows is the second line, for a sealed file all the same.

It must be one page whose box starts at 0, 0, and only what a drawing uses is taken: the
page's content, and from its resources the graphics states, colour spaces, patterns,
shadings, fonts and forms (matplotlib draws a marker once, as a form), none of which may
lead to a page, a catalogue, an annotation, an action or another file. The streams the
page's content calls (forms, Type 3 glyphs, tiling patterns) are leaves: no resources of
their own, paths in plain colours only, so none can call another (a form that draws itself,
or two forms each drawn twice by the one before, would never end).

Nothing in it may take more memory than a drawing needs, here or in the report's readers: the
file is at most ``MAX_FILE`` bytes and has one plain cross-reference table (no cross-reference
or object streams, which the PDF library inflates as it opens the file; no earlier revisions;
no encryption), and is not rebuilt when damaged; every stream is Flate-compressed or plain,
counted as it inflates, all of them together at most ``MAX_DECODED`` bytes, the page's content
at most ``MAX_PAGE_CONTENT`` and each stream it calls (parsed whole) at most ``MAX_LEAF``; the
page's content draws no inline image. Anything else makes it unreadable (the report shows a
placeholder and says why).
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pikepdf

from deckbuild.seal import MAX_SEALED, unseal


class Unreadable(ValueError):
    """A chart drawing the report does not take; the message says why."""


# Limits in bytes. deckbuild's drawings are tens of kilobytes (a column chart: 22 kB on disk,
# 40 kB of streams decoded; its largest glyph or marker under 2 kB).
MAX_FILE = MAX_SEALED  # a drawing's file: what any sealed cache file may hold
MAX_DECODED = 64 * 2 ** 20  # all its streams decoded
MAX_PAGE_CONTENT = 16 * 2 ** 20  # its page's content decoded
MAX_LEAF = 2 ** 20  # a form, glyph or pattern decoded (parsed whole, it takes some 100 times that)
# What a drawing's page may use, and what none of it may lead to.
RESOURCES = ("/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/Font", "/XObject")
_XOBJECTS = {"/Form"}
_REFUSED_TYPES = {"/Catalog", "/Pages", "/Page", "/Annot", "/Action", "/Filespec", "/EmbeddedFile"}
_REFUSED_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/URI", "/Launch", "/Annots", "/Parent", "/Ref",
                 "/OPI", "/Alternates", "/F", "/FS", "/FFilter", "/FDecodeParms", "/EF", "/RF", "/Next"}
_ACTIONS = {"/GoTo", "/GoToR", "/GoToE", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide", "/Named",
            "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript", "/SetOCGState", "/Rendition", "/Trans",
            "/GoTo3DView", "/RichMediaExecute"}
# What the content of a stream the page's content calls (a form, a Type 3 glyph, a tiling
# pattern) may do: draw paths in plain colours, nothing that names a resource (such a stream
# has none of its own, so a name would be looked up in the page's: a form could draw itself).
_LEAF_OPERATORS = {"q", "Q", "cm", "w", "J", "j", "M", "d", "ri", "i", "m", "l", "c", "v", "y", "h", "re",
                   "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "W", "W*", "g", "G", "rg", "RG", "k", "K",
                   "sc", "SC", "scn", "SCN", "cs", "CS", "d0", "d1"}
_DEVICE_SPACES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK"}
# Dictionaries whose keys are names a producer chose (resources by name, Type 3 glyphs by
# glyph name: a glyph may well be called /F): their values are looked at, their keys are not.
_NAME_MAPS = {"/CharProcs", *RESOURCES}


def read_drawing(path: Path) -> tuple[pikepdf.Pdf, float, float]:
    """The drawing in ``path`` (read whole: no file stays open) and its size; Unreadable."""
    try:
        with open(path, "rb") as fh:
            sealed = fh.read(MAX_FILE + 1)
        if len(sealed) > MAX_FILE:
            raise Unreadable(f"a file of more than {MAX_FILE // 2 ** 20} MB")
        data = unseal(sealed, Path(path).name)
        if data is None:
            raise Unreadable("not sealed by deckbuild for this user (a file it did not write)")
        layout = _odd_layout(data)
        if layout:
            raise Unreadable(layout)
        pdf = pikepdf.open(io.BytesIO(data), attempt_recovery=False)
        pages = len(pdf.pages)
        if pages == 1:
            page = pdf.pages[0]
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            resources = page.obj.get("/Resources", pikepdf.Dictionary())
            taken = [resources[k] for k in RESOURCES if k in resources]
            other = sorted(str(k) for k in resources.keys() if k not in RESOURCES and k != "/ProcSet")
            listed = page.obj.get("/Contents")
            contents: list = list(listed) if isinstance(listed, pikepdf.Array) else [listed]
    except Unreadable:
        raise
    except OSError as exc:
        raise Unreadable(f"{type(exc).__name__}: {exc.strerror or exc}") from exc
    except (pikepdf.PdfError, ValueError, TypeError) as exc:
        raise Unreadable("not a PDF that can be read") from exc
    if pages != 1:
        raise Unreadable(f"{pages} pages, not one")
    if (x0, y0) != (0, 0) or x1 <= 0 or y1 <= 0:
        raise Unreadable("a page that is empty or does not start at 0, 0")
    if other:
        raise Unreadable(f"resources a drawing does not use ({', '.join(other)})")
    if not all(isinstance(c, pikepdf.Stream) for c in contents) \
            or len({c.objgen for c in contents}) < len(contents):
        raise Unreadable("a page whose content is not a list of streams, each once")
    found = _odd_xobjects(resources.get("/XObject")) or _refused([*taken, *contents])
    if found:
        raise Unreadable(f"more than a drawing ({found})")
    if sum(_decoded_size(c, MAX_PAGE_CONTENT) for c in contents) > MAX_PAGE_CONTENT:
        raise Unreadable(f"a page whose content decodes to more than {MAX_PAGE_CONTENT // 2 ** 20} MB")
    if _draws_inline_image(page, contents):
        raise Unreadable("more than a drawing (an inline image)")
    return pdf, x1, y1


# The end of a file whose last cross-reference section starts at the offset given.
_XREF_AT = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Trailer keys of a file with more than one plain cross-reference table's worth of objects:
# earlier revisions (which may be cross-reference streams), a hybrid file's stream, encryption.
_REFUSED_TRAILER = {b"Prev", b"XRefStm", b"Encrypt"}


def _odd_layout(data: bytes) -> str:
    """What, in how the file of ``data`` is laid out, a drawing's does not have: one plain
    cross-reference table and a trailer (read as bytes, before the PDF library opens the file
    and follows what the trailer points to); '' when nothing."""
    end = _XREF_AT.search(data, max(0, len(data) - 1024))
    if end is None:
        return "not a PDF that can be read"  # it does not end with where its cross-reference table is
    at = int(end.group(1))
    if data[at:at + 4] != b"xref":
        return "a cross-reference stream, not a table"
    trailer = data[data.rfind(b"trailer", at):]
    names = {_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), n) for n in _NAME.findall(trailer)}
    refused = sorted(n.decode("latin-1") for n in names & _REFUSED_TRAILER)
    return f"a trailer with /{', /'.join(refused)}" if refused else ""


# Where the bytes B I stand as a word, an inline image may begin (or a string or a comment
# holds them: then the content is read token by token to tell).
_BI = re.compile(rb"(?:^|(?<=[\s)\]>}]))BI(?![^\s()<>\[\]{}/%])")


class _InlineImages(pikepdf.TokenFilter):
    """Counts the inline images of a content stream, reading it token by token (a stream of
    millions of numbers is never held as objects)."""

    def __init__(self) -> None:
        super().__init__()
        self.found = 0

    def handle_token(self, token: pikepdf.Token | None = None) -> None:
        if token is not None and token.type_ == pikepdf.TokenType.inline_image:
            self.found += 1
        return None


def _draws_inline_image(page: pikepdf.Page, contents: list) -> bool:
    """Whether the page's content draws an image of its own (not a resource, so not checked as one)."""
    if not any(_BI.search(c.read_bytes()) for c in contents):
        return False
    finder = _InlineImages()
    page.get_filtered_contents(finder)
    return finder.found > 0


def _odd_xobjects(xobjects) -> str:
    """What, among the page's XObjects, a drawing does not use; '' when nothing."""
    if xobjects is None:
        return ""
    if not isinstance(xobjects, pikepdf.Dictionary):
        return "XObjects that are not a dictionary"
    for name, obj in xobjects.items():
        if not isinstance(obj, pikepdf.Stream) or str(obj.get("/Subtype", "")) not in _XOBJECTS:
            return f"XObject {name} that is not a form"
    return ""


def _not_a_leaf(stream) -> str:
    """What the content of ``stream`` (a form, a glyph, a pattern) does beyond drawing paths in
    plain colours; '' when nothing."""
    if not isinstance(stream, pikepdf.Stream):
        return "content that is not a stream"
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return "content that cannot be read"
    for instruction in instructions:
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            return "a form, glyph or pattern with an inline image"
        operands, op = instruction.operands, str(instruction.operator)
        if op not in _LEAF_OPERATORS:
            return f"a form, glyph or pattern that uses '{op}'"
        if op in ("cs", "CS") and not all(str(o) in _DEVICE_SPACES for o in operands):
            return f"a form, glyph or pattern that uses '{op}' with a named colour space"
        if op in ("scn", "SCN") and any(isinstance(o, pikepdf.Name) for o in operands):
            return f"a form, glyph or pattern that paints with '{op}' and a pattern"
    return ""


def _refused(objects: list) -> str:
    """What, reached from ``objects``, a drawing may not hold; '' when nothing. The streams
    the page's content calls are leaves: no resources of their own, paths and colours only."""
    seen: set[tuple[int, int]] = set()
    parsed: set[tuple[int, int]] = set()
    budget = MAX_DECODED
    todo = [v for named in objects if isinstance(named, pikepdf.Dictionary) for v in named.values()]
    todo += [o for o in objects if not isinstance(o, pikepdf.Dictionary)]
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary | pikepdf.Array) and obj.is_indirect:
            if obj.objgen in seen:  # (an array may hold itself)
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
            if isinstance(obj, pikepdf.Stream):
                budget -= _decoded_size(obj, budget)
                if budget < 0:
                    raise Unreadable(f"streams that decode to more than {MAX_DECODED // 2 ** 20} MB")
            kind = obj.get("/Type")
            if kind is not None and str(kind) in _REFUSED_TYPES:
                return str(kind)
            if str(obj.get("/S", "")) in _ACTIONS:
                return "an action"
            leaves: list[pikepdf.Object] = [obj] if str(obj.get("/Subtype", "")) == "/Form" \
                or obj.get("/PatternType") == 1 else []
            procs = obj.get("/CharProcs")
            if isinstance(procs, pikepdf.Dictionary):
                leaves += list(procs.values())
            for leaf in leaves:
                ref = leaf.objgen if isinstance(leaf, pikepdf.Object) and leaf.is_indirect else None
                if ref is not None and ref in parsed:
                    continue
                if isinstance(leaf, pikepdf.Stream) and _decoded_size(leaf, MAX_LEAF) > MAX_LEAF:
                    return f"a form, glyph or pattern that decodes to more than {MAX_LEAF // 2 ** 20} MB"
                found = _not_a_leaf(leaf)
                if found:
                    return found
                if ref is not None:
                    parsed.add(ref)
            for key in obj.keys():
                if key in _REFUSED_KEYS:
                    return key
                value = obj[key]
                if key == "/Resources" and (not isinstance(value, pikepdf.Dictionary)
                                            or any(k != "/ProcSet" for k in value.keys())):
                    return "resources within resources"
                if key in _NAME_MAPS and isinstance(value, pikepdf.Dictionary):
                    todo.extend(value.values())
                else:
                    todo.append(value)
        elif isinstance(obj, pikepdf.Array):
            todo.extend(obj)
    return ""


def _decoded_size(stream: pikepdf.Stream, budget: int) -> int:
    """How many bytes ``stream`` decodes to, counting no further than ``budget`` + 1 (a bomb is
    never inflated whole); Unreadable for a filter other than Flate (without parameters: those
    are for images), or data that does not decompress, or goes on after its end."""
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array) and len(filters) == 1:
        filters = filters[0]
    raw = stream.read_raw_bytes()
    if filters is None:
        return len(raw)
    if filters != pikepdf.Name.FlateDecode or "/DecodeParms" in stream:
        shown = " ".join(map(str, filters)) if isinstance(filters, pikepdf.Array) else str(filters)
        raise Unreadable(f"a stream compressed with {shown} (a drawing's are Flate-compressed or plain)")
    inflate = zlib.decompressobj()
    try:
        size = len(inflate.decompress(raw, budget + 1))
    except zlib.error as exc:
        raise Unreadable("a stream that does not decompress") from exc
    if inflate.unused_data.strip():  # readers differ on what follows the end: another stream?
        raise Unreadable("a stream with data after its end")
    return size
