"""A small declarative schema: types that validate located nodes and describe themselves.

Each option is declared once, with its type, default and help. ``validate`` collects
every problem in the user's terms with its position; ``json_schema`` exports the same
declarations as JSON Schema (draft 2020-12) for editors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from collections.abc import Sequence as Seq
from dataclasses import dataclass, field
from typing import Any

from deckbuild.diagnostics import Diagnostics, did_you_mean
from deckbuild.input.numbers import (
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    magnitude_problem,
    shown_number,
    underflow_problem,
    underflows,
)
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, Sequence


def describe(node: AnyNode) -> str:
    """What the user wrote, in words: 'a string', 'a list', ..."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    v = node.value
    if v is None:
        return "nothing (null)"
    if isinstance(v, bool):
        return f"a boolean ({str(v).lower()})"
    if isinstance(v, (int, float)):
        return f"a number ({v})"
    return f"a string ('{_clip(v)}')"


def _clip(s: str, n: int = 30) -> str:
    s = str(s).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


class Type:
    """Base of schema types."""

    help: str = ""

    def check(self, node: AnyNode, where: str, diags: Diagnostics) -> None:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError

    def wrong(self, node: AnyNode, where: str, expected: str, diags: Diagnostics) -> None:
        diags.error(node.loc, f"{where} must be {expected}, not {describe(node)}", "type")


@dataclass
class Str(Type):
    help: str = ""
    pattern: str | None = None
    pattern_help: str = ""
    max_length: int = 100_000
    allow_empty: bool = True

    def check(self, node, where, diags):
        if not isinstance(node, Scalar) or node.value is None or isinstance(node.value, bool):
            return self.wrong(node, where, "a string", diags)
        if isinstance(node.value, (int, float)):
            node.value = str(node.value)  # a bare number where text is expected is text
        if not self.allow_empty and not node.value.strip():
            diags.error(node.loc, f"{where} must not be empty", "empty")
        elif len(node.value) > self.max_length:
            diags.error(node.loc, f"{where} is {len(node.value)} characters long, over the limit of {self.max_length}",
                        "too-long")
        elif self.pattern and not re.fullmatch(self.pattern, node.value):
            diags.error(node.loc, f"{where} is '{_clip(node.value)}', which is not valid: {self.pattern_help}",
                        "pattern")

    def json(self):
        out: dict[str, object]
        if not self.pattern:  # a bare number where text is expected is read as text
            out = {"type": ["string", "number"]}
            if self.max_length < Str.max_length:
                out["maxLength"] = self.max_length
            return {"anyOf": [out, YAML_TIMESTAMP]}
        out = {"type": "string"}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        return out


# An unquoted 2025-01-01 is a YAML timestamp: deckbuild reads it as the text it is, but a
# YAML library (PyYAML) makes it a date object, which has no JSON type. This alternative
# accepts such an object (a value of no JSON type) and no JSON value, so that a schema
# validator run on PyYAML's output accepts what deckbuild accepts.
YAML_TIMESTAMP = {"description": "a date or time written unquoted, as a YAML library reads it (no JSON type)",
                  "not": {"type": ["null", "boolean", "object", "array", "number", "string"]}}


_MAX_INT = 10 ** 308
_NUMBER_TEXT = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


