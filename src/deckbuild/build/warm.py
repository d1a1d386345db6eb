"""What a long-running build process (``deckbuild watch``) loads once, before the first change.

A build loads the renderers and registers the report's fonts only when it renders; a watch
whose first build found everything up to date would pay for that on the first saved change.
``warm`` loads them while nothing waits: the PPTX and PDF renderers (python-pptx, lxml,
reportlab, pikepdf) and each edition's report fonts (reportlab parses the TrueType files once
per process and content: ``render.pdf.fonts``). Charts need nothing here: the cache keeps each
one's drawing as the report places it (``charts.report_drawing``). Text metrics are kept by the
build itself (``text.metrics``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deckbuild.input.outline import Outline


def warm(outline: Outline, formats: tuple[str, ...]) -> None:
    """Load what rendering ``outline``'s editions in ``formats`` needs, so the next build starts
    warm."""
    from importlib import import_module

    if "pptx" in formats:
        import_module("deckbuild.render.pptx.writer")  # python-pptx, lxml
    if "pdf" in formats:
        import_module("deckbuild.render.pdf.writer")  # reportlab
        from deckbuild.render.pdf.fonts import report_fonts

        for language in outline.languages:
            report_fonts(outline.theme.for_language(language).fonts, language)

