"""The build: compile outlines, render charts once, render each edition, write atomically."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from deckbuild import __version__
from deckbuild.collector import settle
from deckbuild.compile import Outline, compile_outline
from deckbuild.diagnostics import Diagnostics, Location
from deckbuild.digests import file_sha256
from deckbuild.libwarnings import caught
from deckbuild.loader import display_path
from deckbuild.model import Deck
from deckbuild.output import atomic_write, sweep_temporaries
from deckbuild.progress import Tick
from deckbuild.reproducible import build_time

FORMATS = ("pptx", "pdf")


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    rendered_charts: int = 0


def inputs_digest(outline: Outline) -> str:
    h = hashlib.sha256(__version__.encode())
    for path in sorted(set(outline.inputs)):
        h.update(f"{path.name}:{file_sha256(path) or ''}\n".encode())
    return h.hexdigest()


def render_deck(deck: Deck, outline: Outline, fmt: str, assets, when, diags: Diagnostics,
                tick: Optional[Tick] = None) -> bytes:
    """One artifact's bytes (renderer modules are imported only when needed); ``tick`` is
    told of every slide done."""
    with caught() as said:
        if fmt == "pptx":
            from deckbuild.render import pptx

            settle()
            data, warnings = pptx.render(deck, outline.theme, assets, when, progress=tick)
        else:
            from deckbuild.render import pdf

            settle()
            data, warnings = pdf.render(deck, outline.theme, assets, when)
    diags.extend(warnings)
    for text in said:
        diags.warning(deck.location or Location(display_path(outline.path)), f"while writing {deck.name}.{fmt}: {text}",
                      "renderer")
    return data


def build(paths: Iterable[Path], out_dir: Path, formats: tuple[str, ...], diags: Diagnostics,
          log: Callable[[str], None] = lambda s: None,
          counter: Callable[[str], Optional[Tick]] = lambda label: None) -> BuildResult:
    """Build every outline; an outline with errors writes nothing, the others still build.
    ``log`` hears of each stage, ``counter(label)`` gives a slide counter (or None)."""
    from deckbuild.manifest import Manifest

    result = BuildResult()
    if out_dir.exists() and not out_dir.is_dir():
        diags.error(Location(display_path(out_dir)), "the output folder is a file; remove it or choose another --out",
                    "out-dir")
        return result
    sweep_temporaries(out_dir)
    manifest = Manifest(out_dir)
    for path in paths:
        key = Manifest.key(path, formats)
        fresh = manifest.up_to_date(key)
        if fresh is not None:
            log(f"{path}: up to date")
            result.up_to_date.extend(fresh)
            continue
        local = Diagnostics()
        outline, decks = compile_outline(path, local)
        if outline is None or not decks:
            diags.extend(local.items)
            continue
        when = build_time(inputs_digest(outline))
        assets = {}
        charts = [c for d in decks for c in d.charts]
        if charts:
            from deckbuild.charts.cache import chart_key, ensure_assets

            settle()  # charts make garbage with cycles (matplotlib figures)
            sizes = {}
            if "pptx" in formats:
                from deckbuild.render.pptx_pictures import picture_sizes

                for deck in decks:
                    sizes.update(picture_sizes(deck, outline.theme))
            warned: dict[str, list[str]] = {}
            assets, rendered = ensure_assets(charts, outline.theme, out_dir / ".cache", want_svg="pdf" in formats,
                                             want_png="pptx" in formats, png_sizes=sizes, warned=warned)
            for chart in charts:
                for text in warned.get(chart_key(chart, outline.theme), []):
                    local.warning(chart.location or Location(display_path(outline.path)),
                                  f"chart '{chart.name}': {text}", "chart-render")
            result.rendered_charts += len(rendered)
            log(f"charts: {len(rendered)} rendered, {len(assets) - len(rendered)} from the cache")
        # Render everything in memory first: a failure leaves every earlier artifact untouched.
        artifacts: list[tuple[Path, bytes]] = []
        for deck in decks:
            for fmt in formats:
                log(f"rendering {deck.name}.{fmt}")
                tick = counter(f"{deck.name}.{fmt}: slide") if fmt == "pptx" else None
                data = render_deck(deck, outline, fmt, assets, when, local, tick)
                artifacts.append((out_dir / f"{deck.name}.{fmt}", data))
        current = out_dir
        try:
            for target, data in artifacts:
                current = target
                atomic_write(target, data)
                result.written.append(target)
            if not local.items:  # a build with warnings is redone, so they are shown again
                current = manifest.path
                manifest.record(key, outline.inputs, outline.absent, [t for t, _ in artifacts])
                manifest.save()
        except OSError as exc:  # a full disk, a read-only folder, a directory in the way
            fix = ("a folder of this name is in the way; remove it" if isinstance(exc, IsADirectoryError)
                   else "check that the output folder is writable and the disk has space")
            local.error(Location(display_path(current)), f"cannot write: {exc.strerror or exc}; {fix}", "write")
        diags.extend(local.items)
    return result
