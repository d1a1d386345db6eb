"""Renderers: each turns a model.Deck and a Theme into the bytes of one artifact."""
