"""What a build shows while it runs: a line per stage, and on a terminal a slide counter
that rewrites one line. Nothing at all when quiet; no counters when piped or in CI (a log
file would fill with carriage returns)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from deckbuild.build.session import Tick
from deckbuild.diagnostics import printable

INTERVAL = 0.1  # seconds between redraws of a counter


class Progress:
    def __init__(self, stream: TextIO | None = None, *, stages: bool, counters: bool):
        self.stream = stream if stream is not None else sys.stderr
        self.stages = stages
        self.counters = counters
        self._open = False  # a counter line is on screen

    @classmethod
    def for_terminal(cls, quiet: bool, verbose: bool, stream: TextIO | None = None) -> Progress:
        """Stages on a terminal (or always with -v), counters on a terminal only, nothing with -q.
        The stream defaults to the ``sys.stderr`` of the call, not of the import."""
        stream = stream if stream is not None else sys.stderr
        tty = stream.isatty()
        return cls(stream, stages=not quiet and (verbose or tty), counters=not quiet and tty)

    def stage(self, text: str) -> None:
        if self.stages:
            self._clear()
            print(printable(text), file=self.stream, flush=True)

    def counter(self, label: str) -> Tick | None:
        """A function to call with (done, total) as work advances, or None when not shown."""
        if not self.counters:
            return None
        last = [0.0]
        label = printable(label)

        def tick(done: int, total: int) -> None:
            now = time.monotonic()
            if done < total and now - last[0] < INTERVAL:
                return
            last[0] = now
            self.stream.write(f"\r{label} {done}/{total}")
            self.stream.flush()
            self._open = True
            if done >= total:
                self._clear()

        return tick

    def _clear(self) -> None:
        if self._open:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._open = False