@dataclass
class Num(Type):
    """A finite number. A string such as '66e9' (which YAML reads as text) is accepted."""

    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def check(self, node, where, diags):
        if isinstance(node, Scalar) and isinstance(node.value, str) and _NUMBER_TEXT.fullmatch(node.value.strip()):
            text, node.value = node.value.strip(), float(node.value)
            if underflows(text, node.value):
                return diags.error(node.loc, f"{where}: {underflow_problem(text)}", "range")
        if not isinstance(node, Scalar) or isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            return self.wrong(node, where, "an integer" if self.integer else "a number", diags)
        v = node.value
        if isinstance(v, int) and abs(v) > _MAX_INT:  # float(v) would overflow, or lose the number
            return diags.error(node.loc, f"{where} is too large: {len(str(abs(v)))} digits, over the limit of "
                               "308; write it with an exponent, e.g. 1.5e12", "range")
        if isinstance(v, float) and not math.isfinite(v):
            return diags.error(node.loc, f"{where} must be a finite number, not {v}", "not-finite")
        beyond = magnitude_problem(v)
        if beyond:
            return diags.error(node.loc, f"{where} is {shown_number(v)}, {beyond}", "range")
        if self.integer and not float(v).is_integer():
            return self.wrong(node, where, "an integer", diags)
        if self.minimum is not None and v < self.minimum:
            diags.error(node.loc, f"{where} must be at least {self.minimum:g}, not {v:g}", "range")
        if self.maximum is not None and v > self.maximum:
            diags.error(node.loc, f"{where} must be at most {self.maximum:g}, not {v:g}", "range")

    def json(self):
        out: dict = {"type": "integer" if self.integer else "number"}
        # The range every number must be in: 0 or from 1e-15 to 1e15 in magnitude (deckbuild.input.numbers).
        out["minimum"] = max(self.minimum, -MAX_MAGNITUDE) if self.minimum is not None else -MAX_MAGNITUDE
        out["maximum"] = min(self.maximum, MAX_MAGNITUDE) if self.maximum is not None else MAX_MAGNITUDE
        if not self.integer:
            out["not"] = {"exclusiveMinimum": -MIN_MAGNITUDE, "exclusiveMaximum": MIN_MAGNITUDE, "not": {"const": 0}}
        # A string such as '66e9' (YAML reads it as text) is accepted as a number too.
        return {"anyOf": [out, {"type": "string", "pattern": "^\\s*" + _NUMBER_TEXT.pattern + "\\s*$"}]}


@dataclass
class Bool(Type):
    help: str = ""

    def check(self, node, where, diags):
        if not isinstance(node, Scalar) or not isinstance(node.value, bool):
            self.wrong(node, where, "true or false", diags)

    def json(self):
        return {"type": "boolean"}


@dataclass
class Enum(Type):
    choices: Seq[str] = ()
    help: str = ""
    what: str = "value"

    def check(self, node, where, diags):
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            return self.wrong(node, where, "one of: " + ", ".join(self.choices), diags)
        if node.value not in self.choices:
            diags.error(node.loc, f"unknown {self.what} '{_clip(node.value)}' for {where}"
                        f"{did_you_mean(node.value, self.choices)} (expected one of: {', '.join(self.choices)})",
                        "enum")

    def json(self):
        return {"enum": list(self.choices)}


@dataclass
class ListOf(Type):
    item: Type
    help: str = ""
    min_items: int = 0
    max_items: int | None = None
    item_name: str = "item"

    def check(self, node, where, diags):
        if not isinstance(node, Sequence):
            return self.wrong(node, where, "a list", diags)
        n = len(node.items)
        if n < self.min_items:
            diags.error(node.loc, f"{where} needs at least {self.min_items} {self.item_name}(s), found {n}", "count")
        if self.max_items is not None and n > self.max_items:
            diags.error(node.loc, f"{where} allows at most {self.max_items} {self.item_name}(s), found {n}", "count")
        for i, child in enumerate(node.items, 1):
            name = f"{self.item_name} {i}" if self.item_name != "item" else f"item {i} of {where}"
            self.item.check(child, name, diags)

    def json(self):
        out: dict = {"type": "array", "items": self.item.json()}
        if self.min_items:
            out["minItems"] = self.min_items
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        return out


@dataclass
class Field:
    type: Type
    required: bool = False
    default: Any = None
    help: str = ""


@dataclass(frozen=True)
class Branch:
    """One of the ways a mapping may be written (``Obj.branches``): picked by ``key``, which
    needs the keys ``needs``; ``only`` are keys no other way may have."""

    key: str
    needs: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    fix: str = ""  # what to do when another way's keys are given too

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.needs, *self.only)


SPLIT_HELP = ("; if it is the end of the text before it, a ',' inside '{...}' split that text (in '1,000' "
              "too): quote the text, "
              "e.g. {en: \"weather, not demand\"}")


