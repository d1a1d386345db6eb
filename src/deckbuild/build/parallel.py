"""Independent work of one build in parallel processes (``--jobs N``).

The processes are forked from the build's own once the outline is compiled and its charts
are drawn, so each starts warm: the libraries, the registered fonts and their metrics and
the compiled editions are all there already, and nothing is sent to it but
the number of its task. It sends back only what the task returns (an artifact's bytes and
what rendering it warned of). Where processes cannot be forked (Windows; macOS, where
forking a process that has loaded system frameworks is unsafe), the tasks run one after
another, as with ``--jobs 1``.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from typing import Any

_tasks: Sequence[Callable[[], Any]] = ()  # what the forked processes run, by index


def can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def run(tasks: Sequence[Callable[[], Any]], jobs: int) -> list[Any]:
    """Each task's result, in order; up to ``jobs`` run at a time, in forked processes (an
    exception in one is raised here, as it would be in this process)."""
    global _tasks
    jobs = min(jobs, len(tasks))
    if jobs <= 1 or not can_fork():
        return [task() for task in tasks]
    _tasks = tasks
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return pool.map(_run, range(len(tasks)), chunksize=1)
    finally:
        _tasks = ()


def _run(index: int) -> Any:
    return _tasks[index]()
