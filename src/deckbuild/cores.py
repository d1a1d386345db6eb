"""How many processors deckbuild's work may spread over."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system keeps one
    (``taskset`` or a container's cpuset limit it below the machine's count; a CPU quota
    does not), else the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
