"""``--jobs N``: artifacts rendered in forked processes are the artifacts rendered in one."""

from __future__ import annotations

import os

import pytest

from deckbuild.build import parallel
from deckbuild.build.pipeline import FORMATS, build
from deckbuild.diagnostics import Diagnostics
from project import BILINGUAL, BILINGUAL_CHART, make_project

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="processes fork only on Linux")
NAMES = [f"t{lang}.{fmt}" for lang in ("", ".en") for fmt in FORMATS]


def test_two_jobs_make_the_same_bytes_as_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    deck = make_project(tmp_path / "p", BILINGUAL, {"bars": BILINGUAL_CHART})
    made = {}
    for jobs in (1, 2):
        diags = Diagnostics()
        result = build([deck], tmp_path / f"j{jobs}", FORMATS, diags, jobs=jobs)
        assert not diags.items, [d.format() for d in diags.items]
        assert [p.name for p in result.written] == NAMES  # in the order of the editions, whatever finished first
        made[jobs] = {n: (tmp_path / f"j{jobs}" / n).read_bytes() for n in NAMES}
    assert made[1] == made[2]


def _pid() -> int:
    return os.getpid()


def _fail() -> int:
    raise FileNotFoundError(2, "gone", "x.ttf")


def _slow_pid() -> int:
    import time

    time.sleep(0.3)  # long enough for the forked process to take a task of its own
    return os.getpid()


def test_tasks_are_shared_by_this_process_and_forked_ones_and_their_errors_come_back():
    pids = parallel.run([_slow_pid] * 4, 2)
    assert os.getpid() in pids and len(set(pids)) == 2  # this process is one of the two jobs
    with pytest.raises(FileNotFoundError) as caught:
        parallel.run([_pid, _fail], 2)
    assert caught.value.filename == "x.ttf"
    assert parallel.run([_pid], 4) == [os.getpid()]  # one task: no process to start


_PARENT = os.getpid()


def _ctrl_c_here_long_work_there() -> int:
    import time

    if os.getpid() == _PARENT:
        time.sleep(0.3)  # the forked process has taken its task by then
        raise KeyboardInterrupt
    time.sleep(60)
    return 0


def test_ctrl_c_stops_the_forked_processes_at_once():
    """``watch`` forks during a rebuild: Ctrl-C there ends the build without waiting for the
    forked process's task, and leaves no process behind."""
    import multiprocessing
    import time

    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        parallel.run([_ctrl_c_here_long_work_there] * 2, 2)
    assert time.perf_counter() - start < 5
    assert multiprocessing.active_children() == []


def test_jobs_auto_is_one_per_usable_core_and_other_words_are_refused(capsys):
    from deckbuild.cli.commands import make_parser

    parser = make_parser()
    args = parser.parse_args(["build", "-j", "auto"])
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert args.jobs == usable >= 1
    assert parser.parse_args(["watch", "d.yaml", "--jobs", "3"]).jobs == 3
    # a build takes one job unless asked; watch two where there are two cores (its latency)
    assert parser.parse_args(["build"]).jobs == 1
    assert parser.parse_args(["watch", "d.yaml"]).jobs == min(2, usable)
    with pytest.raises(SystemExit):
        parser.parse_args(["build", "-j", "many"])
    assert "'many' is not a whole number of 1 or more, nor 'auto'" in capsys.readouterr().err



def test_auto_and_the_chart_workers_count_the_cores_this_process_may_use(tmp_path, monkeypatch):
    """``taskset`` or a container's cpuset that gives the build one core of eight: ``-j auto`` is 1, and
    the charts are drawn in the build's own process, not by a pool of workers on one core."""
    from deckbuild.charts import cache
    from deckbuild.cores import usable_cores  # what '-j auto' is

    def no_pool(**kw):
        raise AssertionError(f"a pool of {kw.get('max_workers')} chart workers on one core")

    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    monkeypatch.setattr(cache, "ProcessPoolExecutor", no_pool)
    assert usable_cores() == 1
    deck = make_project(tmp_path / "p", BILINGUAL, {"bars": BILINGUAL_CHART})
    diags = Diagnostics()
    result = build([deck], tmp_path / "out", FORMATS, diags)
    assert not diags.items, [d.format() for d in diags.items]
    assert [p.name for p in result.written] == NAMES
    assert result.rendered_charts == 2  # the chart in each language, drawn here


