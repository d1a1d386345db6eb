"""Each slide kind's checks of craft (``model.kinds`` names them; ``lint`` runs them): too
many bullets, figures without a cited source, a picture without alt text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from deckbuild.diagnostics import Diagnostics, Location
from deckbuild.layout.captions import chart_words, unit_drawn
from deckbuild.layout.slides import clip
from deckbuild.model.deck import (
    Bullet,
    BulletsContent,
    ChartContent,
    ClosingContent,
    ColumnsContent,
    DiagramContent,
    ImageContent,
    QuoteContent,
    SectionContent,
    Slide,
    StatsContent,
    TableContent,
    TitleContent,
)

# A figure: a number with a decimal point, a percent sign, or a CJK/Latin magnitude word;
# bare years (1900–2099) and single digits are not figures.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)+"
                     r"|\d+\s?(?:%|％|亿|万|千|百万|million|billion|thousand|[MBK]\b)"
                     r"|\b(?!(?:19|20)\d\d\b)\d{2,}\b")
# Dates are not figures: "14 May 2027", "May 14, 2027", "14. Mai", "2027-05-14", "2027年5月14日".
_MONTH = (r"(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch|s)?|märz|apr(?:il)?|avr(?:il)?|may|mai"
          r"|jun(?:e|i)?|juin|jul(?:y|i)?|juil(?:let)?|aug(?:ust)?|août|sep(?:t(?:ember|embre)?)?|o[ck]t(?:ober|obre)?"
          r"|nov(?:ember|embre)?|de[cz](?:ember)?|déc(?:embre)?)\.?")
_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th|er)?\.?\s+" + _MONTH + r"(?:\s+\d{4})?(?!\w)"
                   r"|\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b"
                   r"|\b\d{4}-\d{2}(?:-\d{2})?\b"
                   r"|\d{2,4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?|\d{1,2}\s?月\s?\d{1,2}\s?日",
                   re.IGNORECASE)


# A phrase ends at punctuation; one of two or more words, or of four or more CJK characters,
# said twice on a slide is a repeat (a single word or name may recur).
_PHRASE_END = re.compile(r"[·;；:：,，。!?！？()（）\[\]\"“”‘’「」『』《》—–|/]+|\s-\s|\.(?:\s|$)")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _phrases(text: str) -> Iterator[str]:
    for part in _PHRASE_END.split(text):
        phrase = " ".join(part.casefold().split())
        if len(phrase.split()) >= 2 or len(_WIDE.findall(phrase)) >= 4:
            yield phrase


def label(slide: Slide) -> str:
    """'slide 3 "Its title"', as the warnings name a slide."""
    return f'slide {slide.number} "{clip(slide.title.plain)}"'


def bullet_texts(bullets: Iterable[Bullet]) -> Iterator[str]:
    for b in bullets:
        yield b.text.plain
        yield from bullet_texts(b.children)


@dataclass
class SlideLint:
    """The checks a kind's lint function applies to one slide; warnings go to ``diags``."""

    slide: Slide
    location: Location
    max_bullets: int  # the theme's
    diags: Diagnostics

    def bullets(self, count: int) -> None:
        """Warn of a list of more bullets than the theme allows."""
        if count > self.max_bullets:
            self.diags.warning(self.location, f"{label(self.slide)}: {count} bullets, more than the theme allows "
                               f"({self.max_bullets}); split the slide or cut bullets", "too-many-bullets")

    def figures(self, *texts: str) -> None:
        """Warn of figures in the slide's title, subtitle and ``texts`` when it cites no source."""
        if self.slide.sources:
            return
        shown = [_DATE.sub(" ", t) for t in (self.slide.title.plain, self.slide.subtitle.plain, *texts) if t]
        found = list(dict.fromkeys(m.group() for t in shown for m in _FIGURE.finditer(t)))  # each once
        if found:
            self.diags.warning(self.location, f"{label(self.slide)}: figures without a cited source "
                               f"({', '.join(found[:3])}); add 'sources:'", "uncited-figure")

    def repeats(self, *texts: tuple[str, str]) -> None:
        """Warn of a phrase said in two of the slide's texts, ``(what, text)`` pairs: the same
        words in a title, a subtitle, a chart's heading, axis title or caption, or a bullet."""
        seen: dict[str, str] = {}
        found: list[tuple[str, str, str]] = []
        for what, text in texts:
            for phrase in dict.fromkeys(_phrases(text)):
                first = seen.setdefault(phrase, what)
                if first != what and not any(p == phrase for p, _, _ in found):
                    found.append((phrase, first, what))
        if found:
            phrase, first, second = found[0]
            shown = phrase if len(phrase) <= 40 else phrase[:39] + "…"
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            self.diags.warning(self.location, f"{label(self.slide)}: '{shown}' is said in its {first} and again in "
                               f"its {second}{more}; say each thing once", "repeated-text")

    def alt_text(self, alt: str) -> None:
        if not alt.strip():
            self.diags.warning(self.location, f"{label(self.slide)}: image without alt text; add 'alt:'", "no-alt")


def lint_title(lint: SlideLint, slide: Slide, content: TitleContent) -> None:
    lint.figures()


def lint_section(lint: SlideLint, slide: Slide, content: SectionContent) -> None:
    lint.figures()


def lint_bullets(lint: SlideLint, slide: Slide, content: BulletsContent) -> None:
    lint.bullets(len(content.bullets))
    lint.figures(*bullet_texts(content.bullets))


def lint_columns(lint: SlideLint, slide: Slide, content: ColumnsContent) -> None:
    lint.bullets(max(len(content.left.bullets), len(content.right.bullets)))
    lint.figures(*(t for col in (content.left, content.right) for t in (col.heading.plain, *bullet_texts(col.bullets))))


def lint_chart(lint: SlideLint, slide: Slide, content: ChartContent) -> None:
    """Figures on a chart slide are the chart's, which cites its own source."""
    lint.bullets(len(content.bullets))
    chart = content.chart
    words = chart_words(chart, content.caption.plain, on_slide=True)
    lint.repeats(("title", slide.title.plain), ("subtitle", slide.subtitle.plain),
                 ("chart title", chart.title), ("chart subtitle", chart.subtitle if words.subtitle else ""),
                 ("unit", chart.unit if words.unit or unit_drawn(chart, on_slide=True) else ""),
                 ("axis title", chart.x_title),
                 ("value axis title", chart.y_title), ("caption", content.caption.plain if words.caption else ""),
                 *(("bullets", t) for t in bullet_texts(content.bullets)))


def lint_table(lint: SlideLint, slide: Slide, content: TableContent) -> None:
    lint.figures(*(cell.plain for row in (content.table.header, *content.table.rows) for cell in row))


def lint_quote(lint: SlideLint, slide: Slide, content: QuoteContent) -> None:
    lint.figures(content.text.plain)


def lint_stats(lint: SlideLint, slide: Slide, content: StatsContent) -> None:
    lint.figures(*(s.value for s in content.stats), *(s.label.plain for s in content.stats))


def lint_image(lint: SlideLint, slide: Slide, content: ImageContent) -> None:
    lint.figures(content.caption.plain)
    lint.alt_text(content.alt)


def lint_diagram(lint: SlideLint, slide: Slide, content: DiagramContent) -> None:
    lint.figures(content.caption.plain, *content.diagram.texts())


def lint_closing(lint: SlideLint, slide: Slide, content: ClosingContent) -> None:
    lint.bullets(len(content.bullets))
    lint.figures(*bullet_texts(content.bullets))
