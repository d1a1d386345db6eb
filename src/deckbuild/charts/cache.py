"""Render chart files once, keyed by the chart's content digest, in parallel when there are several.

Files live under ``cache_dir/charts/``: ``<digest>.pdf`` (every chart the report shows, as it
places it: ``charts.report_drawing``) and ``<digest>.png`` (deck size, only charts the deck
shows as a picture), each sealed for this user (``deckbuild.seal``). A file that exists is
complete: it is written to a temporary name and moved into place with ``os.replace``.
A build renders what the cache lacks into a staging folder of its own first and keeps it
(``keep_staged``) only once its artifacts are written: an invalid build writes nothing.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import tempfile
import threading
import warnings
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from deckbuild.charts.assets import ChartAssets
from deckbuild.charts.style import DECK_SIZE, HORIZONTAL_KINDS, NATIVE_KINDS, REPORT_SIZE
from deckbuild.cores import usable_cores
from deckbuild.digests import FileChanged
from deckbuild.model.deck import Chart
from deckbuild.model.theme import Theme
from deckbuild.seal import read_sealed, seal, user_key

__all__ = ["ensure_assets", "start_assets", "ChartRequest", "PendingAssets", "needs_picture", "chart_key",
           "DECK_SIZE", "REPORT_SIZE", "NATIVE_KINDS"]


def needs_picture(chart: Chart) -> bool:
    """True when the deck shows this chart as a picture (PNG) rather than a native chart: when
    the spec asks for one (``native: false``), or for a reference line across horizontal bars
    (a vertical line, which PowerPoint's bar charts cannot draw on their category axis)."""
    if not chart.native or chart.kind not in NATIVE_KINDS:
        return True
    return chart.kind in HORIZONTAL_KINDS and chart.reference_line is not None


def chart_key(chart: Chart, theme: Theme) -> str:
    """The cache key: ``chart.digest``, or a hash of the chart and theme when it has none."""
    if chart.digest:
        return chart.digest
    return hashlib.sha256(repr((replace(chart, location=None), theme.digest)).encode()).hexdigest()


@dataclass(frozen=True)
class _Job:
    """What to write for one chart (None: nothing, the cache has it)."""

    chart: Chart
    pdf: Path | None
    png: Path | None
    png_size: tuple[float, float] = DECK_SIZE
    key: bytes = b""  # the build's seal key (``seal.user_key``): a worker seals with its parent's


def _render(job: _Job, theme: Theme) -> list[str]:
    """Write the job's files; the warnings the drawing libraries raised (``libwarnings``)."""
    from deckbuild.atomic import atomic_write
    from deckbuild.charts.export import png_bytes
    from deckbuild.charts.report_drawing import drawing_pdf
    from deckbuild.libwarnings import caught

    if multiprocessing.parent_process() is not None:
        # A worker's stderr is the terminal: matplotlib's warnings (a glyph missing, a layout it
        # could not apply) are not for it; deckbuild reports what to act on as diagnostics.
        warnings.simplefilter("ignore")
    try:
        with caught() as warned:
            if job.pdf is not None:
                atomic_write(job.pdf, seal(drawing_pdf(job.chart, theme.for_report()), job.pdf.name, job.key))
            if job.png is not None:
                atomic_write(job.png, seal(png_bytes(job.chart, theme, *job.png_size), job.png.name, job.key))
    except FileChanged:  # a font saved during the build: the build says so
        raise
    except Exception as exc:  # name the chart: the traceback of a worker process is far away
        raise RuntimeError(f"rendering chart '{job.chart.name}' failed: {type(exc).__name__}: {exc}") from exc
    return warned


# What a worker imports to draw (forkserver start: imported once, before any chart).
PRELOAD = ["deckbuild.charts.export", "deckbuild.charts.draw", "deckbuild.charts.canvas", "deckbuild.charts.axes",
           "deckbuild.charts.draw_bars", "deckbuild.charts.draw_other", "deckbuild.charts.fonts",
           "deckbuild.charts.report_drawing", "matplotlib.backends.backend_agg", "matplotlib.backends.backend_pdf"]


def _cached(path: Path) -> bool:
    """Whether the cache holds ``path``: a regular file, not a link to one elsewhere, sealed by
    this user's deckbuild (``deckbuild.seal``; anything else is drawn again, and replaced). A
    file taken is touched: the cache keeps what builds use (``build.output.prune_chart_cache``)."""
    if path.is_symlink() or not path.is_file() or read_sealed(path) is None:
        return False
    try:
        os.utime(path, follow_symlinks=False)
    except (OSError, NotImplementedError):  # a cache the build may read but not write: taken all the same
        pass
    return True


# The forkserver listens on a socket in multiprocessing's folder, TMPDIR/pymp-XXXXXXXX/
# listener-XXXXXXXX: 32 characters after the temporary folder, in the 107 bytes a socket's
# path may have.
_SOCKET_NAME_BYTES = 32
_MAX_SOCKET_PATH = 107


def workers_possible() -> bool:
    """Whether chart workers can start: not with a temporary folder whose path leaves no room
    for the forkserver's socket (the charts are then drawn in this process)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return True  # 'spawn' talks through pipes
    folder = os.fsencode(tempfile.gettempdir())
    return len(folder) + _SOCKET_NAME_BYTES <= _MAX_SOCKET_PATH


def _context():
    """'forkserver' (workers forked from a server that imported matplotlib once) where it
    exists, else 'spawn'; never plain 'fork' from a process that may hold threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class ChartRequest:
    """Charts drawn in one theme, and what of each is wanted (see ``ensure_assets``)."""

    charts: Sequence[Chart]
    theme: Theme
    want_drawing: bool
    want_png: bool
    png_sizes: Mapping[str, tuple[float, float]] = field(default_factory=dict)


class PendingAssets:
    """Charts being rendered: the assets they will have (known at once: ``assets``) and, once
    ``wait`` returns, what was rendered now and what the drawing libraries warned of. Jobs
    given to it go to ``workers`` worker processes; the ones in ``done`` are done."""

    def __init__(self, assets: dict[str, ChartAssets], done: dict[str, list[str]] | None = None,
                 jobs: Sequence[tuple[str, _Job, Theme]] = (), workers: int = 1):
        self.assets = assets
        self._done = dict(done or {})
        self._futures: list[tuple[str, Future]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._handing: threading.Thread | None = None
        self._failed: BaseException | None = None
        self._jobs = list(jobs)
        if jobs:
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_end_on_ctrl_c)
            # Starting the first worker waits for the workers' server to import matplotlib:
            # a thread of this process waits for it, while the process goes on.
            self._handing = threading.Thread(target=self._hand_out, args=(self._pool, jobs),
                                             name="deckbuild-chart-jobs", daemon=True)
            self._handing.start()

    def _hand_out(self, pool: ProcessPoolExecutor, jobs: Sequence[tuple[str, _Job, Theme]]) -> None:
        # The workers' server (started by the first worker) is started from this thread and
        # inherits its signal mask: with Ctrl-C held here, a Ctrl-C in the terminal does not
        # break its import of matplotlib with a traceback; each worker then ends on Ctrl-C at
        # once and silently (``_end_on_ctrl_c``), and the build's process stops.
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for key, job, theme in jobs:
                self._futures.append((key, pool.submit(_render, job, theme)))
        except BaseException as exc:  # raised in the thread that waits (``wait``)
            self._failed = exc

    def _handed(self) -> None:
        if self._handing is not None:
            self._handing.join()
            self._handing = None

    def wait(self) -> tuple[list[str], dict[str, list[str]]]:
        """The keys rendered now (in order), and by key what rendering each one warned of; the
        first error of a worker is raised once all have ended. A chart whose worker died, or
        could not start, is drawn in this process."""
        self._handed()
        errors, lost = [], []
        for (key, f), entry in zip(self._futures, self._jobs):
            exc = f.exception()
            if isinstance(exc, BrokenProcessPool):
                lost.append(entry)
            elif exc is not None:
                errors.append(exc)
            else:
                self._done[key] = f.result()
        if isinstance(self._failed, (BrokenProcessPool, OSError)):  # workers that could not start
            lost += self._jobs[len(self._futures):]
        elif self._failed is not None:
            errors.insert(0, self._failed)
        self._futures = []
        self.close()
        if errors:
            raise errors[0]
        # A worker that died, or workers that could not start (their server's socket removed
        # from the temporary folder under a long-running watch): those charts are drawn here.
        for key, job, theme in lost:
            self._done[key] = _render(job, theme)
        return list(self._done), dict(self._done)

    def close(self) -> None:
        """Stop the workers (charts not started are not drawn)."""
        self._handed()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _end_on_ctrl_c() -> None:
    """A chart worker's start: Ctrl-C (held while it was started) ends it at once, without a
    traceback, so that the build's process stops without waiting for the chart it draws."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _plan(chart: Chart, key: str, request: ChartRequest, folder: Path, target: Path
          ) -> tuple[ChartAssets, _Job | None]:
    """The files of one chart (each in the cache, or in ``target`` when the cache lacks it), and
    the job that writes what it lacks (None: nothing)."""
    pdf = folder / f"{key}.pdf" if request.want_drawing else None
    width, height = request.png_sizes.get(chart.digest, DECK_SIZE)
    size = (round(width, 1), round(height, 1))
    suffix = "" if size == DECK_SIZE else f"-{size[0]:g}x{size[1]:g}"
    png = folder / f"{key}{suffix}.png" if request.want_png and needs_picture(chart) else None
    pdf, png = (p if p is None or _cached(p) else target / p.name for p in (pdf, png))
    new_pdf, new_png = (p if p and p.parent == target and not _cached(p) else None for p in (pdf, png))
    assets = ChartAssets(pdf=pdf, png=png, size=REPORT_SIZE if new_pdf else None)
    if not (new_pdf or new_png):
        return assets, None
    return assets, _Job(chart, new_pdf, new_png, size, user_key())


def start_assets(requests: Iterable[ChartRequest], cache_dir: Path, jobs: int | None = None,
                 staging: Path | None = None) -> PendingAssets:
    """Start rendering what the cache lacks of the charts of ``requests`` (in worker processes
    when there are several, else here and now) and return at once; see ``ensure_assets``. The
    caller ``wait``s for them, or ``close``s them."""
    folder = Path(cache_dir) / "charts"
    target = Path(staging) / "charts" if staging is not None else folder
    assets: dict[str, ChartAssets] = {}
    todo: list[tuple[str, _Job, Theme]] = []
    for request in requests:
        for chart in request.charts:
            key = chart_key(chart, request.theme)
            if key not in assets:
                assets[key], job = _plan(chart, key, request, folder, target)
                if job is not None:
                    todo.append((key, job, request.theme))
    if not todo:
        return PendingAssets(assets, {})
    target.mkdir(parents=True, exist_ok=True)  # the caller has checked it leads nowhere else
    workers = min(len(todo), max(1, jobs if jobs is not None else usable_cores()))
    if not workers_possible():
        workers = 1
    if workers <= 1:
        return PendingAssets(assets, {key: _render(job, theme) for key, job, theme in todo})
    return PendingAssets(assets, jobs=todo, workers=workers)


def ensure_assets(charts: Iterable[Chart], theme: Theme, cache_dir: Path, want_drawing: bool, want_png: bool,
                  jobs: int | None = None, png_sizes: Mapping[str, tuple[float, float]] | None = None,
                  warned: dict[str, list[str]] | None = None, staging: Path | None = None,
                  ) -> tuple[dict[str, ChartAssets], list[str]]:
    """Make sure every chart has its files in the cache; return the assets by digest and the
    digests rendered now (empty when everything was cached). ``want_drawing``: the report's
    drawing of every chart (``charts.report_drawing``); ``want_png``: the deck's picture of
    each chart it does not draw natively. ``jobs`` caps the worker processes
    (default: the number of CPUs); one chart to render is done in this process. ``png_sizes``
    gives, by digest, the size in points of the box a picture fills on its slide (default
    DECK_SIZE), so that its text keeps its size instead of being scaled down. ``warned``
    receives, by key, what the drawing libraries warned of for each chart rendered now. With
    ``staging``, what the cache lacks is rendered into ``staging/charts`` (the assets name
    those files) and the cache is only read."""
    request = ChartRequest(list(charts), theme, want_drawing, want_png, png_sizes or {})
    pending = start_assets([request], cache_dir, jobs, staging)
    try:
        rendered, said = pending.wait()
    finally:
        pending.close()
    if warned is not None:
        warned.update(said)
    return {key: replace(a, size=None) for key, a in pending.assets.items()}, rendered  # all drawn now


def keep_staged(staging: Path, cache_dir: Path) -> None:
    """Move the charts rendered into ``staging/charts`` into ``cache_dir/charts`` (each
    written atomically; OSError when it cannot be)."""
    from deckbuild.atomic import atomic_write

    staged = Path(staging) / "charts"
    if not staged.is_dir():
        return
    folder = Path(cache_dir) / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(staged.iterdir()):
        atomic_write(folder / path.name, path.read_bytes())
