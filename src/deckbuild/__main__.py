"""Allow ``python -m deckbuild``.

``python -m`` puts the current folder first on ``sys.path``: run from a project folder, a
``yaml.py`` or ``matplotlib.py`` in it would be imported in place of the library, and would
run. That entry goes before anything else is imported (deckbuild itself is already found).
"""

import os
import sys

if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from deckbuild.cli.commands import run

run()
