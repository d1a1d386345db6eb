"""deckbuild benchmark: prints one table of medians and ratios for this machine.

    python bench/run.py [--runs N] [--quick]

Each figure is the median of N runs (default 5) of a fresh process, so start-up and
imports count as a user sees them; commands compared by a ratio take turns run by run.
Every timed build starts from a fresh output folder: empty for a cold build, a copy of the
folder an untimed build left for a rebuild (``Fresh`` checks that each run wrote what it
should). ``watch`` is timed from outside its process: from saving the outline to the last
artifact replaced. Peak RSS is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

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
    """Median wall time and peak RSS; ``setup`` runs before each run (and its ``check`` after)."""
    times, peaks = [], []
    for _ in range(runs):
        if setup:
            setup()
        t, rss = timed(cmd, cwd, env)
        if isinstance(setup, Fresh):
            setup.check()
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
            if isinstance(setup, Fresh):
                setup.check()
    return {name: statistics.median(ts) for name, ts in times.items()}


def peak_rss(cmd, cwd) -> int:
    """Peak RSS of one run, measured alone (ru_maxrss of children is a running maximum)."""
    out = subprocess.run([PY, "-c", textwrap.dedent(f"""
        import resource, subprocess, sys
        subprocess.run({cmd!r}, cwd={str(cwd)!r}, capture_output=True, check=True)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    """)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def cpu_and_wall(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """CPU time (user + sys of the child and what it waited for) and wall time of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        said = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{said}")
    return usage.ru_utime + usage.ru_stime, took


