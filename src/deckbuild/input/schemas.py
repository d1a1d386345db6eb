"""The declared schemas of deckbuild's three kinds of input: outlines, chart specs, themes.

Declared once here (a slide's, by its kind, in ``slide_schemas``); the validator, the
compiler and ``deckbuild schema`` all use them.
"""

from __future__ import annotations

from deckbuild.input.schema import Bool, Either, Enum, Field, ListOf, Num, Obj, Str, Tagged
from deckbuild.input.schema_common import (
    COLOR,
    DECIMALS,
    IDENT,
    IDENT_HELP,
    LANG,
    LANG_HELP,
    LINT,
    SCALE,
    TEXT,
    UNITS,
    CalendarDate,
    short_text,
)
from deckbuild.input.yaml_nodes import Mapping
from deckbuild.model.kinds import KINDS, VISUALS_KEY, visual_names

# Text drawn inside a chart (titles, categories, series names, annotations): short, since a
# chart cannot show more, and every glyph of it is drawn as a path in the report.
CHART_TEXT_LIMIT = 300
CHART_TEXT = short_text(CHART_TEXT_LIMIT, f"Text drawn in the chart, at most {CHART_TEXT_LIMIT} characters; "
                        "inline Markdown and {{fact}} references allowed. One string, or one per language.")
# Text repeated on every value of a chart (a number's prefix and suffix): shorter still, so
# that 10,000 data labels cannot multiply it into gigabytes.
AFFIX_LIMIT = 24
AFFIX = short_text(AFFIX_LIMIT, f"Text around every value (e.g. '$', '%', ' bn'), at most {AFFIX_LIMIT} "
                   "characters; one string, or one per language.")

SOURCE = Obj({
    "id": Field(Str(pattern=IDENT, pattern_help=IDENT_HELP), required=True, help="Short id used in 'sources:' lists."),
    "title": Field(TEXT, required=True),
    "publisher": Field(TEXT),
    "date": Field(Str()),
    "url": Field(Str(pattern=r"https?://\S+", pattern_help="use an http:// or https:// URL")),
}, name="source")

FACT = Obj({
    "value": Field(Either([Num(), ListOf(Num(), min_items=2, max_items=2, item_name="bound")],
                          expected="a number or a [low, high] pair"),
                   help="The number in base units (e.g. 66000000000 for 66 billion), or [low, high]. "
                        "Give 'value' or 'formula'."),
    "formula": Field(Str(pattern=r"[A-Za-z0-9_.+\-*/() \t−×÷]+", pattern_help="use numbers, fact names, "
                         "+ - * / and ()"), help="A number derived from other facts, e.g. '1 - hw_fault_share'; "
                         "the source numbers stay typed once."),
    "unit": Field(Enum(UNITS, what="unit"), default="number",
                  help="number: 1,234.5; compact: 660亿 / 66 billion; percent: 0.604 → 60.4%; "
                       "usd: compact with currency; multiple: 3×; year: 2025 (no separators)."),
    "decimals": Field(DECIMALS, help="Decimals to show, e.g. 1, or per language, e.g. {en: 1, ja: 0}; by default a "
                           "fact shows the digits it was given."),
    "signed": Field(Bool(), default=False, help="Show + before positive numbers."),
}, name="fact", help="A number typed once and referenced as {{name}} in any text.")

# The key that identifies a slide kind when 'kind' is omitted.
_KIND_KEYS = {spec.key: spec.kind.value for spec in KINDS.values() if spec.key is not None}


def infer_kind(node: Mapping) -> str | None:
    """A slide's kind from its content keys when exactly one kind fits."""
    kinds = {kind for key, kind in _KIND_KEYS.items() if key in node}
    return kinds.pop() if len(kinds) == 1 else None


SLIDE = Tagged("kind", {spec.kind.value: spec.schema.load() for spec in KINDS.values()}, what="slide kind",
               infer=infer_kind, inferable=tuple(sorted(set(_KIND_KEYS.values()))))

OUTLINE = Obj({
    "title": Field(TEXT, required=True, help="Title of the deck and the report."),
    "subtitle": Field(TEXT),
    "author": Field(TEXT),
    "date": Field(CalendarDate(), help="The deck's date (YYYY-MM-DD, YYYY-MM or YYYY), shown in each edition's "
                  "language on the title slide and pages, and stamped on the artifacts unless "
                  "SOURCE_DATE_EPOCH is set."),
    "language": Field(Str(pattern=LANG, pattern_help=LANG_HELP), default="en",
                      help="Language of the main edition (BCP 47), e.g. zh-CN."),
    "translations": Field(ListOf(Str(pattern=LANG, pattern_help=LANG_HELP), item_name="language"),
                          help="More editions: each language here gets NAME.LANG.pptx/.pdf."),
    "theme": Field(Str(pattern=IDENT, pattern_help=IDENT_HELP), default="default",
                   help="A theme in templates/NAME/theme.yaml, or a built-in theme."),
    "labels": Field(Obj(extra=Obj(extra=Str(), name="labels"), key_pattern=LANG, key_help=LANG_HELP, name="labels"),
                    help="Override the words deckbuild prints (contents, sources, …) per language."),
    "sources": Field(ListOf(SOURCE, item_name="source")),
    "facts": Field(Obj(extra=FACT, key_pattern=IDENT, key_help=IDENT_HELP, name="facts")),
    "summary": Field(TEXT, help="Executive summary for the report; blank lines separate paragraphs."),
    "slides": Field(ListOf(SLIDE, min_items=1, item_name="slide"), required=True),
    "lint": Field(LINT),
}, name="outline", help="A deckbuild outline (format version 1).")

