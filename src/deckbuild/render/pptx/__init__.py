"""The PowerPoint writer: a ``model.Deck`` and a theme, laid out by ``deckbuild.layout``,
written as an editable .pptx with python-pptx.

``writer`` is the entry point; ``text_slides`` and ``visuals`` write each slide kind at
the boxes their layout chose, over ``base``, ``text``, ``table``, ``shapes`` and
``placeholders``; ``chart`` writes native charts; ``template`` and ``template_open`` make
the presentation a deck starts from; ``parts``, ``package``, ``snippets`` and ``drawingml``
write parts and the package quickly and reproducibly; ``ns`` names the XML
namespaces. ``ooxml`` is the one module that uses python-pptx below its documented API (every
other module keeps to it: tests/test_library_wall.py).
"""