class Fresh:
    """A fresh output folder for each timed run: ``out`` made anew from ``snapshot`` (a copy
    of what an untimed build left, mtimes kept; None: no folder at all). ``check`` after each
    run asserts that the run wrote what it should (``expect``: artifact names; empty: nothing),
    so that a row never times a rebuild it did not mean to, nor a no-op."""

    def __init__(self, out: Path, snapshot: Path | None, expect: tuple[str, ...]):
        self.out, self.snapshot, self.expect = out, snapshot, expect
        self.before: dict[str, tuple[int, int]] = {}

    def __call__(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        if self.snapshot is not None:
            shutil.copytree(self.snapshot, self.out, symlinks=True)
        self.before = artifact_stamps(self.out)

    def check(self) -> None:
        after = artifact_stamps(self.out)
        written = {n for n, st in after.items() if st != self.before.get(n)}
        if not set(self.expect) <= written or (not self.expect and written):
            raise SystemExit(f"{self.out}: expected {sorted(self.expect) or 'nothing'} written, got {sorted(written)}")


def artifact_stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of each artifact in ``folder``: a file replaced changes its inode."""
    if not folder.is_dir():
        return {}
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()
            if p.suffix in (".pptx", ".pdf") and p.is_file()}


def _cpu_ticks(pid: int) -> int:
    """CPU time of a process and of its children, waited for or still running (``--jobs``
    forks workers), in clock ticks (Linux /proc)."""
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # it ended meanwhile
                pass
    family, grew = {pid}, True
    while grew:
        more = {p for p, fields in stats.items() if int(fields[1]) in family} - family
        family |= more
        grew = bool(more)
    return sum(int(f) for p in family if p in stats for f in stats[p][11:15])


def _idle(pid: int, quiet: float = 0.6) -> None:
    """Wait until the process has used no CPU for ``quiet`` seconds (its polling costs less
    than a clock tick)."""
    ticks, since = _cpu_ticks(pid), time.perf_counter()
    while time.perf_counter() - since < quiet:
        time.sleep(0.05)
        now = _cpu_ticks(pid)
        if now != ticks:
            ticks, since = now, time.perf_counter()


def watch_latencies(deckbuild: list[str], proj: Path, out: Path, outline: Path,
                    edits: dict[str, tuple[str, str]], runs: int) -> dict[str, tuple[float, int]]:
    """``deckbuild watch`` started on ``outline`` once; for each edit (old text → new text)
    ``runs`` saves, alternately edited and restored, each timed from the moment the file is
    saved to the last artifact replaced (polled every 2 ms, until the process is idle again).
    Returns the median latency and the most artifacts one save rewrote, by edit."""
    original = outline.read_text(encoding="utf-8")
    # Each save waits for the previous rebuild and the idle check, so without a pause of its own
    # it would land at the same point of the watcher's 0.1 s cycle of looks every time (just
    # before a look, it turned out: seen at once). An author's save lands anywhere in it.
    phase = random.Random(20)
    proc = subprocess.Popen(deckbuild + ["watch", str(outline.relative_to(proj)), "--out", str(out)], cwd=proj,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {}
    try:
        deadline = time.perf_counter() + 600
        while len(artifact_stamps(out)) < 4:
            if proc.poll() is not None or time.perf_counter() > deadline:
                raise SystemExit("deckbuild watch did not build the flagship")
            time.sleep(0.1)
        _idle(proc.pid)
        for name, (old, new) in edits.items():
            assert original.count(old) == 1, old
            times, most = [], 0
            for run in range(runs):
                text = original.replace(old, new) if run % 2 == 0 else original
                time.sleep(phase.uniform(0, 0.1))
                before = artifact_stamps(out)
                outline.write_text(text, encoding="utf-8")
                saved = time.perf_counter()
                last = changed_at = saved
                changed: set[str] = set()
                while True:  # until something was written and the process is idle again
                    time.sleep(0.002)
                    now = artifact_stamps(out)
                    new_ones = {n for n, st in now.items() if st != before.get(n)} - changed
                    if new_ones:
                        changed |= new_ones
                        last = changed_at = time.perf_counter()
                        before.update({n: now[n] for n in new_ones})
                    if changed and time.perf_counter() - changed_at > 0.3:
                        ticks = _cpu_ticks(proc.pid)
                        time.sleep(0.3)
                        if _cpu_ticks(proc.pid) == ticks and artifact_stamps(out) == before:
                            break
                    if time.perf_counter() - saved > 300 or proc.poll() is not None:
                        raise SystemExit(f"deckbuild watch did not rebuild after '{name}'")
                times.append(last - saved)
                most = max(most, len(changed))
            if outline.read_text(encoding="utf-8") != original:
                outline.write_text(original, encoding="utf-8")
                time.sleep(1.5)
                _idle(proc.pid)
            result[name] = (statistics.median(times), most)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        outline.write_text(original, encoding="utf-8")
    return result


TYPST_COMPILE = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"


def _typst_text(text: str) -> str:
    """Text as a Typst string literal (never markup)."""
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_report(outline: Path, svgs: list[Path], folder: Path, language: str = "zh-CN") -> Path:
    """A Typst document of the outline's report in ``language``: its title, each slide's title as
    a heading with its report prose, the charts' SVGs as figures, in the bundled CJK font."""
    doc = yaml.safe_load(outline.read_text(encoding="utf-8"))

    def text(value) -> str:
        value = value.get(language, "") if isinstance(value, dict) else (value or "")
        return str(value)

    lines = ['#set page(paper: "a4", margin: 2.2cm, numbering: "1")',
             '#set text(font: "Noto Sans SC", size: 10.5pt, lang: "zh")',
             "#set par(justify: true, leading: 0.9em)", "#set heading(numbering: \"1.\")",
             f"#align(center, text(size: 22pt, weight: \"bold\", {_typst_text(text(doc['title']))[1:]}))",
             "#outline()", "#pagebreak()"]
    figures = iter(svgs)
    for slide in doc.get("slides", []):
        if slide.get("title"):
            lines += ["", "= " + _typst_text(text(slide["title"]))]
        for paragraph in text(slide.get("report")).split("\n\n"):
            if paragraph.strip():
                lines += ["", _typst_text(paragraph.strip())]
        if slide.get("chart") or slide.get("kind") == "chart":
            svg = next(figures, None)
            if svg is not None:
                shutil.copy(svg, folder / svg.name)
                lines += ["", f'#figure(image("{svg.name}", width: 100%))']
    for svg in figures:  # any left over
        shutil.copy(svg, folder / svg.name)
        lines += ["", f'#figure(image("{svg.name}", width: 100%))']
    path = folder / "report.typ"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


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


IMPORTS_OF = """
import sys
from deckbuild.cli import main
sys.argv = ["deckbuild", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("modules:", *sorted(m for m in sys.modules if m.split(".")[0] == "deckbuild"))
"""


def imports_of(argv: list[str], cwd: Path) -> list[str]:
    """deckbuild's modules that ``deckbuild ARGV`` imports (run once, untimed)."""
    proc = subprocess.run([PY, "-c", IMPORTS_OF, *argv], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout.rpartition("modules:")[2].split()


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


# One sentence of the flagship's report prose (old, new): in Chinese, in English; a slide title
# in both languages (in both decks and both reports).
PROSE_ZH = ("贯穿全篇的是一个简单的问题", "贯穿全篇的是一个朴素的问题")
PROSE_EN = ("One question runs through the whole report", "A single question runs through the whole report")
TITLE_BOTH = ("title: {zh-CN: 战略重心从元宇宙转向超级智能, en: Meta has traded the metaverse for superintelligence}",
              "title: {zh-CN: 战略重心由元宇宙转向超级智能, en: Meta has swapped the metaverse for superintelligence}")


def _cpu_after(setup: Fresh, cmd: list[str], cwd: Path) -> float:
    setup()
    cpu, _ = cpu_and_wall(cmd, cwd)
    setup.check()
    return cpu


def typst_anchor(row, deckbuild: list[str], proj: Path, work: Path, runs: int) -> None:
    """The anchor of issue 20: Typst typesetting the flagship's Chinese report prose with the same
    font and the same SVG charts, beside deckbuild's rebuild of that one report (charts cached)."""
    src = work / "typst-src"
    subprocess.run(deckbuild + ["build", "decks/meta-ai-bet.yaml", "--lang", "zh-CN", "--format", "pdf",
                                "--out", str(src)], cwd=proj, check=True, capture_output=True)
    folder = work / "typst"
    folder.mkdir()
    outline = proj / "decks" / "meta-ai-bet.yaml"
    svgs = []  # the report's charts (in the order its slides show them) as SVG, which every typst reads
    for slide in yaml.safe_load(outline.read_text(encoding="utf-8")).get("slides", []):
        name = slide.get("chart")
        if name and not (work / f"{name}.svg").exists():
            subprocess.run(deckbuild + ["chart", f"charts/{name}.yaml", "--deck", str(outline), "--lang", "zh-CN",
                                        "--out", str(work / f"{name}.svg")], cwd=proj, check=True, capture_output=True)
            svgs.append(work / f"{name}.svg")
    doc = typst_report(outline, svgs, folder)
    fonts = str(ROOT / "src" / "deckbuild" / "fonts")
    exe = shutil.which("typst")
    cmd = ([exe, "compile", "--font-path", fonts, str(doc), "report.pdf"] if exe
           else [PY, "-c", TYPST_COMPILE, str(doc), "report.pdf", fonts])
    results = [cpu_and_wall(cmd, folder) for _ in range(runs)]
    from pypdf import PdfReader

    pages = len(PdfReader(str(folder / "report.pdf")).pages)
    cpu, wall = statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)
    row("typst anchor: zh report, CPU", cpu, f"{pages} pages, {len(svgs)} SVG charts, wall {wall:.3f} s"
        + ("" if exe else " (Python package, its import counted)"))
    outline = proj / "decks" / "meta-ai-bet.yaml"
    original = outline.read_text(encoding="utf-8")
    warm = work / "typst-warm"
    shutil.copytree(src, warm, symlinks=True)
    outline.write_text(original.replace(*PROSE_ZH), encoding="utf-8")
    cmd = deckbuild + ["build", "decks/meta-ai-bet.yaml", "--lang", "zh-CN", "--format", "pdf", "--out", str(src)]
    results = []
    for _ in range(runs):
        setup = Fresh(src, warm, ("meta-ai-bet.pdf",))
        setup()
        results.append(cpu_and_wall(cmd, proj))
        setup.check()
    outline.write_text(original, encoding="utf-8")
    typst_cpu = cpu
    pages = len(PdfReader(str(src / "meta-ai-bet.pdf")).pages)
    cpu, wall = statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)
    row("  deckbuild, that report rebuilt, CPU", cpu,
        f"{pages} pages, wall {wall:.3f} s; = {cpu / typst_cpu:.1f} × typst's CPU (an edit, charts cached)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the 1,000-slide decks")
    args = ap.parse_args()
    runs = args.runs
    deckbuild = [PY, "-m", "deckbuild"]
    compiled = _compile_bytecode()
    load = os.getloadavg()
    rows: list[tuple[str, str, str]] = []

    def row(name, seconds, note=""):
        rows.append((name, f"{seconds:.3f}" if isinstance(seconds, float) else str(seconds), note))
        print(f"{name:<44} {rows[-1][1]:>9}  {note}", flush=True)

    with tempfile.TemporaryDirectory(prefix="deckbuild-bench-") as tmp:
        work = Path(tmp)
        proj = work / "flagship"
        shutil.copytree(ROOT, proj, ignore=shutil.ignore_patterns("build", ".venv", ".git", "tests", "bench"))
        out = proj / "build"
        outline = proj / "decks" / "meta-ai-bet.yaml"
        original = outline.read_text(encoding="utf-8")
        zh_pdf, artifacts = "meta-ai-bet.pdf", ("meta-ai-bet.pptx", "meta-ai-bet.pdf", "meta-ai-bet.en.pptx",
                                                  "meta-ai-bet.en.pdf")
        pdfs = tuple(a for a in artifacts if a.endswith(".pdf"))
        pptxs = tuple(a for a in artifacts if a.endswith(".pptx"))

        build_cmd = deckbuild + ["build", "decks/meta-ai-bet.yaml"]
        imports_cmd = [PY, "-c", "import pptx, reportlab.platypus, matplotlib.pyplot, yaml"]
        m = interleaved({"imports": (imports_cmd, None),
                         "pptx": (build_cmd + ["--format", "pptx"], Fresh(out, None, pptxs)),
                         "pdf": (build_cmd + ["--format", "pdf"], Fresh(out, None, pdfs)),
                         "both": (build_cmd, Fresh(out, None, artifacts))}, proj, runs)
        floor, both = m["imports"], m["both"]
        row("import floor (pptx, reportlab, matplotlib, yaml)", floor,
            "python -c 'import pptx, reportlab.platypus, matplotlib.pyplot, yaml'")
        for fmt in ("pptx", "pdf"):
            row(f"flagship cold build, {fmt} (both editions)", m[fmt], f"= {m[fmt] / floor:.2f} × floor")
        row("flagship cold build, pptx+pdf (both editions)", both,
            f"= {both / floor:.2f} × floor (per edition ≈ {both / 2 / floor:.2f} ×)")

        # A rebuild after an edit: each run from a copy of the folder an untimed build of the
        # original outline left (charts and the manifest), the edit saved.
        subprocess.run(build_cmd, cwd=proj, check=True, capture_output=True)
        warm = work / "warm"
        shutil.copytree(out, warm, symlinks=True)
        noop, _ = median(build_cmd, proj, runs, Fresh(out, warm, ()))
        row("no-op rebuild", noop, f"= {noop / floor:.2f} × floor")
        outline.write_text(original.replace(*PROSE_ZH), encoding="utf-8")
        m = interleaved({"imports": (imports_cmd, None), "edit": (build_cmd, Fresh(out, warm, (zh_pdf,)))},
                        proj, runs)
        row("flagship rebuild, one sentence edited", m["edit"],
            f"= {m['edit'] / m['imports']:.2f} × floor (Chinese report prose; charts cached; both editions, pptx+pdf)")
        cpu = statistics.median(_cpu_after(Fresh(out, warm, (zh_pdf,)), build_cmd, proj) for _ in range(runs))
        row("  … its CPU time (user+sys)", cpu)
        outline.write_text(original, encoding="utf-8")
        rss = peak_rss(deckbuild + ["build", "decks/meta-ai-bet.yaml", "--out", str(work / "rss")], proj)
        row("peak RSS, flagship cold build (MB)", rss)

        # watch, timed from outside: each save to the last artifact written
        Fresh(out, warm, ())()
        lat = watch_latencies(deckbuild, proj, out, outline, {"both": TITLE_BOTH, "en": PROSE_EN}, runs)
        for name, label, what in (("both", "watch: a title edited in both languages",
                                   "a slide title in Chinese and English"),
                                  ("en", "watch: one English sentence edited", "one sentence of English report prose")):
            row(label, lat[name][0], f"save → last artifact replaced; {what}: {lat[name][1]} of 4 rewritten")

        if shutil.which("typst") or importlib.util.find_spec("typst"):
            typst_anchor(row, deckbuild, proj, work, runs)
        else:
            row("typst anchor", "skipped", "typst is not installed (pip install typst)")

        pandoc = shutil.which("pandoc")
        sizes = (20, 200) if args.quick else (20, 100, 200, 1000)
        times = {}
        for n in sizes:
            text_deck(work / "text", n)
            cmds = {"deckbuild": (deckbuild + ["build", f"decks/text{n}.yaml", "--format", "pptx", "--out", "o"],
                                  Fresh(work / "text" / "o", None, (f"text{n}.pptx",))),  # never a rebuild
                    "naive": ([PY, "-c", NAIVE, str(n), "naive.pptx"], None)}
            if pandoc:
                cmds["pandoc"] = ([pandoc, f"text{n}.md", "-o", "pandoc.pptx"], None)
            if n == 20:  # the floor under any python-pptx tool: start Python and import what it needs
                cmds["floor"] = ([PY, "-c", "import pptx, yaml"], None)
                # what no build of deckbuild can go below: importing the modules it runs
                mods = imports_of(["build", "decks/text20.yaml", "--format", "pptx", "--out", "imports"],
                                  work / "text")
                cmds["imports"] = ([PY, "-c", "import pptx, yaml\n" + "\n".join(f"import {m}" for m in mods)], None)
            m = interleaved(cmds, work / "text", runs)
            t = times[n] = m["deckbuild"]
            note = f"naive python-pptx loop {m['naive']:.3f} s"
            if pandoc:
                note += f"; pandoc {m['pandoc']:.3f} s; ratio deckbuild/pandoc {t / m['pandoc']:.2f}"
                if "floor" in m:
                    note += f"; above the floor / pandoc {(t - m['floor']) / m['pandoc']:.2f}"
            row(f"{n}-slide text deck, pptx", t, note)
            if "floor" in m:
                row("floor: python -c 'import pptx, yaml'", m["floor"],
                    f"= {m['floor'] / m['pandoc']:.2f} × pandoc's 20-slide build" if pandoc else "")
                imports, naive = m["imports"] - m["floor"], m["naive"] - m["floor"]
                row("  deckbuild's imports above the floor", imports,
                    f"its {len(mods)} modules" + (f" = {imports / m['pandoc']:.2f} × pandoc" if pandoc else ""))
                row("  naive python-pptx loop above the floor", naive,
                    f"= {naive / m['pandoc']:.2f} × pandoc" if pandoc else "")
                if pandoc:
                    row("  lower bound: the two together / pandoc", f"{(imports + naive) / m['pandoc']:.2f}",
                        "what a build that imports deckbuild and writes the slides as the naive loop does "
                        "cannot go below")
        if 1000 in times and 100 in times:
            row("t(1,000 slides) / t(100 slides)", f"{times[1000] / times[100]:.2f}")
            row("peak RSS, 1,000-slide deck (MB)", peak_rss(deckbuild + ["build", "decks/text1000.yaml", "--format",
                                                                        "pptx", "--out", "o2"], work / "text"))
    print(f"\nmedians of {runs} runs; python {sys.version.split()[0]}; {os.cpu_count()} cores; "
          f"deckbuild's {compiled} modules compiled to bytecode first; {time.strftime('%Y-%m-%d %H:%M %Z')}; "
          f"load average at the start {load[0]:.1f}, at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
