"""Python's cyclic garbage collector during a command's start-up.

Importing python-pptx, lxml, PyYAML and deckbuild's own modules creates some 200,000
objects, and the collector walks them again and again while they load; none of them is
garbage. So a command runs with the collector paused until the renderer is loaded, then
``settle()`` moves everything alive into the permanent generation (``gc.freeze``) and turns
collection back on for the rendering, which makes the garbage. That takes about 50 ms off
every build (bench/README.md). Commands that never render (check, a no-op rebuild) end
with it paused; they are short.

``paused`` leaves the collector as it found it, for callers that go on (tests, programs
calling ``cli.main``). The ``deckbuild`` command itself ends the process next, so it
calls ``before_exit()``: everything alive is frozen again, and the interpreter's last
collections at shutdown skip it (≈ 50 ms of a 20-slide build, bench/README.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_state = {"paused": False, "frozen": False, "enable": True, "freeze": True}


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with collection paused (until ``settle()``); afterwards the collector
    is as it was found (enabled or not, and nothing the caller froze unfrozen)."""
    was_enabled, was_frozen = gc.isenabled(), gc.get_freeze_count() > 0
    gc.disable()
    _state.update(paused=True, frozen=False, enable=was_enabled, freeze=not was_frozen)
    try:
        yield
    finally:
        if _state["frozen"]:
            gc.unfreeze()
        _state.update(paused=False, frozen=False)
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


def settle() -> None:
    """The start-up is over: freeze what is alive and collect again (once; nothing to do
    when not paused or when the caller had the collector off; no freezing when the caller
    had frozen objects itself, since leaving would unfreeze them)."""
    if _state["paused"]:
        _state["paused"] = False
        if _state["enable"]:
            if _state["freeze"]:
                gc.freeze()
                _state["frozen"] = True
            gc.enable()


def before_exit() -> None:
    """The process ends next: move every object still alive into the permanent generation,
    so the collections the interpreter runs while shutting down do not walk them. Exit
    handlers still run and objects freed by reference counting are still finalized; garbage
    caught in reference cycles is not (its ``__del__`` never runs), so nothing deckbuild
    writes may rely on a finalizer: every file is closed explicitly (``with``)."""
    gc.freeze()
