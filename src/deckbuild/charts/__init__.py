"""Charts drawn with matplotlib for the report and for picture charts in the deck: ``draw``
draws a model chart with its kind's drawing (``draw_bars``, ``draw_other``), which use the
shared drawing context, labels, annotations and legend (``canvas``) and axes (``axes``);
``style`` derives one chart style from the theme (shared with the native PPTX charts),
``export`` writes PDF, SVG and PNG deterministically, ``report_drawing`` draws the one-page
PDF the report places, and ``cache`` renders each chart once, keyed by its content
digest."""
