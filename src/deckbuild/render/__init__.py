"""Renderers: each turns a ``model.Deck`` and a theme into the bytes of one artifact —
``pptx`` the deck, ``pdf`` the report — and knows nothing of YAML. ``reproducible`` fixes
their timestamps and zip metadata so the same input gives the same bytes."""
