"""deckbuild: one YAML outline, two artifacts — an editable PPTX deck and a PDF report."""

__version__ = "0.1.0"
