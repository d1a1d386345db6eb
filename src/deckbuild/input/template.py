"""A theme's company template (``pptx: {template, layouts}``): find and read the .pptx, pick
the layout each slide kind uses, and take over its slide size, colours and fonts.

Each kind has a list of layout names it looks for, PowerPoint's names first, then
LibreOffice's (``model.kinds``). A name set under ``pptx.layouts`` (or ``visuals`` for the
visual kinds: chart, table, quote, stats and image) replaces the list. When no name
matches, the kind falls back to the closest layout of its shape (a title with one text
placeholder for bullets, a title alone for charts, never a title slide's layout for
content), or to the closest name when the theme misspelt one; ``warn_missing_layouts``
then warns of it for the kinds a deck uses.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path

from deckbuild.colors import blend, luminance
from deckbuild.diagnostics import Diagnostics, Location, closest
from deckbuild.digests import digest_in_use, note_found
from deckbuild.input.faces import measured_face
from deckbuild.input.project import Project, file_problem, similar_file
from deckbuild.input.template_package import ReferenceError
from deckbuild.input.template_reference import read_reference
from deckbuild.input.yaml_nodes import Mapping, Scalar, display_path
from deckbuild.model.kinds import KINDS, VISUALS_KEY, Shape, kind_named, visual_names
from deckbuild.model.template import Layout, Reference, TemplateParts
from deckbuild.model.theme import Colors, Fonts, LayoutProblem, PptxTemplate, SlideStyle

MAX_TEMPLATE_BYTES = 64 * 1024 * 1024
MAX_LISTED = 5  # what a template leaves out, listed in its warning

def _opening(lay: Layout) -> bool:
    """A title slide's layout (a centred title or a subtitle): no place for content."""
    return any(p.type in ("ctrTitle", "subTitle") for p in lay.placeholders)


def _title_only(lay: Layout) -> bool:
    return lay.title is not None and not lay.bodies and not _opening(lay)


def _one_body(lay: Layout) -> bool:
    return lay.title is not None and len(lay.bodies) == 1 and not _opening(lay)


# When no name matches: the first layout of the template of the kind's shape.
_SHAPES: dict[Shape, tuple[Callable[[Layout], bool], ...]] = {
    Shape.OPENING: (lambda lay: any(p.type == "ctrTitle" for p in lay.placeholders), _one_body, _title_only),
    Shape.SECTION: (lambda lay: _one_body(lay) and lay.bodies[0].type == "body",  # PowerPoint's Section Header
                    lambda lay: lay.title is not None and any(p.type == "subTitle" for p in lay.placeholders),
                    _one_body, _title_only),
    Shape.ONE_BODY: (_one_body, _title_only),
    Shape.TWO_BODIES: (lambda lay: lay.title is not None and len(lay.bodies) >= 2 and not _opening(lay), _one_body,
                       _title_only),
    Shape.TITLE_ONLY: (),
}
_CONTENT_SHAPES = (_title_only, lambda lay: lay.title is not None and not _opening(lay),
                   lambda lay: lay.title is not None)


