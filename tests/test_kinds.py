"""The registry of slide kinds (``model.kinds``): every kind has every piece, each piece is
found in its own layer, and the pieces of one kind agree on their types."""

from __future__ import annotations

import inspect
import types
import typing
from dataclasses import is_dataclass

import pytest

from deckbuild.model import deck as model
from deckbuild.model.deck import SlideKind
from deckbuild.model.kinds import KINDS, VISUALS_KEY, KindSpec, Ref, kind_named, visual_names

SPECS = list(KINDS.values())
IDS = [spec.kind.value for spec in SPECS]

# The layer each of an entry's functions belongs to: it is loaded by that layer only.
LAYERS = {"schema": "deckbuild.input.", "compile": "deckbuild.input.", "layout": "deckbuild.layout.",
          "pptx": "deckbuild.render.pptx.", "pdf": "deckbuild.render.pdf.", "lint": "deckbuild.build."}


def test_every_slide_kind_is_declared_once_in_order():
    assert list(KINDS) == list(SlideKind)
    assert all(key is spec.kind for key, spec in KINDS.items())
    assert {spec.content for spec in SPECS} == set(typing.get_args(model.Content))
    assert len({spec.content for spec in SPECS}) == len(SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_piece_of_a_kind_loads_from_its_own_layer(spec: KindSpec):
    for field, layer in LAYERS.items():
        ref = getattr(spec, field)
        assert isinstance(ref, Ref) and ref.module.startswith(layer), (field, str(ref))
        loaded = ref.load()
        assert loaded is ref.load()  # loaded once
        if field != "schema":
            assert inspect.isfunction(loaded), str(ref)


def _hints(ref: Ref) -> list:
    """The annotations of a function's parameters, then of its return value, with None
    dropped from an Optional."""
    fn = ref.load()
    hints = typing.get_type_hints(fn)
    names = list(inspect.signature(fn).parameters) + ["return"]
    out = []
    for name in names:
        hint = hints[name]
        if typing.get_origin(hint) in (typing.Union, types.UnionType):  # Optional[X], X | None
            rest = [a for a in typing.get_args(hint) if a is not type(None)]
            hint = rest[0] if len(rest) == 1 else hint
        out.append(hint)
    return out


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_the_pieces_of_a_kind_agree_on_its_content_and_layout(spec: KindSpec):
    from deckbuild.build.slide_lint import SlideLint
    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.outline import Outline
    from deckbuild.input.slide_contents import SlideInput
    from deckbuild.input.yaml_nodes import Mapping
    from deckbuild.layout.fitter import Fitter
    from deckbuild.render.pdf.story import StoryBuilder
    from deckbuild.render.pptx.base import Ctx

    content = spec.content
    assert _hints(spec.compile) == [SlideInput, content]
    f, deck, slide, laid_out, layout = _hints(spec.layout)
    assert (f, deck, slide, laid_out) == (Fitter, model.Deck, model.Slide, content)
    assert is_dataclass(layout) and layout.__name__ == content.__name__.replace("Content", "Layout")
    ctx, _, slide, written, lay, result = _hints(spec.pptx)
    assert (ctx, slide, written, lay, result) == (Ctx, model.Slide, content, layout, type(None))
    assert _hints(spec.pdf) == [StoryBuilder, model.Slide, content, type(None)]
    assert _hints(spec.lint) == [SlideLint, model.Slide, content, type(None)]
    if spec.files is not None:
        assert spec.files.module.startswith("deckbuild.input.")
        assert _hints(spec.files) == [Outline, Mapping, Diagnostics, type(None)]


def test_the_slide_layout_union_has_each_kinds_layout_once():
    from deckbuild.layout.slides import BodyLayout

    members = [getattr(a, "__name__", None) or a.__forward_arg__ for a in typing.get_args(BodyLayout)]
    returned = [_hints(spec.layout)[-1].__name__ for spec in SPECS]
    assert sorted(members) == sorted(returned) and len(set(returned)) == len(returned)


def test_the_outline_schema_has_each_kinds_schema():
    from deckbuild.input.schemas import SLIDE, THEME

    assert list(SLIDE.variants) == IDS
    assert all(SLIDE.variants[spec.kind.value] is spec.schema.load() for spec in SPECS)
    keys = [spec.key for spec in SPECS if spec.key is not None]
    assert len(keys) == len(set(keys))
    layouts = THEME.fields["pptx"].type.fields["layouts"].type
    assert list(layouts.fields) == IDS + [VISUALS_KEY]


def test_each_kind_names_a_layout_of_the_default_template():
    from pptx import Presentation

    layouts = Presentation().slide_layouts
    for spec in SPECS:
        assert spec.layouts and layouts.get_by_name(spec.layouts[0]) is not None, spec.kind


def test_the_visual_kinds_and_the_opening_kind():
    assert visual_names() == ("chart", "table", "quote", "stats", "image", "diagram")
    assert [spec.kind for spec in SPECS if spec.opening] == [SlideKind.TITLE]
    assert all(spec.content_room for spec in SPECS if spec.visual)
    assert kind_named("closing").kind is SlideKind.CLOSING
    assert [spec.kind for spec in SPECS if spec.files is not None] == [SlideKind.CHART, SlideKind.TABLE,
                                                                        SlideKind.IMAGE]
