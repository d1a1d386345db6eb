"""Python's cyclic garbage collector during a command's start-up.

Importing python-pptx, lxml, PyYAML and deckbuild's own modules creates some 200,000
objects, and the collector walks them again and again while they load; none of them is
garbage. So a command runs with the collector paused until the renderer is loaded, then
``settle()`` moves everything alive into the permanent generation (``gc.freeze``) and turns
collection back on for the rendering, which makes the garbage. That takes about 50 ms off
every build (bench/README.md). Commands that never render (check, a no-op rebuild) end
with it paused; they are short.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_state = {"paused": False, "frozen": False}


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with collection paused (until ``settle()``); restore it after."""
    was_enabled = gc.isenabled()
    gc.disable()
    _state["paused"] = True
    try:
        yield
    finally:
        _state["paused"] = False
        if _state["frozen"]:
            gc.unfreeze()
            _state["frozen"] = False
        if was_enabled:
            gc.enable()


def settle() -> None:
    """The start-up is over: freeze what is alive and collect again (once; no-op when not paused)."""
    if _state["paused"]:
        _state["paused"] = False
        gc.freeze()
        _state["frozen"] = True
        gc.enable()
