"""A chart's reportlab drawing is kept in the chart cache as data: read back, it draws the same
PDF as svglib's conversion of the SVG; a build writes it with the chart and a rebuild reads it
instead of converting the SVG; a damaged, foreign or linked file is never trusted, and reading
one runs no code."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from reportlab.graphics import renderPDF
from reportlab.pdfgen.canvas import Canvas

from deckbuild.build.pipeline import build
from deckbuild.charts.cache import chart_key, ensure_assets
from deckbuild.charts.export import svg_bytes
from deckbuild.diagnostics import Diagnostics
from deckbuild.model.deck import Chart, ChartKind, Series
from deckbuild.model.theme import default_theme
from deckbuild.render.pdf import drawings
from project import make_project

THEME = default_theme()
CHART = Chart(name="capex", kind=ChartKind.COLUMN, title="资本支出", categories=("2023", "2024", "2025"),
              series=(Series("资本支出", (28.1, 39.2, 70.5)),), alt_text="资本支出", digest="ab" * 32)
PIE = Chart(name="pie", kind=ChartKind.PIE, title="收入来源", categories=("广告", "硬件"),
            series=(Series("占比", (60.4, 39.6)),), alt_text="收入来源", digest="cd" * 32)


def _pdf(drawing) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.save()
    return out.getvalue()


def _svglib(svg: bytes, tmp_path: Path):
    from svglib.svglib import svg2rlg

    path = tmp_path / "chart.svg"
    path.write_bytes(svg)
    return svg2rlg(str(path))


def _text_svg(shape: bytes = b"") -> bytes:
    """An SVG as matplotlib writes one with svg.fonttype 'none': paths, and text as text."""
    return (b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
            b'<path d="M 10 10 L 90 10 L 90 50 L 10 50 z" style="fill:#0072B2;stroke:#333;stroke-dasharray:3,2"/>'
            b'<text x="20" y="80" style="font-family:Helvetica;font-size:12px;fill:#d00">Capex &lt;2025&gt;</text>'
            b'<g transform="translate(100,0)"><path d="M 0 0 L 40 40" style="stroke:red;stroke-opacity:0.5"/>'
            + shape + b'</g></svg>')


@pytest.mark.parametrize("svg", [svg_bytes(CHART, THEME.for_report(), 480, 270),
                                 svg_bytes(PIE, THEME.for_report(), 480, 270), _text_svg()],
                         ids=["column", "pie", "text"])
def test_a_kept_drawing_draws_what_svglib_draws(svg, tmp_path):
    drawing = _svglib(svg, tmp_path)
    data = drawings.encode(drawing)
    assert data is not None
    again = drawings.decode(data)
    assert (again.width, again.height) == (drawing.width, drawing.height)
    assert _pdf(again) == _pdf(drawing)
    assert len(_pdf(drawing)) > 1000  # there is something drawn


def test_text_is_kept_as_text(tmp_path):
    from reportlab.graphics.shapes import String

    found: list[String] = []

    def walk(node):
        if isinstance(node, String):
            found.append(node)
        for child in getattr(node, "contents", []):
            walk(child)

    walk(drawings.decode(drawings.encode(_svglib(_text_svg(), tmp_path)) or b""))
    assert [s.text for s in found] == ["Capex <2025>"]


def test_a_shape_the_format_has_not_is_not_kept(tmp_path):
    assert drawings.encode(_svglib(_text_svg(b'<circle cx="40" cy="40" r="20" fill="red"/>'), tmp_path)) is None


def _valid(tmp_path: Path) -> dict:
    return json.loads(drawings.encode(_svglib(_text_svg(), tmp_path)) or b"")


@pytest.mark.parametrize("damage", [
    lambda t: {**t, "stamp": "0:reportlab 1.0:svglib 1:1"},  # another version wrote it
    lambda t: {**t, "contents": [["x", {}, {}]]},  # a kind of shape the format has not
    lambda t: {**t, "contents": [["p", {"points": ["1", "2"]}, {}]]},  # a string for a number
    lambda t: {**t, "contents": [["p", {"points": [1, 2], "strokeWidth": {"a": 1}}, {}]]},
    lambda t: {**t, "contents": [["p", {"__class__": "os.system"}, {}]]},  # no such property
    lambda t: {**t, "contents": [["g", [1, 0, 0, 1, 0], []]]},  # a transform of five numbers
    lambda t: {**t, "contents": [["s", {"x": 1, "y": 2, "text": "t"}, {"fillColor": ["red"]}]]},
    lambda t: {**t, "size": "big"},
    lambda t: [t],
], ids=["stamp", "kind", "number", "type", "unknown", "transform", "color", "size", "list"])
def test_anything_else_is_refused(damage, tmp_path):
    data = json.dumps(damage(_valid(tmp_path))).encode()
    with pytest.raises(ValueError):
        drawings.decode(data)


@pytest.mark.parametrize("data", [b"", b"{", b"\x80\x04\x95\x1d\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94\x8c\x06"
                                  b"system\x94\x93\x94\x8c\x05touch\x94\x85\x94R\x94.", "📈".encode()])
def test_bytes_that_are_not_the_format_are_refused(data):
    with pytest.raises(ValueError):
        drawings.decode(data)


# ------------------------------------------------------------------------------- in a build


def _build(root: Path) -> Diagnostics:
    diags = Diagnostics()
    build([root / "decks" / "t.yaml"], root / "build", ("pdf",), diags)
    assert not diags.has_errors, [d.format() for d in diags.items]
    return diags


def _kept(root: Path) -> list[Path]:
    return sorted((root / "build" / ".cache" / "charts").glob("*.drawing.json"))


def test_a_build_keeps_the_drawing_and_a_rebuild_reads_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    deck = make_project(tmp_path)
    original = deck.read_text(encoding="utf-8")
    _build(tmp_path)
    kept = _kept(tmp_path)
    assert len(kept) == 1 and kept[0].with_name(kept[0].name.replace(".drawing.json", ".svg")).is_file()
    converted = (tmp_path / "build" / "t.pdf").read_bytes()

    def no_conversion(*args, **kwargs):
        raise AssertionError("the SVG was converted again")

    monkeypatch.setattr("svglib.svglib.svg2rlg", no_conversion)
    deck.write_text(original.replace("title: 图", "title: 改过的图", 1), encoding="utf-8")  # no chart changes
    _build(tmp_path)
    assert (tmp_path / "build" / "t.pdf").read_bytes() != converted
    deck.write_text(original, encoding="utf-8")
    _build(tmp_path)
    assert (tmp_path / "build" / "t.pdf").read_bytes() == converted  # as svglib's drawing drew it


@pytest.mark.parametrize("damage", ["garbage", "foreign", "link"])
def test_a_damaged_or_linked_drawing_is_converted_again(damage, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    make_project(tmp_path)
    _build(tmp_path)
    (kept,) = _kept(tmp_path)
    good = kept.read_bytes()
    expected = (tmp_path / "build" / "t.pdf").read_bytes()
    other = tmp_path / "elsewhere.json"
    if damage == "garbage":
        kept.write_bytes(b'{"stamp": ')
    elif damage == "foreign":  # a valid drawing of something else, as another version might have kept it
        tree = json.loads(good)
        kept.write_bytes(json.dumps({**tree, "stamp": "another", "contents": []}).encode())
    else:  # a link out of the cache is not read, even to a good drawing
        other.write_bytes(json.dumps({**json.loads(good), "contents": []}).encode())
        kept.unlink()
        kept.symlink_to(other)
    converted: list[str] = []
    import svglib.svglib

    real = svglib.svglib.svg2rlg

    def counting(path, *args, **kwargs):
        converted.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr("svglib.svglib.svg2rlg", counting)
    (tmp_path / "build" / ".cache" / "manifest.json").unlink()
    _build(tmp_path)
    assert len(converted) == 1
    assert (tmp_path / "build" / "t.pdf").read_bytes() == expected
    assert kept.read_bytes() == good and not kept.is_symlink()  # kept again, from the conversion
    if damage == "link":
        assert json.loads(other.read_bytes())["contents"] == []  # the link's target is left alone


def test_the_cache_names_a_drawing_only_when_it_is_a_file_of_its_own(tmp_path):
    folder = tmp_path / "charts"
    folder.mkdir()
    key = chart_key(CHART, THEME)
    (folder / f"{key}.svg").write_bytes(b"<svg/>")
    assets, _ = ensure_assets([CHART], THEME, tmp_path, want_svg=True, want_png=False, staging=tmp_path / "s")
    assert assets[key].drawing is None and assets[key].drawing_new == tmp_path / "s" / "charts" / f"{key}.drawing.json"
    (folder / f"{key}.drawing.json").symlink_to(tmp_path / "x.json")
    (tmp_path / "x.json").write_bytes(b"{}")
    assets, _ = ensure_assets([CHART], THEME, tmp_path, want_svg=True, want_png=False, staging=tmp_path / "s")
    assert assets[key].drawing is None
    (folder / f"{key}.drawing.json").unlink()
    (folder / f"{key}.drawing.json").write_bytes(b"{}")
    assets, _ = ensure_assets([CHART], THEME, tmp_path, want_svg=True, want_png=False, staging=tmp_path / "s")
    assert assets[key].drawing == folder / f"{key}.drawing.json"
    assets, _ = ensure_assets([CHART], THEME, tmp_path, want_svg=False, want_png=True, staging=tmp_path / "s")
    assert assets[key].drawing is None and assets[key].drawing_new is None  # no report, no drawing
