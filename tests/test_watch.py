"""deckbuild watch: rebuilds on change, survives invalid input, stops by itself in the test."""

from __future__ import annotations

import threading
import time

from deckbuild.diagnostics import Diagnostics
from project import OUTLINE, make_project


def test_watch_rebuilds_and_survives_invalid_input(tmp_path, monkeypatch):
    from deckbuild.cli.watch import watch

    deck = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    said: list[str] = []
    reported: list[list[str]] = []

    def report(d: Diagnostics) -> bool:
        reported.append([x.format() for x in d.sorted()])
        return d.has_errors

    t = threading.Thread(target=watch, args=(deck, tmp_path / "build", ("pptx",), report, said.append),
                         kwargs={"interval": 0.05, "max_cycles": 200}, daemon=True)
    t.start()

    def wait_for(pred, timeout=60.0):
        end = time.time() + timeout
        while time.time() < end and not pred():
            time.sleep(0.05)
        assert pred(), said

    wait_for(lambda: any(s.startswith("built") for s in said))
    time.sleep(0.1)
    deck.write_text(OUTLINE.replace("kind: bullets", "kind: bulets"), encoding="utf-8")
    wait_for(lambda: any(s.startswith("build failed") for s in said))
    assert any("unknown slide kind 'bulets'" in m for r in reported for m in r)
    time.sleep(0.1)
    deck.write_text(OUTLINE.replace("标题", "新标题"), encoding="utf-8")
    wait_for(lambda: sum(s.startswith("built") for s in said) >= 2)
    assert any(s.startswith("changed: ") and "t.yaml" in s for s in said)
    t.join(timeout=60)
    assert not t.is_alive()
