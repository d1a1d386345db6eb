"""The command line, the only code that prints or exits: ``commands`` parses the command line
(``build``, ``check``, ``chart``, ``preview``, ``watch``, ``new``, ``schema``); ``progress``
shows a build's stages; the other modules are the commands that do more than call the build.
"""

from deckbuild.cli.commands import main, run

__all__ = ["main", "run"]
