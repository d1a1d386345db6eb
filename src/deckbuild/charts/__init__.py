"""Charts drawn with matplotlib for the report and for picture charts in the deck: ``draw``
and its kinds' modules draw a model chart, ``style`` derives one chart style from the theme
(shared with the native PPTX charts), ``export`` writes SVG and PNG deterministically, and
``cache`` renders each chart once, keyed by its content digest."""
