"""What a long-running build process (``deckbuild watch``) loads once, before the first change.

A build loads the renderers and registers the report's fonts only when it renders; a watch
whose first build found everything up to date would pay for that on the first saved change.
``warm`` loads them while nothing waits: the PPTX and PDF renderers (python-pptx, lxml,
reportlab), each edition's report fonts (reportlab parses the TrueType files once per
process and content: ``render.pdf.fonts``) and the reportlab drawings of the charts in the
cache (kept by content: ``render.pdf.figures``). A build with ``--jobs`` renders the reports in
forked processes, whose drawings die with them: these, converted here, are what they start
with. Text metrics are kept by the build itself (``text.metrics``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deckbuild.input.outline import Outline
    from deckbuild.model.deck import Chart


def warm(outline: Outline, formats: tuple[str, ...], out_dir: Path | None = None) -> None:
    """Load what rendering ``outline``'s editions in ``formats`` into ``out_dir`` needs, so the
    next build starts warm."""
    from importlib import import_module

    if "pptx" in formats:
        import_module("deckbuild.render.pptx.writer")  # python-pptx, lxml
    if "pdf" in formats:
        import_module("deckbuild.render.pdf.writer")  # reportlab
        from deckbuild.render.pdf.fonts import report_fonts

        for language in outline.languages:
            report_fonts(outline.theme.for_language(language).fonts, language)
        if out_dir is not None:
            _convert_charts(outline, out_dir)


def _convert_charts(outline: Outline, out_dir: Path) -> None:
    """Each edition's charts in the cache of ``out_dir`` as reportlab drawings, kept."""
    from deckbuild.charts.cache import cached_svg
    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.editions import compile_edition
    from deckbuild.input.outline import guarded
    from deckbuild.render.pdf.figures import svg_drawing
    from deckbuild.render.pdf.fonts import report_fonts

    if outline.broken:  # the next build reports its errors; nothing to convert for it
        return
    for language in outline.languages:
        theme = outline.theme.for_language(language)
        fonts = report_fonts(theme.fonts, language)
        said = Diagnostics()
        charts: tuple[Chart, ...] = ()
        with guarded(said):
            charts = compile_edition(outline, language, said).charts
        for chart in charts:
            svg = cached_svg(chart, theme, out_dir / ".cache")
            if svg is not None:
                svg_drawing(svg, fonts.family_regular, fonts.family_bold)
