"""Themes: colours, fonts, sizes and margins shared by every renderer."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuild.cjk import is_cjk_language
from deckbuild.model.template import Layout, Reference

if TYPE_CHECKING:
    from deckbuild.diagnostics import Location

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the deckbuild package, with its data folders
BUILTIN_FONTS = PACKAGE_DIR / "fonts"
BUILTIN_THEMES = PACKAGE_DIR / "themes"


# East Asian typefaces Office installs with every edition, by the deck's language: what the
# deck names when the theme leaves ``east_asian`` to the language (docs/fonts.md).
OFFICE_EAST_ASIAN = {"zh-cn": "Microsoft YaHei", "zh-sg": "Microsoft YaHei", "zh-hans": "Microsoft YaHei",
                     "zh-tw": "Microsoft JhengHei", "zh-hk": "Microsoft JhengHei", "zh-mo": "Microsoft JhengHei",
                     "zh-hant": "Microsoft JhengHei", "ja": "Yu Gothic", "ko": "Malgun Gothic"}
SAFETY_MARGIN = 1.12  # Latin text in a face known by name only is measured this much wider


# Open fonts with the advance widths of fonts Office ships, bundled to measure them.
_METRIC_COMPATIBLE = {"calibri": "Carlito", "carlito": "Carlito", "arial": "LiberationSans",
                      "helvetica": "LiberationSans", "liberation sans": "LiberationSans"}


def metric_compatible(name: str) -> tuple[Path, Path] | None:
    """The bundled regular and bold files with the widths of the typeface ``name``, or None."""
    stem = _METRIC_COMPATIBLE.get(name.casefold())
    if stem is None:
        return None
    return BUILTIN_FONTS / f"{stem}-Regular.ttf", BUILTIN_FONTS / f"{stem}-Bold.ttf"


def office_east_asian(language: str) -> str:
    """Office's East Asian typeface for a language tag (Simplified Chinese's for the others)."""
    tag = language.lower()
    return OFFICE_EAST_ASIAN.get(tag) or OFFICE_EAST_ASIAN.get(tag.split("-")[0]) or OFFICE_EAST_ASIAN["zh-cn"]


# The scripts a theme font names faces for (``a:font script=``), each with a language written in it.
CJK_SCRIPTS = {"Hans": "zh-CN", "Hant": "zh-TW", "Jpan": "ja", "Hang": "ko"}


def east_asian_script(language: str) -> str:
    """The script code theme fonts use for a language's CJK text ('Hans', 'Hant', 'Jpan', 'Hang')."""
    face = office_east_asian(language)
    return next(script for script, written in CJK_SCRIPTS.items() if office_east_asian(written) == face)


@dataclass(frozen=True)
class Face:
    """A Latin typeface the deck names, and the TrueType files its text is measured with:
    the face's own or a metric-compatible one (Carlito for Calibri). With no files it is
    measured with the theme's own font, ``SAFETY_MARGIN`` wider, and ``check`` says so."""

    name: str
    regular: Path | None = None
    bold: Path | None = None
    sha256: tuple[str, str] = ("", "")

    @property
    def measured(self) -> bool:
        return self.regular is not None and self.bold is not None

    def taken(self) -> Face:
        """This face with the digests of its files taken now."""
        if not self.measured or all(self.sha256):
            return self
        from deckbuild.digests import digest_in_use

        assert self.regular is not None and self.bold is not None
        return replace(self, sha256=(digest_in_use(self.regular) or "", digest_in_use(self.bold) or ""))


@dataclass(frozen=True)
class TextFace:
    """The report's text face for Latin-script editions: four TrueType files, with real
    italics. Characters it lacks are set in the theme's ``family``."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    sha256: tuple[str, str, str, str] = ("", "", "", "")

    @property
    def files(self) -> tuple[Path, Path, Path, Path]:
        return self.regular, self.bold, self.italic, self.bold_italic

    def taken(self) -> TextFace:
        """This face with the digests of its files taken now ("" for a file that cannot be read)."""
        if all(self.sha256):
            return self
        from deckbuild.digests import digest_in_use

        four = tuple(digest_in_use(p) or "" for p in self.files)
        return replace(self, sha256=(four[0], four[1], four[2], four[3]))


@dataclass(frozen=True)
class ScriptFamily:
    """The family that sets the report and the charts of editions in a CJK script
    (``CJK_SCRIPTS``: 'Jpan', 'Hang', 'Hant', 'Hans'), in that script's glyph forms."""

    script: str
    family: str
    regular: Path
    bold: Path
    sha256: tuple[str, str] = ("", "")

    def taken(self) -> ScriptFamily:
        if all(self.sha256):
            return self
        from deckbuild.digests import digest_in_use

        return replace(self, sha256=(digest_in_use(self.regular) or "", digest_in_use(self.bold) or ""))


