"""The slide kinds, each declared once with what every layer needs of it.

A kind's entry names its content type in the model, its place in a company template, and
the functions that handle it in each layer: its schema, its compiler and the loader of the
files its slides name (``input``), its layout (``layout``), its PPTX writer
(``render.pptx``), its PDF writer (``render.pdf``) and its checks of craft (``build``).
Those live in higher layers, so the entry names them as ``module:attribute`` (a ``Ref``)
and the layer that calls one imports it on first use: the model imports none of them, and
a deck without chart, table, quote, stats, image or diagram slides never loads their code.

Adding a kind is adding a ``SlideKind`` member, its content dataclass (``model.deck``), one
entry below, and the functions it names (docs/architecture.md); ``tests/test_kinds.py``
proves that every kind has every piece and that the pieces agree on their types.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from deckbuild.model.deck import (
    BulletsContent,
    ChartContent,
    ClosingContent,
    ColumnsContent,
    DiagramContent,
    ImageContent,
    QuoteContent,
    SectionContent,
    SlideKind,
    StatsContent,
    TableContent,
    TitleContent,
)


@dataclass(frozen=True)
class Ref:
    """A function or value of a higher layer, named by module and attribute and imported
    when first loaded (by the layer it belongs to)."""

    module: str
    name: str

    def load(self) -> Any:
        return _load(self.module, self.name)

    def __str__(self) -> str:
        return f"{self.module}:{self.name}"


@cache
def _load(module: str, name: str) -> Any:
    return getattr(importlib.import_module(module), name)


class Shape(str, Enum):
    """The layout of a company template a kind falls back to when no layout name matches."""

    OPENING = "opening"  # a centred title (a title slide)
    SECTION = "section"  # a title and one text placeholder (a section header), or a subtitle
    ONE_BODY = "one body"  # a title and one content placeholder
    TWO_BODIES = "two bodies"  # a title and two content placeholders or more
    TITLE_ONLY = "title only"  # a title over a free area


@dataclass(frozen=True)
class KindSpec:
    """One slide kind. Signatures of the functions named (``C``: ``content``, ``L``: the
    layout dataclass the kind's layout returns):

    - ``schema``: an ``input.schema.Obj``, the keys a slide of the kind may have;
    - ``compile``: ``(input.slide_contents.SlideInput) -> C | None`` (None after an error);
    - ``layout``: ``(layout.fitter.Fitter, Deck, Slide, C) -> L``;
    - ``pptx``: ``(render.pptx.base.Ctx, pptx.slide.Slide, Slide, C, L) -> None``;
    - ``pdf``: ``(render.pdf.story.StoryBuilder, Slide, C) -> None``;
    - ``lint``: ``(build.slide_lint.SlideLint, Slide, C) -> None``;
    - ``files`` (kinds whose slides name other files): ``(input.outline.Outline, the slide's
      YAML mapping, Diagnostics) -> None``, which checks and loads them with the outline.
    """

    kind: SlideKind
    content: type  # the slide's content in the model
    schema: Ref
    compile: Ref
    layout: Ref
    pptx: Ref
    pdf: Ref
    lint: Ref
    # The layout names looked for in a company template, in order; the first is also the
    # layout of python-pptx's default template that the kind's slides are made from.
    layouts: tuple[str, ...]
    shape: Shape  # what to fall back to in a company template that has none of ``layouts``
    files: Ref | None = None
    key: str | None = None  # the content key that tells the kind when a slide leaves out 'kind:'
    visual: bool = False  # one of the kinds the theme's 'visuals' layout key sets at once
    content_room: bool = True  # needs room for content: a template's title-slide layout will not do
    dark: bool = False  # on the theme's primary colour in the deck (not on a company template)
    opening: bool = False  # the deck's opening: subtitle defaults to the deck's, no slide number,
    #                        the report's title page rather than a part of its body


# The theme key (under pptx.layouts) that names one layout for every visual kind.
VISUALS_KEY = "visuals"

_SCHEMAS = "deckbuild.input.slide_schemas"
_COMPILE = "deckbuild.input.slide_contents"
_FILES = "deckbuild.input.slide_files"
_TEXT_LAYOUT, _VISUAL_LAYOUT = "deckbuild.layout.text_slides", "deckbuild.layout.visuals"
_TEXT_PPTX, _VISUAL_PPTX = "deckbuild.render.pptx.text_slides", "deckbuild.render.pptx.visuals"
_PDF = "deckbuild.render.pdf.slides"
_LINT = "deckbuild.build.slide_lint"

_CONTENT = ("Title and Content", "Title, Content")  # PowerPoint's name, then LibreOffice's
_TITLE_ONLY = ("Title Only",)


def _spec(kind: SlideKind, content: type, layout: str, pptx: str, layouts: tuple[str, ...], shape: Shape,
          **more: Any) -> KindSpec:
    """The entry of ``kind``, its functions named after it: ``compile_K``, ``layout_K``,
    ``build_K``, ``write_K``, ``lint_K`` and the schema ``K_SLIDE`` (upper case)."""
    k = kind.value
    return KindSpec(kind, content, Ref(_SCHEMAS, f"{k.upper()}_SLIDE"), Ref(_COMPILE, f"compile_{k}"),
                    Ref(layout, f"layout_{k}"), Ref(pptx, f"build_{k}"), Ref(_PDF, f"write_{k}"),
                    Ref(_LINT, f"lint_{k}"), layouts, shape, **more)


KINDS: dict[SlideKind, KindSpec] = {spec.kind: spec for spec in (
    _spec(SlideKind.TITLE, TitleContent, _TEXT_LAYOUT, _TEXT_PPTX, ("Title Slide",), Shape.OPENING,
          content_room=False, dark=True, opening=True),
    _spec(SlideKind.SECTION, SectionContent, _TEXT_LAYOUT, _TEXT_PPTX, ("Section Header", "Section Title"),
          Shape.SECTION, content_room=False),
    _spec(SlideKind.BULLETS, BulletsContent, _TEXT_LAYOUT, _TEXT_PPTX, _CONTENT, Shape.ONE_BODY, key="bullets"),
    _spec(SlideKind.COLUMNS, ColumnsContent, _TEXT_LAYOUT, _TEXT_PPTX,
          ("Comparison", "Two Content", "Title, 2 Content"), Shape.TWO_BODIES, key="left"),
    _spec(SlideKind.CHART, ChartContent, _VISUAL_LAYOUT, _VISUAL_PPTX, _TITLE_ONLY, Shape.TITLE_ONLY, key="chart",
          visual=True, files=Ref(_FILES, "load_chart")),
    _spec(SlideKind.TABLE, TableContent, _VISUAL_LAYOUT, _VISUAL_PPTX, _TITLE_ONLY, Shape.TITLE_ONLY, key="table",
          visual=True, files=Ref(_FILES, "load_table_csv")),
    _spec(SlideKind.QUOTE, QuoteContent, _VISUAL_LAYOUT, _VISUAL_PPTX, _TITLE_ONLY, Shape.TITLE_ONLY, key="quote",
          visual=True),
    _spec(SlideKind.STATS, StatsContent, _VISUAL_LAYOUT, _VISUAL_PPTX, _TITLE_ONLY, Shape.TITLE_ONLY, key="stats",
          visual=True),
    _spec(SlideKind.IMAGE, ImageContent, _VISUAL_LAYOUT, _VISUAL_PPTX, _TITLE_ONLY, Shape.TITLE_ONLY, key="image",
          visual=True, files=Ref(_FILES, "check_image")),
    _spec(SlideKind.DIAGRAM, DiagramContent, "deckbuild.layout.diagram", "deckbuild.render.pptx.diagram", _TITLE_ONLY,
          Shape.TITLE_ONLY, key="diagram", visual=True),
    _spec(SlideKind.CLOSING, ClosingContent, _TEXT_LAYOUT, _TEXT_PPTX, _CONTENT, Shape.ONE_BODY,
          content_room=False, dark=True),
)}


def kind_named(name: str) -> KindSpec:
    """The kind called ``name`` (as outlines and themes write it)."""
    return KINDS[SlideKind(name)]


def visual_names() -> tuple[str, ...]:
    """The kinds the theme's 'visuals' layout key sets, in declaration order."""
    return tuple(spec.kind.value for spec in KINDS.values() if spec.visual)
