"""The report's story: the deck's slides turned into the flowables of an analyst's report
(each slide by its kind's writer in ``slides``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table

from deckbuild.charts.assets import ChartAssets
from deckbuild.diagnostics import Diagnostic, Location, Severity
from deckbuild.model.deck import Bullet, Deck, Rich, Slide, Source, TitleContent
from deckbuild.model.kinds import KINDS
from deckbuild.model.labels import fill
from deckbuild.model.theme import Theme
from deckbuild.render.pdf import markup as mk
from deckbuild.render.pdf.blocks import Balanced, Blocks, Rule, TitleBlock
from deckbuild.render.pdf.chart_forms import ChartForms
from deckbuild.render.pdf.doc import BODY_TEMPLATE, Mark, Marks, contents
from deckbuild.render.pdf.keep import Float, Role, paginate
from deckbuild.render.pdf.styles import BULLET_CHARS, Styles
from deckbuild.render.pdf.wrap import paragraph
from deckbuild.text.ties import tie_last_words

C_contra = TypeVar("C_contra", contravariant=True)

# Paragraph styles that stay with what follows them, and those that stay with what precedes.
HEAD_STYLES = frozenset({"kicker", "h1", "h2", "lead", "front", "label", "figure_title", "table_title"})
TAIL_STYLES = frozenset({"cite", "caption"})


class KindWriter(Protocol[C_contra]):
    """A slide kind's PDF writer (``KindSpec.pdf``): adds the slide to the report's body."""

    def __call__(self, story: StoryBuilder, slide: Slide, content: C_contra, /) -> None: ...


@dataclass
class StoryBuilder(Blocks):
    deck: Deck
    theme: Theme
    styles: Styles
    labels: Mapping[str, str]
    assets: Mapping[str, ChartAssets]
    frame_width: float
    frame_height: float
    story: list[Flowable] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    marks: Marks = field(default_factory=Marks)  # the headings' outline, contents and header entries
    forms: ChartForms = field(default_factory=ChartForms)
    _keys: int = 0
    _section: int = 0
    _subsection: int = 0
    figures: int = 0
    tables: int = 0

    # --- helpers ----------------------------------------------------------------------

    @property
    def cjk(self) -> bool:
        return self.styles.cjk

    @property
    def colon(self) -> str:
        return "：" if self.cjk else ": "

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The slide ids a '#id' link may name: every slide's but a title slide's after the
        first (the report shows only the first, on its title page)."""
        titles = [s for s in self.deck.slides if isinstance(s.content, TitleContent)]
        return frozenset(s.id for s in self.deck.slides if s.id and (s not in titles or s is titles[0]))

    def rich(self, r: Rich) -> str:
        c = self.theme.colors
        return mk.rich(r, link_color=c.accent, code_color=c.primary, code_back=c.surface, anchors=self.anchors)

    def para(self, markup: str, style: ParagraphStyle, bullet: str | None = None) -> Flowable:
        return paragraph(markup, style, bullet)

    def page_break(self) -> None:
        if not (self.story and isinstance(self.story[-1], PageBreak)):
            self.story.append(PageBreak())

    def key(self) -> str:
        self._keys += 1
        return f"h{self._keys}"

    def warn(self, where: Location | None, message: str, code: str) -> None:
        loc = where or self.deck.location or Location(self.deck.name)
        self.diagnostics.append(Diagnostic(loc, Severity.WARNING, message, code))

    def label_markup(self, name: str, n: int) -> str:
        return f"<b>{mk.text(self.labels[name])} {n}{mk.text(self.colon)}</b>"

    def source_note(self, sources: Iterable[Source]) -> str:
        """'Source: Publisher [1]; Other [2]' for a subsection or a figure."""
        parts, seen = [], set()
        for s in sorted(sources, key=lambda s: s.number):
            if s.number in seen:
                continue
            seen.add(s.number)
            name = s.publisher or s.title
            parts.append(f"{mk.text(name)} {mk.citations([s], self.theme.colors.accent)}")
        if not parts:
            return ""
        sep = "；" if self.cjk else "; "
        return mk.text(self.labels["source"] + self.colon) + sep.join(parts)

    # --- front matter -------------------------------------------------------------------

    def title_page(self) -> None:
        d, st = self.deck, self.styles
        title_slide = next((s for s in d.slides if isinstance(s.content, TitleContent)), None)
        opening = (title_slide.content if title_slide and isinstance(title_slide.content, TitleContent)
                   else TitleContent())
        author, date = d.author or opening.author, d.date or opening.date
        subtitle = d.subtitle or (title_slide.subtitle.plain if title_slide else "")
        top: list[Flowable] = [Balanced(paragraph(mk.destination(title_slide.id if title_slide else "")
                                                  + mk.text(tie_last_words(d.title, d.language)), st.title))]
        if subtitle:
            top.append(self.para(mk.text(subtitle), st.subtitle))
        foot = []
        if author:
            foot.append(self.para(f'<font color="{self.theme.colors.muted}">'
                                  f"{mk.text(self.labels['prepared_by'] + self.colon)}</font>"
                                  f"{mk.text(author)}", st.title_meta))
        if date:
            foot.append(self.para(mk.text(date), st.title_meta))
        self.story += [NextPageTemplate(BODY_TEMPLATE), TitleBlock(top, foot, self.theme.colors.accent),
                       PageBreak()]

    def front_heading(self, title: str, in_contents: bool = True) -> None:
        key = self.key()
        h = self.para(mk.text(title), self.styles.front)
        self.story.append(self.marks.add(h, Mark(key, title, mk.text(title) if in_contents else None, 0, title)))
        self.story.append(Rule(self.theme.colors.accent, 1.2, 40, space_after=self.styles.body.fontSize))

    def table_of_contents(self) -> None:
        self.front_heading(self.labels["contents"], in_contents=False)
        self.story += [contents(self.styles), PageBreak()]

    def summary(self) -> None:
        title_slide = next((s for s in self.deck.slides if isinstance(s.content, TitleContent)), None)
        paragraphs = [p for p in self.deck.summary if p]
        if title_slide:
            paragraphs += [p for p in title_slide.report if p]
        if not paragraphs:
            return
        self.front_heading(self.labels["executive_summary"])
        for p in paragraphs:
            self.story.append(self.para(self.rich(p), self.styles.summary))

    # --- headings --------------------------------------------------------------------

    def h1(self, slide: Slide, number: int | None) -> None:
        st = self.styles
        title = slide.title.plain
        self.page_break()
        key = self.key()
        if number is not None:
            kicker = fill("section", self.labels["section"], n=number)
            self.story.append(self.para(mk.text(kicker), st.kicker))
            toc = f"{number}&nbsp;&nbsp;{mk.text(title)}"
            outline = f"{number} {title}"
        else:
            toc, outline = mk.text(title), title
        h = self.para(mk.destination(slide.id) + self.rich(slide.title), st.h1)
        self.story.append(self.marks.add(h, Mark(key, outline, toc, 0, title)))
        self.story.append(Rule(self.theme.colors.accent, 1.2, 40, space_after=st.body.fontSize))
        if slide.subtitle:
            self.story.append(self.para(self.rich(slide.subtitle), st.lead))

    def h2(self, slide: Slide) -> None:
        st = self.styles
        title = slide.title.plain
        key = self.key()
        if self._section:
            self._subsection += 1
            number = f"{self._section}.{self._subsection}"
            markup = (f'{mk.destination(slide.id)}<font color="{self.theme.colors.accent}">{number}</font>&nbsp;&nbsp;'
                      f"{self.rich(slide.title)}")
            toc = f"{number}&nbsp;&nbsp;{mk.text(title)}"
            m = Mark(key, f"{number} {title}", toc, 1)
        else:
            markup = mk.destination(slide.id) + self.rich(slide.title)
            m = Mark(key, title, mk.text(title), 0, title)
        self.story.append(self.marks.add(self.para(markup, st.h2), m))
        if slide.subtitle:
            self.story.append(self.para(self.rich(slide.subtitle), st.lead))

    # --- body ---------------------------------------------------------------------------

    def body(self) -> None:
        """Each slide set for print by its kind's PDF writer (``model.kinds``)."""
        self.page_break()
        for slide in self.deck.slides:
            write: KindWriter[Any] = KINDS[slide.kind].pdf.load()
            write(self, slide, slide.content)

    def part(self, slide: Slide, number: int | None) -> None:
        """A part of the report opened by ``slide``: numbered ``number`` (0: the number after
        the last), or unnumbered when ``number`` is None (the closing part); then its prose."""
        self._section = 0 if number is None else number or self._section + 1
        self._subsection = 0
        self.h1(slide, None if number is None else self._section)
        self.report(slide)

    @contextmanager
    def subsection(self, slide: Slide) -> Iterator[None]:
        """A subsection for ``slide``: its heading and prose, then what the block adds (the
        pagination keeps the heading on the page of what follows it)."""
        self.h2(slide)
        self.report(slide)
        yield

    def report(self, slide: Slide) -> None:
        for p in slide.report:
            if p:
                self.story.append(self.para(self.rich(p), self.styles.body))

    def cite(self, sources: Sequence[Source]) -> None:
        note = self.source_note(sources)
        if note:
            self.story.append(self.para(note, self.styles.cite))

    def bullet_paragraphs(self, bullets: Sequence[Bullet], level: int = 0) -> list[Flowable]:
        out: list[Flowable] = []
        st = self.styles.bullets[min(level, len(self.styles.bullets) - 1)]
        for b in bullets:
            out.append(self.para(self.rich(b.text), st, BULLET_CHARS[level % len(BULLET_CHARS)]))
            out += self.bullet_paragraphs(b.children, level + 1)
        return out

    def key_points(self, bullets: Sequence[Bullet]) -> None:
        if not bullets:
            return
        self.story.append(self.para(mk.text(self.labels["key_points"]), self.styles.label))
        self.story += self.bullet_paragraphs(bullets)
        self.story.append(Spacer(1, self.styles.body.fontSize * 0.4))

    def source_list(self) -> None:
        if not self.deck.sources:
            return
        self.front_heading(self.labels["sources"])
        for s in sorted(self.deck.sources, key=lambda s: s.number):
            parts = [mk.text(s.title.rstrip(". ")) + "."]
            who = ", ".join(x for x in (s.publisher, s.date) if x)
            if who:
                parts.append(mk.text(who) + ".")
            if s.url:
                parts.append(mk.link(mk.text(s.url), s.url, self.theme.colors.accent, self.anchors))
            markup = f'<a name="{mk.source_anchor(s.number)}"/>' + " ".join(parts)
            self.story.append(self.para(markup, self.styles.source, f"[{s.number}]"))

    def role(self, f: Flowable) -> Role | None:
        """What ``f`` is to the pagination (``keep``); None for what it leaves alone (page breaks,
        the contents, the title page)."""
        if isinstance(f, Paragraph):
            name = f.style.name
            return Role.HEAD if name in HEAD_STYLES else Role.TAIL if name in TAIL_STYLES else Role.TEXT
        if isinstance(f, Rule):
            return Role.HEAD
        if isinstance(f, Spacer):
            return Role.SPACE
        if isinstance(f, Float):
            return Role.FLOAT
        if isinstance(f, Table):  # a long table splits by rows; a short one moves whole
            _, h = f.wrap(self.frame_width, self.frame_height)
            return Role.TEXT if h > self.frame_height * 0.4 else Role.SOLID
        return None

    def build(self) -> list[Flowable]:
        """The report's flowables, paginated (``keep``)."""
        self.title_page()
        self.table_of_contents()
        self.summary()
        self.body()
        self.source_list()
        return paginate(self.story, self.role, self.frame_height, self.styles.body.leading)
