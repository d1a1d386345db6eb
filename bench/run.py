"""deckbuild benchmark: prints one table of medians and ratios for this machine.

    python bench/run.py [--runs N] [--quick]

Each figure is the median of N runs (default 5) of a fresh process, so start-up and
imports count as a user sees them; commands compared by a ratio take turns run by run.
Peak RSS is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, max(peak, before) // 1024


def median(cmd, cwd, runs, setup=None, env=None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        if setup:
            setup()
        t, rss = timed(cmd, cwd, env)
        times.append(t)
        peaks.append(rss)
    return statistics.median(times), max(peaks)


def interleaved(cmds: dict, cwd, runs) -> dict:
    """Medians of ``{name: (command, setup or None)}``, the commands taking turns run by run,
    so that a ratio between them compares runs made under the same conditions (on a shared
    VM, the speed drifts within seconds)."""
    times: dict = {name: [] for name in cmds}
    for _ in range(runs):
        for name, (cmd, setup) in cmds.items():
            if setup:
                setup()
            times[name].append(timed(cmd, cwd)[0])
    return {name: statistics.median(ts) for name, ts in times.items()}


def peak_rss(cmd, cwd) -> int:
    """Peak RSS of one run, measured alone (ru_maxrss of children is a running maximum)."""
    out = subprocess.run([PY, "-c", textwrap.dedent(f"""
        import resource, subprocess, sys
        subprocess.run({cmd!r}, cwd={str(cwd)!r}, capture_output=True, check=True)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    """)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def text_deck(folder: Path, n: int) -> Path:
    (folder / "decks").mkdir(parents=True, exist_ok=True)
    lines = ["title: Benchmark", "language: en", "slides:"]
    md = ["---", "title: Benchmark", "---", ""]
    for i in range(1, n + 1):
        lines += [f"  - title: Slide {i} makes one point", "    bullets:",
                  *[f"      - Point {j} of slide {i}, with a few words" for j in range(1, 5)],
                  f"    notes: Speaker notes for slide {i}."]
        md += [f"# Slide {i} makes one point", "",
               *[f"- Point {j} of slide {i}, with a few words" for j in range(1, 5)],
               "", "::: notes", f"Speaker notes for slide {i}.", ":::", ""]
    (folder / "decks" / f"text{n}.yaml").write_text("\n".join(lines) + "\n")
    (folder / f"text{n}.md").write_text("\n".join(md) + "\n")
    return folder / "decks" / f"text{n}.yaml"


NAIVE = """
import sys
from pptx import Presentation
n = int(sys.argv[1])
prs = Presentation()
for i in range(1, n + 1):
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = f"Slide {i} makes one point"
    tf = s.placeholders[1].text_frame
    for j in range(1, 5):
        p = tf.paragraphs[0] if j == 1 else tf.add_paragraph()
        p.text = f"Point {j} of slide {i}, with a few words"
    s.notes_slide.notes_text_frame.text = f"Speaker notes for slide {i}."
