"""Allow ``python -m deckbuild``."""

import sys

from deckbuild.cli import main

sys.exit(main())
