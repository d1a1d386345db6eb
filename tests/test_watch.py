"""deckbuild watch: rebuilds on change, survives invalid input, stops on Ctrl-C.

The watcher runs in a thread. Its pauses between polls (waits on its ``stop`` event) are
observed, so the test edits a file only when the watcher is looking, and presses Ctrl-C by
raising KeyboardInterrupt from the next pause; no fixed sleeps."""

from __future__ import annotations

import threading
import time

import pytest

from deckbuild.build import parallel
from deckbuild.diagnostics import Diagnostics
from project import BILINGUAL, BILINGUAL_CHART, OUTLINE, make_project

DEADLINE = 120.0  # seconds: only guards against a hang, never reached by a working watcher
forks = pytest.mark.skipif(not parallel.can_fork(), reason="processes fork only on Linux")


class Pauses(threading.Event):
    """The watcher's ``stop`` event, never set: every pause between polls (a wait on it) is
    reported, and the pause after ``ctrl_c`` is set raises KeyboardInterrupt as Ctrl-C would."""

    def __init__(self) -> None:
        super().__init__()
        self.polling = threading.Event()  # set by a pause, i.e. after the stamps were taken
        self.ctrl_c = threading.Event()
        self.pauses = 0

    def wait(self, timeout: float | None = None) -> bool:
        if self.ctrl_c.is_set():
            raise KeyboardInterrupt
        self.pauses += 1
        self.polling.set()
        return super().wait(timeout)


