"""Company templates and chart workbooks as an attacker writes them (hostile cases 200-299).

Chart workbooks: case 200 builds a deck whose CSV and YAML put formulas, links and
number-like text into every native chart kind; each embedded workbook must hold them as
literal strings (no formula, no hyperlink) and the charts' cached text must be that text.

Templates: hostile templates are made here from ``tests/fixtures/templates/acme.pptx``
(zip bombs are streamed into a temporary folder, never committed). Each is refused with
its exact positioned error, or builds with its exact warning into a deck that keeps none of
what it smuggled in; every build of one inflates at most 64 MB out of zip files (a part over the
limit, or an entry no part refers to, is never inflated) and stays under 400 MB of memory.
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from conftest import HOSTILE_BUILDS_GROUP, ROOT, require_tool

HERE = Path(__file__).resolve().parent
ACME = ROOT / "tests" / "fixtures" / "templates" / "acme.pptx"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R + "/"
MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # 'Titel und Inhalt': the bullets slides' layout
LAYOUT4 = "ppt/slideLayouts/slideLayout4.xml"  # 'Zwei Inhalte': placeholders with their own boxes
THEME = "ppt/theme/theme1.xml"
PRES = "ppt/presentation.xml"
TYPES = "[Content_Types].xml"
GIB = 1 << 30
MAX_INFLATED_MB, MAX_RSS_MB = 64, 400
WHERE = "templates/house/theme.yaml:3:13"


# --- running deckbuild ------------------------------------------------------------------------

# deckbuild's command in a process of its own that also counts the bytes zlib inflates (every
# zip entry read is inflated through zlib.decompressobj) and reads the process's peak memory;
# both go to the file named by the first argument.
_MEASURE = """\
import json, runpy, sys, zlib
result, sys.argv = sys.argv[1], ["deckbuild", *sys.argv[2:]]
inflated, decompressobj = [0], zlib.decompressobj

class Counted:
    def __init__(self, *args, **kwargs):
        self._inflate = decompressobj(*args, **kwargs)
    def decompress(self, data, max_length=0):
        out = self._inflate.decompress(data, max_length)
        inflated[0] += len(out)
        return out
    def flush(self, *args):
        out = self._inflate.flush(*args)
        inflated[0] += len(out)
        return out
    def __getattr__(self, name):
        return getattr(self._inflate, name)

zlib.decompressobj = Counted
code = 0
try:
    runpy.run_module("deckbuild", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
finally:
    sys.stdout.flush()
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
    with open(result, "w") as f:
        json.dump({"code": code, "inflated_mb": inflated[0] / (1 << 20), "rss_mb": peak / 1024}, f)
sys.exit(code)
"""


def deckbuild(cwd: Path, *args: str) -> dict:
    """Run the deckbuild command in ``cwd``: exit code, stdout, stderr, the megabytes read
    out of zip files and the command's peak memory."""
    result = cwd / ".measured.json"
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(result), *args], cwd=cwd, capture_output=True,
                         text=True, timeout=600)
    measured = json.loads(result.read_text())
    result.unlink()
    assert run.returncode == measured["code"], run.stderr
    return {**measured, "out": run.stdout, "err": run.stderr}


def bounded(run: dict) -> bool:
    """Whether a run stayed within the work a template may cost: the parts a deck uses come to
    at most 32 MiB (the limit), and memory."""
    return run["inflated_mb"] <= MAX_INFLATED_MB and run["rss_mb"] <= MAX_RSS_MB


# --- chart workbooks ----------------------------------------------------------------------------

CASE_200 = HERE / "cases" / "200-chart-workbook-formulas"
SSML = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _case_texts() -> set[str]:
    """Every category, series name and reference-line label case 200 writes."""
    import csv

    import yaml

    texts: set[str] = set()
    for spec_path in (CASE_200 / "charts").glob("*.yaml"):
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        texts.update(str(c) for c in spec.get("categories", []))
        texts.update(str(s["name"]) for s in spec.get("series", []))
        if "reference_line" in spec:
            texts.add(str(spec["reference_line"]["label"]))
    with open(CASE_200 / "charts" / "column.csv", encoding="utf-8", newline="") as f:
        texts.update(row[0] for row in list(csv.reader(f))[1:])
    return texts


@pytest.fixture
def formula_deck(hostile_builds) -> Path:
    """Case 200's deck (test_hostile checks its build says nothing and exits 0)."""
    run = hostile_builds[CASE_200.name]
    assert run.code == 0 and run.err == "", run.err
    return run.project / "build" / "t.pptx"


