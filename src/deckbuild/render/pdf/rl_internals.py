"""The one module that reaches below reportlab's documented API.

reportlab documents flowables, frames, page templates, the canvas, paragraphs and their markup
(``<onDraw>`` included), and the table of contents. The report needs six things it has no
documented way for: breaking Chinese and Japanese paragraphs by their own rules (and justifying
them with character spacing), where on the page a heading was drawn (for the outline), where the
text cursor is inside an ``<onDraw>`` callback (for the contents' leader dots), the entries a
table of contents collected in the previous pass (and, to lay a report out again in one pass,
to start from the entries of its last build), the start of a page's content stream (for the
tagged PDF's artifacts), a paragraph that can be wrapped more than once without changing
its text (the pagination measures before the frame places), and the name under which a page's
resources list a form the canvas drew (to put a chart's drawing into it once the file is
written); and one number reportlab does not document, the room it leaves after a bullet.
Each function below says which internal it uses
and why; the other modules of ``render/pdf`` call these (``tests/test_library_wall.py`` fails
on a reportlab internal used anywhere else).

Checked against reportlab 5.1.0 on CPython 3.11.7: ``CHECKED`` names the release series,
``tests/test_library_wall.py`` fails on another one until this module is checked against it,
and pyproject.toml bounds reportlab to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab import rl_config
from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus.paragraph import Paragraph, ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine  # type: ignore[attr-defined]  # internals: types-reportlab has none
from reportlab.rl_config import _FUZZ

CHECKED = {"reportlab": "5.1"}  # the release series this module was checked against

# reportlab's tolerance when it compares a line's width with the width available (5.1:
# ``rl_config._FUZZ``); the CJK line breaker uses the same, so that it fills lines as reportlab does.
FUZZ: float = _FUZZ


def form_resource_name(name: str) -> str:
    """The key of the form ``name`` (``Canvas.beginForm``/``doForm``) in the ``/XObject``
    dictionary of the resources of each page that draws it, with its slash (5.1:
    ``pdfdoc.xObjectName``, ``FormXob.`` and the name; the canvas lists the forms a page used
    in that page's own resources)."""
    from reportlab.pdfbase.pdfdoc import xObjectName

    return "/" + xObjectName(name)


def frame_y(frame) -> float:
    """The height of ``frame``'s current position, the bottom of the flowable it drew last (5.1:
    ``Frame._y``): where ``afterFlowable`` puts a heading's outline entry."""
    return frame._y


def text_cursor(canvas) -> tuple[float, float]:
    """Where the text being drawn has got to, inside an ``<onDraw>`` callback (5.1: the canvas's
    ``_curr_tx_info``, which reportlab's own table of contents reads for its dots)."""
    info = canvas._curr_tx_info
    return info["cur_x"], info["cur_y"]


def toc_entries(toc) -> list:
    """The (level, text, page, key) entries a table of contents collected in the previous pass
    (5.1: ``TableOfContents._lastEntries``): what it shows in this one."""
    return toc._lastEntries


def seed_toc(toc, entries: Sequence) -> None:
    """Start a table of contents from ``entries``, as if a pass had collected them (5.1:
    ``TableOfContents._entries``, which ``beforeBuild`` moves to ``_lastEntries``): a report
    laid out again with the entries of its last build needs one pass instead of two when they
    still hold (``doc.lay_out``)."""
    toc._entries = list(entries)


def set_toc_table(toc, table) -> None:
    """The table a table of contents draws and splits (5.1: ``TableOfContents._table``, which its
    ``drawOn`` and ``split`` use), for a ``wrap`` that builds it differently."""
    toc._table = table


def page_code(canvas) -> list[str]:
    """The operators drawn on the current page so far, which ``showPage`` writes as its content
    stream (5.1: the canvas's ``_code``; ``addLiteral`` appends to it but cannot put anything
    before what is there): the tagged report opens every page's stream as an artifact."""
    return canvas._code


# The least room reportlab leaves between a paragraph's bullet and its first line, in bullet font
# sizes (5.1: ``_drawBullet`` starts the first line no nearer than this after the bullet, and
# ``_handleBulletWidth`` narrows that line to match, whatever ``leftIndent`` says).
BULLET_GAP: float = 0.6


# --- CJK paragraphs ----------------------------------------------------------------------------


def _set_char_space(canvas, kind, label) -> None:
    """``<onDraw>`` callback: the character spacing from here on (5.1: the canvas's
    ``_curr_tx_info["tx"]``, the text object of the line being drawn)."""
    canvas._curr_tx_info["tx"].setCharSpace(float(label))


class WrapOnce(Paragraph):
    """A Paragraph asked to wrap again at the width of its last wrap returns that wrap, and
    wrapped at another width starts from its fragments as they were parsed.

    5.1: ``Paragraph.breakLines`` replaces ``self.frags`` with the pieces it broke the text
    into (``self.frags = FW``), and breaking those pieces again is not breaking the text: with
    embedded hyphenation a line that ended at a word's own hyphen is measured anew (a centred
    label moved 1.4 pt) or loses the hyphen ('click-through' → 'clickthrough'), and after a
    split that failed (``split`` deletes ``blPara``) or a wrap at another width, words run
    together ('year-overyear'). The pagination (``keep``) measures a paragraph several times
    before the frame places it. A part made by a split (``_splitpara``) keeps the pieces it
    was made of."""

    _kept_width: float | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._parsed = list(self.frags)

    def wrap(self, availWidth, availHeight):
        if availWidth == self._kept_width and "blPara" in self.__dict__:  # (a failed split drops it)
            return self.width, self.height
        if not getattr(self, "_splitpara", 0):
            self.frags = list(self._parsed)
        size = super().wrap(availWidth, availHeight)
        self._kept_width = availWidth if availWidth >= FUZZ else None  # (narrower: no lines made)
        return size


class RuledCJKParagraph(Paragraph):
    """A Paragraph whose CJK lines (``style.wordWrap == 'CJK'``) are broken by ``break_glyphs``
    (characters, widths, maximum widths, forced breaks → (start, end) of each line), and whose
    justified lines spread the leftover width over the gaps between characters in the shares
    ``stretch`` gives them (PDF character spacing, set by zero-width ``<onDraw>`` callbacks where
    it changes).

    5.1: overrides ``Paragraph.breakLinesCJK`` and builds its result with the paragraph module's
    ``_handleBulletWidth``, ``cjkU``, ``makeCJKParaLine`` and ``ParaLines``, as that method does."""

    break_glyphs: Callable[..., list[tuple[int, int]]]  # set by subclasses (static methods)
    is_space: Callable[[str], bool]
    stretch: Callable[[str, str], float]  # the share of a line's leftover width a gap takes
    max_justify_em: float = 0.1  # beyond this extra space per share (em), a line stays ragged
    CALLBACK = "deckbuild-cjk-justify"

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        chars, owners, widths = glyph_entries(frags)
        hard = [hasattr(f, "lineBreak") for f in owners]
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        calc_bounds = auto not in ("", "off")
        justify = style.alignment == TA_JUSTIFY
        spans = self.break_glyphs(chars, widths, maxWidths, hard)
        is_space = self.is_space
        lines = []
        for k, (s, e) in enumerate(spans):
            max_width = maxWidths[min(k, len(maxWidths) - 1)]
            t = e
            while t > s and is_space(chars[t - 1]):
                t -= 1  # trailing spaces take no room
            used = sum(widths[s:t])
            line_break = any(hard[s:e])
            stop = t if t > s else e
            extra = max_width - used
            spacing: list[tuple[int, float]] = []
            if justify:
                last = k == len(spans) - 1 or line_break
                spacing = self.spacing(chars, s, stop, 0.0 if last else extra, style.fontSize)
            run = glyph_runs(chars, owners, s, stop, spacing, self.justify_fragment)
            line = makeCJKParaLine(run, max_width, used, extra, line_break, calc_bounds)
            line.space_after = t < e or (k + 1 < len(spans) and spans[k + 1][0] > e)  # a space was dropped
            lines.append(line)
        return ParaLines(kind=1, lines=lines)

    def _get_split_blParaFunc(self):
        """5.1: ``Paragraph.split`` builds the fragments of both parts of a paragraph split at a page
        or column break with the function this returns. reportlab's ``_split_blParaHard`` appends a
        space to the last word of every line, which is wrong for CJK (a space between two
        characters in the part that goes on) and is drawn, with the line's character spacing, past
        the right edge of the last line the first part keeps (it changes that line's words)."""
        return self.split_lines

    def split_lines(self, blPara, start: int, stop: int) -> list:
        """New fragments for the text of lines ``start`` to ``stop``: their words without the
        justification callbacks (the part is broken and justified anew), with a space where a line
        break dropped one."""
        frags: list = []
        lines = blPara.lines[start:stop]
        for k, line in enumerate(lines):
            for w in line.words:
                if getattr(getattr(w, "cbDefn", None), "name", None) != self.CALLBACK:
                    frags.append(w.clone())
            if k < len(lines) - 1 and getattr(line, "space_after", False):
                text = [f for f in frags if not hasattr(f, "cbDefn")]
                if text:
                    space = text[-1].clone()
                    space.text = " "
                    frags.append(space)
        return frags

    def spacing(self, chars: Sequence[str], start: int, stop: int, extra: float,
                font_size: float) -> list[tuple[int, float]]:
        """Where the character spacing of the line ``chars[start:stop]`` changes: ``extra`` spread
        over the gaps in the shares ``stretch`` gives them (PDF character spacing widens the gap
        after every glyph drawn while it is set), as (index of the first glyph it applies to,
        spacing) in order. The line starts with such a change even when nothing widens (a ragged
        or last line): it resets the spacing of the line before."""
        visible = [i for i in range(start, stop) if chars[i]]
        shares = {i: self.stretch(chars[i], chars[j]) for i, j in zip(visible, visible[1:])}
        total = sum(shares.values())
        unit = extra / total if total and extra > 0 else 0.0
        if unit > self.max_justify_em * font_size:
            unit = 0.0
        out = [(start, 0.0)] if stop > start else []
        current = 0.0
        for i in range(start, stop):
            if i in shares and shares[i] * unit != current:
                current = shares[i] * unit
                out.append((i, current))
        return out

    def justify_fragment(self, like, char_space: float) -> cjkU:
        """A zero-width fragment whose ``<onDraw>`` callback sets the character spacing from here on."""
        f = like.clone()
        f.text = ""
        f.cbDefn = ABag(kind="onDraw", name=self.CALLBACK, label=f"{char_space:.4f}", width=0)
        return cjkU("", f, "utf8")

    def draw(self):
        self.canv.setNamedCB(self.CALLBACK, _set_char_space)
        super().draw()


def glyph_entries(frags: Sequence) -> tuple[list[str], list, list[float]]:
    """A paragraph's fragments as entries for the line breaker: the characters, the fragment
    each comes from, and their widths. A text fragment gives one entry a character; a callback
    or a fragment without text is one entry of its own."""
    chars: list[str] = []
    owners: list = []
    widths: list[float] = []
    for f in frags:
        text = f.text if isinstance(getattr(f, "text", ""), str) else f.text.decode("utf8")
        if text and not hasattr(f, "cbDefn"):
            width: dict[str, float] = {}
            for t in text:
                if t not in width:
                    width[t] = cjkU(t, f, "utf8").width
                chars.append(t)
                owners.append(f)
                widths.append(width[t])
        else:
            g = cjkU(text or "", f, "utf8")
            chars.append(str(g))
            owners.append(f)
            widths.append(g.width)
    return chars, owners, widths


def glyph_runs(chars: Sequence[str], owners: Sequence, start: int, stop: int, spacing: Sequence[tuple[int, float]],
               marker: Callable[[object, float], cjkU]) -> list[cjkU]:
    """The glyphs of the line ``chars[start:stop]`` for ``makeCJKParaLine``: each run of
    characters of one text fragment as one ``cjkU``, with a zero-width marker where the
    character spacing changes. It makes the same words of them as of one glyph per character
    (it joins neighbours whose fragments are alike, never a callback or a line break; a
    callback, a line break and a fragment without text are one glyph each here too), at a
    Python object and a loop step per run instead of per character: 10–16 % of the flagship's
    edit rebuild, about 13 % of ``watch`` after a title edited in both languages
    (``bench/README.md``, round six)."""
    out: list[cjkU] = []
    buf: list[str] = []
    owner, alone = None, True
    changes: dict[int, list[float]] = {}
    for i, value in spacing:
        changes.setdefault(i, []).append(value)

    def flush() -> None:
        if buf:
            out.append(cjkU("".join(buf), owner, "utf8"))
            buf.clear()

    for i in range(start, stop):
        f = owners[i]
        if i in changes:
            flush()
            out.extend(marker(f, value) for value in changes[i])
        if f is not owner:
            flush()
            owner = f
            alone = not chars[i] or "cbDefn" in f.__dict__ or "lineBreak" in f.__dict__
        if alone:
            out.append(cjkU(chars[i], f, "utf8"))
        else:
            buf.append(chars[i])
    flush()
    return out


def overlaps_space() -> bool:
    """Whether a frame lets a flowable's space before overlap the space after the one above it
    (5.1: ``rl_config.overlapAttachedSpace``, which frames read): how a keep measures its parts."""
    return bool(getattr(rl_config, "overlapAttachedSpace", 1))
