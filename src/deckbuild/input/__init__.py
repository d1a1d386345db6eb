"""Input: what users write, read safely and checked, then compiled into the model.

``yaml_nodes`` reads YAML into nodes that keep their line and column; ``schema`` and
``schemas`` (with ``schema_common`` and each slide kind's in ``slide_schemas``) validate them
against one declared schema; ``project`` keeps every path inside the project. ``outline``
loads an outline with everything it names — facts (``facts``, ``numbers``), chart specs and
their CSV data (``chart_spec``), the theme (``theme``) and a company template (``template``,
read through ``template_package`` and ``template_reference``). ``editions`` compiles each
edition into a ``model.Deck``, each slide's content by its kind's compiler
(``slide_contents``), with ``texts``, ``inline`` (Markdown), ``glyphs`` (what the fonts can
show). ``json_schema`` exports the schemas for editors. Nothing here writes an artifact.
"""
