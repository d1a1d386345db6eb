"""``deckbuild watch``: rebuild when the outline, its charts, data or theme change.

One process builds again and again, so what a build loads stays loaded: the libraries, the
registered fonts and their metrics, the theme's template (``build.warm`` loads what the first
build did not need). Each rebuild compiles the outline (a few tenths of a second for the
flagship) and renders only the artifacts whose inputs changed (``build.dependencies``); the
files are looked at every ``interval`` seconds (a stat each: nothing is read until one
changes), and a change is built once no watched file has been written for ``SETTLE`` seconds,
so that a save caught half-way (an editor or a script that empties a file, then writes it) is
not built, or reported as an error, before it ends. After each build it says what it wrote and
how long that took.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuild.diagnostics import Diagnostics

if TYPE_CHECKING:
    from deckbuild.input.outline import Overrides


SETTLE = 0.03  # seconds without a write to any watched file before a change is built
SETTLE_AT_MOST = 1.0  # seconds: files written without a pause are built after this all the same


def stamps_of(paths: set[Path]) -> dict[Path, tuple[int, int]]:
    from deckbuild.build.manifest import stamp_now

    return {p: stamp_now(p) for p in paths}


def settled(paths: set[Path], stamps: dict[Path, tuple[int, int]], stop: threading.Event,
            known: dict[Path, tuple[int, int]] | None = None) -> dict[Path, tuple[int, int]]:
    """The stamps of ``paths`` once none of them was written in the last ``SETTLE`` seconds
    (``stamps`` as they are now). A change looked at long after it was saved, the usual case,
    is built at once; one a few milliseconds old is looked at again after a pause, and again
    while the files keep changing, for ``SETTLE_AT_MOST`` seconds at most. A file gone since
    ``known`` costs a pause too (an editor that moves the file away, then writes it anew), as
    does a modification time in the future (a clock set differently)."""
    end = time.monotonic() + SETTLE_AT_MOST
    known = known or {}
    while True:
        newest = max((mtime for size, mtime in stamps.values() if size >= 0), default=0) / 1e9
        gone = any(size < 0 <= known.get(p, (-1, -1))[0] for p, (size, _) in stamps.items())
        pause = SETTLE if gone else min(SETTLE, SETTLE - (time.time() - newest))
        if pause <= 0 or time.monotonic() >= end or stop.wait(pause):
            return stamps
        again = stamps_of(paths)
        if again == stamps:
            return stamps
        stamps = again


def watch(deck: Path, out_dir: Path, formats: tuple[str, ...], report: Callable[[Diagnostics], bool],
          say: Callable[[str], None], interval: float = 0.1, max_cycles: int | None = None,
          stop: threading.Event | None = None, overrides: Overrides | None = None, jobs: int = 1) -> int:
    """Build now and after every change; returns 0 when stopped with Ctrl-C (or once
    ``stop`` is set, or after ``max_cycles`` looks at the files). ``overrides``: ``--theme``
    and ``--lang``; ``jobs``: artifacts rendered at a time."""
    stop = stop or threading.Event()
    from deckbuild.build.pipeline import build
    from deckbuild.build.warm import warm
    from deckbuild.input.outline import NO_OVERRIDES, load_outline_checked
    from deckbuild.input.yaml_nodes import display_path

    overrides = overrides or NO_OVERRIDES
    # the outline as named and as it resolves: a link switched to another file is a change
    own = {deck.resolve(), Path(os.path.abspath(deck))}
    watched: set[Path] = set(own)
    cycles = 0
    warmed = False
    try:
        while True:
            start = time.perf_counter()
            diags = Diagnostics()
            before = stamps_of(watched)  # a file saved while a build that fails reads it builds again
            result = build([deck], out_dir, formats, diags, overrides=overrides, jobs=jobs)
            if result.inputs:  # the files at the versions the build read: one saved since builds again
                stamps = {p: v.stamp() for p, v in result.inputs.items()}  # the outline by both spellings too
            else:
                outline = load_outline_checked(deck, Diagnostics(), overrides)
                if outline is not None:
                    watched = set(outline.inputs) | set(outline.absent) | own
                stamps = {**stamps_of(watched - set(before)), **{p: v for p, v in before.items() if p in watched}}
            watched = set(stamps)
            failed = report(diags)
            took = time.perf_counter() - start
            if failed:
                say(f"build failed ({took:.2f} s); fix the problems above, watching for changes…")
            elif result.written:
                names = ", ".join(str(p) for p in result.written)
                kept = f" ({len(result.up_to_date)} up to date)" if result.up_to_date else ""
                say(f"built {names} in {took:.2f} s{kept}; watching {len(watched)} files (Ctrl-C stops)")
            else:
                say(f"up to date ({took:.2f} s): nothing to write; watching {len(watched)} files (Ctrl-C stops)")
            if not warmed:  # what rendering needs, loaded while nobody waits for the first change
                outline = load_outline_checked(deck, Diagnostics(), overrides)
                if outline is not None:
                    try:
                        warm(outline, formats)
                    except Exception:  # only a head start: the next build reports what is wrong
                        pass
                    warmed = True
            while True:
                cycles += 1
                if max_cycles is not None and cycles > max_cycles:
                    return 0
                if stop.wait(interval):
                    return 0
                now = stamps_of(watched)
                if any(now[p] != stamps.get(p) for p in now):
                    now = settled(watched, now, stop, stamps)
                    if stop.is_set():
                        return 0
                changed = sorted(display_path(p) for p in now if now[p] != stamps.get(p))
                if changed:
                    say("changed: " + ", ".join(changed))
                    break
    except KeyboardInterrupt:
        say("stopped")
        return 0