prs.save(sys.argv[2])
"""


def _compile_bytecode() -> int:
    """Compile deckbuild's modules to bytecode first, as ``pip install`` does: an editable
    checkout has bytecode only once Python could write it (never with
    PYTHONDONTWRITEBYTECODE set, as on some CI machines), and compiling 50 modules from
    source would add about 0.1 s to every run measured. Returns the number of modules."""
    import compileall

    package = subprocess.run([PY, "-c", "import deckbuild, os; print(os.path.dirname(deckbuild.__file__))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    compileall.compile_dir(package, quiet=1)
    return sum(1 for _ in Path(package).rglob("*.py"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the 1,000-slide decks")
    args = ap.parse_args()
    runs = args.runs
    deckbuild = [PY, "-m", "deckbuild"]
    compiled = _compile_bytecode()
    rows: list[tuple[str, str, str]] = []

    def row(name, seconds, note=""):
        rows.append((name, f"{seconds:.3f}" if isinstance(seconds, float) else str(seconds), note))
        print(f"{name:<44} {rows[-1][1]:>9}  {note}", flush=True)

    with tempfile.TemporaryDirectory(prefix="deckbuild-bench-") as tmp:
        work = Path(tmp)
        proj = work / "flagship"
        shutil.copytree(ROOT, proj, ignore=shutil.ignore_patterns("build", ".venv", ".git", "tests", "bench"))
        out = proj / "build"

        def clean():
            shutil.rmtree(out, ignore_errors=True)

        build_cmd = deckbuild + ["build", "decks/meta-ai-bet.yaml"]
        m = interleaved({"imports": ([PY, "-c", "import pptx, reportlab.platypus, matplotlib.pyplot, yaml"], None),
                         "pptx": (build_cmd + ["--format", "pptx"], clean),
                         "pdf": (build_cmd + ["--format", "pdf"], clean),
                         "both": (build_cmd, clean)}, proj, runs)
        imports, both = m["imports"], m["both"]
        row("import pptx+reportlab+matplotlib+yaml", imports)
        for fmt in ("pptx", "pdf"):
            row(f"flagship cold build, {fmt} (both editions)", m[fmt])
        row("flagship cold build, pptx+pdf (both editions)", both,
            f"= {both / imports:.2f} × imports (per edition ≈ {both / 2 / imports:.2f} ×)")
        subprocess.run(deckbuild + ["build", "decks/meta-ai-bet.yaml"], cwd=proj, check=True, capture_output=True)
        noop, _ = median(deckbuild + ["build", "decks/meta-ai-bet.yaml"], proj, runs)
        row("no-op rebuild", noop)
        outline = proj / "decks" / "meta-ai-bet.yaml"
        original = outline.read_text(encoding="utf-8")
        counter = iter(range(10_000))

        def touch_one_slide():
            """An edit of the outline's text that changes no chart: the manifest misses, the chart cache hits."""
            outline.write_text(original + f"\n# edit {next(counter)}\n", encoding="utf-8")

        one, _ = median(deckbuild + ["build", "decks/meta-ai-bet.yaml"], proj, runs, touch_one_slide)
        row("rebuild after one edit (charts cached)", one)
        outline.write_text(original, encoding="utf-8")
        rss = peak_rss(deckbuild + ["build", "decks/meta-ai-bet.yaml", "--out", str(work / "rss")], proj)
        row("peak RSS, flagship cold build (MB)", rss)

        pandoc = shutil.which("pandoc")
        sizes = (20, 200) if args.quick else (20, 100, 200, 1000)
        times = {}
        for n in sizes:
            text_deck(work / "text", n)
            cmds = {"deckbuild": (deckbuild + ["build", f"decks/text{n}.yaml", "--format", "pptx", "--out", "o"],
                                  lambda: shutil.rmtree(work / "text" / "o", ignore_errors=True)),
                    "naive": ([PY, "-c", NAIVE, str(n), "naive.pptx"], None)}
            if pandoc:
                cmds["pandoc"] = ([pandoc, f"text{n}.md", "-o", "pandoc.pptx"], None)
            if n == 20:  # the floor under any python-pptx tool: start Python and import what it needs
                cmds["floor"] = ([PY, "-c", "import pptx, yaml"], None)
            m = interleaved(cmds, work / "text", runs)
            t = times[n] = m["deckbuild"]
            note = f"naive python-pptx loop {m['naive']:.3f} s"
            if pandoc:
                note += f"; pandoc {m['pandoc']:.3f} s; ratio deckbuild/pandoc {t / m['pandoc']:.2f}"
            row(f"{n}-slide text deck, pptx", t, note)
            if "floor" in m:
                row("floor: python -c 'import pptx, yaml'", m["floor"],
                    f"= {m['floor'] / m['pandoc']:.2f} × pandoc's 20-slide build" if pandoc else "")
        if 1000 in times and 100 in times:
            row("t(1,000 slides) / t(100 slides)", f"{times[1000] / times[100]:.2f}")
            row("peak RSS, 1,000-slide deck (MB)", peak_rss(deckbuild + ["build", "decks/text1000.yaml", "--format",
                                                                        "pptx", "--out", "o2"], work / "text"))
    print(f"\nmedians of {runs} runs; python {sys.version.split()[0]}; {os.cpu_count()} cores; "
          f"deckbuild's {compiled} modules compiled to bytecode first")


if __name__ == "__main__":
    main()
