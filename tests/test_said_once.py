"""No text said twice on a chart slide or around a report figure (issue 17): a unit the
drawing shows is not repeated above it, a caption the subtitle already says is dropped, and
``check`` warns of a phrase an author wrote twice."""

from __future__ import annotations

from dataclasses import replace

from deckbuild.cli.commands import main
from deckbuild.layout.captions import chart_heading, chart_words
from deckbuild.model.deck import Chart, ChartKind, Series
from project import make_project

BARS = Chart(name="b", kind=ChartKind.COLUMN, title="Users", categories=("A", "B"),
             series=(Series("Users", (1.0, 2.0)),), unit="thousand users",
             subtitle="Company guidance range, mostly for AI")


def test_a_unit_the_drawing_shows_and_a_caption_the_subtitle_says_are_said_once():
    words = chart_words(BARS, "company guidance range")
    assert (words.unit, words.subtitle, words.caption) == (False, True, False)
    assert chart_heading(BARS, "Company guidance range") == "Users · Company guidance range, mostly for AI"
    longer = chart_words(BARS, "Company guidance range, mostly for AI infrastructure.")
    assert (longer.subtitle, longer.caption) == (False, True)  # the longer one is kept
    pie = replace(BARS, kind=ChartKind.PIE)
    assert chart_words(pie, "").unit  # a pie shows no unit: the heading says it
    assert chart_heading(replace(BARS, y_title="Users (k)"), "") == (
        "Users · Company guidance range, mostly for AI · thousand users")  # the axis says y_title instead


def test_a_donuts_unit_is_said_above_the_native_chart_whose_hole_is_empty():
    donut = replace(BARS, kind=ChartKind.DONUT, subtitle="")
    assert not chart_words(donut, "").unit  # the report's drawing writes it in the hole
    assert chart_heading(donut) == "Users · thousand users"  # the native chart's hole is empty
    assert chart_heading(replace(donut, native=False)) == "Users"  # a picture has it in its hole


OUTLINE = """\
title: Repeats
language: en
sources:
  - {id: src, title: A source}
slides:
  - kind: chart
    title: Horizon is small
    chart: users
    caption: Log scale; Roblox daily users
    sources: [src]
"""

CHART = """\
title: Users of virtual worlds
subtitle: Log scale; Horizon counts monthly users
kind: bar
categories: [Horizon, Roblox]
series:
  - {name: Users, values: [250, 77700]}
source: src
"""


def test_check_warns_of_a_phrase_said_twice_and_strict_fails(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, OUTLINE, charts={"users": CHART})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "decks/t.yaml"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == ['decks/t.yaml:6:5: warning: slide 1 "Horizon is small": \'log scale\' is said in its chart '
                   "subtitle and again in its caption; say each thing once"], err
    assert main(["check", "--strict", "decks/t.yaml"]) == 2
