"""The model: one intermediate representation of a deck, shared by every renderer.

``deck`` holds the frozen dataclasses of one edition (slides, their content, charts,
sources); ``kinds`` declares each slide kind once, naming the functions of every layer that
handle it; ``theme`` the colours, fonts and sizes; ``template`` what a company template
offers (layouts, placeholders, the parts a deck takes over); ``labels`` the words the
renderers print themselves; ``links`` the one allow-list of link targets. Nothing here
imports YAML, python-pptx, reportlab or matplotlib code, nor another layer of deckbuild.
"""
