"""The JSON Schema: generated from the validator's declarations, valid, and documented."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from conftest import ROOT
from deckbuild.cli import main
from deckbuild.input.json_schema import schema_for
from deckbuild.input.schema import Either, ListOf, Obj, Tagged
from deckbuild.input.schemas import CHART, OUTLINE, THEME

FILES = {
    "outline": sorted((ROOT / "decks").glob("*.yaml")) + sorted((ROOT / "tests" / "stress" / "decks").glob("*.yaml")),
    "chart": sorted((ROOT / "charts").glob("*.yaml")),
    "theme": sorted((ROOT / "templates").glob("*/theme.yaml"))
    + sorted((ROOT / "src" / "deckbuild" / "themes").glob("*/theme.yaml")),
}


def test_schema_command_prints_valid_draft_2020_12(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["$defs"]) == {"outline", "chart", "theme"}


@pytest.mark.parametrize("kind", ["outline", "chart", "theme"])
def test_every_project_file_validates(kind):
    assert FILES[kind]
    validator = jsonschema.Draft202012Validator(schema_for(kind))
    for path in FILES[kind]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # YAML dates as strings, as deckbuild reads them
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, f"{path}: {errors[0].message} at {list(errors[0].path)}"


def test_schema_rejects_a_typo():
    validator = jsonschema.Draft202012Validator(schema_for("outline"))
    bad = {"title": "t", "slides": [{"kind": "bullets", "titel": "x", "bullets": ["a"]}]}
    assert list(validator.iter_errors(bad))


def field_names(t, seen=None) -> set[str]:
    seen = seen if seen is not None else set()
    if id(t) in seen:
        return set()
    seen.add(id(t))
    names: set[str] = set()
    if isinstance(t, Obj):
        for key, f in t.fields.items():
            names.add(key)
            names |= field_names(f.type, seen)
        if t.extra is not None:
            names |= field_names(t.extra, seen)
    elif isinstance(t, Tagged):
        for v in t.variants.values():
            names |= field_names(v, seen)
    elif isinstance(t, ListOf):
        names |= field_names(t.item, seen)
    elif isinstance(t, Either):
        for o in t.options:
            names |= field_names(o, seen)
    return names


@pytest.mark.parametrize("schema, doc", [(OUTLINE, "outline.md"), (THEME, "outline.md"), (CHART, "charts.md")])
def test_every_field_is_documented(schema, doc):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    missing = [name for name in sorted(field_names(schema)) if not re.search(rf"`{re.escape(name)}\b", text)]
    assert not missing
