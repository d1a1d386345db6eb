"""deckbuild: one YAML outline, two artifacts — an editable PPTX deck and a PDF report.

Data flows one way through the packages: ``input`` (what users write, compiled into) →
``model`` → ``layout`` → ``charts`` → ``render`` (``pptx``, ``pdf``) → ``build`` → ``cli``.
A module imports only from its own layer, the layers before it (``input`` and the rest
meet in ``model``) and the foundation beneath them all: ``diagnostics``, ``text``,
``atomic``, ``colors``, ``cjk``, ``digests``, ``usercache``, ``libwarnings``
(tests/test_layers.py; docs/architecture.md).
"""

__version__ = "0.1.0"
