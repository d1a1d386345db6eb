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


@pytest.mark.parametrize("args, title", [([], "deckbuild outline"), (["--kind", "chart"], "deckbuild chart"),
                                         (["--kind", "theme"], "deckbuild theme"), (["--kind", "all"], "deckbuild")])
def test_schema_command_prints_valid_draft_2020_12(capsys, args, title):
    """The outline's schema by default (one readable schema, not an anyOf of three)."""
    assert main(["schema", *args]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == title
    if args == ["--kind", "all"]:
        assert set(schema["$defs"]) == {"outline", "chart", "theme"}
    else:
        assert "$defs" not in schema and "anyOf" not in schema and schema["type"] == "object"


def _kind_of(path) -> str:
    return "theme" if path.name == "theme.yaml" else "chart" if path.parent.name == "charts" else "outline"


def _yaml_files(scaffolded):
    roots = [ROOT / "decks", ROOT / "charts", ROOT / "templates", ROOT / "docs", ROOT / "tests",
             ROOT / "src" / "deckbuild", scaffolded]
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            if path.parent.name in ("decks", "charts") or path.name == "theme.yaml":
                yield path


def test_the_schema_accepts_every_file_the_loader_accepts(tmp_path, monkeypatch, capsys):
    """Every outline, chart spec and theme of the project, the docs, the tests' fixtures
    (hostile cases included) and the scaffold that deckbuild's validator accepts, read with
    PyYAML as an editor's tooling would (an unquoted date is a date object), passes
    jsonschema too."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "scaffolded"]) == 0
    capsys.readouterr()
    from deckbuild.diagnostics import Diagnostics
    from deckbuild.input.schema import load_validated

    schemas = {kind: {"outline": OUTLINE, "chart": CHART, "theme": THEME}[kind] for kind in FILES}
    validators = {kind: jsonschema.Draft202012Validator(schema_for(kind)) for kind in FILES}
    checked = {kind: 0 for kind in FILES}
    for path in _yaml_files(tmp_path):
        kind = _kind_of(path)
        diags = Diagnostics()
        if load_validated(path, schemas[kind], diags, "", "") is None or diags.has_errors:
            continue  # the loader refuses it: the schema may too
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError):
            continue  # beyond what PyYAML reads (deckbuild's loader is stricter and safer)
        errors = sorted(validators[kind].iter_errors(data), key=lambda e: list(e.path))
        assert not errors, f"{path}: {errors[0].message} at {list(errors[0].path)}"
        checked[kind] += 1
    assert checked["outline"] > 50 and checked["chart"] > 50 and checked["theme"] >= 3, checked
    scaffold = yaml.safe_load((tmp_path / "decks" / "scaffolded.yaml").read_text(encoding="utf-8"))
    assert type(scaffold["date"]).__name__ == "date"  # the case that was refused


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
