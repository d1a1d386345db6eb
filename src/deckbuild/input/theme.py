"""Find and read a theme: templates/NAME/theme.yaml in the project, else a built-in one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from deckbuild.diagnostics import Diagnostics, Location, did_you_mean, with_fix
from deckbuild.digests import note_found, note_looked
from deckbuild.input.faces import measured_face
from deckbuild.input.label_words import check_labels
from deckbuild.input.project import Project, file_problem
from deckbuild.input.schema import load_validated
from deckbuild.input.schemas import THEME
from deckbuild.input.yaml_nodes import Mapping, Scalar, display_path, plain
from deckbuild.model.theme import (
    BUILTIN_FONTS,
    BUILTIN_THEMES,
    ChartStyle,
    Colors,
    Face,
    Fonts,
    PageStyle,
    ScriptFamily,
    SlideStyle,
    TextFace,
    Theme,
    default_fonts,
    measure_files,
)


def available(project: Project) -> list[str]:
    names = {p.parent.name for p in BUILTIN_THEMES.glob("*/theme.yaml")}
    if project.templates.is_dir():
        names |= {p.parent.name for p in project.templates.glob("*/theme.yaml")}
    return sorted(names)


def find_theme(name: str, project: Project) -> Path | None:
    for base in (project.templates, BUILTIN_THEMES):
        path = base / name / "theme.yaml"
        if path.is_file():
            return path
    return None


def load_theme(name: str, project: Project, diags: Diagnostics, where: Location) -> Theme | None:
    """Load a theme by name; problems (with positions) go to ``diags``."""
    path = find_theme(name, project)
    if path is not None and path.parent.parent == project.templates:
        inside, why = project.contains(path)
        if not inside:
            diags.error(where, f"theme '{name}' is refused: {why}", "path")
            return None
    if path is None:
        note_looked(project.templates / name / "theme.yaml")  # where the error says to create it
        diags.error(where, with_fix(f"theme '{name}' not found", did_you_mean(name, available(project)),
                                    f"create templates/{name}/theme.yaml or use one of: "
                                    f"{', '.join(available(project))}"),
                    "unknown-theme")
        return None
    before = diags.has_errors
    node = load_validated(path, THEME, diags, "a theme must be a mapping of settings", "the theme")
    if node is None or (diags.has_errors and not before):
        return None
    if not _check_bounds(node, diags):
        return None
    data = plain(node)
    fonts = _fonts(node, path, project, diags)
    if fonts is None:
        return None

    def group(cls, key):
        values = data.get(key) or {}
        allowed = {f.name for f in fields(cls)}
        values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in values.items() if k in allowed}
        return replace(cls(), **values)

    colors, slide = group(Colors, "colors"), group(SlideStyle, "slide")
    template = report = None
    pnode = node.get("pptx")
    if isinstance(pnode, Mapping):
        from deckbuild.input.template import adopt, load_template

        before = diags.has_errors
        template = load_template(pnode, path.parent, project, diags)
        if template is None or (diags.has_errors and not before):
            return None
        fonts, colors, slide, report = adopt(template, fonts, colors, slide, diags, pnode.key_loc("template"))
    lnode = node.get("labels")
    check_labels(lnode, diags)
    given = lnode.items() if isinstance(lnode, Mapping) else ()
    labels = tuple((str(lang), tuple((str(k), str(v.value)) for k, v in words.items() if isinstance(v, Scalar)))
                   for lang, words in given if isinstance(words, Mapping))
    return Theme(name=str(data.get("name") or name), fonts=fonts, colors=colors, slide=slide,
                 page=group(PageStyle, "page"), chart=group(ChartStyle, "chart"), directory=path.parent,
                 template=template, report_colors=report, labels=labels)


# Bounds that keep every renderer's layout possible (points, except max_bullets).
_TYPE = (4.0, 200.0)
BOUNDS: dict[str, dict[str, tuple[float, float]]] = {
    "slide": {"width": (72.0, 4032.0), "height": (72.0, 4032.0), "title_size": _TYPE, "subtitle_size": _TYPE,
              "body_size": _TYPE, "body_min": _TYPE, "small_size": _TYPE, "stat_size": _TYPE,
              "max_bullets": (1, 30)},
    "page": {"margin": (0.0, 144.0), "body_size": (4.0, 72.0), "h1_size": (4.0, 72.0), "h2_size": (4.0, 72.0),
             "caption_size": (4.0, 72.0)},
    "chart": {"font_size": (4.0, 72.0), "title_size": (4.0, 72.0)},
}


def _check_bounds(node: Mapping, diags: Diagnostics) -> bool:
    """Sizes a layout can work with; every problem reported with its position."""
    ok = True
    for group, limits in BOUNDS.items():
        g = node.get(group)
        if not isinstance(g, Mapping):
            continue
        for key, (low, high) in limits.items():
            v = g.get(key)
            if isinstance(v, Scalar) and isinstance(v.value, (int, float)) and not low <= v.value <= high:
                diags.error(v.loc, f"'{key}' in '{group}' is {v.value:g}; use a value from {low:g} to {high:g}",
                            "range")
                ok = False
    slide = node.get("slide")
    if isinstance(slide, Mapping):
        def num(key: str, default: float) -> float:  # the value if within its bounds, else the default
            v = slide.get(key)
            low, high = BOUNDS["slide"][key]
            if isinstance(v, Scalar) and isinstance(v.value, (int, float)) and low <= v.value <= high:
                return float(v.value)
            return default

        margin = slide.get("margin")
        w, h = num("width", 960), num("height", 540)
        if isinstance(margin, Scalar) and isinstance(margin.value, (int, float)) and margin.value > min(w, h) / 4:
            diags.error(margin.loc, f"'margin' in 'slide' is {margin.value:g}, more than a quarter of the slide "
                        f"({min(w, h) / 4:g}); use a smaller margin", "range")
            ok = False
        body_min = slide.get("body_min")
        if (isinstance(body_min, Scalar) and isinstance(body_min.value, (int, float))
                and body_min.value > num("body_size", 20)):
            diags.error(body_min.loc, f"'body_min' in 'slide' ({body_min.value:g}) is larger than 'body_size' "
                        f"({num('body_size', 20):g}); make it smaller", "range")
            ok = False
    page = node.get("page")
    if isinstance(page, Mapping) and not _check_page(page, diags):
        ok = False
    return ok


PAGE_SIZES = {"A4": (595.28, 841.89), "letter": (612.0, 792.0)}  # points
TEXT_EMS = 20  # the report's text is at least this many times as wide as its body type
TEXT_LINES = 10  # and holds at least this many lines of it on a page


def _check_page(page: Mapping, diags: Diagnostics) -> bool:
    """Report type a page can hold (table of contents and bullet indents are multiples of
    the type size; a paragraph keeps two lines together at each end): the text area
    (page less the margins) at least TEXT_EMS times as wide as 'body_size' and TEXT_LINES
    lines of 'body_size' × 'leading' high. An error at 'body_size', with its range."""
    def value(key: str, default: float, low: float, high: float) -> float:
        v = page.get(key)
        good = isinstance(v, Scalar) and isinstance(v.value, (int, float)) and low <= v.value <= high
        return float(v.value) if good else default  # type: ignore[union-attr]

    size = page.get("size")
    name = size.value if isinstance(size, Scalar) and size.value in PAGE_SIZES else "A4"
    width, height = PAGE_SIZES[name]
    margin = value("margin", 62, *BOUNDS["page"]["margin"])
    body = value("body_size", 10.5, *BOUNDS["page"]["body_size"])
    leading = value("leading", 1.6, 1, 3)
    text_w, text_h = width - 2 * margin, height - 2 * margin
    largest = min(text_w / TEXT_EMS, text_h / TEXT_LINES / leading)
    if body <= largest + 1e-9:
        return True
    node = page.get("body_size")  # set, and within its bounds: the defaults fit any page
    diags.error(node.loc, f"'body_size' in 'page' is {body:g}: the report's text area is {text_w:.0f} × {text_h:.0f} "  # type: ignore[union-attr]
                f"pt ({name} less margins of {margin:g}), room for type of at most {largest:.1f} pt at a leading of "
                f"{leading:g} ({TEXT_EMS} ems wide, {TEXT_LINES} lines high); use a value from 4 to {largest:.1f}, "
                "or smaller margins or leading", "range")
    return False


def _fonts(node: Mapping, path: Path, project: Project, diags: Diagnostics) -> Fonts | None:
    default = default_fonts()
    fnode = node.get("fonts")
    if not isinstance(fnode, Mapping):
        return default.taken()
    out: dict = {"family": default.family, "regular": default.regular, "bold": default.bold,
                 "report_latin": default.report_latin, "scripts": default.scripts}
    fam = fnode.get("family")
    if isinstance(fam, Scalar):
        out["family"] = str(fam.value)
    ok = True
    for key in ("regular", "bold"):
        f = fnode.get(key)
        if not isinstance(f, Scalar):
            continue
        candidate = font_file(f, path, project, diags)
        if candidate is None:
            ok = False
        else:
            out[key] = candidate
    if "family" in fnode:  # a theme's own family sets all its reports, unless it names others
        out["report_latin"] = None
        out["scripts"] = ()
    # each section read whole (None: a problem, reported), then the Fonts fields it sets
    sections: tuple[tuple[str, Callable[..., Any], Callable[[Any], dict]], ...] = (
        ("scripts", script_families, lambda v: {"scripts": v}),
        ("report", report_face, lambda v: {"report_latin": v}),
        ("deck", deck_faces, lambda v: v),
    )
    for key, read, sets in sections:
        section = fnode.get(key)
        if isinstance(section, Mapping):
            value = read(section, path, project, diags)
            if value is None:
                ok = False
            else:
                out.update(sets(value))
    return Fonts(**out).taken() if ok else None  # the versions of the files this build uses


def font_file(f: Scalar, path: Path, project: Project, diags: Diagnostics) -> Path | None:
    """The TrueType file a theme's ``f`` names ('builtin:NAME' or a path from the theme's
    folder), or None with the problem reported at ``f``."""
    value = str(f.value)
    candidate: Path | None
    if value.startswith("builtin:"):
        candidate = BUILTIN_FONTS / value[len("builtin:"):]
        if candidate.parent != BUILTIN_FONTS or not candidate.is_file():
            builtin = sorted(p.name for p in BUILTIN_FONTS.glob("*.ttf"))
            diags.error(f.loc, f"no built-in font '{value}'; use one of: "
                        + ", ".join("builtin:" + b for b in builtin), "font")
            return None
        return candidate
    candidate, why = project.resolve(value, path.parent)
    if candidate is None:
        diags.error(f.loc, f"font '{value}' is refused: {why}", "path")
        return None
    missing = file_problem(candidate, "a font file")
    if missing == "not found":
        diags.error(f.loc, f"font file '{value}' not found in {display_path(path.parent)}", "missing-file")
        return None
    if missing:
        diags.error(f.loc, f"font '{value}' {missing}; name a .ttf file", "missing-file")
        return None
    problem = (font_problem(candidate) if candidate.suffix.lower() == ".ttf"
               else "must be a TrueType .ttf file (the PDF cannot embed CFF/OTF outlines)")
    if problem:
        note_found(candidate)  # a font that breaks the theme, whichever edition would use it: its fix is a change
        diags.error(f.loc, f"font '{value}' {problem}", "font")
        return None
    return candidate


def report_face(report: Mapping, path: Path, project: Project, diags: Diagnostics) -> TextFace | None:
    """The text face a theme's ``fonts: report:`` names, or None with its problems reported."""
    name = report.get("latin")
    nodes = [report.get(k) for k in ("regular", "bold", "italic", "bold_italic")]
    files = [font_file(n, path, project, diags) if isinstance(n, Scalar) else None for n in nodes]
    if not isinstance(name, Scalar) or any(f is None for f in files):
        return None
    regular, bold, italic, bold_italic = files
    assert regular and bold and italic and bold_italic
    return TextFace(str(name.value), regular, bold, italic, bold_italic).taken()


