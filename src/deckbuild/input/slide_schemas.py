"""The schema of each slide kind: the keys every slide may have, and each kind's own
(``model.kinds`` names them; ``schemas.SLIDE`` gathers them)."""

from __future__ import annotations

from deckbuild.input.schema import Bool, Either, Field, ListOf, Num, Obj, Str, Tagged, Type
from deckbuild.input.schema_common import BULLETS, IDENT, IDENT_HELP, LINT, TEXT

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
TABLE = Obj({
    "header": Field(ListOf(TEXT, min_items=1, max_items=MAX_TABLE_COLUMNS, item_name="header cell"), required=True),
    "rows": Field(ListOf(ListOf(TEXT, max_items=MAX_TABLE_COLUMNS, item_name="cell"), min_items=1,
                         max_items=MAX_TABLE_ROWS, item_name="row"), required=True),
    "widths": Field(ListOf(Num(minimum=0.01), item_name="width"), help="Relative column widths."),
}, name="table")
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
