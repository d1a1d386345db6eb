"""What a company template (a reference .pptx) offers a deck: slide size, layouts with their
placeholders, theme colours and fonts, and the parts a deck takes over. ``input.template``
reads and checks it (through ``template_package`` and ``template_reference``); the layout
places text in its placeholders and the PPTX writer builds the deck on its parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
"""The content type of a presentation's main part (a template's or slide show's differs)."""


@dataclass(frozen=True)
class TemplateParts:
    """The parts of a template a deck uses, checked, and what was left out of them."""

    data: bytes = field(repr=False)  # the kept parts as a .pptx: what python-pptx opens
    unlinked: Mapping[str, frozenset[str]] = field(default_factory=dict)  # part → rIds left out: to remove
    links: tuple[str, ...] = ()  # links to files outside the template, left out, said for a person
    left_out: tuple[str, ...] = ()  # other content of masters and layouts left out, said for a person


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a layout: its type ('title', 'ctrTitle', 'body', 'obj', 'subTitle',
    'dt', 'ftr', 'sldNum', ...), its index and its box in points (x, y, w, h), if known."""

    type: str
    idx: int
    box: tuple[float, float, float, float] | None

    @property
    def is_title(self) -> bool:
        return self.type in ("title", "ctrTitle")

    @property
    def is_text(self) -> bool:
        """A placeholder that takes body text (bullets, a subtitle)."""
        return self.type in ("body", "obj", "subTitle")


@dataclass(frozen=True)
class Layout:
    name: str
    master: int  # which slide master (0-based) it belongs to
    index: int  # its position among that master's layouts
    placeholders: tuple[Placeholder, ...]

    @property
    def title(self) -> Placeholder | None:
        return next((p for p in self.placeholders if p.is_title), None)

    @property
    def bodies(self) -> tuple[Placeholder, ...]:
        return tuple(p for p in self.placeholders if p.is_text)


@dataclass(frozen=True)
class Reference:
    """The parts of a reference .pptx a deck takes over."""

    width: float  # slide size, points
    height: float
    layouts: tuple[Layout, ...]
    colors: tuple[tuple[str, str], ...]  # colour-scheme slot ('dk1', 'accent1', ...) → '#RRGGBB'
    major_latin: str  # theme fonts: headings' and body text's ('' when the template leaves them empty)
    minor_latin: str
    minor_ea: str
    major_ea: str
    # the theme fonts' faces by script ('Hans', 'Hant', 'Jpan', 'Hang'): (minor, major)
    script_faces: tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = ((), ())
    # What the first master shows: its background, title and body text colours ('#RRGGBB';
    # scheme colours resolved through its colour map), when it sets them.
    background: str | None = None
    title_color: str | None = None
    body_color: str | None = None
    main_type: str = PRESENTATION_MAIN  # the content type of its presentation part
    unread_colors: tuple[str, ...] = ()  # colour-scheme slots without a colour deckbuild reads
    # The parts a deck uses, checked (what python-pptx opens), and what was left out of them.
    package: TemplateParts | None = field(default=None, compare=False, repr=False)

    @property
    def is_presentation(self) -> bool:
        """False for a template (.potx) or slide show (.ppsx): opened as a presentation."""
        return self.main_type == PRESENTATION_MAIN

    def layout(self, name: str) -> Layout | None:
        """The layout called ``name`` (case and surrounding spaces ignored), or None."""
        want = name.strip().casefold()
        return next((lay for lay in self.layouts if lay.name.strip().casefold() == want), None)

    def color(self, slot: str) -> str | None:
        return dict(self.colors).get(slot)
