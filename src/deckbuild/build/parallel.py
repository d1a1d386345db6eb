"""Independent work of one build in parallel processes (``--jobs N``).

The processes are forked from the build's own once the outline is compiled and its charts
are drawn, so each starts warm: the libraries, the registered fonts and their metrics and
the compiled editions are all there already, and nothing is sent to it but the number of
each task it takes. With N jobs, N - 1 processes are forked and the build's own process is
the N-th: each takes the next task not yet taken until none is left, and the forked ones
send back only what their tasks return (an artifact's bytes and what rendering it warned
of). Where processes cannot be forked (Windows; macOS, where forking a process that has
loaded system frameworks is unsafe), the tasks run one after another, as with ``--jobs 1``.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

_tasks: Sequence[Callable[[], Any]] = ()  # what the forked processes run, by index


def can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def run(tasks: Sequence[Callable[[], Any]], jobs: int) -> list[Any]:
    """Each task's result, in order; up to ``jobs`` run at a time, this process and forked ones
    taking the next task in turn (the first task's exception, in order, is raised here, as it
    would be in this process)."""
    global _tasks
    jobs = min(jobs, len(tasks))
    if jobs <= 1 or not can_fork():
        return [task() for task in tasks]
    ctx = multiprocessing.get_context("fork")
    taken = ctx.Value("i", 0)
    results = ctx.Queue()
    _tasks = tasks
    outcomes: dict[int, tuple[bool, Any]] = {}
    workers = [ctx.Process(target=_work, args=(taken, results), daemon=True) for _ in range(jobs - 1)]
    try:
        with ctrl_c_held():
            for w in workers:
                w.start()
        while (index := _take(taken)) < len(tasks):
            outcomes[index] = _outcome(tasks[index])
        while len(outcomes) < len(tasks):
            try:
                sent = results.get(timeout=1.0)
            except queue.Empty:
                if not any(w.is_alive() for w in workers) and results.empty():
                    raise RuntimeError("a process rendering an artifact ended without its result") from None
                continue
            index, ok, value = pickle.loads(sent)
            outcomes[index] = (ok, value)
    except BaseException:  # Ctrl-C, or this process's own failure: the others stop now
        for w in workers:
            if w.is_alive():
                w.terminate()
        raise
    finally:
        _tasks = ()
        for w in workers:
            w.join(timeout=5)
            if w.is_alive():
                w.terminate()
        results.close()
    for index in range(len(tasks)):
        ok, value = outcomes[index]
        if not ok:
            raise value
    return [outcomes[index][1] for index in range(len(tasks))]


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back in this thread for the block (where signal masks exist). Delivered
    while a process is forked, it lands in the interpreter's at-fork handlers, which drop it,
    and the build would go on; held, it is raised as the block ends. Processes started in the
    block keep it held (a forked renderer ignores it; the build's process stops it)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _take(taken) -> int:
    """The index of the next task, which no other process will take."""
    with taken.get_lock():
        index = taken.value
        taken.value += 1
    return index


def _outcome(task: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, task()
    except Exception as exc:  # raised in the build's process, in task order
        return False, exc


def _work(taken, results) -> None:
    """A forked process: the next task not yet taken, until none is left; each result sent back.
    Ctrl-C is the build's process's to handle (it stops this one)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (index := _take(taken)) < len(_tasks):
        ok, value = _outcome(_tasks[index])
        try:
            sent = pickle.dumps((index, ok, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # a result that cannot be sent
            sent = pickle.dumps((index, False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        results.put(sent)
    results.close()
    results.join_thread()
