"""The schema of each slide kind: the keys every slide may have, and each kind's own
(``model.kinds`` names them; ``schemas.SLIDE`` gathers them)."""

from __future__ import annotations

from deckbuild.input.schema import Bool, Branch, Either, Enum, Field, ListOf, Num, Obj, Str, Tagged, Type
from deckbuild.input.schema_common import (
    BULLETS,
    DECIMALS,
    IDENT,
    IDENT_HELP,
    LANG,
    LANG_HELP,
    LINT,
    SCALE,
    TEXT,
    UNITS,
)

COMMON = {
    "kind": Field(Str()),
    "title": Field(TEXT, help="The slide's action title: the takeaway in one sentence."),
    "subtitle": Field(TEXT),
    "notes": Field(TEXT, help="Speaker notes (into the PPTX notes page)."),
    "report": Field(TEXT, help="Narrative prose for the PDF report only; blank lines separate paragraphs."),
    "sources": Field(ListOf(Str(), item_name="source id"), help="Ids from the deck's 'sources' list."),
    "id": Field(Str(pattern=IDENT, pattern_help=IDENT_HELP), help="Optional stable id of the slide."),
    "lint": Field(LINT),
}


def _slide(name: str, required: dict[str, Type] | None = None, optional: dict[str, Type] | None = None,
           title_required: bool = True) -> Obj:
    fields = dict(COMMON)
    if title_required:
        fields["title"] = Field(TEXT, required=True, help=COMMON["title"].help)
    for k, t in (required or {}).items():
        fields[k] = Field(t, required=True)
    for k, t in (optional or {}).items():
        fields[k] = Field(t)
    return Obj(fields, name=f"{name} slide")


COLUMN = Obj({"heading": Field(TEXT, required=True), "bullets": Field(BULLETS, required=True)}, name="column")
# A table's bounds: more than a slide can show, and what its fitting measures in about 3 s
# at most (docs/security.md, "Limits").
MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TABLE_TEXT = 30, 100, 20_000
ALIGNS = ("left", "center", "right", "decimal")
# A column of a table read from a CSV file: which CSV column, and how its cells are shown.
TABLE_COLUMN = Obj({
    "column": Field(Either([Str(allow_empty=False), Obj(extra=Str(allow_empty=False), key_pattern=LANG,
                                                        key_help=LANG_HELP, name="columns per language")],
                           expected="a column name, or one per language"), required=True,
                    help="The CSV column, by the name on the CSV's first line; or one per language, e.g. "
                         "{en: name_en, ja: name_ja}, so that each edition shows its own."),
    "header": Field(TEXT, help="The column's header; by default the CSV's name of the column."),
    "format": Field(Enum(UNITS, what="number format"),
                    help="Show the cells as numbers, as facts of this 'unit' print (per edition's language): "
                         "number: 1,234.5; compact: 66 billion / 660亿; percent: 0.604 → 60.4%; usd: compact with "
                         "currency, or with 'scale' $1,234.5; multiple: 3×; year: 2025. Every cell must then be a "
                         "number (or empty). Without 'format' cells are shown as written."),
    "scale": Field(SCALE, help="Divide the numbers by this for display (per language allowed), e.g. 1e6 to show "
                              "millions; say the unit in the header."),
    "decimals": Field(DECIMALS, help="Decimals to show, or per language; by default the most any cell of the "
                                     "column has, so the column lines up."),
    "signed": Field(Bool(), default=False, help="Show + before positive numbers."),
    "align": Field(Enum(ALIGNS, what="alignment"),
                   help="left, center, right, or decimal (numbers lined up on the decimal sign); by default "
                        "right for numbers, left for text."),
}, name="table column")
COLUMN_SPEC = Either([Str(allow_empty=False), TABLE_COLUMN], expected="a column name, or a mapping with 'column'")
_INLINE_OR_CSV = ("a table's cells are written inline ('header', 'rows') or read from a CSV file ('csv', "
                  "'columns'), not both; drop one")
