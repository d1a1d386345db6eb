"""JSON Schema (draft 2020-12) for outlines, chart specs and themes, from the validator's declarations."""

from __future__ import annotations

from deckbuild.input.schemas import CHART, OUTLINE, THEME

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def one(schema, title: str) -> dict:
    return {"$schema": DIALECT, "title": title, **schema.json()}


def json_schema() -> dict:
    """All three schemas; ``$defs`` holds each, the root accepts any of them."""
    defs = {"outline": one(OUTLINE, "deckbuild outline"), "chart": one(CHART, "deckbuild chart spec"),
            "theme": one(THEME, "deckbuild theme")}
    for d in defs.values():
        d.pop("$schema")
    return {"$schema": DIALECT, "$id": "https://deckbuild.invalid/schema.json", "title": "deckbuild",
            "$defs": defs, "anyOf": [{"$ref": f"#/$defs/{k}"} for k in defs]}


def schema_for(kind: str) -> dict:
    """One schema: 'outline', 'chart', 'theme', or 'all' (the three under $defs)."""
    if kind == "all":
        return json_schema()
    return one({"outline": OUTLINE, "chart": CHART, "theme": THEME}[kind], f"deckbuild {kind}")