# --- chart specs ------------------------------------------------------------------------

VALUE = Either([Num(), Str(pattern=r"\$" + IDENT + r"(\.(low|high|mid))?",
                           pattern_help="use a number or a fact reference such as $capex.low")],
               expected="a number or a $fact reference")
SCALE_FIELD = Field(SCALE, help="Divide values by this for display (per language allowed), e.g. {zh-CN: 1e8, en: 1e9}.")
NUMBER_FORMAT = Field(Obj({"decimals": Field(Num(integer=True, minimum=0, maximum=6)), "prefix": Field(AFFIX),
                           "suffix": Field(AFFIX),
                           "signed": Field(Bool(), default=False, help="'+' before positive values.")},
                          name="number format"))
SERIES = Obj({
    "name": Field(CHART_TEXT, required=True),
    "values": Field(ListOf(VALUE, item_name="value"), help="One value per category (y values for scatter)."),
    "column": Field(Str(), help="With 'csv': the CSV column holding the values."),
    "x": Field(ListOf(Num(), item_name="x value"), help="Scatter: x values."),
    "x_column": Field(Str(), help="Scatter with 'csv': the CSV column holding x values."),
    "secondary": Field(Bool(), default=False, help="Combo: draw as a line on the secondary axis."),
    "scale": Field(SCALE, help="This series' own 'scale' (a combo's line in other units), else the chart's."),
    "format": Field(NUMBER_FORMAT.type, help="This series' own number format (its labels and, for a combo's "
                    "lines, the secondary axis), else the chart's."),
}, name="series")

CHART = Obj({
    "title": Field(CHART_TEXT, required=True),
    "subtitle": Field(CHART_TEXT),
    "kind": Field(Enum(["column", "bar", "line", "area", "pie", "donut", "scatter", "range", "magnitude",
                        "combo", "scorecard"], what="chart kind"), required=True),
    "unit": Field(CHART_TEXT, help="Unit of the values as displayed, e.g. {zh-CN: 亿美元, en: billion USD}."),
    "scale": SCALE_FIELD,
    "format": NUMBER_FORMAT,
    "categories": Field(ListOf(CHART_TEXT, item_name="category")),
    "series": Field(ListOf(SERIES, min_items=1, item_name="series")),
    "csv": Field(Str(), help="A CSV file beside the spec; use with 'category_column' and series 'column'."),
    "category_column": Field(Either([Str(), Obj(extra=Str(), key_pattern=LANG, key_help=LANG_HELP,
                                                name="category columns")],
                                    expected="a column name, or one per language"),
                             help="The CSV column of the categories; or one column per language, e.g. "
                                  "{zh-CN: 名称, en: name}, so each edition shows its own."),
    "source": Field(Str(pattern=IDENT, pattern_help=IDENT_HELP), help="Id of a source in the deck."),
    "alt": Field(TEXT, help="Alt text; generated from the data when absent."),
    "annotations": Field(ListOf(Obj({"text": Field(CHART_TEXT, required=True), "category": Field(CHART_TEXT),
                                     "x": Field(Num()), "y": Field(Num())}, name="annotation"),
                                item_name="annotation")),
    "data_labels": Field(Bool(), default=True),
    "highlight": Field(CHART_TEXT, help="A category drawn in the accent colour."),
    "sort": Field(Enum(["none", "asc", "desc"], what="sort order"), default="none"),
    "reference_line": Field(Obj({"value": Field(VALUE, required=True), "label": Field(CHART_TEXT)},
                                name="reference line")),
    "x_title": Field(CHART_TEXT), "y_title": Field(CHART_TEXT), "y2_title": Field(CHART_TEXT),
    "legend": Field(Enum(["bottom", "top", "right", "none"], what="legend position"), default="bottom"),
    "stacked": Field(Either([Bool(), Enum(["percent"])], expected="true, false or 'percent'"), default=False),
    "log_scale": Field(Bool(), default=False),
    "native": Field(Bool(), default=True, help="false: a picture in the deck even where PowerPoint has the kind."),
    "max": Field(Num(), help="Fixed top of the value axis (scorecard: the top of the scale)."),
    "palette": Field(ListOf(Str(pattern=COLOR, pattern_help="use a colour such as '#0072B2'"), item_name="colour"),
                     help="Override the theme's palette for this chart."),
}, name="chart spec", help="A deckbuild chart spec: charts/NAME.yaml.")

# --- themes -----------------------------------------------------------------------------


