"""Find and read a theme: templates/NAME/theme.yaml in the project, else a built-in one."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Optional

from deckbuild.diagnostics import Diagnostics, InputError, Location, did_you_mean
from deckbuild.loader import Mapping, Scalar, Sequence, load_yaml, plain
from deckbuild.project import Project
from deckbuild.schema import validate
from deckbuild.schemas import THEME
from deckbuild.theme import BUILTIN_FONTS, BUILTIN_THEMES, ChartStyle, Colors, Fonts, PageStyle, SlideStyle, Theme


def available(project: Project) -> list[str]:
    names = {p.parent.name for p in BUILTIN_THEMES.glob("*/theme.yaml")}
    if project.templates.is_dir():
        names |= {p.parent.name for p in project.templates.glob("*/theme.yaml")}
    return sorted(names)


def find_theme(name: str, project: Project) -> Optional[Path]:
    for base in (project.templates, BUILTIN_THEMES):
        path = base / name / "theme.yaml"
        if path.is_file():
            return path
    return None


def load_theme(name: str, project: Project, diags: Diagnostics, where: Location) -> Optional[Theme]:
    """Load a theme by name; problems (with positions) go to ``diags``."""
    path = find_theme(name, project)
    if path is None:
        diags.error(where, f"theme '{name}' not found{did_you_mean(name, available(project))}; "
                    f"create templates/{name}/theme.yaml or use one of: {', '.join(available(project))}", "unknown-theme")
        return None
    try:
        node = load_yaml(path)
    except InputError as exc:
        diags.extend(exc.diagnostics)
        return None
    if not isinstance(node, Mapping):
        diags.error(node.loc, "a theme must be a mapping of settings", "type")
        return None
    before = diags.has_errors
    validate(node, THEME, diags, where="the theme")
    if diags.has_errors and not before:
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

    return Theme(name=str(data.get("name") or name), fonts=fonts, colors=group(Colors, "colors"),
                 slide=group(SlideStyle, "slide"), page=group(PageStyle, "page"), chart=group(ChartStyle, "chart"),
                 directory=path.parent)


def _fonts(node: Mapping, path: Path, project: Project, diags: Diagnostics) -> Optional[Fonts]:
    default = Fonts("Noto Sans SC", BUILTIN_FONTS / "NotoSansSC-Regular.ttf", BUILTIN_FONTS / "NotoSansSC-Bold.ttf")
    fnode = node.get("fonts")
    if not isinstance(fnode, Mapping):
        return default
    out = {"family": default.family, "regular": default.regular, "bold": default.bold}
    fam = fnode.get("family")
    if isinstance(fam, Scalar):
        out["family"] = str(fam.value)
    ok = True
    for key in ("regular", "bold"):
        f = fnode.get(key)
        if not isinstance(f, Scalar):
            continue
        value = str(f.value)
        if value.startswith("builtin:"):
            candidate = BUILTIN_FONTS / value[len("builtin:"):]
            if candidate.parent != BUILTIN_FONTS or not candidate.is_file():
                builtin = [p.name for p in BUILTIN_FONTS.glob("*.ttf")]
                diags.error(f.loc, f"no built-in font '{value}'; use one of: "
                            + ", ".join("builtin:" + b for b in builtin), "font")
                ok = False
                continue
        else:
            candidate, why = project.resolve(value, path.parent)
            if candidate is None:
                diags.error(f.loc, f"font '{value}' is refused: {why}", "path")
                ok = False
                continue
            if not candidate.is_file():
                diags.error(f.loc, f"font file '{value}' not found in {path.parent}", "missing-file")
                ok = False
                continue
            if candidate.suffix.lower() not in (".ttf",):
                diags.error(f.loc, f"font '{value}' must be a TrueType .ttf file (the PDF cannot embed CFF/OTF outlines)", "font")
                ok = False
                continue
        out[key] = candidate
    return Fonts(**out) if ok else None
