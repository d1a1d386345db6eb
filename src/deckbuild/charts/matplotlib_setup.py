"""matplotlib, imported so that it writes only where deckbuild says and draws only deckbuild's style.

Import this module before anything from matplotlib (the drawing modules do). It

- points ``MPLCONFIGDIR`` (matplotlib's configuration and font cache) at
  ``$XDG_CACHE_HOME/deckbuild/matplotlib`` (else ``~/.cache/deckbuild/matplotlib``) unless
  the user set it; where that folder cannot be written, at a private temporary folder removed
  at exit. matplotlib then writes nothing under ``~/.config`` or ``~/.cache/matplotlib``;
- keeps matplotlib's log messages (a font it cannot find, a bad configuration line) off the
  terminal: deckbuild's diagnostics are the only thing printed;
- never reads a ``matplotlibrc`` of the current folder (a project could hold one, or a pipe
  that would block), and resets every setting to matplotlib's defaults after import, so no
  configuration file (the folder's, ``MATPLOTLIBRC``, the user's) changes a chart or makes
  matplotlib run LaTeX (``text.usetex``).
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from deckbuild.usercache import user_cache_dir


def _config_dir() -> str:
    folder = user_cache_dir("matplotlib")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.is_dir() and os.access(folder, os.W_OK | os.X_OK):
            return str(folder)
    except OSError:
        pass
    private = tempfile.mkdtemp(prefix="deckbuild-matplotlib-")
    atexit.register(shutil.rmtree, private, True)
    return private


def _import() -> None:
    logger = logging.getLogger("matplotlib")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    if "matplotlib" not in sys.modules:
        if not os.environ.get("MPLCONFIGDIR"):
            os.environ["MPLCONFIGDIR"] = _config_dir()
        try:
            here = os.getcwd() if os.path.lexists("matplotlibrc") else None
        except OSError:
            here = None
        if here is not None:  # matplotlib reads ./matplotlibrc first of all: import it from elsewhere
            os.chdir(Path(__file__).resolve().parent)
        try:
            import matplotlib
        finally:
            if here is not None:
                os.chdir(here)
    import matplotlib

    matplotlib.rcdefaults()


_import()