CTRL_C_DURING_FORK = """
import os, signal, sys, threading
from deckbuild.build import parallel
# Ctrl-C live, as in a terminal, whatever this process inherited
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
pressed = []

def press_ctrl_c():  # Ctrl-C arriving while the renderer is forked
    if not pressed:
        pressed.append(threading.active_count())
        os.kill(os.getpid(), signal.SIGINT)

os.register_at_fork(before=press_ctrl_c)
try:
    parallel.run([lambda: 1, lambda: 2], 2)
except KeyboardInterrupt:
    print("stopped")
else:  # what a failure needs explained: threads when pressed, the signal state now
    status = open("/proc/self/status").read().splitlines()
    print("went on", pressed, [line for line in status if line.startswith(("SigPnd", "ShdPnd", "SigBlk", "SigIgn"))])
"""


def test_ctrl_c_while_a_renderer_is_forked_stops_the_build():
    """A Ctrl-C that lands while a process is forked is not dropped by the interpreter's
    at-fork handlers: the build stops (``watch`` says 'stopped'), it does not go on."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", CTRL_C_DURING_FORK], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["stopped"], (out.stdout, out.stderr)


CHART_WORKERS_MASK = """
import os, sys
from pathlib import Path
from deckbuild.build.pipeline import build
from deckbuild.diagnostics import Diagnostics
result = build([Path(sys.argv[1])], Path(sys.argv[2]), ("pdf",), Diagnostics(), jobs=2)
assert result.rendered_charts == 2, result
for pid in os.listdir("/proc"):  # the chart workers' server, still running
    try:
        status = open(f"/proc/{pid}/status").read()
        cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:
        continue
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if int(fields["PPid"]) == os.getpid() and b"forkserver" in cmdline:
        print("held" if int(fields["SigBlk"], 16) & (1 << 1) else "open")
"""


def test_the_chart_workers_server_is_started_with_ctrl_c_held(tmp_path):
    """The chart workers' server is started with Ctrl-C held: a Ctrl-C in the terminal does
    not break its import of matplotlib with a traceback (each worker it forks ends on Ctrl-C
    silently, and the build's process stops)."""
    import subprocess
    import sys

    deck = make_project(tmp_path, BILINGUAL, {"bars": BILINGUAL_CHART})
    out = subprocess.run([sys.executable, "-c", CHART_WORKERS_MASK, str(deck), str(tmp_path / "build")],
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["held"], (out.stdout, out.stderr)


WORKERS_LOST = """
import shutil, sys, tempfile, textwrap
from pathlib import Path
from deckbuild.build.pipeline import build
from deckbuild.diagnostics import Diagnostics

if __name__ == "__main__":
    deck, out, chart = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    assert build([deck], out, ("pdf",), Diagnostics()).rendered_charts == 2
    for p in Path(tempfile.gettempdir()).iterdir():  # a cleaner empties the temporary folder
        shutil.rmtree(p, ignore_errors=True)
    chart.write_text(chart.read_text(encoding="utf-8").replace("[1, $share]", "[2, $share]"), encoding="utf-8")
    diags = Diagnostics()
    result = build([deck], out, ("pdf",), diags)
    print(result.rendered_charts, len(result.written), [d.format() for d in diags.items])
"""


def test_charts_whose_workers_cannot_start_are_drawn_in_the_build_s_process(tmp_path):
    """A long-running process (``watch``) whose chart workers' server lost its socket (a
    cleaner emptied the temporary folder) draws the charts itself instead of failing."""
    import shutil
    import subprocess
    import sys
    import tempfile

    deck = make_project(tmp_path, BILINGUAL, {"bars": BILINGUAL_CHART})
    script = tmp_path / "lost.py"
    script.write_text(WORKERS_LOST, encoding="utf-8")
    short = tempfile.mkdtemp(prefix="dbt")  # room for the workers' server's socket name
    try:
        out = subprocess.run([sys.executable, str(script), str(deck), str(tmp_path / "build"),
                              str(tmp_path / "charts" / "bars.yaml")], capture_output=True, text=True, timeout=180,
                             env={**os.environ, "TMPDIR": short})
    finally:
        shutil.rmtree(short, ignore_errors=True)
    assert out.stdout.split("\n")[0] == "2 2 []", (out.stdout, out.stderr)