def load_template(node: Mapping, theme_dir: Path, project: Project, diags: Diagnostics) -> PptxTemplate | None:
    """The theme's ``pptx`` group as a PptxTemplate; problems go to ``diags`` with positions."""
    tnode = node.get("template")
    if not isinstance(tnode, Scalar):
        return None
    value = str(tnode.value)
    path, why = project.resolve(value, theme_dir)
    if path is None:
        diags.error(tnode.loc, f"template '{value}' is refused: {why}", "path")
        return None
    problem = file_problem(path, "a PowerPoint file")
    if problem == "not found":
        hint = similar_file(path, value)
        diags.error(tnode.loc, f"template '{value}' not found in {display_path(theme_dir)}{hint}"
                    f"{' Put' if hint else '; put'} the company template (.pptx or .potx) in the theme folder or "
                    "give its path relative to it", "missing-file")
        return None
    if not problem and path.stat().st_size > MAX_TEMPLATE_BYTES:
        problem = f"is over the limit of {MAX_TEMPLATE_BYTES} bytes (64 MB); remove its sample slides"
    if not problem and path.suffix.lower() not in (".pptx", ".potx"):
        problem = "is not a .pptx or .potx file; open it in PowerPoint or LibreOffice and save it as .pptx"
    if problem:
        note_found(path)  # there, and refused: its fix is a change
        diags.error(tnode.loc, f"template '{value}' {problem}", "template")
        return None
    digest = digest_in_use(path) or ""  # taken before reading: a save from now on makes the build's inputs unsettled
    try:
        ref = read_reference(path)
    except ReferenceError as exc:
        diags.error(tnode.loc, f"template '{value}' {exc}", "template")
        return None
    if not ref.layouts:
        diags.error(tnode.loc, f"template '{value}' has no slide layouts; use a template made in PowerPoint "
                    "or LibreOffice", "template")
        return None
    if ref.package is not None:
        _warn_left_out(value, ref.package, tnode.loc, diags)
    if ref.unread_colors:
        diags.warning(tnode.loc, f"template '{value}': its colour scheme has no colour deckbuild can read for "
                      f"{', '.join(ref.unread_colors)} (it reads a:srgbClr with six hexadecimal digits and a:sysClr "
                      "with lastClr); the theme file's colours stand in. Set those colours in PowerPoint's or "
                      "LibreOffice's theme colours", "template")
    lnode = node.get("layouts")
    overrides = lnode if isinstance(lnode, Mapping) else None
    chosen: list[tuple[str, str]] = []
    problems: list[LayoutProblem] = []
    for kind in KINDS:
        name, unmet = _choose(kind.value, ref, overrides, tnode.loc)
        chosen.append((kind.value, name))
        if unmet is not None:
            problems.append(unmet)
    return PptxTemplate(path, ref, tuple(chosen), digest, value, tuple(problems))


def _warn_left_out(file: str, package: TemplateParts, where: Location, diags: Diagnostics) -> None:
    """A warning for the links to other files, and one for the other content of masters and
    layouts, that the deck leaves out of the template."""
    def listed(items: tuple[str, ...]) -> str:
        more = len(items) - MAX_LISTED
        return "; ".join(items[:MAX_LISTED]) + (f"; and {more} more" if more > 0 else "")

    if package.links:
        diags.warning(where, f"template '{file}' links outside itself (a linked picture is fetched when a deck "
                      f"opens); the deck leaves out these links: {listed(package.links)}. Embed linked pictures in "
                      "the template to keep them", "template")
    if package.left_out:
        diags.warning(where, f"template '{file}': the deck leaves out what it does not take over from masters and "
                      f"layouts: {listed(package.left_out)}", "template")


def _choose(kind: str, ref: Reference, overrides: Mapping | None,
            where: Location) -> tuple[str, LayoutProblem | None]:
    """The layout for ``kind``, and what is wrong with it, if anything."""
    spec = kind_named(kind)
    names, loc, given = spec.layouts, where, False
    for key in (kind, VISUALS_KEY if spec.visual else None):
        v = overrides.get(key) if overrides is not None and key else None
        if isinstance(v, Scalar):
            names, loc, given = (str(v.value),), v.loc, True
            break
    content = spec.content_room
    for name in names:
        found = ref.layout(name)
        if found is not None:
            if content and _opening(found):
                other = _fallback(kind, ref).name
                note = "" if other == found.name else other
                return found.name, LayoutProblem(kind, names, found.name, loc, note, True)
            return found.name, None
    suited = closest(names[0], [lay.name for lay in ref.layouts if not (content and _opening(lay))])
    if given and suited:  # a misspelt name: use the closest one (never a title slide's for content)
        return suited, LayoutProblem(kind, names, suited, loc, ", the closest name")
    fallback = _fallback(kind, ref).name
    near = closest(names[0], [lay.name for lay in ref.layouts])
    hint = f"; did you mean '{near}'?" if near and near != fallback else ""
    return fallback, LayoutProblem(kind, names, fallback, loc, hint)


