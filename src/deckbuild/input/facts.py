"""Facts: numbers typed once in the outline and formatted per language wherever cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckbuild.cjk import is_wide

REFERENCE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)(?:\.(low|high|mid))?\s*\}\}")
EN_DASH = "–"


@dataclass(frozen=True)
class Fact:
    name: str
    value: float | tuple[float, float]
    unit: str = "number"  # number | compact | percent | usd | multiple | year
    decimals: int | None = None
    signed: bool = False

    def number(self, part: str | None = None) -> float:
        """The raw value; for a range: 'low', 'high' or 'mid' (default mid)."""
        if isinstance(self.value, tuple):
            low, high = self.value
            return {"low": low, "high": high}.get(part or "mid", (low + high) / 2)
        return self.value


def _locale(language: str) -> str:
    return language.replace("-", "_")


def _one(value: float, fact: Fact, language: str) -> str:
    """One number formatted. babel rounds in decimal arithmetic, whose default precision (28
    digits) fails on a number of more digits: the precision here holds any finite float."""
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 400
        return _one_in_context(value, fact, language)


def _one_in_context(value: float, fact: Fact, language: str) -> str:
    from babel.numbers import format_compact_decimal, format_decimal

    loc = _locale(language)
    d = fact.decimals
    if fact.unit == "percent":
        digits = 1 if d is None else d
        text = format_decimal(round(value * 100, digits), format="#,##0" + ("." + "0" * digits if digits else ""),
                              locale=loc) + "%"
    elif fact.unit in ("compact", "usd"):
        text = format_compact_decimal(value, locale=loc, format_type="long", fraction_digits=1 if d is None else d)
    elif fact.unit == "year":
        text = str(int(round(value)))
    elif fact.unit == "multiple":
        text = format_decimal(value, locale=loc) + "×"
    else:
        fmt = "#,##0" + ("." + "0" * d if d else ("" if d == 0 else ".###"))
        text = format_decimal(value, format=fmt, locale=loc)
    if fact.signed and value > 0:
        text = "+" + text
    return text.replace("-", "−") if value < 0 else text


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
        text = text + "美元" if language.startswith("zh") else "$" + text
    return text


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
