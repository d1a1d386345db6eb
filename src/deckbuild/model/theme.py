"""Themes: colours, fonts, sizes and margins shared by every renderer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuild.model.template import Layout, Reference

if TYPE_CHECKING:
    from deckbuild.diagnostics import Location

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the deckbuild package, with its data folders
BUILTIN_FONTS = PACKAGE_DIR / "fonts"
BUILTIN_THEMES = PACKAGE_DIR / "themes"


@dataclass(frozen=True)
class Fonts:
    family: str  # the family name written into the PPTX
    regular: Path  # TrueType file used for the PDF, charts and text measurement
    bold: Path
    latin: str = ""  # the PPTX's Latin typeface when it differs from ``family`` (a company template's)
    # SHA-256 of ``regular`` and ``bold`` as the theme was read: the versions a build uses. Fonts
    # are registered and measured by these digests, never by path ("" : not taken yet).
    sha256: tuple[str, str] = ("", "")

    @property
    def latin_family(self) -> str:
        return self.latin or self.family

    def digests(self) -> tuple[str, str]:
        """SHA-256 of the regular and bold files: as the theme was read, else as they are now
        ("" for a file that cannot be read)."""
        if all(self.sha256):
            return self.sha256
        from deckbuild.digests import file_sha256

        return (self.sha256[0] or file_sha256(self.regular) or "", self.sha256[1] or file_sha256(self.bold) or "")

    def taken(self) -> Fonts:
        """These fonts with the digests of their files taken now (what the theme loader keeps)."""
        return replace(self, sha256=self.digests())


@dataclass(frozen=True)
class Colors:
    """Colours as '#RRGGBB'."""

    primary: str = "#1B2A41"
    accent: str = "#D55E00"
    text: str = "#222222"
    muted: str = "#5F6B7A"
    background: str = "#FFFFFF"
    surface: str = "#F2F4F7"
    palette: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


@dataclass(frozen=True)
class SlideStyle:
    """Slide geometry and type sizes, in points."""

    width: float = 960
    height: float = 540
    margin: float = 40
    title_size: float = 28
    subtitle_size: float = 18
    body_size: float = 20
    body_min: float = 14
    small_size: float = 10
    stat_size: float = 44
    max_bullets: int = 6


@dataclass(frozen=True)
class PageStyle:
    """Report page geometry and type sizes, in points."""

    size: str = "A4"
    margin: float = 62
    body_size: float = 10.5
    leading: float = 1.6
    h1_size: float = 18
    h2_size: float = 13
    caption_size: float = 8.5


@dataclass(frozen=True)
class ChartStyle:
    font_size: float = 12
    title_size: float = 13
    gridlines: bool = True
    grid_color: str = "#D9DDE3"


@dataclass(frozen=True)
class LayoutProblem:
    """A slide kind whose layout is not what the theme asked for: no layout of the names
    looked for (``wanted``, given at ``where``), so ``used`` stands in, with a note on it
    (", the closest name", "; did you mean 'X'?" or ''); or, when ``unsuited``, the named
    layout is a title slide's, with no room for the kind's content (``note``: a layout that
    has room)."""

    kind: str
    wanted: tuple[str, ...]
    used: str
    where: Location
    note: str = ""
    unsuited: bool = False


@dataclass(frozen=True)
class PptxTemplate:
    """A company template the deck is built on, and the layout each slide kind uses."""

    path: Path
    reference: Reference
    layouts: tuple[tuple[str, str], ...]  # (slide kind, layout name), every kind present
    sha256: str  # of the file: a new template means a new deck
    file: str = ""  # the file as the theme names it
    problems: tuple[LayoutProblem, ...] = ()  # warned of where a deck uses the kind

    def layout_for(self, kind: str) -> Layout:
        name = dict(self.layouts)[kind]
        found = self.reference.layout(name)
        assert found is not None, name  # the theme loader only records layouts that exist
        return found


@dataclass(frozen=True)
class Theme:
    name: str
    fonts: Fonts
    colors: Colors = Colors()
    slide: SlideStyle = SlideStyle()
    page: PageStyle = PageStyle()
    chart: ChartStyle = ChartStyle()
    directory: Path = BUILTIN_THEMES / "default"
    template: PptxTemplate | None = None
    report_colors: Colors | None = None  # the report's, when the deck's suit no paper (a dark template)

    def for_report(self) -> Theme:
        """The theme the report and its figures use: printed on white paper."""
        return self if self.report_colors is None else replace(self, colors=self.report_colors, report_colors=None)

    @property
    def digest(self) -> str:
        """A hash of everything that changes how output looks (font files by content)."""
        seen = (self.name, self.fonts.family, self.colors, self.slide, self.page, self.chart)
        h = hashlib.sha256(repr(seen).encode())
        if self.template is not None:
            h.update(f"template:{self.template.sha256}:{self.template.layouts}:{self.fonts.latin}".encode())
            h.update(repr(self.report_colors).encode())
        h.update(":".join(self.fonts.digests()).encode())
        return h.hexdigest()


def default_fonts() -> Fonts:
    return Fonts("Noto Sans SC", BUILTIN_FONTS / "NotoSansSC-Regular.ttf", BUILTIN_FONTS / "NotoSansSC-Bold.ttf")


def default_theme() -> Theme:
    """The built-in theme, without reading any file (used by tests and as a fallback)."""
    return Theme("default", default_fonts())