def warn_missing_layouts(theme_name: str, template: PptxTemplate, kinds: Collection[str], diags: Diagnostics) -> None:
    """A warning for each layout problem of the kinds a deck uses (kinds with the same
    problem, from the same setting, share one warning)."""
    groups: dict[tuple, list[str]] = {}
    for m in template.problems:
        if m.kind in kinds:
            groups.setdefault((m.where, m.wanted, m.used, m.note, m.unsuited), []).append(m.kind)
    layouts = ", ".join(repr(lay.name) for lay in template.reference.layouts)
    for (where, wanted, used, note, unsuited), group in groups.items():
        if len(group) == 1:
            keys = f"pptx.layouts.{group[0]}"
        elif set(group) <= set(visual_names()):
            keys = f"pptx.layouts.{VISUALS_KEY} (or {', '.join(group)})"
        else:
            keys = "pptx.layouts." + ", pptx.layouts.".join(group)
        head = f"theme '{theme_name}': template '{template.file}'"
        if unsuited:
            message = (f"{head}: layout '{used}' is a title slide's (a centred title or a subtitle, no room for "
                       f"content), so {_and(group)} slides on it get only its subtitle's box; set {keys} "
                       f"to a layout with a title and a content area" + (f", such as '{note}'" if note else ""))
        else:
            names = _or([repr(n) for n in wanted])
            message = (f"{head} has no layout {names} for {_and(group)} slides, so they use '{used}'{note}"
                       f"{' Set' if note.endswith('?') else '; set'} {keys} to one of: {layouts}")
        diags.warning(where, message, "template-layout")


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _fallback(kind: str, ref: Reference) -> Layout:
    for shape in (*_SHAPES[kind_named(kind).shape], *_CONTENT_SHAPES):
        found = next((lay for lay in ref.layouts if shape(lay)), None)
        if found is not None:
            return found
    return ref.layouts[0]


def _template_fonts(ref: Reference, fonts: Fonts, diags: Diagnostics, where: Location) -> Fonts:
    """``fonts`` with the template's theme fonts for the deck: the minor (body) and major
    (heading) faces, each measured with a metric-compatible font where one is known."""
    body, heading = ref.minor_latin or ref.major_latin, ref.major_latin or ref.minor_latin
    if not body:
        return fonts
    warned = {body.casefold()}
    files = fonts.measure_files()
    return replace(fonts, body=measured_face(body, files, diags, where).taken(),
                   heading=measured_face(heading, files, diags,
                                         None if heading.casefold() in warned else where).taken(),
                   east_asian=ref.minor_ea or fonts.east_asian,
                   heading_east_asian=ref.major_ea or ref.minor_ea or fonts.heading_east_asian,
                   east_asian_scripts=ref.script_faces[0], heading_east_asian_scripts=ref.script_faces[1])


def adopt(template: PptxTemplate, fonts: Fonts, colors: Colors, slide: SlideStyle, diags: Diagnostics,
          where: Location) -> tuple[Fonts, Colors, SlideStyle, Colors | None]:
    """The theme's fonts, colours and slide size with what the template sets: its size, its
    theme fonts (body and heading, Latin and East Asian; a face deckbuild has no metrics for
    is a warning at ``where``), and its colours (the theme file's stand in only where the template has
    none: a theme written by ``deckbuild new`` sets every colour, and dark text from it on
    a dark template would be unreadable). The last item is the report's colours when they
    differ: a dark template's colours would be light text on white paper, so the report
    keeps the theme file's."""
    ref = template.reference
    slide = replace(slide, width=ref.width, height=ref.height,
                    margin=min(slide.margin, ref.width / 4 - 1, ref.height / 4 - 1))
    fonts = _template_fonts(ref, fonts, diags, where)
    c = ref.color
    background = ref.background or c("lt1")
    text = ref.body_color or c("dk1")
    accents = [a for a in (c(f"accent{i}") for i in range(1, 7)) if a]
    muted = surface = None
    if background and text:
        muted = blend(text, background, 0.4)
        light = luminance(background) > 0.5
        surface = c("lt2") if light and c("lt2") else blend(background, text, 0.12)
    deck = replace(colors, primary=ref.title_color or c("dk2") or colors.primary, text=text or colors.text,
                   background=background or colors.background, accent=c("accent1") or colors.accent,
                   muted=muted or colors.muted, surface=surface or colors.surface,
                   palette=tuple(accents) if len(accents) == 6 else colors.palette)
    paper = None if not background or luminance(background) > 0.5 else colors
    return fonts, deck, slide, paper
