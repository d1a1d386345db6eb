"""Progress while building: stage lines, a slide counter on a terminal only, silence with -q."""

from __future__ import annotations

import io

from deckbuild.build.pipeline import build
from deckbuild.cli.progress import Progress
from deckbuild.diagnostics import Diagnostics
from project import make_project


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_shows_stages_and_a_counter_that_rewrites_one_line(monkeypatch):
    out = Terminal()
    p = Progress.for_terminal(quiet=False, verbose=False, stream=out)
    p.stage("rendering t.pptx")
    monkeypatch.setattr("deckbuild.cli.progress.INTERVAL", 0.0)
    tick = p.counter("t.pptx: slide")
    for i in range(1, 4):
        tick(i, 3)
    p.stage("rendering t.pdf")
    assert out.getvalue() == ("rendering t.pptx\n\rt.pptx: slide 1/3\rt.pptx: slide 2/3\rt.pptx: slide 3/3"
                              "\r\033[Krendering t.pdf\n")


class Clock:
    """A monotonic clock that advances 0.03 s at each reading."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        self.now += 0.03
        return self.now


def test_counter_redraws_at_most_every_interval_but_always_shows_the_end(monkeypatch):
    monkeypatch.setattr("deckbuild.cli.progress.INTERVAL", 0.1)
    monkeypatch.setattr("deckbuild.cli.progress.time", Clock())
    out = Terminal()
    tick = Progress.for_terminal(quiet=False, verbose=False, stream=out).counter("n")
    for i in range(1, 1001):
        tick(i, 1000)
    text = out.getvalue()
    assert text.endswith("\r\033[K")
    shown = [int(part.split("/")[0]) for part in text[:-len("\r\033[K")].split("\rn ")[1:]]
    # 0.03 s a tick: the first tick, then every fourth (0.12 s later), and the last
    assert shown == [*range(1, 1000, 4), 1000]


def test_piped_output_gets_stages_only_with_verbose_and_never_a_counter():
    piped = io.StringIO()
    p = Progress.for_terminal(quiet=False, verbose=False, stream=piped)
    p.stage("x")
    assert p.counter("n") is None and piped.getvalue() == ""
    p = Progress.for_terminal(quiet=False, verbose=True, stream=piped)
    p.stage("x")
    assert p.counter("n") is None and piped.getvalue() == "x\n"


def test_quiet_shows_nothing_even_on_a_terminal():
    out = Terminal()
    p = Progress.for_terminal(quiet=True, verbose=False, stream=out)
    p.stage("x")
    assert p.counter("n") is None and out.getvalue() == ""


def test_build_reports_stages_and_every_slide(tmp_path):
    deck = make_project(tmp_path)
    stages: list[str] = []
    ticks: list[tuple[str, int, int]] = []

    def counter(label):
        return lambda done, total: ticks.append((label, done, total))

    result = build([deck], tmp_path / "build", ("pptx", "pdf"), Diagnostics(), stages.append, counter)
    assert len(result.written) == 2
    # while the charts are drawn, the deck (its chart native) is rendered and the report laid out
    assert stages == ["rendering t.pptx", "rendering t.pdf", "charts: 1 rendered, 0 from the cache"]
    assert ticks == [("t.pptx: slide", 1, 2), ("t.pptx: slide", 2, 2)]
