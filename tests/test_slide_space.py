"""Slides use their space (issue 17): a short list is spread down its box instead of sitting
in the top third, columns stay level, and ``check`` warns of a text slide that still leaves
most of its body empty."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from pptx import Presentation

from deckbuild.cli.commands import main
from deckbuild.layout.fill import SPARSE, body_fill
from deckbuild.layout.fitter import Fitter
from deckbuild.layout.geometry import LEVEL_SPACE
from deckbuild.layout.parts import SPREAD_FILL, SPREAD_MAX
from deckbuild.layout.slides import layout_slide
from deckbuild.model.deck import Bullet, BulletsContent, Column, ColumnsContent, Deck, Rich, Slide, SlideKind
from deckbuild.model.theme import default_theme
from deckbuild.render.pptx import writer
from project import make_project

R = Rich.of


def _deck(*slides: Slide) -> Deck:
    return Deck(name="t", title="T", language="en", slides=slides)


def test_a_short_list_is_spread_down_its_box_and_the_deck_says_so():
    slide = Slide(SlideKind.BULLETS, 1, R("Four points"),
                  BulletsContent(tuple(Bullet(R(f"Point number {i}")) for i in range(4))))
    deck = _deck(slide)
    layout = layout_slide(Fitter(default_theme()), deck, slide)
    body = layout.body.body
    assert LEVEL_SPACE[0] < body.top_space <= LEVEL_SPACE[0] + SPREAD_MAX
    assert body_fill(layout) >= SPREAD_FILL * 0.95 or body.top_space == LEVEL_SPACE[0] + SPREAD_MAX
    data, _ = writer.render(deck, default_theme(), {}, datetime(2025, 8, 1, tzinfo=timezone.utc))
    (pslide,) = Presentation(io.BytesIO(data)).slides
    body_shape = next(sh for sh in pslide.shapes if sh.has_text_frame and "Point number 0" in sh.text_frame.text)
    got = [p.space_before.pt if p.space_before is not None else 0.0 for p in body_shape.text_frame.paragraphs]
    size = body.block.size
    assert got[0] == 0.0 and all(abs(g - size * body.top_space) < 0.02 for g in got[1:]), (got, size)


def test_two_columns_spread_alike_so_their_bullets_stay_level():
    content = ColumnsContent(Column(R("Left"), tuple(Bullet(R(f"Left {i}")) for i in range(3))),
                             Column(R("Right"), tuple(Bullet(R(f"Right point {i}")) for i in range(4))))
    slide = Slide(SlideKind.COLUMNS, 1, R("Two sides"), content)
    layout = layout_slide(Fitter(default_theme()), _deck(slide), slide)
    left, right = layout.body.bodies
    assert left.top_space == right.top_space > LEVEL_SPACE[0]


SPARSE_OUTLINE = """\
title: Sparse
language: en
slides:
  - kind: bullets
    title: Almost nothing to say
    bullets: [One short point]
  - kind: bullets
    title: Enough to say
    bullets: [First point, Second point, Third point, Fourth point, Fifth point]
"""


def test_check_warns_of_a_text_slide_that_leaves_most_of_its_body_empty(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, SPARSE_OUTLINE, charts={})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "decks/t.yaml"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith('decks/t.yaml:4:5: warning: slide 1 "Almost nothing to say": its '
                                               "content fills "), err
    assert f"less than {SPARSE:.0%}" in err[0] and "sparse" not in err[0]
    assert main(["check", "--strict", "decks/t.yaml"]) == 2
