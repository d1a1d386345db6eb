"""Authoring for real teams (issue 19): every problem in one pass, messages that say what
happened and where, lints everywhere and silenceable, one outline in many brands."""

from __future__ import annotations

import textwrap

import pytest

from deckbuild.cli.commands import main
from project import make_project

FOUR_MISTAKES = """\
title: {en: Test, de: Test}
language: en
translations: [de]
theme: corprate
sources:
  - id: src
    title: A source
facts:
  share: {value: 0.604, unit: percnt}
slides:
  - kind: bullets
    title: {en: "Share {{share}}", de: "Anteil {{share}}"}
    bullets: [one, two]
    sources: [scr]
  - kind: bullets
    title: {en: Only English}
    bullets: [{en: a, de: b}]
"""


def deckbuild(capsys, *args: str) -> tuple[int, list[str], str]:
    """Run the command line in the current folder: (exit code, stderr lines, stdout)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, err.splitlines(), out


@pytest.mark.parametrize("command", ["check", "build"])
def test_four_mistakes_in_one_run(tmp_path, monkeypatch, capsys, command):
    """A misspelt unit (schema), an unknown theme (theme), an unknown source (references) and
    a missing translation (the German edition): one run reports all four, each at its place."""
    make_project(tmp_path, FOUR_MISTAKES, charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, command, "decks/t.yaml")
    assert code == 2
    assert err == [
        "decks/t.yaml:4:8: error: theme 'corprate' not found; create templates/corprate/theme.yaml or use one of: "
        "default",
        "decks/t.yaml:9:31: error: unknown unit 'percnt' for 'unit' in 'share' in 'facts' in the outline; did you "
        "mean 'percent'? (expected one of: number, compact, percent, usd, multiple, year)",
        "decks/t.yaml:14:15: error: unknown source 'scr'; did you mean 'src'? add it to the deck's 'sources:' list",
        "decks/t.yaml:16:12: error: missing translation for de; add 'de:'",
    ]
    assert not (tmp_path / "build").exists() or not list((tmp_path / "build").glob("*.pptx"))


def test_a_broken_slide_does_not_hide_the_others(tmp_path, monkeypatch, capsys):
    """An unknown slide kind and an invalid fact value: the slides after them are still
    compiled and checked, and the fact counts as declared (no 'unknown fact' echo)."""
    make_project(tmp_path, textwrap.dedent("""\
        title: T
        facts:
          n: {value: many}
        slides:
          - kind: bulets
            bullets: [a]
          - kind: bullets
            title: "{{n}} and {{m}}"
            bullets: [b]
        """), charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert code == 2
    assert err == [
        "decks/t.yaml:3:14: error: 'value' in 'n' in 'facts' in the outline must be a number or a [low, high] pair, not a string "
        "('many')",
        "decks/t.yaml:5:11: error: unknown slide kind 'bulets' for slide 1; did you mean 'bullets'? (expected one of: "
        "title, section, bullets, columns, chart, table, quote, stats, image, closing)",
        "decks/t.yaml:8:12: error: unknown fact 'm' in '{{m}}'; declare it under 'facts:'",
    ]
