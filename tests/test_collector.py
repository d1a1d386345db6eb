"""The collector pause around a command leaves the caller's garbage collector as it was."""

from __future__ import annotations

import gc

import pytest

from deckbuild.build.collector import paused, settle


@pytest.fixture(autouse=True)
def restore():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def test_paused_until_settled_then_restored():
    gc.enable()
    with paused():
        assert not gc.isenabled()
        settle()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        settle()  # once only
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_caller_with_the_collector_off_keeps_it_off():
    gc.disable()
    with paused():
        settle()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_objects_the_caller_froze_stay_frozen():
    gc.enable()
    kept = [[] for _ in range(100)]  # frozen objects are in no generation gc.get_objects() lists
    gc.freeze()
    with paused():
        settle()
        assert gc.isenabled()
    # by identity, not by gc.get_freeze_count(): other threads (pytest-xdist's) free frozen objects
    collected = {id(o) for o in gc.get_objects()}
    assert not [o for o in kept if id(o) in collected] and gc.isenabled()


def test_an_error_inside_restores_the_collector():
    gc.enable()
    with pytest.raises(RuntimeError):
        with paused():
            settle()
            raise RuntimeError("boom")
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_command_freezes_what_is_alive_before_the_process_exits():
    """The ``deckbuild`` command (``cli.run``) exits next: everything alive is frozen, so the
    interpreter's collections at shutdown skip it; ``cli.main`` leaves nothing frozen."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import gc, sys, runpy; sys.argv = ['deckbuild', 'check', 'decks/meta-ai-bet.yaml']\n"
            "from deckbuild.cli import main\n"
            "print(main(sys.argv[1:]), gc.get_freeze_count(), gc.isenabled())\n"
            "try:\n    runpy.run_module('deckbuild', run_name='__main__')\n"
            "except SystemExit as e:\n    print(e.code, gc.get_freeze_count(), gc.isenabled())")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120).stdout
    (code1, frozen1, on1), (code2, frozen2, on2) = (line.split() for line in out.strip().splitlines())
    assert code1 == code2 == "0" and on1 == on2 == "True"
    assert frozen1 == "0" and int(frozen2) > 10_000
