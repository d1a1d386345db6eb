"""Layout: text measured in its real fonts and slides laid out in points, without python-pptx.

``text`` measures and breaks lines (UAX #14, CJK rules) and fits paragraphs to boxes;
``geometry`` is the slide grid; ``fitter`` measures with one theme's fonts; ``parts``,
``text_slides``, ``visuals``, ``table`` and ``footer`` lay out each slide kind, and
``slides`` ties them together and reports overflows. ``deckbuild check`` and the PPTX
writer use the same layouts, so they agree.
"""
