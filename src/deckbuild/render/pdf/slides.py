"""Each slide kind in the report (``model.kinds`` names these writers): a section slide
opens a numbered part, the closing slide an unnumbered one, and every other slide but the
title slide (which the title page shows) is a subsection with its content set for print."""

from __future__ import annotations

from deckbuild.model.deck import (
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
from deckbuild.render.pdf.story import StoryBuilder


def write_title(story: StoryBuilder, slide: Slide, content: TitleContent) -> None:
    """Nothing in the body: the title page, and the summary, show the first title slide."""


def write_section(story: StoryBuilder, slide: Slide, content: SectionContent) -> None:
    story.part(slide, content.number)


def write_bullets(story: StoryBuilder, slide: Slide, content: BulletsContent) -> None:
    with story.subsection(slide):
        story.key_points(content.bullets)
        story.cite(slide.sources)


def write_columns(story: StoryBuilder, slide: Slide, content: ColumnsContent) -> None:
    with story.subsection(slide):
        story.columns(content)
        story.cite(slide.sources)


def write_chart(story: StoryBuilder, slide: Slide, content: ChartContent) -> None:
    with story.subsection(slide):
        story.chart(slide, content)
        story.key_points(content.bullets)


def write_table(story: StoryBuilder, slide: Slide, content: TableContent) -> None:
    with story.subsection(slide):
        story.table(slide, content)


def write_quote(story: StoryBuilder, slide: Slide, content: QuoteContent) -> None:
    with story.subsection(slide):
        story.quote(content)
        story.cite(slide.sources)


def write_stats(story: StoryBuilder, slide: Slide, content: StatsContent) -> None:
    with story.subsection(slide):
        story.stats(content)
        story.cite(slide.sources)


def write_image(story: StoryBuilder, slide: Slide, content: ImageContent) -> None:
    with story.subsection(slide):
        story.image(slide, content)


def write_diagram(story: StoryBuilder, slide: Slide, content: DiagramContent) -> None:
    from deckbuild.render.pdf.diagram import diagram_block  # reports without diagrams never load it

    with story.subsection(slide):
        story.story.append(diagram_block(story, slide, content))


def write_closing(story: StoryBuilder, slide: Slide, content: ClosingContent) -> None:
    story.part(slide, None)
    story.key_points(content.bullets)
    story.cite(slide.sources)
