"""Property-based robustness: random valid outlines compile (and build into a PPTX and a PDF
that reopen with every slide title present); random mutations of valid projects give
success or clean, positioned errors — never another exception, never a hang."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from deckbuild.diagnostics import Diagnostics, Severity
from deckbuild.input.editions import compile_outline

SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.data_too_large])
LIMIT_SECONDS = 20  # one example taking longer than this counts as a hang


@contextlib.contextmanager
def time_limit(seconds: int = LIMIT_SECONDS):
    """Fail an example that runs too long (a hang), instead of stalling the suite."""
    def expire(signum, frame):
        raise TimeoutError(f"no result after {seconds} s: deckbuild hangs on this input")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def project_dir():
    with tempfile.TemporaryDirectory(prefix="deckbuild-prop-") as d:
        cwd = os.getcwd()
        os.chdir(d)
        try:
            yield Path(d)
        finally:
            os.chdir(cwd)


# --- strategies --------------------------------------------------------------------------

# Anything a user may type: markup, entities, quotes, RTL marks, CJK, emoji, combining
# marks. Refused characters (controls, surrogates, non-characters) are left out.
ANY_CHAR = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                         blacklist_characters="\ufffe\uffff\ufeff")
TRICKY = st.sampled_from(["<b>", "</font>", "<font size=90>", "<img src='/etc/passwd'/>", "&amp;", "&", "<", ">",
                          "&#0;", "<br/>", "\u200f", "\u202e", "\u2066", "😀", "👩‍👩‍👧", "🇨🇳", "e\u0301", "中文",
                          "مرحبا", "שלום", "**", "`", "[a](https://example.com/?a=1&b=<2>)", "\\", "%s", "'", '"'])
# Text that renders in the bundled font and survives PDF text extraction, for the
# title-presence checks: Latin, digits, CJK, and markup characters that must stay literal.
PLAIN_CHAR = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                             + list("中文标题广告收入增长算力豪赌") + list("<>&#;=/"))


def texts(plain: bool = False, max_size: int = 60) -> st.SearchStrategy[str]:
    if plain:
        base = st.text(PLAIN_CHAR, min_size=1, max_size=max_size)
    else:
        base = st.lists(st.one_of(st.text(ANY_CHAR, min_size=1, max_size=12), TRICKY), min_size=1,
                        max_size=8).map(" ".join)
    return base.map(str.strip).filter(lambda t: t and "{{" not in t and "}}" not in t)


def bullets(plain: bool, depth: int = 3):
    leaf = texts(plain)
    if depth == 1:
        return st.lists(leaf, min_size=1, max_size=4)
    nested = st.fixed_dictionaries({"text": leaf, "bullets": bullets(plain, depth - 1)})
    return st.lists(st.one_of(leaf, nested), min_size=1, max_size=4)


def chart_spec(plain: bool):
    @st.composite
    def build(draw):
        kind = draw(st.sampled_from(["column", "bar", "line", "area", "pie", "donut"]))
        n = draw(st.integers(1, 5))
        cats = draw(st.lists(texts(True, 12), min_size=n, max_size=n, unique=True))
        count = 1 if kind in ("pie", "donut") else draw(st.integers(1, 3))
        value = st.floats(0.01, 1e6, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 2))
        series = [{"name": draw(texts(plain, 20)), "values": draw(st.lists(value, min_size=n, max_size=n))}
                  for _ in range(count)]
        spec = {"title": draw(texts(plain, 40)), "kind": kind, "categories": cats, "series": series}
        if draw(st.booleans()):
            spec["unit"] = draw(texts(plain, 10))
        return spec
    return build()


@st.composite
def outlines(draw, plain: bool = False, plain_titles: bool = False):
    """(outline, {chart name: spec}) for a valid project. ``plain``: every text from the plain
    alphabet; ``plain_titles``: slide and deck titles only (the rest hostile)."""
    def t(n=60):
        return texts(plain, n)

    def title(n=60):
        return texts(plain or plain_titles, n)

    source_ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True), max_size=3, unique=True))
    charts: dict = {}
    slides = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["title", "section", "bullets", "columns", "table", "quote", "stats",
                                     "closing", "chart"]))
        slide: dict = {"kind": kind}
        if kind != "title" or draw(st.booleans()):
            slide["title"] = draw(title())
        if kind == "bullets":
            slide["bullets"] = draw(bullets(plain))
        elif kind == "columns":
            slide["left"] = {"heading": draw(t(20)), "bullets": draw(bullets(plain, 2))}
            slide["right"] = {"heading": draw(t(20)), "bullets": draw(bullets(plain, 2))}
        elif kind == "table":
            cols = draw(st.integers(1, 4))
            slide["table"] = {"header": draw(st.lists(t(15), min_size=cols, max_size=cols)),
                              "rows": draw(st.lists(st.lists(t(30), min_size=cols, max_size=cols), min_size=1,
                                                    max_size=4))}
        elif kind == "quote":
            slide["quote"] = draw(t(120))
            if draw(st.booleans()):
                slide["attribution"] = draw(t(30))
        elif kind == "stats":
            slide["stats"] = draw(st.lists(st.fixed_dictionaries({"value": t(8), "label": t(20)}),
                                           min_size=2, max_size=4))
        elif kind == "closing" and draw(st.booleans()):
            slide["bullets"] = draw(bullets(plain, 1))
        elif kind == "chart":
            name = f"c{len(charts) + 1}"
            charts[name] = draw(chart_spec(plain))
            slide["chart"] = name
        if draw(st.booleans()):
            slide["notes"] = draw(t(200))
        if draw(st.booleans()):
            slide["report"] = draw(t(300))
        if source_ids and draw(st.booleans()):
            slide["sources"] = draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True))
        slides.append(slide)
    outline: dict = {"title": draw(title()), "language": draw(st.sampled_from(["en", "zh-CN"])), "slides": slides}
    if source_ids:
        outline["sources"] = [{"id": i, "title": draw(t(40))} for i in source_ids]
    for key in ("subtitle", "author", "summary"):
        if draw(st.booleans()):
            outline[key] = draw(t(80))
    return outline, charts


def write_project(root: Path, outline: dict, charts: dict) -> Path:
    (root / "decks").mkdir(exist_ok=True)
    (root / "charts").mkdir(exist_ok=True)
    for name, spec in charts.items():
        (root / "charts" / f"{name}.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    deck = root / "decks" / "t.yaml"
    deck.write_text(yaml.safe_dump(outline, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return deck


def compile_here(deck: Path):
    diags = Diagnostics()
    with time_limit():
        outline, decks = compile_outline(Path("decks") / deck.name, diags)
    return outline, decks, diags


# --- valid outlines ----------------------------------------------------------------------


@settings(max_examples=60, **SETTINGS)
@given(outlines())
def test_random_valid_outlines_compile(project):
    outline, charts = project
    with project_dir() as root:
        deck = write_project(root, outline, charts)
        _, decks, diags = compile_here(deck)
    errors = [d.format() for d in diags.items if d.severity is Severity.ERROR]
    assert errors == []
    (model,) = decks
    assert len(model.slides) == len(outline["slides"])


def _squash(text: str) -> str:
    return "".join(text.split())


def _pptx_slide_texts(path: Path) -> list[str]:
    from pptx import Presentation

    out = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(c.text for row in shape.table.rows for c in row.cells)
        out.append(_squash("".join(parts)))
    return out


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # exotic characters in chart labels
@settings(max_examples=20, **SETTINGS)
@given(st.one_of(outlines(plain=True), outlines(plain_titles=True)))
def test_random_valid_outlines_build_and_reopen(project):
    from pypdf import PdfReader

    from deckbuild.build.pipeline import build

    outline, charts = project
    with project_dir() as root:
        deck = write_project(root, outline, charts)
        _, decks, diags = compile_here(deck)
        assert not diags.has_errors, [d.format() for d in diags.items]
        diags = Diagnostics()
        with time_limit(120), contextlib.redirect_stderr(io.StringIO()):
            build([Path("decks/t.yaml")], Path("build"), ("pptx", "pdf"), diags)
        assert not diags.has_errors, [d.format() for d in diags.items]
        slide_texts = _pptx_slide_texts(root / "build" / "t.pptx")
        assert len(slide_texts) == len(decks[0].slides)
        for slide, text in zip(decks[0].slides, slide_texts):
            assert _squash(slide.title.plain) in text, f"slide {slide.number}: title missing from the PPTX"
        reader = PdfReader(str(root / "build" / "t.pdf"))
        assert len(reader.pages) >= 1
        pdf_text = _squash("".join(page.extract_text() or "" for page in reader.pages))
        for slide in decks[0].slides:
            if slide.kind.value != "title":  # the title slide's title is the report's title
                assert _squash(slide.title.plain) in pdf_text, f"slide {slide.number}: title missing from the PDF"


# --- mutations ---------------------------------------------------------------------------

VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.integers(10**300, 10**310),
                   st.floats(), texts(), st.just([]), st.just({}), st.lists(st.integers(), max_size=3),
                   st.dictionaries(texts(max_size=8), st.integers(), max_size=2), st.just("x" * 200_000))


def _paths(tree, prefix=()):
    yield prefix
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated(draw):
    """A valid project with one file broken: a key deleted, a value of another type, the file
    cut short, or random bytes written into it."""
    outline, charts = draw(outlines())
    files = {"decks/t.yaml": outline, **{f"charts/{n}.yaml": s for n, s in charts.items()}}
    target = draw(st.sampled_from(sorted(files)))
    how = draw(st.sampled_from(["delete", "retype", "truncate", "bytes", "flip"]))
    texts_out: dict[str, bytes] = {}
    if how in ("delete", "retype"):
        tree = files[target]
        paths = [p for p in _paths(tree) if p]
        path = draw(st.randoms(use_true_random=False)).choice(paths)  # uniform, not biased to the first
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        if how == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(VALUES)
    for name, tree in files.items():
        texts_out[name] = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")
    data = texts_out[target]
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    elif how == "flip":
        at = draw(st.integers(0, max(0, len(data) - 1)))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    texts_out[target] = data
    return texts_out


@settings(max_examples=60, **SETTINGS)
@given(mutated())
def test_mutations_give_success_or_positioned_errors(files):
    with project_dir() as root:
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        outline, decks, diags = compile_here(root / "decks" / "t.yaml")
    errors = [d for d in diags.items if d.severity is Severity.ERROR]
    if not errors:
        assume(decks)
        return
    assert not decks
    for d in errors:
        assert d.location.path in files or d.location.path.startswith("charts/"), d.format()
        assert d.location.line >= 1 and d.location.column >= 1, f"not positioned: {d.format()}"
        assert d.message and "Traceback" not in d.message, d.format()