def scripts_of(languages: Iterable[str]) -> set[str]:
    """The CJK scripts ('Jpan', 'Hang', 'Hant', 'Hans') ``languages`` are written in."""
    return {east_asian_script(lang) for lang in languages if is_cjk_language(lang)}


def measure_files(faces: Iterable[Face]) -> dict[str, tuple[Path, Path]]:
    """The measuring files of ``faces`` by face name (case-folded)."""
    return {f.name.casefold(): (f.regular, f.bold) for f in faces if f.regular and f.bold}


@dataclass(frozen=True)
class Fonts:
    """The theme's fonts. ``family`` with its files sets the report and the charts (embedded)
    and measures East Asian text everywhere. The deck names ``body`` (and ``heading`` for
    titles) for Latin text and ``east_asian`` for Chinese, Japanese and Korean text; a theme
    that names none of them sets the deck in ``family`` too."""

    family: str  # the report's and the charts' family
    regular: Path  # TrueType file used for the PDF, charts and text measurement
    bold: Path
    body: Face | None = None  # the deck's Latin face (None: ``family``, measured with its files)
    heading: Face | None = None  # the deck's Latin face for titles (None: ``body``)
    east_asian: str = ""  # the deck's East Asian face ("": Office's for the deck's language)
    heading_east_asian: str = ""  # for titles ("": ``east_asian``)
    # a company template's faces by script ('Hans' → 'SimSun'), body's and titles': used for a
    # language's CJK text when ``east_asian`` names none
    east_asian_scripts: tuple[tuple[str, str], ...] = ()
    heading_east_asian_scripts: tuple[tuple[str, str], ...] = ()
    measured: tuple[Face, ...] = ()  # faces the theme gives measuring files for (a template's may be among them)
    report_latin: TextFace | None = None  # the report's text face in Latin-script editions (None: ``family``)
    scripts: tuple[ScriptFamily, ...] = ()  # ``family`` for the editions in these CJK scripts
    # the charts' Latin face, before ``family`` (set by ``for_language`` for a Latin-script
    # edition: the deck's measured Latin face, so that pictures of charts look like the deck)
    chart_latin: Face | None = None
    # SHA-256 of ``regular`` and ``bold`` as the theme was read: the versions a build uses. Fonts
    # are registered and measured by these digests, never by path ("" : not taken yet).
    sha256: tuple[str, str] = ("", "")

    @property
    def latin(self) -> str:
        """The deck's Latin typeface ("" when it is ``family``)."""
        return self.body.name if self.body is not None else ""

    @property
    def heading_face(self) -> Face | None:
        return self.heading or self.body

    def east_asian_for(self, language: str, heading: bool = False) -> str:
        """The deck's East Asian typeface for text in ``language``."""
        if self.body is None and not self.east_asian:
            return self.family  # a theme that names no deck fonts: its own family throughout
        named = (self.heading_east_asian if heading else "") or self.east_asian
        if named:
            return named
        scripts = dict((self.heading_east_asian_scripts if heading else ()) or self.east_asian_scripts)
        return scripts.get(east_asian_script(language)) or office_east_asian(language)

    def for_language(self, language: str) -> Fonts:
        """These fonts for an edition in ``language``: a CJK language whose script has a family
        of its own (``scripts``) is set in that family; a Latin-script one draws the Latin text
        of its charts in the deck's Latin face (``chart_latin``). The other scripts' families
        are left out: the edition never uses them, so its artifacts do not depend on them (and
        their files are not read)."""
        if not is_cjk_language(language):
            face = self.body if self.body is not None and self.body.measured else None
            if face == self.chart_latin and not self.scripts:
                return self
            return replace(self, chart_latin=face, scripts=())
        script = east_asian_script(language)
        own = next((s for s in self.scripts if s.script == script), None)
        if own is None:
            return replace(self, scripts=()) if self.scripts else self
        own = own.taken()
        return replace(self, family=own.family, regular=own.regular, bold=own.bold, sha256=own.sha256, scripts=())

    def measure_files(self) -> dict[str, tuple[Path, Path]]:
        """The theme's measuring files by face name (case-folded)."""
        return measure_files(self.measured)

    def latin_for(self, heading: bool = False) -> str:
        face = self.heading_face if heading else self.body
        return face.name if face is not None else self.family

    @property
    def latin_family(self) -> str:
        return self.latin_for()

    def digests(self) -> tuple[str, str]:
        """SHA-256 of the regular and bold files: as the theme was read, else as they are now
        ("" for a file that cannot be read)."""
        if all(self.sha256):
            return self.sha256
        from deckbuild.digests import file_sha256

        return (self.sha256[0] or file_sha256(self.regular) or "", self.sha256[1] or file_sha256(self.bold) or "")

    def for_languages(self, languages: Iterable[str]) -> Fonts:
        """These fonts with the families of the scripts of ``languages`` taken now (what an
        outline keeps: its editions then use the versions of the files it was read with); the
        other scripts' families are not read."""
        used = scripts_of(languages)
        scripts = tuple(s.taken() if s.script in used else s for s in self.scripts)
        return self if scripts == self.scripts else replace(self, scripts=scripts)

    def files(self, languages: Iterable[str]) -> list[Path]:
        """The font files editions in ``languages`` are measured and set with."""
        used = scripts_of(languages)
        out = [self.regular, self.bold]
        for face in (self.body, self.heading):
            if face is not None and face.regular is not None and face.bold is not None:
                out += [face.regular, face.bold]
        if self.report_latin is not None:
            out += list(self.report_latin.files)
        out += [f for s in self.scripts if s.script in used for f in (s.regular, s.bold)]
        return list(dict.fromkeys(out))

    def taken(self) -> Fonts:
        """These fonts with the digests of their files taken now (what the theme loader keeps).
        A script's family is taken for the outline's languages (``for_languages``)."""
        return replace(self, sha256=self.digests(), body=self.body and self.body.taken(),
                       heading=self.heading and self.heading.taken(),
                       report_latin=self.report_latin and self.report_latin.taken())


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
    labels: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # language → (label, words)

    def label_words(self, language: str) -> dict[str, str]:
        """The words this theme gives for ``language``'s labels (its own tag's over its base
        language's)."""
        given = dict(self.labels)
        out: dict[str, str] = {}
        for tag in (language.split("-")[0], language):
            out.update(dict(given.get(tag, ())))
        return out

    def for_language(self, language: str) -> Theme:
        """The theme of an edition in ``language`` (``Fonts.for_language``)."""
        fonts = self.fonts.for_language(language)
        return self if fonts is self.fonts else replace(self, fonts=fonts)

    def for_report(self) -> Theme:
        """The theme the report and its figures use: printed on white paper."""
        return self if self.report_colors is None else replace(self, colors=self.report_colors, report_colors=None)

    @property
    def digest(self) -> str:
        """A hash of everything that changes how output looks (font files by content)."""
        f = self.fonts
        faces = (f.family, *((face.name, face.sha256) if face else None for face in (f.body, f.heading)),
                 f.east_asian, f.heading_east_asian, f.east_asian_scripts, f.heading_east_asian_scripts,
                 f.report_latin and (f.report_latin.name, f.report_latin.sha256),
                 tuple((s.script, s.family, s.sha256) for s in f.scripts),
                 f.chart_latin and (f.chart_latin.name, f.chart_latin.sha256))
        h = hashlib.sha256(repr((self.name, faces, self.colors, self.slide, self.page, self.chart,
                                 self.labels)).encode())
        if self.template is not None:
            h.update(f"template:{self.template.sha256}:{self.template.layouts}".encode())
            h.update(repr(self.report_colors).encode())
        h.update(":".join(self.fonts.digests()).encode())
        return h.hexdigest()


