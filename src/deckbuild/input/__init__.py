"""Input: what users write, read safely and checked, then compiled into the model.

``yaml_nodes`` reads YAML into nodes that keep their line and column; ``schema`` and
``schemas`` validate them against one declared schema; ``project`` keeps every path inside
the project. ``outline`` loads an outline with everything it names — facts (``facts``,
``numbers``), chart specs and their CSV data (``chart_spec``), the theme (``theme``) and a
company template (``template``, read through ``template_package`` and
``template_reference``) — and compiles each edition into a ``model.Deck``, with ``texts``,
``inline`` (Markdown), ``glyphs`` (what the fonts can show). ``json_schema`` exports the
schemas for editors. Nothing here writes an artifact.
"""
