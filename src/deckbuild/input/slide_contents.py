"""Each slide kind's content compiled from its YAML for one edition (``model.kinds`` names
these functions; ``editions`` calls them)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckbuild.input.outline import Outline
from deckbuild.input.slide_schemas import MAX_TABLE_TEXT
from deckbuild.input.texts import Texts
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, items_of
from deckbuild.model.deck import (
    Bullet,
    BulletsContent,
    ChartContent,
    ClosingContent,
    Column,
    ColumnsContent,
    DiagramContent,
    ImageContent,
    QuoteContent,
    SectionContent,
    Source,
    Stat,
    StatsContent,
    Table,
    TableContent,
    TitleContent,
)


@dataclass(frozen=True)
class SlideInput:
    """What compiling one slide's content may use."""

    outline: Outline
    node: Mapping  # the slide
    texts: Texts  # the edition's
    sources: dict[str, Source]  # the deck's sources by id
    ordinal: int  # 1 for the deck's first slide of this kind, 2 for the second, …

    def get(self, key: str) -> AnyNode | None:
        return self.node.get(key)

    def bullets(self, key: str = "bullets") -> tuple[Bullet, ...]:
        return bullets(self.node.get(key), self.texts)


def bullets(node: AnyNode | None, texts: Texts) -> tuple[Bullet, ...]:
    """Bullets written as strings, or as ``{text, bullets}`` for sub-bullets."""
    out = []
    for item in items_of(node):
        if isinstance(item, Mapping) and "text" in item:
            out.append(Bullet(texts.rich(item.get("text")), bullets(item.get("bullets"), texts)))
        else:
            out.append(Bullet(texts.rich(item)))
    return tuple(out)


def compile_title(s: SlideInput) -> TitleContent:
    deck = s.outline.node
    return TitleContent(s.texts.plain(deck.get("author")), s.texts.date(deck.get("date")))


def compile_section(s: SlideInput) -> SectionContent:
    return SectionContent(s.ordinal)


def compile_bullets(s: SlideInput) -> BulletsContent:
    return BulletsContent(s.bullets())


def compile_columns(s: SlideInput) -> ColumnsContent:
    left, right = (Column(s.texts.rich(c.get("heading")), bullets(c.get("bullets"), s.texts))
                   for c in (s.get("left"), s.get("right")) if isinstance(c, Mapping))
    return ColumnsContent(left, right)


def compile_chart(s: SlideInput) -> ChartContent | None:
    from deckbuild.input.chart_spec import resolve  # decks without charts never load it

    ref = s.get("chart")
    assert isinstance(ref, Scalar)  # validated, and its spec loaded with the outline
    theme = s.outline.theme.for_language(s.texts.language)  # the edition's fonts draw its charts
    chart = resolve(s.outline.charts[str(ref.value)], s.texts, s.sources, theme.digest, ref.loc)
    return ChartContent(chart, s.texts.rich(s.get("caption")), s.bullets()) if chart else None


def compile_table(s: SlideInput) -> TableContent | None:
    texts, t = s.texts, s.get("table")
    assert isinstance(t, Mapping)
    if t.get("csv") is not None:
        from deckbuild.input.table_csv import csv_table  # decks without CSV tables never load it

        read = csv_table(t, s.outline, texts)
        if read is None:
            return None
        table, columns = read
    else:
        header = tuple(texts.rich(c) for c in items_of(t.get("header")))
        rows = []
        for r in items_of(t.get("rows")):
            cells = tuple(texts.rich(c) for c in items_of(r))
            if len(cells) != len(header):
                texts.diags.error(r.loc, f"row has {len(cells)} cells but the header has {len(header)}", "table-row")
            rows.append(cells)
        table, columns = Table(header, tuple(rows)), len(header)
        align = tuple(str(a.value) for a in items_of(t.get("align")) if isinstance(a, Scalar))
        if align and len(align) != columns:
            texts.diags.error(t.key_loc("align"), f"'align' has {len(align)} entries but the table has {columns} "
                              "columns; give one per column", "table-align")
        elif align:
            from deckbuild.input.table_csv import decimal_sign, with_tails

            table = with_tails(replace(table, align=align), [decimal_sign(texts.language)] * columns)
    text = sum(len(c.plain) for c in table.header) + sum(len(c.plain) for r in table.rows for c in r)
    if text > MAX_TABLE_TEXT:
        texts.diags.error(t.loc, f"the table holds {text} characters of text, over the limit of {MAX_TABLE_TEXT}; "
                          "a slide shows far less: shorten its cells, or split it over several slides", "table-size")
    widths = tuple(float(w.value) for w in items_of(t.get("widths")) if isinstance(w, Scalar))
    if widths and columns and len(widths) != columns:
        texts.diags.error(t.key_loc("widths"), f"'widths' has {len(widths)} entries but the table has "
                          f"{columns} columns", "table-widths")
    return TableContent(replace(table, column_widths=widths), texts.rich(s.get("caption")))


def compile_quote(s: SlideInput) -> QuoteContent:
    return QuoteContent(s.texts.rich(s.get("quote")), s.texts.plain(s.get("attribution")))


def compile_stats(s: SlideInput) -> StatsContent:
    return StatsContent(tuple(Stat(s.texts.plain(st.get("value")), s.texts.rich(st.get("label")))
                              for st in items_of(s.get("stats")) if isinstance(st, Mapping)))


def compile_image(s: SlideInput) -> ImageContent:
    ref = s.get("image")
    assert isinstance(ref, Scalar)
    path, _ = s.outline.project.resolve(str(ref.value), s.outline.path.parent)
    assert path is not None  # checked when the outline loaded
    return ImageContent(path, s.texts.plain(s.get("alt"), drawn=False), s.texts.rich(s.get("caption")))


def compile_diagram(s: SlideInput) -> DiagramContent:
    from deckbuild.input.diagram import compile_diagram_node, describe  # decks without diagrams never load it

    node = s.get("diagram")
    assert isinstance(node, Mapping)  # validated
    diagram = compile_diagram_node(node, s.texts)
    alt = s.texts.plain(s.get("alt"), drawn=False) or describe(diagram, s.texts.language)
    return DiagramContent(diagram, alt, s.texts.rich(s.get("caption")))


def compile_closing(s: SlideInput) -> ClosingContent:
    return ClosingContent(s.bullets())
