"""Charts in the report as form XObjects: each chart's drawing, a one-page PDF from the chart
cache (``charts.report_drawing``), placed whole instead of being drawn shape by shape.

reportlab has no way to take a page of another PDF, so the layout draws each chart as a form
of its own (``Canvas.beginForm``/``doForm``) that holds nothing yet, at the chart's size and
place, inside the figure's marked content. Once reportlab has written the file,
:meth:`ChartForms.fill` puts the chart's drawing in that form's place (found by the name
reportlab gives it: ``rl_internals.form_resource_name``).

A drawing is read as untrusted: the cache is a folder anyone with the project can write to.
It must be one page whose box starts at 0, 0, and only what a drawing uses is taken: the
page's content, and from its resources the graphics states, colour spaces, patterns,
shadings, fonts and forms (matplotlib draws a marker once, as a form), none of which may
lead to a page, a catalogue, an annotation, an action or another file. The streams the
page's content calls (forms, Type 3 glyphs, tiling patterns) are leaves: no resources of
their own, paths in plain colours only, so none can call another (a form that draws itself,
or two forms each drawn twice by the one before, would never end). Every stream is
Flate-compressed or plain, and all of them together decode to at most ``MAX_DECODED`` bytes (a
few kilobytes that inflate to gigabytes would fill the memory of whoever reads the report).
Anything else makes it unreadable (the report shows a placeholder and says why).
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from deckbuild.render.pdf import rl_internals


@dataclass(frozen=True)
class ChartForm:
    """One chart's page: the name its form has in the report, and its size in points."""

    name: str
    width: float
    height: float


class ChartForms:
    """The charts of one report, by the name of their forms (one form for each file). Forms are
    numbered in the order the report first shows their files (``chart-1``, ``chart-2``…), the
    same file (by name: the chart's digest) keeping its number: not named after the digest,
    which also stands for the version of deckbuild's code that drew it (its files' stamps), so
    the report's bytes are the same whether a file was just drawn or found in the cache, and
    from any copy of the same release."""

    def __init__(self) -> None:
        self._pages: dict[str, pikepdf.Pdf] = {}
        self._coming: dict[str, tuple[Path, float, float]] = {}
        self._numbers: dict[str, str] = {}

    def add(self, path: Path, size: tuple[float, float] | None = None) -> tuple[ChartForm | None, str]:
        """The chart drawing in ``path`` as a form of this report, or None and why it cannot be.
        With ``size``, a drawing still being made: a form of that size, read by ``fill``."""
        path = Path(path)
        name = self._numbers.setdefault(path.name, f"chart-{len(self._numbers) + 1}")
        if size is not None and not path.exists():
            self._coming[name] = (path, *size)
            return ChartForm(name, *size), ""
        try:
            pdf, width, height = _drawing(path)
        except Unreadable as exc:
            return None, str(exc)
        self._pages.setdefault(name, pdf)
        return ChartForm(name, width, height), ""

    def fill(self, pdf: pikepdf.Pdf) -> None:
        """Put each chart's drawing into the form that stands for it in ``pdf``, as reportlab
        wrote it. ValueError when a chart's form is not there (every chart added is drawn), or
        when a drawing read now is unreadable or not the size it was laid out at."""
        for name, (path, width, height) in sorted(self._coming.items()):
            drawing, w, h = _drawing(path)
            if abs(w - width) > 0.01 or abs(h - height) > 0.01:
                raise ValueError(f"{path.name}: a page of {w:g} × {h:g} pt, laid out as {width:g} × {height:g}")
            self._pages[name] = drawing
        self._coming.clear()
        keys = {rl_internals.form_resource_name(name): name for name in self._pages}
        made: dict[str, pikepdf.Object] = {}
        for page in pdf.pages:
            resources = page.obj.get("/Resources")
            xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for key in list(xobjects.keys()):
                chart = keys.get(str(key))
                if chart is None:
                    continue
                if chart not in made:
                    made[chart] = _form(pdf, self._pages[chart])
                xobjects[key] = made[chart]
        missing = sorted(set(self._pages) - set(made))
        if missing:
            raise ValueError(f"the report has no form for {', '.join(missing)}")


class Unreadable(ValueError):
    """A chart drawing the report does not take; the message says why."""


# Bytes a drawing's streams may decode to, all together: deckbuild's largest charts use well
# under a megabyte (a column chart: 40 kB).
MAX_DECODED = 64 * 1024 * 1024
# What a drawing's page may use, and what none of it may lead to.
_RESOURCES = ("/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/Font", "/XObject")
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
_NAME_MAPS = {"/CharProcs", *_RESOURCES}


def _drawing(path: Path) -> tuple[pikepdf.Pdf, float, float]:
    """The drawing in ``path`` (read whole: no file stays open) and its size; Unreadable."""
    try:
        pdf = pikepdf.open(io.BytesIO(Path(path).read_bytes()))
        pages = len(pdf.pages)
        if pages == 1:
            page = pdf.pages[0]
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            resources = page.obj.get("/Resources", pikepdf.Dictionary())
            taken = [resources[k] for k in _RESOURCES if k in resources]
            other = sorted(str(k) for k in resources.keys() if k not in _RESOURCES and k != "/ProcSet")
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
    found = _odd_xobjects(resources.get("/XObject")) or _refused([*taken, page.obj.get("/Contents")])
    if found:
        raise Unreadable(f"more than a drawing ({found})")
    return pdf, x1, y1


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
    budget = MAX_DECODED
    todo = [v for named in objects if isinstance(named, pikepdf.Dictionary) for v in named.values()]
    todo += [o for o in objects if not isinstance(o, pikepdf.Dictionary)]
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
            if obj.is_indirect:
                if obj.objgen in seen:
                    continue
                seen.add(obj.objgen)
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
                found = _not_a_leaf(leaf)
                if found:
                    return found
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
    are for images), or data that does not decompress."""
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array) and len(filters) == 1:
        filters = filters[0]
    raw = stream.read_raw_bytes()
    if filters is None:
        return len(raw)
    if filters != pikepdf.Name.FlateDecode or "/DecodeParms" in stream:
        raise Unreadable(f"a stream compressed with {filters} (a drawing's are Flate-compressed or plain)")
    try:
        return len(zlib.decompressobj().decompress(raw, budget + 1))
    except zlib.error as exc:
        raise Unreadable("a stream that does not decompress") from exc


def _form(pdf: pikepdf.Pdf, drawing: pikepdf.Pdf) -> pikepdf.Stream:
    """The drawing's page as a form XObject of ``pdf``: its content, and the resources it may use."""
    page = drawing.pages[0]
    page.contents_coalesce()
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    kept = pikepdf.Dictionary({k: _copied(pdf, resources[k]) for k in _RESOURCES if k in resources})
    form = pikepdf.Stream(pdf, page.obj.Contents.read_bytes())
    form.Type = pikepdf.Name.XObject
    form.Subtype = pikepdf.Name.Form
    form.BBox = pikepdf.Array([0, 0, *(float(v) for v in page.mediabox[2:])])
    form.Resources = kept
    return pdf.make_indirect(form)


def _copied(pdf: pikepdf.Pdf, obj):
    """``obj`` of another PDF, in ``pdf`` (qpdf copies indirect objects with what they lead to;
    a direct one is copied here, by its parts)."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return pdf.copy_foreign(obj)
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _copied(pdf, v) for k, v in obj.items()})
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, v) for v in obj])
    return obj
