"""Facts: numbers typed once in the outline and formatted per language wherever cited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from deckbuild.cjk import is_cjk_language, is_wide
from deckbuild.text.locales import locale_of, with_percent

REFERENCE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)(?:\.(low|high|mid))?\s*\}\}")
EN_DASH = "–"
NBSP = "\u00a0"


@dataclass(frozen=True)
class Fact:
    name: str
    value: float | tuple[float, float]
    unit: str = "number"  # number | compact | percent | usd | multiple | year
    # decimals to show: one count, or (language, count) pairs; None: the digits the value has
    decimals: int | tuple[tuple[str, int], ...] | None = None
    signed: bool = False

    def decimals_for(self, language: str) -> int | None:
        """The decimals set for ``language`` (its own, else its base language's), or None."""
        if not isinstance(self.decimals, tuple):
            return self.decimals
        given = dict(self.decimals)
        return given.get(language, given.get(language.split("-")[0]))

    def number(self, part: str | None = None) -> float:
        """The raw value; for a range: 'low', 'high' or 'mid' (default mid)."""
        if isinstance(self.value, tuple):
            low, high = self.value
            return {"low": low, "high": high}.get(part or "mid", (low + high) / 2)
        return self.value


def with_currency(text: str, language: str) -> str:
    """US dollars in the language's way: '660–720亿美元', '660–720億ドル', '$66–72 billion',
    '66–72 Milliarden $'. Chinese names the currency after the amount, and so does Japanese
    after a word of scale, as their press writes them ('43億ドル', where CLDR gives '$43億';
    '$1,234.5' stays)."""
    base = language.split("-")[0].lower()
    if base == "zh":
        return text + "美元"
    if base == "ja" and text[-1:] in "万億兆":
        return text + "ドル"
    from babel.numbers import get_currency_symbol

    loc = locale_of(language)
    pattern = loc.currency_formats["standard"].pattern
    symbol = get_currency_symbol("USD", locale=loc)
    if not pattern.lstrip().startswith("¤"):
        return f"{text}\u00a0{symbol}"
    sign = text[:1] if text[:1] in "+−" else ""
    return sign + symbol + text[len(sign):]


def _one(value: float, fact: Fact, language: str) -> str:
    """One number formatted. babel rounds in decimal arithmetic, whose default precision (28
    digits) fails on a number of more digits: the precision here holds any finite float."""
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 400
        return _one_in_context(value, fact, language)


SIGNIFICANT = 15  # digits a float holds for sure: a computed value's noise lies beyond them


def given(value: float) -> Decimal:
    """``value`` with the digits it was given (``0.1 + 0.2`` → ``0.3``, ``412e6`` → ``412E+6``)."""
    return Decimal(f"{value:.{SIGNIFICANT}g}").normalize()


def decimals_of(number: Decimal) -> int:
    """The decimals ``number`` shows without trailing zeros (Decimal('0.604') → 3, 412E+6 → 0)."""
    return max(0, -int(number.normalize().as_tuple().exponent))


def _one_in_context(value: float, fact: Fact, language: str) -> str:
    """Babel (CLDR) formats for the locale: grouping, decimal sign, compact units (万/億,
    million). Without ``decimals`` a value keeps the digits it was given, in every language:
    412000000 is 4.12億 and 412 million, never 4.1億."""
    from babel.numbers import format_compact_decimal, format_decimal

    loc = locale_of(language)
    d = fact.decimals_for(language)
    if fact.unit == "percent":
        percent = given(value) * 100  # in decimal: a float's value * 100 may overflow
        digits = decimals_of(percent) if d is None else d
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        text = with_percent(format_decimal(round(percent, digits), format=pattern, locale=loc), language)
    elif fact.unit in ("compact", "usd"):
        # babel drops the zeros a fraction ends with: SIGNIFICANT digits show every given one
        text = format_compact_decimal(given(value), locale=loc, format_type="long",
                                      fraction_digits=SIGNIFICANT if d is None else d)
    elif fact.unit == "year":
        text = str(int(round(value)))
    else:
        digits = decimals_of(given(value)) if d is None else d
        text = format_decimal(given(value), format="#,##0" + ("." + "0" * digits if digits else ""), locale=loc)
        if fact.unit == "multiple":
            text += "×"
    if fact.signed and value > 0:
        text = "+" + text
    # a real minus sign; in CJK text the hyphen-minus CLDR gives, which clients set with the
    # number ('売上高 -1.2%'), where they take U+2212 for a CJK character ('売上高− 1.2%')
    return text.replace("-", "−") if value < 0 and not is_cjk_language(language) else text


def _common_suffix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[-1 - i] == b[-1 - i] and not a[-1 - i].isdigit():
        i += 1
    return a[len(a) - i:] if i else ""


def format_fact(fact: Fact, language: str, part: str | None = None) -> str:
    """The fact as the edition's reader should see it, e.g. '660–720亿美元' / '$66–72 billion'."""
    if isinstance(fact.value, tuple) and part is None:
        low, high = (_one(v, fact, language) for v in fact.value)
        suffix = _common_suffix(low, high)
        text = f"{low[: len(low) - len(suffix)].rstrip()}{EN_DASH}{high}"
    else:
        text = _one(fact.number(part), fact, language)
    if fact.unit == "usd":
        text = with_currency(text, language)
    return text.replace(" ", NBSP)  # '$25 million' is one amount: no line ends inside it


def substitute(text: str, facts: dict[str, Fact], language: str) -> tuple[str, list[str]]:
    """Replace {{name}} references; return the text and the names that are unknown.

    In Chinese and Japanese text a space is written between a number and the words around
    it ("给出 {{capex_2025}} 的指引"), but not between two CJK characters: where the value
    starts or ends with one ("660–720亿美元"), the space on that side goes. (Korean puts
    spaces between words, so its spaces stay.)"""
    unknown: list[str] = []
    cjk = language.split("-")[0].lower() in ("zh", "ja")
    out, pos = [], 0
    for m in REFERENCE.finditer(text):
        fact = facts.get(m.group(1))
        if fact is None:
            unknown.append(m.group(1))
            value = m.group(0)
        else:
            value = format_fact(fact, language, m.group(2))
        before = text[pos:m.start()]
        if cjk and before.endswith(" ") and _wide_pair(before[:-1], value):
            before = before[:-1]
        out += [before, value]
        pos = m.end()
        if cjk and text.startswith(" ", pos) and _wide_pair(value, text[pos + 1:pos + 2]):
            pos += 1
    out.append(text[pos:])
    return "".join(out), unknown


def _wide_pair(left: str, right: str) -> bool:
    """Whether ``left`` ends and ``right`` starts with a CJK character."""
    return bool(left and right) and is_wide(left[-1]) and is_wide(right[0])


class FormulaError(ValueError):
    """A formula that cannot be evaluated; the message says why."""


MAX_FORMULA = 1000  # characters: ample for arithmetic over facts, far from the parser's limits


def _clip(formula: str, n: int = 60) -> str:
    return formula if len(formula) <= n else formula[: n - 1] + "…"


def _parse(formula: str):
    """The formula's expression tree; FormulaError when it is too long or does not parse."""
    import ast

    if len(formula) > MAX_FORMULA:
        raise FormulaError(f"formula is {len(formula)} characters long, over the limit of {MAX_FORMULA}; "
                           "split it into several facts")
    try:
        return ast.parse(formula.replace("−", "-").replace("×", "*").replace("÷", "/"), mode="eval").body
    except SyntaxError as exc:
        nested = "nested" in str(exc.msg)
        raise FormulaError(f"formula '{_clip(formula)}' " + (
            "nests parentheses too deeply (at most 200 levels)" if nested else
            "is not valid arithmetic; use numbers, fact names, + - * / and ()")) from None
    except (RecursionError, MemoryError):
        raise FormulaError(f"formula '{_clip(formula)}' nests too deeply; split it into several facts") from None


def formula_names(formula: str) -> set[str]:
    """The fact names a formula refers to (empty if it does not parse)."""
    import ast

    try:
        tree = _parse(formula)
    except FormulaError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def evaluate(formula: str, facts: dict[str, Fact]) -> float:
    """Arithmetic (+ − × ÷, parentheses, numbers) over other facts: '1 - hw_fault_share',
    'capex_2025.high - capex_2025.low'. Nothing else is evaluated. The tree is walked with a
    stack, not recursion, so a long chain of terms cannot exhaust Python's recursion limit;
    every intermediate result must be finite and a division by zero is refused."""
    import ast
    import math

    ops = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.Div: lambda a, b: a / b}
    shown = _clip(formula)

    def fact_name(node: ast.AST) -> str | None:
        """The fact a leaf names: ``capex``, or ``capex.low`` (``.high``, ``.mid``)."""
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in ("low", "high", "mid"):
            return node.value.id
        return None

    def leaf(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            if isinstance(node.value, int) and abs(node.value) > 10 ** 308:
                raise FormulaError(f"formula '{shown}' has a number too large to compute with")
            return float(node.value)
        name = fact_name(node)
        if name is not None:
            fact = facts.get(name)
            if fact is None:
                from deckbuild.diagnostics import did_you_mean

                raise FormulaError(f"formula '{shown}' names unknown fact '{name}'{did_you_mean(name, facts)}")
            if isinstance(fact.value, tuple) and isinstance(node, ast.Name):
                raise FormulaError(f"fact '{name}' is a range; use {name}.low, {name}.high or {name}.mid")
            return fact.number(node.attr if isinstance(node, ast.Attribute) else None)
        raise FormulaError(f"formula '{shown}' may use only numbers, fact names, + - * / and ()")

    results: list[float] = []
    stack: list[tuple[ast.AST, bool]] = [(_parse(formula), False)]
    while stack:
        node, operands_done = stack.pop()
        if isinstance(node, ast.BinOp) and type(node.op) in ops:
            if not operands_done:
                stack += [(node, True), (node.right, False), (node.left, False)]
                continue
            right, left = results.pop(), results.pop()
            if isinstance(node.op, ast.Div) and right == 0:
                raise FormulaError(f"formula '{shown}' divides by zero")
            value = ops[type(node.op)](left, right)
            if value == 0 and left != 0 and right != 0 and isinstance(node.op, (ast.Mult, ast.Div)):
                raise FormulaError(f"formula '{shown}' underflows: a step of it is too small for a number (it "
                                   "would become 0)")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            if not operands_done:
                stack += [(node, True), (node.operand, False)]
                continue
            value = -results.pop() if isinstance(node.op, ast.USub) else results.pop()
        else:
            value = leaf(node)
        if not math.isfinite(value):
            raise FormulaError(f"formula '{shown}' overflows: a step of it is too large for a number")
        results.append(value)
    return results[0]
