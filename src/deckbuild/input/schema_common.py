"""The value types every schema shares: language tags, identifiers, colours, texts (one
string, or one per language) and bulleted lists."""

from __future__ import annotations

from dataclasses import dataclass

from deckbuild.input.dates import DATE, DATE_HELP, calendar_date
from deckbuild.input.schema import YAML_TIMESTAMP, Either, Enum, Field, ListOf, Num, Obj, Str
from deckbuild.input.yaml_nodes import Scalar

LANG = r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
LANG_HELP = "use a language tag such as 'zh-CN' or 'en'"
IDENT = r"[A-Za-z_][A-Za-z0-9_-]*"
IDENT_HELP = "use letters, digits, '_' and '-', starting with a letter"
COLOR = r"#[0-9A-Fa-f]{6}"


@dataclass
class CalendarDate(Str):
    """A date of the calendar (``deckbuild.input.dates``): its form, and that the day exists."""

    pattern: str = DATE
    pattern_help: str = DATE_HELP

    def json(self):  # an unquoted date is a date object to a YAML library
        return {"anyOf": [super().json(), YAML_TIMESTAMP]}

    def check(self, node, where, diags) -> None:
        errors = len(diags.items)
        super().check(node, where, diags)
        if len(diags.items) == errors and isinstance(node, Scalar) and isinstance(node.value, str) \
                and calendar_date(node.value) is None:
            diags.error(node.loc, f"{where} '{node.value}' is not a day of the calendar; {DATE_HELP}", "date")


# How a number prints: a fact's 'unit', a table column's 'format' (``input.facts``).
UNITS = ("number", "compact", "percent", "usd", "multiple", "year")
# Decimals to show: one count, or one per language.
DECIMALS = Either([Num(integer=True, minimum=0, maximum=6),
                   Obj(extra=Num(integer=True, minimum=0, maximum=6), key_pattern=LANG, key_help=LANG_HELP)],
                  expected="a number of decimals, or one per language")
# Divide values by this for display: one number, or one per language.
SCALE = Either([Num(minimum=1e-12), Obj(extra=Num(minimum=1e-12), key_pattern=LANG, key_help=LANG_HELP)],
               expected="a number such as 1e6 (for millions), or one per language")

# Text: one string for every language, or one string per language.
TEXT = Either(
    [Str(), Obj(extra=Str(), key_pattern=LANG, key_help=LANG_HELP, name="translations")],
    expected="a string, or a mapping of language to string",
    help="Text; inline Markdown (**bold**, *italic*, [link](url)) and {{fact}} references allowed. "
    "One string, or one per language: {zh-CN: …, en: …}.",
)


def short_text(limit: int, help: str) -> Either:
    """TEXT of at most ``limit`` characters in every language."""
    return Either(
        [Str(max_length=limit), Obj(extra=Str(max_length=limit), key_pattern=LANG, key_help=LANG_HELP,
                                    name="translations")],
        expected="a string, or a mapping of language to string", help=help)


def _bullets(levels: int) -> ListOf:
    if levels == 1:
        return ListOf(TEXT, item_name="bullet")
    item = Either([Obj({"text": Field(TEXT, required=True), "bullets": Field(_bullets(levels - 1))},
                       name="bullet with sub-bullets"), TEXT],
                  expected="a string or a mapping with 'text' and 'bullets'")
    return ListOf(item, item_name="bullet", help=f"Bullets, nested up to {levels} levels.")


BULLETS = _bullets(3)


# The warnings a 'lint: {ignore: [...]}' key may silence, by code (``deckbuild check`` shows
# each warning's code in its JSON output and at the end of the summary line of a build).
LINTS = {
    "no-title": "a slide without a title",
    "too-many-bullets": "more bullets than the theme allows",
    "uncited-figure": "figures on a slide that cites no source",
    "no-alt": "an image without alt text",
    "unused-source": "a source listed but never cited (outline only)",
    "overflow": "text that does not fit its box at the smallest size allowed",
    "repeated-text": "a phrase said twice on a chart slide (title, subtitle, unit, axis, caption, bullets)",
    "sparse-slide": "a bullets or columns slide whose content fills less than a fifth of its body",
    "chart-colors": "a chart's colours too close under a colour-vision deficiency (outline only)",
    "palette-colors": "theme palette colours too close under a colour-vision deficiency (outline only)",
    "untranslated": "a text of a translated outline written once for every edition, which reads as words",
}
LINT = Obj({"ignore": Field(ListOf(Enum(list(LINTS), what="lint")),
                            help="Warnings not to report here, by code: " + ", ".join(LINTS) + ".")},
           name="lint",
           help="Silence warnings of craft, like '# noqa': on the outline for every slide, or on one slide.")
