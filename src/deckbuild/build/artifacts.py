"""One artifact rendered from an edition's deck: a deck's bytes, or a report laid out and then
finished, with the warnings its renderer and the libraries it drew with gave (less what the
outline silences). The renderers are imported only when an artifact of theirs is made."""

from __future__ import annotations

from collections.abc import Callable

from deckbuild.build.collector import settle
from deckbuild.build.session import Tick
from deckbuild.diagnostics import Diagnostic, Diagnostics, Location
from deckbuild.input.outline import Outline
from deckbuild.input.yaml_nodes import display_path
from deckbuild.libwarnings import caught
from deckbuild.model.deck import Deck


def render_deck(deck: Deck, outline: Outline, fmt: str, assets, when, diags: Diagnostics,
                tick: Tick | None = None) -> bytes:
    """One artifact's bytes (renderer modules are imported only when needed); ``tick`` is
    told of every slide done. Warnings the outline silences (``lint: {ignore}``) are dropped."""
    if fmt == "pdf":
        return lay_out_report(deck, outline, assets, when, diags)()
    theme = outline.theme.for_language(deck.language)
    with caught() as said:
        from deckbuild.render.pptx import writer as pptx

        settle()
        data, warnings = pptx.render(deck, theme, assets, when, progress=tick)
    _said(deck, outline, fmt, warnings, said, diags)
    return data


def lay_out_report(deck: Deck, outline: Outline, assets, when, diags: Diagnostics) -> Callable[[], bytes]:
    """Lay out the report of ``deck`` now; the function returned writes its bytes (the drawings
    of charts still being drawn must be there by then) and gives its warnings to ``diags``."""
    theme = outline.theme.for_language(deck.language)
    with caught() as said:
        from reportlab.platypus.doctemplate import LayoutError

        from deckbuild.render.pdf import writer as pdf

        settle()
        try:
            report = pdf.lay_out(deck, theme, assets, when)
        except LayoutError:  # theme sizes are checked so that this does not happen
            theme_file = outline.theme.directory / "theme.yaml" if outline.theme.directory else outline.path
            diags.error(Location(display_path(theme_file)), f"the report {deck.name}.pdf has a block taller or "
                        "wider than its pages hold; use a smaller 'body_size', 'leading' or 'margin' under "
                        "'page'", "layout")
            return lambda: b""

    def finish() -> bytes:
        with caught() as more:
            data, warnings = report.finish()
        _said(deck, outline, "pdf", warnings, list(dict.fromkeys(said + more)), diags)
        return data

    return finish


def _said(deck: Deck, outline: Outline, fmt: str, warnings: list[Diagnostic], libraries: list[str],
          diags: Diagnostics) -> None:
    """What rendering one artifact warned of, less what the outline silences, and what the
    libraries it drew with warned of."""
    from deckbuild.build.silence import Silencer

    diags.extend(Silencer(outline).filter(warnings))
    for text in libraries:
        diags.warning(deck.location or Location(display_path(outline.path)), f"while writing {deck.name}.{fmt}: {text}",
                      "renderer")