def script_families(snode: Mapping, path: Path, project: Project,
                    diags: Diagnostics) -> tuple[ScriptFamily, ...] | None:
    """The families a theme's ``fonts: scripts:`` names, or None with their problems reported."""
    out = []
    for script, entry in snode.items():
        if not isinstance(entry, Mapping):
            continue
        name = entry.get("family")
        nodes = [entry.get(k) for k in ("regular", "bold")]
        regular, bold = (font_file(n, path, project, diags) if isinstance(n, Scalar) else None for n in nodes)
        if not isinstance(name, Scalar) or regular is None or bold is None:
            return None
        out.append(ScriptFamily(str(script), str(name.value), regular, bold))  # taken by outlines in it
    return tuple(out)


def deck_faces(deck: Mapping, path: Path, project: Project, diags: Diagnostics) -> dict | None:
    """The ``Fonts`` fields a theme's ``fonts: deck:`` sets: the Latin faces with the files
    that measure them (the theme's ``measure`` files, else a bundled metric-compatible font),
    and the East Asian typefaces. A face measured by neither is a warning at its name."""
    measured: list[Face] = []
    ok = True
    mnode = deck.get("measure")
    if isinstance(mnode, Mapping):
        for name, files in mnode.items():
            if not isinstance(files, Mapping):
                continue
            nodes = [files.get(k) for k in ("regular", "bold")]
            regular, bold = (font_file(n, path, project, diags) if isinstance(n, Scalar) else None for n in nodes)
            if regular is None or bold is None:
                ok = False
            else:
                measured.append(Face(str(name), regular, bold).taken())
    out: dict = {"measured": tuple(measured)}
    for key, field in (("latin", "body"), ("heading_latin", "heading")):
        v = deck.get(key)
        if isinstance(v, Scalar) and v.value:
            out[field] = measured_face(str(v.value), measure_files(measured), diags, v.loc)
    for key in ("east_asian", "heading_east_asian"):
        v = deck.get(key)
        if isinstance(v, Scalar) and v.value:
            out[key] = str(v.value)
    return out if ok else None


MAX_FONT_BYTES = 64 * 1024 * 1024


def font_problem(path: Path) -> str | None:
    """Why ``path`` is not a TrueType font the renderers can embed, or None."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if size > MAX_FONT_BYTES:
        return f"is {size} bytes, over the limit of {MAX_FONT_BYTES} bytes (64 MB); use a smaller font file"
    if magic == b"OTTO":
        return "has CFF (OpenType) outlines, which the PDF cannot embed; use a font with TrueType outlines"
    if magic == b"ttcf":
        return "is a font collection (.ttc); extract the one font you need into a .ttf file"
    if magic in (b"wOFF", b"wOF2"):
        return "is a web font (WOFF); convert it to a .ttf file"
    if magic not in (b"\x00\x01\x00\x00", b"true"):
        return "is not a TrueType font file; use a .ttf font"
    try:
        from reportlab.pdfbase.ttfonts import TTFont

        TTFont("deckbuild-check", str(path))  # reads the file as registering it would (not registered)
    except Exception as exc:  # a damaged or restricted font: say why, in the font's words
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"cannot be used ({detail[:80]}); use another .ttf font"
    return None