def default_fonts() -> Fonts:
    """The built-in theme's fonts: Noto Sans SC for the report and charts, Source Serif Pro for
    the text of Latin-script reports; in the deck, Calibri (measured with Carlito) and Office's
    East Asian face for the deck's language."""
    files = metric_compatible("Calibri")
    assert files is not None
    return Fonts("Noto Sans SC", BUILTIN_FONTS / "NotoSansSC-Regular.ttf", BUILTIN_FONTS / "NotoSansSC-Bold.ttf",
                 body=Face("Calibri", *files), report_latin=default_report_latin(), scripts=default_scripts())


def default_scripts() -> tuple[ScriptFamily, ...]:
    """The bundled families of Japanese, Korean and Traditional Chinese editions."""
    return tuple(ScriptFamily(script, f"Noto Sans {code}", BUILTIN_FONTS / f"NotoSans{code}-Regular.ttf",
                              BUILTIN_FONTS / f"NotoSans{code}-Bold.ttf")
                 for script, code in (("Jpan", "JP"), ("Hang", "KR"), ("Hant", "TC")))


def default_report_latin() -> TextFace:
    """The bundled text face of Latin-script reports."""
    def file(style: str) -> Path:
        return BUILTIN_FONTS / f"SourceSerifPro-{style}.ttf"

    return TextFace("Source Serif Pro", file("Regular"), file("Bold"), file("Italic"), file("BoldItalic"))


def default_theme() -> Theme:
    """The built-in theme, without reading any file (used by tests and as a fallback)."""
    return Theme("default", default_fonts())