TABLE = Obj({
    "header": Field(ListOf(TEXT, min_items=1, max_items=MAX_TABLE_COLUMNS, item_name="header cell"),
                    help="The header cells, with 'rows'."),
    "rows": Field(ListOf(ListOf(TEXT, max_items=MAX_TABLE_COLUMNS, item_name="cell"), min_items=1,
                         max_items=MAX_TABLE_ROWS, item_name="row"), help="The rows of cells, with 'header'."),
    "csv": Field(Str(allow_empty=False), help="A CSV file to read the table from instead of 'header' and 'rows', "
                 "relative to the outline; its first line names the columns. Cells are text as written, never "
                 "formulas or markup."),
    "columns": Field(ListOf(COLUMN_SPEC, min_items=1, max_items=MAX_TABLE_COLUMNS, item_name="column"),
                     help="With 'csv': the columns to show, in order, each a name or {column, header, format, "
                          "scale, decimals, signed, align}; by default every column as written."),
    "widths": Field(ListOf(Num(minimum=0.01), item_name="width"), help="Relative column widths."),
    "align": Field(ListOf(Enum(ALIGNS, what="alignment"), min_items=1, max_items=MAX_TABLE_COLUMNS,
                          item_name="alignment"),
                   help="With 'rows': each column's alignment, left, center, right or decimal (numbers lined up "
                        "on the decimal sign); by default right for a column of numbers, left for text."),
}, name="table", moved={"caption": "'caption' belongs to the slide: move it out of 'table:', level with it"},
    branches=(Branch("rows", needs=("header",), only=("align",), fix=_INLINE_OR_CSV),
              Branch("csv", only=("columns",),
                     fix="a table read from a CSV file takes its headers from the CSV's first line, and "
                         "headers and alignments from 'columns:' as {column: NAME, header: TEXT, align: right}; "
                         "drop it")))
STAT = Obj({"value": Field(TEXT, required=True, help="The big number, usually a {{fact}}."),
            "label": Field(TEXT, required=True)}, name="stat")

# A diagram's bounds: what a slide shows at the theme's body size and up.
MAX_LAYERS, MAX_STACKS, MAX_FLOW = 6, 3, 6
DIAGRAM_ITEM = Either([Obj({
    "text": Field(TEXT, required=True, help="The box's text."),
    "note": Field(TEXT, help="A second line in lighter type."),
    "highlight": Field(Bool(), default=False, help="In the accent colour: the box the slide is about."),
    "muted": Field(Bool(), default=False, help="In the surface colour with an outline: context, someone else's."),
    "absent": Field(Bool(), default=False, help="A dashed outline only: what is missing."),
}, name="diagram item"), TEXT], expected="a string, or a mapping with 'text'")


def _items(least: int, most: int, help: str, required: bool = True) -> Field:
    return Field(ListOf(DIAGRAM_ITEM, min_items=least, max_items=most, item_name="diagram item"), required, help=help)


STACK = Obj({"heading": Field(TEXT, help="Over the stack, e.g. who owns it."), "note": Field(TEXT),
             "items": _items(1, MAX_LAYERS, "The layers, top first.")}, name="stack")
DIAGRAM = Tagged("layout", {
    "layers": Obj({"items": _items(1, MAX_LAYERS, f"One stack of layers, top first (at most {MAX_LAYERS}).",
                                   required=False),
                   "stacks": Field(ListOf(STACK, min_items=1, max_items=MAX_STACKS, item_name="stack"),
                                   help=f"Stacks side by side (at most {MAX_STACKS}), each with 'items'; "
                                        "instead of 'items'.")}, name="layers diagram"),
    "flow": Obj({"items": _items(2, MAX_FLOW, f"Boxes left to right with an arrow between each two "
                                 f"(2 to {MAX_FLOW}).")}, name="flow diagram"),
    "matrix": Obj({"items": _items(4, 4, "Four boxes: top left, top right, bottom left, bottom right."),
                   "axes": Field(Obj({"x": Field(TEXT, required=True, help="What grows to the right."),
                                      "y": Field(TEXT, required=True, help="What grows upwards.")},
                                     name="axes"), required=True)}, name="matrix diagram"),
}, what="diagram layout", help="Boxes drawn as shapes: 'layers', 'flow' or a 2×2 'matrix'.")

TITLE_SLIDE = _slide("title", title_required=False)
SECTION_SLIDE = _slide("section")
BULLETS_SLIDE = _slide("bullets", {"bullets": BULLETS})
COLUMNS_SLIDE = _slide("columns", {"left": COLUMN, "right": COLUMN})
CHART_SLIDE = _slide("chart", {"chart": Str(pattern=IDENT, pattern_help="name a file charts/NAME.yaml")},
                     {"caption": TEXT, "bullets": BULLETS})
TABLE_SLIDE = _slide("table", {"table": TABLE}, {"caption": TEXT})
QUOTE_SLIDE = _slide("quote", {"quote": TEXT}, {"attribution": TEXT})
STATS_SLIDE = _slide("stats", {"stats": ListOf(STAT, min_items=2, max_items=4, item_name="stat")})
IMAGE_SLIDE = _slide("image", {"image": Str(), "alt": TEXT}, {"caption": TEXT})
DIAGRAM_SLIDE = _slide("diagram", {"diagram": DIAGRAM}, {"alt": TEXT, "caption": TEXT})
CLOSING_SLIDE = _slide("closing", optional={"bullets": BULLETS})
