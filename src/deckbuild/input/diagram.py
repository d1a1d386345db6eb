"""A diagram slide's ``diagram:`` compiled for one edition: its boxes, their tones and the
words that describe it to a screen reader when the slide gives no ``alt``."""

from __future__ import annotations

from deckbuild.cjk import is_cjk_language
from deckbuild.input.texts import Texts
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, items_of
from deckbuild.model.deck import Rich
from deckbuild.model.diagram import Arrangement, Diagram, DiagramItem, Stack, Tone

_TONES = (Tone.HIGHLIGHT, Tone.MUTED, Tone.ABSENT)


def compile_diagram_node(node: Mapping, texts: Texts) -> Diagram:
    """The diagram written at ``node`` (validated by ``slide_schemas.DIAGRAM``); an empty box,
    two tones on one box, or a layers diagram with both or neither of 'items' and 'stacks' are
    errors at the place they are written."""
    layout = node.get("layout")
    arrangement = Arrangement(str(layout.value)) if isinstance(layout, Scalar) else Arrangement.LAYERS
    stacks_node = node.get("stacks")
    if arrangement is Arrangement.LAYERS and (stacks_node is None) == (node.get("items") is None):
        texts.diags.error(node.loc, "a layers diagram needs 'items' (one stack) or 'stacks' (side by side), "
                          "not " + ("both" if stacks_node is not None else "neither"), "diagram-items")
    if stacks_node is not None:
        stacks = tuple(Stack(_items(s.get("items"), texts), texts.rich(s.get("heading")), texts.rich(s.get("note")))
                       for s in items_of(stacks_node) if isinstance(s, Mapping))
    else:
        stacks = (Stack(_items(node.get("items"), texts)),)
    axes = node.get("axes")
    x = y = Rich()
    if isinstance(axes, Mapping):
        x, y = texts.rich(axes.get("x")), texts.rich(axes.get("y"))
    return Diagram(arrangement, stacks, x, y)


def _items(node: AnyNode | None, texts: Texts) -> tuple[DiagramItem, ...]:
    out = []
    for i, item in enumerate(items_of(node), 1):
        if isinstance(item, Mapping) and "text" in item:
            text, note = texts.rich(item.get("text")), texts.rich(item.get("note"))
            tones = [t for t in _TONES if _true(item.get(t.value))]
            if len(tones) > 1:
                texts.diags.error(item.loc, f"diagram item {i} is {' and '.join(t.value for t in tones)}; "
                                  "a box has one of 'highlight', 'muted' and 'absent'", "diagram-tone")
            tone = tones[0] if tones else Tone.NORMAL
        else:
            text, note, tone = texts.rich(item), Rich(), Tone.NORMAL
        if not text.plain.strip():
            texts.diags.error(item.loc, f"diagram item {i} has no text in '{texts.language}'; give the box a "
                              "text, or leave the item out", "diagram-empty")
        out.append(DiagramItem(text, note, tone))
    return tuple(out)


def _true(node: AnyNode | None) -> bool:
    return isinstance(node, Scalar) and node.value is True


def describe(diagram: Diagram, language: str) -> str:
    """The diagram in words, e.g. 'Landlord (Apple · Google): Apps, AI by default; Operating
    system. Tenant (Meta): …': each stack's heading, then its boxes in order."""
    cjk = is_cjk_language(language)
    colon, semi, stop, comma = ("：", "；", "。", "，") if cjk else (": ", "; ", ". ", ", ")

    def box(item: DiagramItem) -> str:
        return item.text.plain + (comma + item.note.plain if item.note else "")

    parts = []
    for stack in diagram.stacks:
        boxes = semi.join(box(item) for item in stack.items)
        head = stack.heading.plain + (f"（{stack.note.plain}）" if cjk else f" ({stack.note.plain})") \
            if stack.note else stack.heading.plain
        parts.append(head + colon + boxes if head else boxes)
    if diagram.x_axis or diagram.y_axis:
        parts.append(f"{diagram.x_axis.plain} →{semi}{diagram.y_axis.plain} ↑")
    return stop.join(parts).strip()