def wait_for(predicate, what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not predicate():
        assert time.monotonic() < end, f"watch hangs: still waiting for {what}"
        time.sleep(0.01)


class Watching:
    """``watch`` of ``deck`` (PPTX only) running in a thread, with ``clock`` as its ``stop``
    event: what it said and the diagnostics it reported, build by build."""

    def __init__(self, deck, out, clock: Pauses) -> None:
        from deckbuild.cli import watch as module

        self.clock = clock
        self.said: list[str] = []
        self.reported: list[list[str]] = []
        self.returned: list[int] = []
        self.thread = threading.Thread(target=lambda: self.returned.append(
            module.watch(deck, out, ("pptx",), self.report, self.say, interval=0.02, stop=clock)), daemon=True)
        self.thread.start()

    def say(self, text: str) -> None:
        self.clock.polling.clear()  # the stamps are taken after this; the next pause follows them
        self.said.append(text)

    def report(self, d: Diagnostics) -> bool:
        self.reported.append([x.format() for x in d.sorted()])
        return d.has_errors

    def built(self, times: int = 1) -> None:
        """Wait until it has said 'built' ``times`` times and is looking at the files again."""
        wait_for(lambda: sum(s.startswith("built") for s in self.said) >= times, f"'built' {times} times")
        wait_for(self.clock.polling.is_set, "the watcher to poll")

    def stop(self) -> list[str]:
        """Press Ctrl-C; the first word of each thing it said."""
        self.clock.ctrl_c.set()
        self.thread.join(DEADLINE)
        assert not self.thread.is_alive() and self.returned == [0]
        return [s.split(" ")[0] for s in self.said]


def test_watch_rebuilds_and_survives_invalid_input(tmp_path, monkeypatch):
    deck = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    watching = Watching(deck, tmp_path / "build", Pauses())
    watching.built()
    deck.write_text(OUTLINE.replace("kind: bullets", "kind: bulets"), encoding="utf-8")
    wait_for(lambda: any(s.startswith("build failed") for s in watching.said), "'build failed'")
    assert any("unknown slide kind 'bulets'" in m for r in watching.reported for m in r)
    wait_for(watching.clock.polling.is_set, "the watcher to poll")
    deck.write_text(OUTLINE.replace("标题", "新标题"), encoding="utf-8")
    watching.built(2)
    assert watching.stop() == ["built", "changed:", "build", "changed:", "built", "stopped"]
    said = watching.said
    assert said[1] == said[3] == "changed: decks/t.yaml"  # as the user names it, from where they work
    assert said[4].startswith("built ") and "t.pptx in " in said[4]

def test_warm_loads_the_renderers_and_registers_the_report_fonts(tmp_path):
    """What ``watch`` loads before the first change, in a process that has rendered nothing."""
    import subprocess
    import sys

    deck = make_project(tmp_path)
    code = f"""
import sys
from pathlib import Path
from deckbuild.diagnostics import Diagnostics
from deckbuild.input.outline import NO_OVERRIDES, load_outline_checked
outline = load_outline_checked(Path({str(deck)!r}), Diagnostics(), NO_OVERRIDES)
before = {{m for m in ("pptx", "reportlab.platypus") if m in sys.modules}}
from deckbuild.build.warm import warm
warm(outline, ("pptx", "pdf"))
from reportlab.pdfbase import pdfmetrics
fonts = [n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("DB-")]
print(sorted(before), "pptx" in sys.modules, "reportlab.platypus" in sys.modules, len(fonts))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["[]", "True", "True", "2"], out  # the family's regular and bold, registered by content


def test_a_file_saved_unchanged_is_looked_at_once_not_at_every_poll(tmp_path, monkeypatch):
    """Saving the outline without a change (a new mtime, the same bytes) costs one look: the
    watcher then compares with the file as it is, instead of building again at every poll."""
    import os

    from deckbuild.cli import watch as module

    deck = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    clock = Pauses()
    said: list[str] = []

    def say(text: str) -> None:
        clock.polling.clear()
        said.append(text)

    t = threading.Thread(target=lambda: module.watch(deck, tmp_path / "build", ("pptx",), lambda d: d.has_errors,
                                                     say, interval=0.02, stop=clock), daemon=True)
    t.start()
    wait_for(lambda: any(s.startswith("built") for s in said), "'built'")
    wait_for(clock.polling.is_set, "the watcher to poll")
    st = deck.stat()
    os.utime(deck, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    wait_for(lambda: len(said) >= 3, "the build after the save")
    assert said[1:3] == ["changed: decks/t.yaml", said[2]] and said[2].startswith("up to date ("), said
    seen = clock.pauses
    wait_for(lambda: clock.pauses >= seen + 20, "20 more polls")
    clock.ctrl_c.set()
    t.join(DEADLINE)
    assert sum(s.startswith("changed:") for s in said) == 1, said


def test_a_save_that_ends_while_a_failed_build_reads_it_builds_again(tmp_path, monkeypatch):
    """An editor that writes in place (empty the file, then write it) can be caught halfway: the
    build reads an empty outline and fails. The rest of the save lands during that build; the
    watcher compares with the file as it was before the build, so it builds again."""
    from deckbuild.build import pipeline

    deck = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    real_build = pipeline.build
    finished = OUTLINE.replace("标题", "新标题")

    def build_reading_half_a_save(paths, *args, **kwargs):
        result = real_build(paths, *args, **kwargs)
        if deck.read_text(encoding="utf-8") == "":
            deck.write_text(finished, encoding="utf-8")  # the rest of the save
        return result

    monkeypatch.setattr(pipeline, "build", build_reading_half_a_save)
    watching = Watching(deck, tmp_path / "build", Pauses())
    watching.built()
    deck.write_text("", encoding="utf-8")
    watching.built(2)
    assert watching.stop() == ["built", "changed:", "build", "changed:", "built", "stopped"]
    assert any("file is empty" in m for r in watching.reported for m in r)
    assert watching.reported[-1] == []



def test_a_save_caught_half_way_is_built_once_it_ends(tmp_path, monkeypatch):
    """An editor that empties the file, then writes it, is looked at between the two: the
    watcher sees a file written a moment ago and waits for the save to end, so the half-saved
    outline is neither built nor reported as an error."""
    from deckbuild.cli import watch as module

    deck = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(module, "SETTLE", 1.0)  # however slow the machine, the look comes sooner
    finished = OUTLINE.replace("标题", "新标题")
    looked: list[dict] = []
    real_stamps = module.stamps_of

    def stamps(paths):
        looked.append(real_stamps(paths))
        return looked[-1]

    monkeypatch.setattr(module, "stamps_of", stamps)

    class Finishing(Pauses):
        def wait(self, timeout: float | None = None) -> bool:
            if looked and looked[-1].get(deck.resolve(), (None,))[0] == 0 and deck.stat().st_size == 0:
                deck.write_text(finished, encoding="utf-8")  # the rest of the save, once it was seen half-done
            return super().wait(timeout)

    watching = Watching(deck, tmp_path / "build", Finishing())
    watching.built()
    deck.write_text("", encoding="utf-8")
    watching.built(2)
    said = watching.stop()
    assert any(look.get(deck.resolve(), (None,))[0] == 0 for look in looked), "the half-done save was never seen"
    assert said == ["built", "changed:", "built", "stopped"], watching.said
    assert watching.reported == [[], []]


class Waits(threading.Event):
    """A ``stop`` event, never set, that keeps the length of each pause taken on it."""

    def __init__(self) -> None:
        super().__init__()
        self.pauses: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.pauses.append(timeout or 0.0)
        return super().wait(timeout)


def test_a_change_saved_long_ago_is_built_without_a_pause(tmp_path):
    import os

    from deckbuild.cli.watch import settled, stamps_of

    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    os.utime(f, (time.time() - 3600, time.time() - 3600))
    stop = Waits()
    assert settled({f}, stamps_of({f}), stop) == stamps_of({f}) and stop.pauses == []


def test_a_modification_time_in_the_future_costs_one_pause(tmp_path):
    import os

    from deckbuild.cli import watch as module

    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    os.utime(f, (time.time() + 3600, time.time() + 3600))
    stop = Waits()
    assert module.settled({f}, module.stamps_of({f}), stop) == module.stamps_of({f})
    assert stop.pauses == [module.SETTLE]



def test_a_file_moved_away_and_written_anew_is_built_once_it_is_back(tmp_path):
    """An editor that renames the file away, then writes a new one, is looked at in between:
    the file gone since the last build costs a pause, and the new file is what is built."""
    import os

    from deckbuild.cli import watch as module

    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    os.utime(f, (time.time() - 3600, time.time() - 3600))
    built = module.stamps_of({f})
    f.rename(tmp_path / "a.yaml~")

    class WritesItAnew(Waits):
        def wait(self, timeout: float | None = None) -> bool:
            if not f.exists():
                f.write_text("a: 2\n", encoding="utf-8")
                os.utime(f, (time.time() - 60, time.time() - 60))  # however slow the machine
            return super().wait(timeout)

    stop = WritesItAnew()
    now = module.settled({f}, module.stamps_of({f}), stop, built)
    assert now[f] == (f.stat().st_size, f.stat().st_mtime_ns) and len(stop.pauses) == 1
    f.unlink()
    stop = Waits()  # a file that was not there at the last build either costs nothing
    assert module.settled({f}, module.stamps_of({f}), stop, {f: (-1, -1)}) == {f: (-1, -1)} and stop.pauses == []

def test_files_written_without_a_pause_are_built_after_a_bounded_wait(tmp_path, monkeypatch):
    """A file written every few milliseconds (a long export) never settles: it is built once
    ``SETTLE_AT_MOST`` has passed, not waited for without end."""
    from deckbuild.cli import watch as module

    monkeypatch.setattr(module, "SETTLE", 0.5)  # longer than any stall of the writer
    monkeypatch.setattr(module, "SETTLE_AT_MOST", 1.0)
    f = tmp_path / "a.csv"
    f.write_text("0\n", encoding="utf-8")
    done = threading.Event()

    def export() -> None:
        n = 0
        while not done.wait(0.005):
            n += 1
            f.write_text("\n".join(map(str, range(n))) + "\n", encoding="utf-8")

    writer = threading.Thread(target=export, daemon=True)
    writer.start()
    stop = Waits()
    start = time.monotonic()
    try:
        module.settled({f}, module.stamps_of({f}), stop)
    finally:
        done.set()
        writer.join()
    took = time.monotonic() - start
    assert 1.0 <= took < 1.0 + 0.5 + 1.0, took
    assert len(stop.pauses) >= 2 and all(0 < p <= 0.5 for p in stop.pauses), stop.pauses

@forks
def test_a_report_rebuilt_after_a_forked_build_draws_no_chart(tmp_path, monkeypatch):
    """The chart cache keeps each chart's drawing as the report places it (a one-page PDF), made
    where the chart was drawn: after a build whose charts and reports were made in other
    processes, this process rebuilds a report without drawing a chart, and the report holds the
    cached drawing."""
    import pikepdf

    from deckbuild.build.pipeline import build
    from deckbuild.charts import report_drawing

    deck = make_project(tmp_path, BILINGUAL, {"bars": BILINGUAL_CHART})
    out = tmp_path / "build"
    assert build([deck], out, ("pdf",), Diagnostics(), jobs=2).written
    drawings = sorted((out / ".cache" / "charts").glob("*.pdf"))
    assert len(drawings) == 2  # one for each edition's chart

    def no_work(*args, **kwargs):
        raise AssertionError("a cached chart is drawn again")

    monkeypatch.setattr(report_drawing, "drawing_pdf", no_work)
    deck.write_text(BILINGUAL.replace("English report paragraph.", "An English paragraph."), encoding="utf-8")
    diags = Diagnostics()
    result = build([deck], out, ("pdf",), diags)
    assert [p.name for p in result.written] == ["t.en.pdf"] and not diags.items
    cached = set()
    for p in drawings:
        with pikepdf.open(p) as drawing:
            cached.add(drawing.pages[0].obj.Contents.read_bytes())
    with pikepdf.open(out / "t.en.pdf") as pdf:
        forms = [x for page in pdf.pages for _, x in page.obj.Resources.get("/XObject", {}).items()
                 if x.get("/Subtype") == "/Form"]
        assert len(forms) == 1 and forms[0].read_bytes() in cached
