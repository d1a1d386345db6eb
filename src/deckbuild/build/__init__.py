"""The build: compile outlines, render charts once, render each edition, write atomically.

``pipeline`` runs a build, each artifact rendered by ``artifacts``; ``session`` holds what
one build keeps (output folder, formats, manifest, result, the versions of the inputs it
read); ``manifest`` lets an unchanged rebuild skip everything, and a changed one render
only the artifacts whose ``dependencies`` (a digest of what each is made from) changed;
``output`` makes the output folders safe to write into (every write is atomic:
``deckbuild.atomic``) and sweeps deckbuild's own temporary files (and prunes the chart
cache); ``artifact_names`` refuses editions that would share a file; ``lint`` (with each
slide kind's checks in ``slide_lint``) is what ``deckbuild check`` adds to validation;
``collector`` pauses Python's garbage collector during start-up.
"""
