"""A diagram drawn from text: layered boxes, a row of boxes joined by arrows, or a 2×2
matrix. The outputs draw it as shapes in the theme's fonts and colours, never as a picture."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from deckbuild.colors import blend
from deckbuild.model.deck import Rich
from deckbuild.model.theme import Colors


class Arrangement(str, Enum):
    LAYERS = "layers"  # boxes stacked top to bottom; several stacks side by side
    FLOW = "flow"  # boxes left to right, an arrow between each two
    MATRIX = "matrix"  # four boxes in two rows and two columns, with an axis on each side


class Tone(str, Enum):
    """How a box stands out."""

    NORMAL = "normal"  # the theme's primary colour
    HIGHLIGHT = "highlight"  # the accent colour: the box the slide is about
    MUTED = "muted"  # the surface colour with an outline: context, someone else's
    ABSENT = "absent"  # a dashed outline only: what is missing


@dataclass(frozen=True)
class DiagramItem:
    text: Rich
    note: Rich = Rich()  # a second line in lighter type
    tone: Tone = Tone.NORMAL


@dataclass(frozen=True)
class Stack:
    """The boxes of one stack of layers (top first), of a flow, or of a matrix (top left,
    top right, bottom left, bottom right); a stack of layers may have a heading."""

    items: tuple[DiagramItem, ...]
    heading: Rich = Rich()
    note: Rich = Rich()


@dataclass(frozen=True)
class Diagram:
    arrangement: Arrangement
    stacks: tuple[Stack, ...]  # one, except for layers side by side
    x_axis: Rich = Rich()  # a matrix's axes: what grows to the right, and upwards
    y_axis: Rich = Rich()

    @property
    def items(self) -> tuple[DiagramItem, ...]:
        """Every box, stack by stack."""
        return tuple(item for stack in self.stacks for item in stack.items)

    @property
    def headed(self) -> bool:
        """Whether a stack has a heading (room is kept for one over every stack)."""
        return any(s.heading or s.note for s in self.stacks)

    def texts(self) -> Iterator[str]:
        """Every text the diagram shows, in reading order."""
        for stack in self.stacks:
            yield from (r.plain for r in (stack.heading, stack.note) if r)
            for item in stack.items:
                yield from (r.plain for r in (item.text, item.note) if r)
        yield from (r.plain for r in (self.x_axis, self.y_axis) if r)


@dataclass(frozen=True)
class Paint:
    """How both outputs draw a box of one tone: '#RRGGBB' colours, None for none."""

    fill: str | None
    line: str | None
    text: str
    note: str
    dashed: bool = False


def paint(tone: Tone, c: Colors) -> Paint:
    """The theme's colours for a box of ``tone``: white text on the primary or accent colour,
    the text colour on the surface, the accent colour in a dashed outline."""
    if tone is Tone.HIGHLIGHT:
        return Paint(c.accent, None, c.background, blend(c.background, c.accent, 0.12))
    if tone is Tone.MUTED:
        return Paint(c.surface, c.muted, c.text, c.muted)
    if tone is Tone.ABSENT:
        return Paint(None, c.accent, c.accent, c.accent, dashed=True)
    return Paint(c.primary, None, c.background, blend(c.background, c.primary, 0.2))