@dataclass
class Obj(Type):
    """A mapping with declared keys; unknown keys are errors with a suggestion. With
    ``branches``, exactly one branch's key must be given, and no key of another branch."""

    fields: dict[str, Field] = field(default_factory=dict)
    help: str = ""
    name: str = "mapping"
    extra: Type | None = None  # type of undeclared keys, if any are allowed
    key_pattern: str | None = None
    key_help: str = ""
    branches: tuple[Branch, ...] = ()
    moved: dict[str, str] = field(default_factory=dict)  # keys that belong elsewhere → where, as a fix

    def check(self, node, where, diags):
        if not isinstance(node, Mapping):
            return self.wrong(node, where, f"a mapping ({self.name})", diags)
        suggested: set[str] = set()
        for key, value in node.items():
            spec = self.fields.get(key)
            if spec is not None:
                spec.type.check(value, f"'{key}'" if where == "" else f"'{key}' in {where}", diags)
            elif self.extra is not None:
                if self.key_pattern and not re.fullmatch(self.key_pattern, key):
                    # 'a, b' unquoted in '{en: ...}': 'b' is a key with no value
                    split = self.name == "translations" and isinstance(value, Scalar) and value.value is None
                    diags.error(node.key_loc(key), f"key '{_clip(key)}' in {where} is not valid: {self.key_help}"
                                + (SPLIT_HELP if split else ""), "key")
                else:
                    self.extra.check(value, f"'{key}' in {where}", diags)
            else:
                if key in self.moved:
                    hint = f"; {self.moved[key]}"
                else:
                    hint = did_you_mean(key, self.fields)
                    suggested.add(hint.partition("'")[2].rpartition("'")[0])
                diags.error(node.key_loc(key), f"unknown key '{_clip(key)}' in {where}{hint}", "unknown-key")
        for key, spec in self.fields.items():
            # A misspelt required key is reported once, as the unknown key that suggests it.
            if spec.required and key not in node and key not in suggested:
                diags.error(node.loc, f"{where} is missing required key '{key}'", "missing-key")
        if self.branches:
            self._check_branches(node, where, suggested, diags)

    def _check_branches(self, node: Mapping, where: str, suggested: set[str], diags: Diagnostics) -> None:
        given = [b for b in self.branches if b.key in node]
        if not given:
            if not any(b.key in suggested for b in self.branches):
                ways = " or ".join(f"'{b.key}'" + (f" (with {', '.join(repr(k) for k in b.needs)})" if b.needs else "")
                                   for b in self.branches)
                diags.error(node.loc, f"{where} needs {ways}", "missing-key")
            return
        chosen = given[0]
        for key in chosen.needs:
            if key not in node and key not in suggested:
                diags.error(node.loc, f"{where} has '{chosen.key}' and is missing '{key}', which goes with it",
                            "missing-key")
        for other in self.branches:
            for key in (k for k in other.keys if k in node and k not in chosen.keys):
                diags.error(node.key_loc(key), f"{where} has both '{chosen.key}' and '{key}'; {chosen.fix}",
                            "conflicting-keys")

    def json(self):
        props = {}
        for key, spec in self.fields.items():
            sub = dict(spec.type.json())
            text = spec.help or spec.type.help
            if text:
                sub["description"] = text
            if spec.default is not None:
                sub["default"] = spec.default
            props[key] = sub
        out: dict = {"type": "object", "properties": props}
        if self.help:
            out["description"] = self.help
        req = [k for k, s in self.fields.items() if s.required]
        if req:
            out["required"] = req
        if self.branches:
            out["oneOf"] = [{"required": [b.key, *b.needs],
                             "not": {"anyOf": [{"required": [k]} for o in self.branches if o is not b
                                               for k in o.keys if k not in b.keys]}}
                            for b in self.branches]
        if self.extra is not None:
            extra = self.extra.json()
            if self.key_pattern:
                out["patternProperties"] = {f"^(?:{self.key_pattern})$": extra}
                out["additionalProperties"] = False
            else:
                out["additionalProperties"] = extra
        else:
            out["additionalProperties"] = False
        return out


