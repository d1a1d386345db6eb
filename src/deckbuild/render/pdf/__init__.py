"""The PDF report, typeset with reportlab from the same ``model.Deck`` as the deck.

``writer`` is the entry point; ``story`` turns slides into the report's flowables, each by
its kind's writer in ``slides``, with ``blocks`` (columns, tables, quotes, figures in
numbers), ``figures`` (charts, pictures), ``chart_forms`` (each chart's cached drawing placed
as a form, once ``drawing_check`` has found it nothing but a drawing), ``markup`` (escaped paragraph
markup), ``wrap`` (CJK line breaking), ``styles`` and ``fonts``; ``doc`` is the page
template, contents and metadata; ``tagging`` marks what each flowable draws and
``structtree`` writes the structure tree of the tagged PDF (docs/accessibility.md).
"""
