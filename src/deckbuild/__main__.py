"""Allow ``python -m deckbuild``."""

from deckbuild.cli import run

run()
