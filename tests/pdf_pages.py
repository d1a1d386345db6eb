"""The lines of text on the pages of a built PDF, with where they sit and in which font, for
tests of pagination (headings kept with what follows, widows and orphans, page fill).

Read with pypdf: each text run the page draws, placed by its text and transformation
matrices; runs on one baseline make a line. The text of the charts' drawings is not the
page's: it is left out."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

BULLETS = "•–·"


@dataclass(frozen=True)
class Line:
    """One line of text: its baseline (points from the bottom of the page), the left end of
    its first run, its font size, whether every run of it is set in a bold face, and its text
    (runs joined in the order drawn)."""

    y: float
    x: float
    size: float
    bold: bool
    text: str

    @property
    def squashed(self) -> str:
        return "".join(self.text.split())

    @property
    def bullet(self) -> bool:
        """A line that starts a bulleted item (its bullet is the line's first run)."""
        return self.text[:1] in BULLETS


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]  # top to bottom

    def within(self, bottom: float, top: float) -> list[Line]:
        """The lines whose baselines lie between ``bottom`` and ``top``."""
        return [ln for ln in self.lines if bottom <= ln.y <= top]


def _runs(page) -> list[tuple[float, float, float, bool, str]]:
    runs: list[tuple[float, float, float, bool, str]] = []

    def visit(text, cm, tm, font, size):
        if not text or not text.strip():
            return
        if font and font.get("/Subtype") == "/Type3":
            return  # a chart's labels (its drawing sets them in Type 3 fonts): part of the figure

        a, b, c, d, e, f = cm
        x = tm[4] * a + tm[5] * c + e
        y = tm[4] * b + tm[5] * d + f
        scale = math.sqrt(abs((tm[0] * a + tm[1] * c) * (tm[2] * b + tm[3] * d)
                              - (tm[0] * b + tm[1] * d) * (tm[2] * a + tm[3] * c))) or 1.0
        name = str(font.get("/BaseFont", "")) if font else ""
        for part in text.split("\n"):
            if part.strip():
                runs.append((round(y, 1), x, size * scale, "bold" in name.lower(), part))

    page.extract_text(visitor_text=visit)
    return runs


def read(path: Path) -> list[Page]:
    """Every page of the PDF at ``path`` with its lines."""
    from pypdf import PdfReader

    pages = []
    for n, page in enumerate(PdfReader(str(path)).pages, 1):
        by_y: dict[float, list[tuple[float, float, float, bool, str]]] = {}
        for run in _runs(page):
            key = next((y for y in by_y if abs(y - run[0]) < 1.0), run[0])
            by_y.setdefault(key, []).append(run)
        lines = []
        for y, runs in by_y.items():
            text = "".join(r[4] for r in runs)
            letters = [r for r in runs if r[4].strip(BULLETS + " ")]
            lines.append(Line(y, min(r[1] for r in runs), max(r[2] for r in runs),
                              bool(letters) and all(r[3] for r in letters), text))
        box = page.mediabox
        pages.append(Page(n, float(box.width), float(box.height),
                          tuple(sorted(lines, key=lambda ln: (-ln.y, ln.x)))))
    return pages


# --- checks of pagination ------------------------------------------------------------------------

SENTENCE_END = tuple(".!?:;。！？：；…”’\")）]")


@dataclass(frozen=True)
class Area:
    """A page's text area: its left edge, bottom and top (points), and the body text's size and
    line height, from the theme."""

    left: float
    bottom: float
    top: float
    body: float
    leading: float

    def lines(self, page: Page) -> list[Line]:
        """The lines in the text area (the running header and footer left out)."""
        return page.within(self.bottom - 0.6 * self.body, self.top + 0.2 * self.body)

    def heading(self, line: Line) -> bool:
        """A heading: a line all in bold that starts at the left edge (a stat's value or a table's
        header row does not)."""
        return line.bold and abs(line.x - self.left) < 1.0

    def body_line(self, line: Line) -> bool:
        return not line.bold and abs(line.size - self.body) < 0.3 and abs(line.x - self.left) < 1.0


def stranded_headings(page: Page, area: Area) -> list[str]:
    """Headings with no text below them on their page, or with less than two lines of it when
    they sit in the bottom 15 % of the text area."""
    lines = area.lines(page)
    low = area.bottom + 0.15 * (area.top - area.bottom)
    bad = []
    for i, ln in enumerate(lines):
        if not area.heading(ln):
            continue
        below = [x for x in lines[i + 1:] if not area.heading(x)]
        if not below or (ln.y < low and len(below) < 2):
            bad.append(f"p. {page.number}: {ln.text}")
    return bad


def blocks(lines: list[Line], leading: float) -> list[list[Line]]:
    """Lines grouped into paragraphs and list items: a new block where the gap is wider than the
    line height, or a bullet starts an item."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and not ln.bullet and abs(out[-1][-1].y - ln.y - leading) < 0.5:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def widows_and_orphans(pages: list[Page], area: Area, source_label: str) -> list[str]:
    """Where a page ends or starts badly: a list that runs over the page with one line on either
    side of the break, a paragraph's single line at the foot or head of a page (its other lines
    on the page before or after), a source note opening a page away from its block."""
    bad = []
    for prev, page in zip(pages, pages[1:]):
        above, here = area.lines(prev), area.lines(page)
        if not above or not here:
            continue
        if here[0].text.startswith(source_label):
            bad.append(f"p. {page.number} opens with its source note: {here[0].text}")
        top, foot = blocks(here, area.leading)[0], blocks(above, area.leading)[-1]
        items_top = [b for b in blocks(here, area.leading) if b[0].bullet]
        if here[0].bullet and (above[-1].bullet or not area.body_line(above[-1])) and not area.heading(above[-1]):
            # a list runs over the page: two lines of it at least at its head
            run = 0
            for b in blocks(here, area.leading):
                if not b[0].bullet:
                    break
                run += len(b)
            if run < 2 and items_top:
                bad.append(f"p. {page.number} opens with a lone list item: {here[0].text}")
        if area.body_line(here[0]) and len(top) == 1 and area.body_line(above[-1]) \
                and not above[-1].text.rstrip().endswith(SENTENCE_END):
            bad.append(f"p. {page.number} opens with a paragraph's last line: {here[0].text}")
        if area.body_line(above[-1]) and len(foot) == 1 and area.body_line(here[0]) \
                and not above[-1].text.rstrip().endswith(SENTENCE_END):
            bad.append(f"p. {prev.number} ends with a paragraph's first line: {above[-1].text}")
        if above[-1].bullet and len(foot) == 1 and here[0].bullet:
            run = 0
            for b in reversed(blocks(above, area.leading)):
                if not b[0].bullet:
                    break
                run += len(b)
            if run < 2:
                bad.append(f"p. {prev.number} ends with a lone list item: {above[-1].text}")
    return bad


def filled(png: Path, page: Page, area: Area) -> float:
    """How much of the text area (0 to 1, from its top) holds something, from the page rendered
    to ``png``: down to the lowest ink above the text area's foot."""
    from PIL import Image

    img = Image.open(png).convert("L")
    w, h = img.size
    scale = h / page.height
    floor = area.bottom - 0.6 * area.body  # the footer's rule lies below
    px = img.load()
    for row in range(int((page.height - floor) * scale), -1, -1):
        if any(px[x, row] < 200 for x in range(w)):
            y = page.height - row / scale
            return max(0.0, min(1.0, (area.top - y) / (area.top - area.bottom)))
    return 0.0
