"""Library warnings caught while rendering become deckbuild's warnings; what is not about
the input does not."""

from __future__ import annotations

import gc
import warnings

from deckbuild.libwarnings import caught


def test_a_library_warning_is_caught_and_described():
    with caught() as said:
        warnings.warn("constrained_layout not applied", UserWarning, stacklevel=1)
        warnings.warn("something odd", UserWarning, stacklevel=1)
    assert said == ["its texts leave no room for the plot; shorten the titles, categories, legend or annotations",
                    "the renderer warns: 'something odd'"]


def test_a_file_collected_while_rendering_is_not_the_renderers_warning(tmp_path):
    """An object that left a file open, collected during rendering (whoever opened it), is
    not a warning about the deck: before, it reached the user as 'the renderer warns:
    unclosed file …' and marked the artifact to be made again."""
    path = tmp_path / "font.ttf"
    path.write_bytes(b"x")
    holder = [open(path, "rb")]  # left open on purpose
    holder.append(holder)  # a cycle: freed by the collector, inside the block
    with caught() as said:
        del holder
        gc.collect()
    assert said == []
