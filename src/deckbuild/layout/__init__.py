"""Layout: slides laid out in points, their text measured in its real fonts
(``deckbuild.text``), without python-pptx.

``geometry`` is the slide grid; ``fitter`` measures with one theme's fonts; ``parts``,
``text_slides``, ``visuals``, ``table`` and ``footer`` lay out each slide kind, and
``slides`` ties them together and reports overflows. ``deckbuild check`` and the PPTX
writer use the same layouts, so they agree.
"""