@dataclass
class Either(Type):
    """The first alternative whose shape (scalar, list, mapping) matches the node."""

    options: Seq[Type] = ()
    help: str = ""
    expected: str = ""

    def check(self, node, where, diags):
        for opt in self.options:
            if _shape_fits(opt, node):
                return opt.check(node, where, diags)
        self.wrong(node, where, self.expected, diags)

    def json(self):
        return {"anyOf": [o.json() for o in self.options]}


def _shape_fits(t: Type, node: AnyNode) -> bool:
    if isinstance(t, Obj):
        return isinstance(node, Mapping) and (t.extra is not None or any(k in t.fields for k, _ in node.items()))
    if isinstance(t, Tagged):
        return isinstance(node, Mapping)
    if isinstance(t, ListOf):
        return isinstance(node, Sequence)
    if isinstance(t, Either):
        return any(_shape_fits(o, node) for o in t.options)
    if not isinstance(node, Scalar):
        return False
    if isinstance(t, Num):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool) or (
            isinstance(node.value, str) and bool(_NUMBER_TEXT.fullmatch(node.value.strip())))
    if isinstance(t, Bool):
        return isinstance(node.value, bool)
    return True


@dataclass
class Tagged(Type):
    """A mapping whose ``tag`` key picks one of several object types."""

    tag: str
    variants: dict[str, Obj] = field(default_factory=dict)
    help: str = ""
    what: str = "kind"
    infer: Callable[[Mapping], str | None] | None = None
    inferable: tuple[str, ...] = ()  # variants whose tag may be left out

    def variant_of(self, node: Mapping) -> str | None:
        tag = node.get(self.tag)
        if isinstance(tag, Scalar) and isinstance(tag.value, str) and tag.value in self.variants:
            return tag.value
        if tag is None and self.infer is not None:
            return self.infer(node)
        return None

    def check(self, node, where, diags):
        if not isinstance(node, Mapping):
            return self.wrong(node, where, "a mapping", diags)
        tag = node.get(self.tag)
        name = self.variant_of(node)
        if name is None:
            if tag is None:
                diags.error(node.loc, f"{where} has no '{self.tag}' and it cannot be inferred; add "
                            f"'{self.tag}:' with one of: {', '.join(self.variants)}", "missing-key")
            else:
                Enum(list(self.variants), what=self.what).check(tag, where, diags)
            return
        variant = self.variants[name]
        fields = dict(variant.fields)
        fields.setdefault(self.tag, Field(Enum(list(self.variants), what=self.what)))
        Obj(fields, name=variant.name).check(node, where, diags)

    def json(self):
        out = []
        for name, variant in self.variants.items():
            schema = variant.json()
            schema["properties"] = {**schema["properties"], self.tag: {"const": name}}
            if name not in self.inferable:
                schema["required"] = sorted({*schema.get("required", []), self.tag})
            out.append(schema)
        return {"anyOf": out} if len(out) > 1 else out[0]


def validate(node: AnyNode, schema: Type, diags: Diagnostics, where: str = "") -> None:
    """Check ``node`` against ``schema``, adding every problem to ``diags``."""
    schema.check(node, where, diags)


def load_validated(path, schema: Type, diags: Diagnostics, expected: str, where: str):
    """Read a YAML file that must hold a mapping and check it against ``schema``.

    Returns the mapping node (problems found by the schema are in ``diags``), or None when the
    file cannot be read or holds something other than a mapping."""
    from deckbuild.diagnostics import InputError
    from deckbuild.input.yaml_nodes import load_yaml

    try:
        node = load_yaml(path)
    except InputError as exc:
        diags.extend(exc.diagnostics)
        return None
    if not isinstance(node, Mapping):
        what = "a list" if isinstance(node, Sequence) else "a single value"
        diags.error(node.loc, f"{expected}, not {what}", "type")
        return None
    validate(node, schema, diags, where=where)
    return node