def _workbook_cells(xlsx: bytes) -> tuple[list[etree._Element], list[str], dict[str, bytes]]:
    """(every cell element, the shared strings, every part) of a workbook."""
    with zipfile.ZipFile(__import__("io").BytesIO(xlsx)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    cells = [c for name, data in parts.items() if name.startswith("xl/worksheets/") and name.endswith(".xml")
             for c in etree.fromstring(data).iter(SSML + "c")]
    strings = ["".join(si.itertext()) for si in etree.fromstring(parts["xl/sharedStrings.xml"]).iter(SSML + "si")]
    return cells, strings, parts


@HOSTILE_BUILDS_GROUP
def test_chart_workbooks_hold_every_text_as_a_literal_string(formula_deck):
    with zipfile.ZipFile(formula_deck) as z:
        books = {n: z.read(n) for n in z.namelist() if n.startswith("ppt/embeddings/")}
    assert len(books) == 8 and all(n.endswith(".xlsx") for n in books)  # one per native chart kind
    found: set[str] = set()
    for name, xlsx in books.items():
        cells, strings, parts = _workbook_cells(xlsx)
        for cell in cells:
            assert cell.find(SSML + "f") is None, (name, etree.tostring(cell))
            assert cell.get("t") in (None, "s"), (name, etree.tostring(cell))  # a number or a shared string
        for part, data in parts.items():
            assert b"<hyperlink" not in data and b"TargetMode" not in data, (name, part)
            assert not part.endswith("sheet1.xml.rels"), (name, part)  # a sheet's links would live there
        found.update(strings)
    missing = _case_texts() - found
    assert not missing, missing


@HOSTILE_BUILDS_GROUP
def test_chart_caches_show_the_same_text(formula_deck):
    with zipfile.ZipFile(formula_deck) as z:
        charts = [etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
        chart_rels = [z.read(n) for n in z.namelist() if n.startswith("ppt/charts/_rels/")]
    cached = {v.text for root in charts for v in root.iter(f"{{{C}}}v")}
    assert _case_texts() <= cached
    assert not any(b"External" in data or b"hyperlink" in data for data in chart_rels)
    refs = {f.text for root in charts for f in root.iter(f"{{{C}}}f")}
    assert all(re.fullmatch(r"Sheet1!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?", r) for r in refs), refs


def test_a_cell_text_longer_than_a_cell_holds_is_cut_without_a_word(capfd):
    # Chart texts from input are at most 300 characters (the spec's limit); the workbook
    # still holds whatever reaches it to what a cell can take, quietly.
    from deckbuild.render.pptx.chart.workbook import MAX_CELL_CHARS, LiteralCategoryChartData

    long = "=" + "x" * 40_000
    data = LiteralCategoryChartData()
    data.categories = [long, "b"]
    data.add_series(long, (1, 2))
    cells, strings, _ = _workbook_cells(data.xlsx_blob)
    assert all(c.find(SSML + "f") is None for c in cells)
    assert long[:MAX_CELL_CHARS] in strings and long not in strings
    assert capfd.readouterr().err == ""


# --- hostile templates ----------------------------------------------------------------------------

THEME_YAML = """\
name: house
pptx:
  template: t.pptx
  layouts: {title: Titelfolie, section: Abschnitt, bullets: Titel und Inhalt, columns: Zwei Inhalte,
            closing: Titel und Inhalt, visuals: Nur Titel}
"""
OUTLINE = """\
title: Quarterly review
subtitle: On the house template
language: en
theme: house
sources:
  - {id: src, title: Source}
slides:
  - {kind: title, notes: Welcome.}
  - {kind: section, title: Results}
  - {kind: bullets, title: What happened, bullets: [Sales grew, Costs fell], notes: The main point.}
  - kind: columns
    title: Two sides
    left: {heading: Left, bullets: [One]}
    right: {heading: Right, bullets: [Two]}
  - {kind: chart, title: Revenue, chart: revenue, sources: [src]}
  - {kind: closing, title: Next, bullets: [Decide]}
"""
CHART = """\
title: Revenue
kind: column
categories: [Q1, Q2]
series:
  - {name: Revenue, values: [1, 2]}
source: src
"""
SLIDES = 6


Edit = Callable[[str, bytes], bytes | None]


def sub(part: str, pattern: str, repl: str) -> Edit:
    """An edit of ``part``: the first match of ``pattern`` replaced (which must exist)."""
    def edit(name: str, data: bytes) -> bytes | None:
        if name != part:
            return data
        text, n = re.subn(pattern, repl, data.decode("utf-8"), count=1)
        assert n == 1, (part, pattern)
        return text.encode("utf-8")
    return edit


def rels_name(part: str) -> str:
    """The relationships part of ``part`` ('' for the package's)."""
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def add_rel(part: str, rid: str, kind: str, target: str, external: bool = False) -> Edit:
    mode = ' TargetMode="External"' if external else ""
    return sub(rels_name(part), "</Relationships>",
               f'<Relationship Id="{rid}" Type="{kind if "/" in kind else RT + kind}" Target="{target}"{mode}/>'
               "</Relationships>")


def content_type(extension: str, kind: str) -> Edit:
    return sub(TYPES, "<Default ", f'<Default Extension="{extension}" ContentType="{kind}"/><Default ')


def override(part: str, kind: str) -> Edit:
    return sub(TYPES, "</Types>", f'<Override PartName="/{part}" ContentType="{kind}"/></Types>')


def make_template(path: Path, *edits: Edit, add: dict[str, bytes] | None = None,
                  big: dict[str, int] | None = None, level: int = 1) -> None:
    """acme.pptx with ``edits`` applied to its parts, the parts ``add`` added and entries of
    ``big`` bytes of zeros (deflated: a zip bomb that costs little disk)."""
    with zipfile.ZipFile(ACME) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in src.infolist():
            data: bytes | None = src.read(info)
            for edit in edits:
                data = edit(info.filename, data) if data is not None else None
            if data is not None:
                out.writestr(info.filename, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    for name, size in (big or {}).items():
        add_zeros(path, name, size)


def deflated_zeros(size: int) -> bytes:
    """A raw deflate stream of ``size`` zero bytes (a multiple of 1 MiB), made from one
    compressed MiB repeated: after a full flush, deflate starts afresh, byte-aligned."""
    assert size % (1 << 20) == 0
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    mib = deflate.compress(bytes(1 << 20)) + deflate.flush(zlib.Z_FULL_FLUSH)
    assert deflate.compress(bytes(1 << 20)) + deflate.flush(zlib.Z_FULL_FLUSH) == mib
    return mib * (size >> 20) + deflate.flush()


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, row = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector, row = vector >> 1, row + 1
    return total


def crc32_of_zeros(size: int) -> int:
    """The CRC-32 of ``size`` zero bytes, without reading them: zlib's crc32_combine, which
    appends ``n`` zeros to a CRC by squaring the CRC's one-zero-bit operator in GF(2)."""
    crc = 0  # CRC-32 of nothing
    operator = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
    for _ in range(3):  # one zero byte
        operator = [_gf2_times(operator, operator[n]) for n in range(32)]
    crc ^= 0xFFFFFFFF
    while size:
        if size & 1:
            crc = _gf2_times(operator, crc)
        operator = [_gf2_times(operator, operator[n]) for n in range(32)]
        size >>= 1
    return crc ^ 0xFFFFFFFF


def add_zeros(path: Path, name: str, size: int) -> None:
    """Add to the zip ``path`` (without ZIP64 records) an entry ``name`` of ``size`` zero bytes,
    deflated, written as zipfile writes one: local header and data before the central
    directory, its record at the directory's end."""
    data = path.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    count, directory_size, directory_at = struct.unpack_from("<HII", data, end + 10)
    body = deflated_zeros(size)
    crc, raw = crc32_of_zeros(size), name.encode()
    fields = struct.pack("<HHHHHIIIHH", 20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(body), size, len(raw), 0)
    local = b"PK\x03\x04" + fields + raw
    record = (b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0o644 << 16, directory_at)
              + raw)
    directory = data[directory_at:directory_at + directory_size] + record
    at = directory_at + len(local) + len(body)
    tail = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count + 1, count + 1, len(directory), at, 0)
    path.write_bytes(data[:directory_at] + local + body + directory + tail)


def lie_about_size(path: Path, name: str, claimed: int) -> None:
    """Make the zip headers (local and central) of entry ``name`` claim ``claimed`` bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        offset = z.getinfo(name).header_offset
    struct.pack_into("<I", data, offset + 22, claimed)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length] == name.encode():
            struct.pack_into("<I", data, at + 24, claimed)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def project_on(root: Path) -> Path:
    """A project whose theme 'house' uses templates/house/t.pptx (returned, to be written)."""
    (root / "decks").mkdir(parents=True)
    (root / "charts").mkdir()
    (root / "templates" / "house").mkdir(parents=True)
    (root / "decks" / "t.yaml").write_text(OUTLINE, encoding="utf-8")
    (root / "charts" / "revenue.yaml").write_text(CHART, encoding="utf-8")
    (root / "templates" / "house" / "theme.yaml").write_text(THEME_YAML, encoding="utf-8")
    return root / "templates" / "house" / "t.pptx"


PIC = ('<p:pic><p:nvPicPr><p:cNvPr id="99" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
       '<a:blip {attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
       '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
       '</p:spTree>')
FRAME = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="98" name="Object"/><p:cNvGraphicFramePr/><p:nvPr/>'
         '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm><a:graphic>'
         '<a:graphicData uri="{uri}">{body}</a:graphicData></a:graphic></p:graphicFrame></p:spTree>')
OLE = FRAME.format(uri="http://schemas.openxmlformats.org/presentationml/2006/ole",
                   body='<p:oleObj r:id="rId98" progId="Excel.Sheet.12"><p:embed/></p:oleObj>')
CHART_FRAME = FRAME.format(uri="http://schemas.openxmlformats.org/drawingml/2006/chart",
                           body=f'<c:chart xmlns:c="{C}" r:id="rId97"/>')
DOCTYPE = r"^(<\?xml[^>]*\?>)"
GROUPS = "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"7\" name=\"g\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def _bomb_on_layout(path: Path) -> None:
    make_template(path, content_type("png", "image/png"),
                  sub(LAYOUT, "</p:spTree>", PIC.format(attr="r:embed", rid="rId99")),
                  add_rel(LAYOUT, "rId99", "image", "../media/image9.png"), big={"ppt/media/image9.png": 2 * GIB})


def _lying_header(path: Path) -> None:
    make_template(path, content_type("png", "image/png"),
                  sub(LAYOUT, "</p:spTree>", PIC.format(attr="r:embed", rid="rId99")),
                  add_rel(LAYOUT, "rId99", "image", "../media/image9.png"), big={"ppt/media/image9.png": 256 << 20})
    lie_about_size(path, "ppt/media/image9.png", 1000)


def _recompress(path: Path, method: int) -> None:
    with zipfile.ZipFile(ACME) as src, zipfile.ZipFile(path, "w", method) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))


def _many_layouts(path: Path, count: int = 501) -> None:
    with zipfile.ZipFile(ACME) as z:
        layout = z.read("ppt/slideLayouts/slideLayout6.xml").replace(b'name="Nur Titel"', b'name="More"')
        rels = z.read("ppt/slideLayouts/_rels/slideLayout6.xml.rels")
    ids = "".join(f'<p:sldLayoutId id="{2147483700 + i}" r:id="rIdL{i}"/>' for i in range(count))
    new_rels = "".join(f'<Relationship Id="rIdL{i}" Type="{RT}slideLayout" Target="../slideLayouts/more{i}.xml"/>'
                       for i in range(count))
    types = "".join(f'<Override PartName="/ppt/slideLayouts/more{i}.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.presentationml.slideLayout+xml"/>' for i in range(count))
    add = {}
    for i in range(count):
        add[f"ppt/slideLayouts/more{i}.xml"] = layout
        add[f"ppt/slideLayouts/_rels/more{i}.xml.rels"] = rels
    make_template(path, sub(MASTER, "</p:sldLayoutIdLst>", ids + "</p:sldLayoutIdLst>"),
                  sub("ppt/slideMasters/_rels/slideMaster1.xml.rels", "</Relationships>",
                      new_rels + "</Relationships>"),
                  sub(TYPES, "</Types>", types + "</Types>"), add=add)


def _entity(path: Path, declaration: str, use: str) -> None:
    make_template(path, sub(LAYOUT, DOCTYPE, rf"\1<!DOCTYPE p:sldLayout [{declaration}]>"),
                  sub(LAYOUT, r"<a:t>Click to edit Master title style</a:t>", f"<a:t>{use}</a:t>"))


LAUGHS = '<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                                              for i in range(8))
USABLE = "is not a usable PowerPoint file"
RESAVE = "open it in PowerPoint or LibreOffice and save it again as .pptx"
FIX_VALUE = "correct it in PowerPoint or LibreOffice and save the template again"
DTD = (f"{USABLE} (ppt/slideLayouts/slideLayout2.xml declares a DTD (<!DOCTYPE>), which PowerPoint files never "
       f"have: its entities could read other files or expand without end); {RESAVE}")

REFUSED: dict[str, tuple[Callable[[Path], None], str]] = {
    "201-macros": (lambda p: make_template(p, add_rel(PRES, "rId90", "http://schemas.microsoft.com/office/2006/"
                                                      "relationships/vbaProject", "vbaProject.bin"),
                                           override("ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject"),
                                           add={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 a macro storage"}),
                   "contains macros (ppt/presentation.xml refers to ppt/vbaProject.bin); remove it from the template, "
                   "or save the template as a PowerPoint presentation (.pptx) without it"),
    "202-activex-on-a-layout": (lambda p: make_template(p, add_rel(LAYOUT, "rId90", "control",
                                                                   "../activeX/activeX1.xml"),
                                                        add={"ppt/activeX/activeX1.xml": b"<ax/>"}),
                                "contains an ActiveX control (ppt/slideLayouts/slideLayout2.xml refers to "
                                "ppt/activeX/activeX1.xml); remove it from the template, or save the template as a "
                                "PowerPoint presentation (.pptx) without it"),
    "203-ole-object-on-the-master": (lambda p: make_template(p, sub(MASTER, "</p:spTree>", OLE),
                                                             add_rel(MASTER, "rId98", "oleObject",
                                                                     "../embeddings/oleObject1.bin"),
                                                             add={"ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11"}),
                                     "contains an embedded (OLE) object (ppt/slideMasters/slideMaster1.xml refers to "
                                     "ppt/embeddings/oleObject1.bin); remove it from the template, or save the "
                                     "template as a PowerPoint presentation (.pptx) without it"),
    "204-internal-entity": (lambda p: _entity(p, '<!ENTITY co "ACME Corp">', "&co;"), DTD),
    "205-external-entity": (lambda p: _entity(p, '<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;"), DTD),
    "206-billion-laughs": (lambda p: _entity(p, LAUGHS, "&i;"), DTD),
    "207-doctype-in-relationships": (lambda p: make_template(p, sub("ppt/slideLayouts/_rels/slideLayout2.xml.rels",
                                                                    DOCTYPE, r'\1<!DOCTYPE r SYSTEM "http://evil.example/r.dtd">')),
                                     f"{USABLE} (ppt/slideLayouts/_rels/slideLayout2.xml.rels declares a DTD "
                                     "(<!DOCTYPE>), which PowerPoint files never have: its entities could read other "
                                     f"files or expand without end); {RESAVE}"),
    "208-deep-nesting": (lambda p: make_template(p, sub(LAYOUT, "</p:spTree>", GROUPS * 50_000 + "</p:grpSp>" * 50_000
                                                        + "</p:spTree>")),
                         f"{USABLE} (ppt/slideLayouts/slideLayout2.xml nests elements over 128 levels deep); {RESAVE}"),
    "209-too-many-elements": (lambda p: make_template(p, sub(LAYOUT, "</p:spTree>",
                                                             "<p:custDataLst/>" * 300_001 + "</p:spTree>")),
                              "has more than 300000 XML elements in the parts a deck uses (the limit; "
                              "ppt/slideLayouts/slideLayout2.xml reaches it); delete what the masters and layouts do "
                              "not need"),
    "210-zip-bomb-on-a-layout": (_bomb_on_layout,
                                 "is too large to use: the parts a deck uses come to over 33554432 bytes "
                                 "(ppt/media/image9.png is 2147483648 bytes or more); remove or compress large "
                                 "pictures in its slide masters and layouts"),
    "211-zip-header-lies": (_lying_header,
                            f"{USABLE} (ppt/media/image9.png is damaged: Bad CRC-32 for file 'ppt/media/image9.png'); "
                            f"{RESAVE}"),
    "212-thousands-of-entries": (lambda p: make_template(p, add={f"z/{i}": b"" for i in range(70_000)}),
                                 f"has 70030 zip entries, over the limit of 10000; {RESAVE}"),  # with ZIP64 records
    "213-too-many-layouts": (_many_layouts,
                             "has more than 500 slide layouts (the limit); delete the layouts it does not need in the "
                             "slide master view"),
    "214-slide-size-zero": (lambda p: make_template(p, sub(PRES, r'<p:sldSz cx="\d+"', '<p:sldSz cx="0"')),
                            "has an impossible value in ppt/presentation.xml: the slide size has cx='0'; it must be a "
                            f"whole number of EMU from 914400 to 51206400 (72 to 4032 pt); {FIX_VALUE}"),
    "215-slide-size-huge": (lambda p: make_template(p, sub(PRES, r'cy="6858000"', f'cy="{2 ** 40}"')),
                            "has an impossible value in ppt/presentation.xml: the slide size has cy='1099511627776'; "
                            f"it must be a whole number of EMU from 914400 to 51206400 (72 to 4032 pt); {FIX_VALUE}"),
    "216-slide-size-missing": (lambda p: make_template(p, sub(PRES, r'<p:sldSz cx="\d+"', "<p:sldSz")),
                               "has an impossible value in ppt/presentation.xml: the slide size has no 'cx'; "
                               f"{FIX_VALUE}"),
    "217-colour-not-hex": (lambda p: make_template(p, sub(THEME, r'<a:accent1><a:srgbClr val="\w+"',
                                                          '<a:accent1><a:srgbClr val="GGGGGG"')),
                           "has an impossible value in ppt/theme/theme1.xml: a colour has val='GGGGGG'; it must be six "
                           f"hexadecimal digits RRGGBB; {FIX_VALUE}"),
    "218-placeholder-index-negative": (lambda p: make_template(p, sub(LAYOUT, 'idx="1"', 'idx="-1"')),
                                       "has an impossible value in ppt/slideLayouts/slideLayout2.xml: a placeholder "
                                       f"has idx='-1'; it must be a whole number from 0 to 4294967295; {FIX_VALUE}"),
    "219-placeholder-index-text": (lambda p: make_template(p, sub(LAYOUT, 'idx="1"', 'idx="1.5"')),
                                   "has an impossible value in ppt/slideLayouts/slideLayout2.xml: a placeholder has "
                                   f"idx='1.5'; it must be a whole number from 0 to 4294967295; {FIX_VALUE}"),
    "220-placeholder-type-unknown": (lambda p: make_template(p, sub(LAYOUT, '<p:ph type="title"',
                                                                    '<p:ph type="bogus"')),
                                     "has an impossible value in ppt/slideLayouts/slideLayout2.xml: a placeholder "
                                     "has type='bogus'; it must be one of body, chart, clipArt, ctrTitle, dgm, dt, "
                                     f"ftr, hdr, media, obj, pic, sldImg, sldNum, subTitle, tbl, title; {FIX_VALUE}"),
    "221-offset-huge": (lambda p: make_template(p, sub(LAYOUT4, r'<a:off x="609600"', f'<a:off x="{2 ** 62}"')),
                        "has an impossible value in ppt/slideLayouts/slideLayout4.xml: a shape's position has "
                        "x='4611686018427387904'; it must be a whole number of EMU from -51206400 to 51206400 (-4032 "
                        f"to 4032 pt); {FIX_VALUE}"),
    "222-offset-not-a-number": (lambda p: make_template(p, sub(LAYOUT4, r'<a:off x="609600"', '<a:off x="1e3"')),
                                "has an impossible value in ppt/slideLayouts/slideLayout4.xml: a shape's position has "
                                "x='1e3'; it must be a whole number of EMU from -51206400 to 51206400 (-4032 to 4032 "
                                f"pt); {FIX_VALUE}"),
    "223-offset-missing": (lambda p: make_template(p, sub(LAYOUT4, r'<a:off x="609600"', "<a:off")),
                           "has an impossible value in ppt/slideLayouts/slideLayout4.xml: a shape's position has no "
                           f"'x'; {FIX_VALUE}"),
    "224-size-negative": (lambda p: make_template(p, sub(LAYOUT4, r'(<a:off x="609600" y="1600200"/>)<a:ext cx="\d+"',
                                                         r'\1<a:ext cx="-5000000"')),
                          "has an impossible value in ppt/slideLayouts/slideLayout4.xml: a shape's size has "
                          "cx='-5000000'; it must be a whole number of EMU from 0 to 51206400 (0 to 4032 pt); "
                          f"{FIX_VALUE}"),
    "225-font-name-huge": (lambda p: make_template(p, sub(THEME, r'<a:latin typeface="Arial"', '<a:latin typeface="'
                                                          + "A" * 100_000 + '"')),
                           "has an impossible value in ppt/theme/theme1.xml: a font name is 100000 characters long, "
                           f"over the limit of 255; {FIX_VALUE}"),
    "226-layout-name-line-break": (lambda p: make_template(p, sub(LAYOUT, 'name="Titel und Inhalt"',
                                                                  'name="Titel&#10;und Inhalt"')),
                                   "has an impossible value in ppt/slideLayouts/slideLayout2.xml: a layout or master "
                                   "name 'Titel\\u000aund Inhalt' holds the control character U+000A; " + FIX_VALUE),
    "227-layout-named-as-a-picture": (lambda p: make_template(p, sub(TYPES, r'PartName="/ppt/slideLayouts/slideLayout2'
                                                                     r'\.xml" ContentType="[^"]*"',
                                                                     'PartName="/ppt/slideLayouts/slideLayout2.xml" '
                                                                     'ContentType="image/png"')),
                                      f"{USABLE} (ppt/slideLayouts/slideLayout2.xml is named as a slideLayout but its "
                                      f"content type is image/png); {RESAVE}"),
    "228-layout-missing": (lambda p: make_template(p, lambda name, data: None if name == LAYOUT else data),
                           f"{USABLE} (ppt/slideMasters/slideMaster1.xml refers to ppt/slideLayouts/slideLayout2.xml, "
                           f"which is missing); {RESAVE}"),
    "230-xml-part-too-large": (lambda p: make_template(p, sub(LAYOUT, "<a:t>Click to edit Master title style</a:t>",
                                                              "<a:t>" + "x" * (7 << 20) + "</a:t>")),
                               "has a part too large to use: ppt/slideLayouts/slideLayout2.xml is 7342965 bytes or "
                               "more, over the limit of 6291456 bytes; save the template again from PowerPoint or "
                               "LibreOffice"),
    "231-xml-name-too-long": (lambda p: make_template(p, sub(LAYOUT, "</p:spTree>", "<p:" + "x" * 60_000
                                                             + "/></p:spTree>")),
                              f"{USABLE} (ppt/slideLayouts/slideLayout2.xml has an XML name over 1000 characters "
                              f"long); {RESAVE}"),
    "232-xml-not-utf8": (lambda p: make_template(p, lambda name, data: data.replace(b"encoding='UTF-8'",
                                                                                    b"encoding='ISO-8859-1'")
                                                 if name == LAYOUT else data),
                         f"{USABLE} (ppt/slideLayouts/slideLayout2.xml is encoded in ISO-8859-1, not UTF-8 or "
                         f"UTF-16 as PowerPoint files are); {RESAVE}"),
    "229-bzip2-compressed": (lambda p: _recompress(p, zipfile.ZIP_BZIP2),
                             f"{USABLE} ([Content_Types].xml is compressed with a method PowerPoint does not use "
                             f"(12)); {RESAVE}"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_hostile_template_is_refused_where_the_theme_names_it(case, tmp_path):
    make, message = REFUSED[case]
    refused_where_the_theme_names_it(make, message, tmp_path)


def refused_where_the_theme_names_it(make, message: str, tmp_path: Path) -> None:
    """A template ``make`` spoils is refused by check and build, with ``message`` at the theme's
    template key, within the memory bounds, and nothing is written."""
    template = project_on(tmp_path)
    make(template)
    for command in ("check", "build"):
        run = deckbuild(tmp_path, command, "decks/t.yaml")
        assert run["err"].splitlines() == [f"{WHERE}: error: template 't.pptx' {message}"], run["err"]
        assert run["code"] == 2 and run["out"] == ""
        assert bounded(run), (command, run["inflated_mb"], run["rss_mb"])
    assert not (tmp_path / "build").exists()


# --- templates that build, without what they smuggled in ------------------------------------------

LINKS = (f"{WHERE}: warning: template 't.pptx' links outside itself (a linked picture is fetched when a deck opens); "
         "the deck leaves out these links: ")
LINKS_END = ". Embed linked pictures in the template to keep them"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_PIC = ('<p:pic><p:nvPicPr><p:cNvPr id="97" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
           '<a:blip r:embed="rId95"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">'
           f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="rId96"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/>'
           '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic></p:spTree>')


def _smuggler(path: Path) -> None:
    """Every link out and every part of masters and layouts a deck leaves out, in one template."""
    make_template(
        path,
        content_type("png", "image/png"), content_type("svg", "image/svg+xml"),
        # a picture fetched from a web server, and a hyperlink, on the master
        sub(MASTER, "</p:spTree>", PIC.format(attr="r:link", rid="rId99")),
        add_rel(MASTER, "rId99", "image", "https://evil.example/pixel.png", external=True),
        sub(MASTER, r"(<a:rPr lang=\"en-US\" sz=\"1400\" b=\"1\">)", r'\1<a:hlinkClick r:id="rId98"/>'),
        add_rel(MASTER, "rId98", "hyperlink", "https://evil.example/", external=True),
        # a picture from a UNC share on a layout, and an SVG logo (with its PNG copy) on another
        sub(LAYOUT, "</p:spTree>", PIC.format(attr="r:link", rid="rId99")),
        add_rel(LAYOUT, "rId99", "image", "file://///attacker/share/x.png", external=True),
        sub(LAYOUT4, "</p:spTree>", SVG_PIC),
        add_rel(LAYOUT4, "rId95", "image", "../media/logo.png"),
        add_rel(LAYOUT4, "rId96", "image", "../media/logo.svg"),
        # a chart on a layout, a theme picture on a UNC path, a link from the package itself
        sub("ppt/slideLayouts/slideLayout6.xml", "</p:spTree>", CHART_FRAME),
        add_rel("ppt/slideLayouts/slideLayout6.xml", "rId97", "chart", "../charts/smuggled.xml"),
        sub(THEME, r"(<a:bgFillStyleLst>)", r'\1<a:blipFill><a:blip xmlns:r="' + R + r'" r:link="rId1"/>'
                                            r"<a:stretch/></a:blipFill>"),
        add_rel("", "rId9", "hyperlink", "https://evil.example/package", external=True),
        # a base for relative links, and a password to modify the deck
        sub("docProps/app.xml", "<HyperlinkBase></HyperlinkBase>",
            r"<HyperlinkBase>\\\\attacker\\share\\</HyperlinkBase>"),
        sub(PRES, "</p:defaultTextStyle>", '</p:defaultTextStyle><p:modifyVerifier cryptProviderType="rsaAES" '
                                           'cryptAlgorithmClass="hash" cryptAlgorithmType="typeAny" cryptAlgorithmSid='
                                           '"14" spinCount="100000" saltData="AAAA" hashData="AAAA"/>'),
        add={"ppt/theme/_rels/theme1.xml.rels": (
                 f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                 f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RT}image" '
                 r'Target="\\attacker\share\bg.png" TargetMode="External"/></Relationships>').encode(),
             "ppt/media/logo.png": PNG,
             "ppt/media/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/t"/>'
                                   b"</svg>",
             "ppt/charts/smuggled.xml": b"<c:chartSpace xmlns:c='" + C.encode() + b"'/>",
             # never referenced: the slides' own hostile parts and a huge entry cost nothing
             "ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0",
             "ppt/activeX/activeX1.xml": b"<ax/>"},
    )


def check_deck(deck: Path) -> None:
    """The deck keeps nothing a template smuggled in, and every reference in it holds."""
    with zipfile.ZipFile(deck) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    names = set(parts)
    assert not [n for n in names if re.search(r"vbaProject|activeX|oleObject|/media/.*\.svg"
                                                r"|thumbnail|smuggled", n)
                and n != "docProps/thumbnail.jpeg"], sorted(names)
    if "docProps/thumbnail.jpeg" in parts:  # deckbuild's own drawing of the first slide, not the template's
        from PIL import Image

        with Image.open(io.BytesIO(parts["docProps/thumbnail.jpeg"])) as im:
            assert im.format == "JPEG" and im.width == 256
    assert all(n.startswith("ppt/embeddings/Microsoft_Excel_Sheet") for n in names if n.startswith("ppt/embeddings/"))
    for name, data in parts.items():
        if not name.endswith((".xml", ".rels")):
            continue
        assert b"<!DOCTYPE" not in data and b"TargetMode=\"External\"" not in data, name
        root = etree.fromstring(data)  # well-formed, every entity defined
        if name.endswith(".rels"):
            continue
        rels = rels_name(name)
        rids = set(etree.fromstring(parts[rels]).xpath("//@Id")) if rels in parts else set()
        for el in root.iter():
            for key, value in el.attrib.items():
                if key.startswith(f"{{{R}}}") and value:
                    assert value in rids, (name, etree.QName(el).localname, key, value)


@pytest.fixture(scope="module")
def smuggled(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("smuggler")
    _smuggler(project_on(root))
    return root, deckbuild(root, "build", "decks/t.yaml", "--format", "pptx")


def test_links_out_and_foreign_content_are_left_out_with_a_warning(smuggled):
    root, run = smuggled
    assert run["code"] == 0
    assert run["err"].splitlines() == [
        LINKS + "a hyperlink to 'https://evil.example/package' (the package); a picture from "
        "'https://evil.example/pixel.png' (ppt/slideMasters/slideMaster1.xml); a hyperlink to 'https://evil.example/' "
        "(ppt/slideMasters/slideMaster1.xml); a picture from '\\\\attacker\\share\\bg.png' (ppt/theme/theme1.xml); "
        "a picture from 'file://///attacker/share/x.png' (ppt/slideLayouts/slideLayout2.xml)" + LINKS_END,
        f"{WHERE}: warning: template 't.pptx': the deck leaves out what it does not take over from masters and "
        "layouts: an SVG picture, whose PNG copy stays (ppt/slideLayouts/slideLayout4.xml); a chart "
        "(ppt/slideLayouts/slideLayout6.xml)",
    ], run["err"]
    strict = deckbuild(root, "check", "--strict", "decks/t.yaml")
    assert strict["code"] == 2 and "links outside itself" in strict["err"]


def test_the_deck_keeps_nothing_smuggled_and_every_reference_holds(smuggled):
    root, _ = smuggled
    check_deck(root / "build" / "t.pptx")
    with zipfile.ZipFile(root / "build" / "t.pptx") as z:
        master = z.read(MASTER).decode()
        layout4 = z.read(LAYOUT4).decode()
        app, presentation = z.read("docProps/app.xml").decode(), z.read(PRES).decode()
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
    assert "ACME" in master and "hlinkClick" not in master  # the mark stays, its link goes
    assert "HyperlinkBase" not in app and "attacker" not in app and "modifyVerifier" not in presentation
    assert "svgBlip" not in layout4 and 'name="Logo"' in layout4  # the PNG copy stays
    assert len(media) == 1


def test_the_deck_opens_in_python_pptx_and_libreoffice(smuggled, tmp_path):
    from pptx import Presentation

    root, _ = smuggled
    prs = Presentation(str(root / "build" / "t.pptx"))
    assert len(prs.slides) == SLIDES
    assert [lay.name for lay in prs.slide_layouts][:2] == ["Titelfolie", "Titel und Inhalt"]
    require_tool("soffice")
    require_tool("pdfinfo")
    from clients import libreoffice_to_pdf

    pdf = libreoffice_to_pdf(root / "build" / "t.pptx", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(rf"^Pages:\s+{SLIDES}$", info, re.M), info


def test_the_longest_text_a_template_part_may_hold_builds(tmp_path):
    """A layout at the 6 MiB limit in UTF-16, holding one text of 3.1 million CJK characters:
    9.3 MB in UTF-8, which python-pptx's parser (libxml2, 10 MB in one text) still reads."""
    def utf16(name: str, data: bytes) -> bytes:
        if name != LAYOUT:
            return data
        text = data.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
        return text.replace("Click to edit Master title style", "中" * 3_100_000, 1).encode("utf-16")

    make_template(project_on(tmp_path), utf16)
    run = deckbuild(tmp_path, "build", "decks/t.yaml", "--format", "pptx")
    assert run["code"] == 0 and run["err"] == "", run["err"]
    assert bounded(run), (run["inflated_mb"], run["rss_mb"])
    check_deck(tmp_path / "build" / "t.pptx")


def test_a_huge_entry_no_part_refers_to_is_never_read(tmp_path):
    make_template(project_on(tmp_path), big={"ppt/media/unused.bin": 2 * GIB})
    assert (tmp_path / "templates" / "house" / "t.pptx").stat().st_size < 20 << 20
    run = deckbuild(tmp_path, "build", "decks/t.yaml", "--format", "pptx")
    assert run["code"] == 0 and run["err"] == "", run["err"]
    assert bounded(run), (run["inflated_mb"], run["rss_mb"])
    check_deck(tmp_path / "build" / "t.pptx")
    with zipfile.ZipFile(tmp_path / "build" / "t.pptx") as z:
        assert "ppt/media/unused.bin" not in z.namelist()
