"""What a slide names in other files, checked and loaded with its outline: a chart slide's
chart spec (and its CSV data), a table slide's CSV file, an image slide's picture
(``model.kinds`` names these loaders; ``outline`` calls them)."""

from __future__ import annotations

from pathlib import Path

from deckbuild.diagnostics import Diagnostics, did_you_mean
from deckbuild.digests import note_looked
from deckbuild.input.outline import Outline
from deckbuild.input.project import file_problem, image_problem, similar_file
from deckbuild.input.slide_schemas import MAX_TABLE_ROWS
from deckbuild.input.yaml_nodes import Mapping, Scalar, display_path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")


def load_chart(outline: Outline, slide: Mapping, diags: Diagnostics) -> None:
    """The chart spec ``charts/NAME.yaml`` the slide names, loaded once into ``outline.charts``."""
    ref = slide.get("chart")
    if not isinstance(ref, Scalar) or ref.value in outline.charts:
        return
    name, charts = str(ref.value), outline.project.charts
    inside, why = outline.project.contains(charts / f"{name}.yaml")
    if not inside:
        diags.error(ref.loc, f"chart '{name}' is refused: charts/{name}.yaml: {why}", "path")
        return
    if not (charts / f"{name}.yaml").is_file():
        note_looked(charts / f"{name}.yaml")  # its appearing is a change
        available = sorted(p.stem for p in charts.glob("*.yaml")) if charts.is_dir() else []
        diags.error(ref.loc, f"chart '{name}' not found: no file charts/{name}.yaml{did_you_mean(name, available)}",
                    "unknown-chart")
        return
    from deckbuild.input.chart_spec import load_spec  # decks without charts never load it

    spec = load_spec(name, outline.project, diags)
    if spec is not None:
        outline.charts[name] = spec
        outline.inputs.append(spec.path)
        csv = spec.node.get("csv")
        if isinstance(csv, Scalar):
            outline.inputs.append((spec.path.parent / str(csv.value)).resolve())


def _named_file(outline: Outline, ref: Scalar, noun: str, kind: str, hint: str,
                diags: Diagnostics) -> Path | None:
    """The file ``ref`` names relative to the outline, inside the project and readable (``kind``:
    'an image file'); else None, with an error at ``ref`` that ends with ``hint``."""
    resolved, why = outline.project.resolve(str(ref.value), outline.path.parent)
    problem = file_problem(resolved, kind) if resolved is not None else None
    if resolved is None:
        diags.error(ref.loc, f"{noun} '{ref.value}' is refused: {why}", "path")
    elif problem == "not found":
        diags.error(ref.loc, f"{noun} file '{ref.value}' not found (paths are relative to "
                    f"{display_path(outline.path.parent)}){similar_file(resolved, str(ref.value))}", "missing-file")
    elif problem:
        diags.error(ref.loc, f"{noun} '{ref.value}' {problem}; {hint}", "missing-file")
    else:
        return resolved
    return None


def check_image(outline: Outline, slide: Mapping, diags: Diagnostics) -> None:
    """The picture the slide names: inside the project, a PNG, JPEG or GIF file that reads."""
    img = slide.get("image")
    if not isinstance(img, Scalar):
        return
    resolved = _named_file(outline, img, "image", "an image file", "name a PNG, JPEG or GIF file", diags)
    if resolved is None:
        return
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        diags.error(img.loc, f"image '{img.value}' must be a PNG, JPEG or GIF file", "image-format")
    elif (problem := image_problem(resolved)) is not None:
        diags.error(img.loc, f"image '{img.value}' {problem}", "image-format")
    else:
        outline.inputs.append(resolved)


def load_table_csv(outline: Outline, slide: Mapping, diags: Diagnostics) -> None:
    """The CSV file a table slide's ``table: {csv: …}`` names, relative to the outline: inside
    the project, a file that reads as CSV, loaded once into ``outline.tables``."""
    table = slide.get("table")
    ref = table.get("csv") if isinstance(table, Mapping) else None
    if not isinstance(ref, Scalar) or not isinstance(ref.value, str):
        return
    resolved = _named_file(outline, ref, "csv", "a CSV file", "name a CSV file", diags)
    if resolved is not None and resolved not in outline.tables:
        from deckbuild.input.csv_data import read_csv  # decks without CSV tables never load it

        data = read_csv(resolved, diags, MAX_TABLE_ROWS, "a slide shows far fewer: keep the rows it is about in "
                        "the file, or split them over several slides")
        outline.inputs.append(resolved)
        if data is not None:
            outline.tables[resolved] = data
