"""The collector pause around a command leaves the caller's garbage collector as it was."""

from __future__ import annotations

import gc

import pytest

from deckbuild.collector import paused, settle


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
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused():
        settle()
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_an_error_inside_restores_the_collector():
    gc.enable()
    with pytest.raises(RuntimeError):
        with paused():
            settle()
            raise RuntimeError("boom")
    assert gc.isenabled() and gc.get_freeze_count() == 0