def _group(fields: dict, name: str) -> Obj:
    return Obj({k: Field(t) for k, t in fields.items()}, name=name)


_VISUALS = ", ".join(visual_names()[:-1]) + " and " + visual_names()[-1]
_COLOR = Str(pattern=COLOR, pattern_help="use a colour such as '#1B2A41'")
_PT = Num(minimum=0)
_TYPEFACE = Str(pattern=r"^[^\x00-\x1f\x7f<>&\"';]{1,63}$",
                pattern_help="use a font's family name of up to 63 characters, e.g. 'Calibri'")
THEME = Obj({
    "name": Field(Str()),
    "fonts": Field(Obj({
        "family": Field(Str()), "regular": Field(Str()), "bold": Field(Str()),
        "deck": Field(Obj({
            "latin": Field(_TYPEFACE, help="The deck's typeface for Latin text, e.g. Calibri (one Office ships)."),
            "east_asian": Field(_TYPEFACE, help="The deck's typeface for Chinese, Japanese and Korean text; "
                                                "default: Office's for the deck's language (Microsoft YaHei "
                                                "for zh-CN)."),
            "heading_latin": Field(_TYPEFACE, help="Titles' Latin typeface (default: latin)."),
            "heading_east_asian": Field(_TYPEFACE, help="Titles' East Asian typeface (default: east_asian)."),
            "measure": Field(Obj(extra=Obj({"regular": Field(Str(), required=True),
                                            "bold": Field(Str(), required=True)},
                                           name="font files"), key_help="name a typeface"),
                             help="Typeface → the .ttf files its text is measured with, for a face deckbuild "
                                  "does not know, e.g. {Verdana: {regular: verdana.ttf, bold: verdanab.ttf}}."),
        }, name="deck fonts"), help="The typefaces the PowerPoint deck names (docs/fonts.md)."),
        "report": Field(Obj({
            "latin": Field(_TYPEFACE, required=True, help="The text face's family name, e.g. Source Serif Pro."),
            **{style: Field(Str(), required=True, help=f"Its {style.replace('_', ' ')} .ttf file.")
               for style in ("regular", "bold", "italic", "bold_italic")},
        }, name="report fonts"), help="The report's text face in Latin-script editions (English, German …), "
                                      "with real italics; characters it lacks are set in 'family' "
                                      "(docs/fonts.md)."),
        "scripts": Field(Obj({
            script: Field(Obj({"family": Field(_TYPEFACE, required=True), "regular": Field(Str(), required=True),
                               "bold": Field(Str(), required=True)}, name=f"{script} fonts"),
                          help=f"The family of {language} editions.")
            for script, language in (("Jpan", "Japanese"), ("Hang", "Korean"), ("Hant", "Traditional Chinese"),
                                     ("Hans", "Simplified Chinese"))
        }, name="script fonts"), help="The report's and the charts' family for editions in a CJK script, in its "
                                      "glyph forms, e.g. {Jpan: {family: Noto Sans JP, regular: …, bold: …}}."),
    }, name="fonts"), help="'builtin:FILE' names a bundled font; other paths are relative to the theme folder."),
    "labels": Field(Obj(extra=Obj(extra=Str(), name="labels"), key_pattern=LANG, key_help=LANG_HELP, name="labels"),
                    help="The words deckbuild prints (contents, sources, …) per language, for every deck on this "
                         "theme; an outline's own 'labels:' win."),
    "colors": Field(_group({"primary": _COLOR, "accent": _COLOR, "text": _COLOR, "muted": _COLOR,
                            "background": _COLOR, "surface": _COLOR,
                            "palette": ListOf(_COLOR, min_items=2, item_name="colour")}, "colors")),
    "slide": Field(_group({"width": _PT, "height": _PT, "margin": _PT, "title_size": _PT, "subtitle_size": _PT,
                           "body_size": _PT, "body_min": _PT, "small_size": _PT, "stat_size": _PT,
                           "max_bullets": Num(integer=True, minimum=1)}, "slide")),
    "page": Field(_group({"size": Enum(["A4", "letter"], what="page size"), "margin": _PT, "body_size": _PT,
                          "leading": Num(minimum=1, maximum=3), "h1_size": _PT, "h2_size": _PT,
                          "caption_size": _PT}, "page")),
    "chart": Field(_group({"font_size": _PT, "title_size": _PT, "gridlines": Bool(), "grid_color": _COLOR}, "chart")),
    "pptx": Field(Obj({
        "template": Field(Str(), required=True,
                          help="A company template (.pptx or .potx) relative to the theme folder: the deck uses its "
                               "slide size, masters, layouts, placeholders, theme colours and fonts."),
        "layouts": Field(_group({**{kind.value: Str() for kind in KINDS}, VISUALS_KEY: Str()}, "layouts"),
                         help="Slide kind → the template's layout name, where the default names do not fit; "
                              f"'{VISUALS_KEY}' sets {_VISUALS} at once."),
    }, name="pptx"), help="Build the deck on a company PowerPoint template."),
}, name="theme", help="A deckbuild theme: templates/NAME/theme.yaml.")
