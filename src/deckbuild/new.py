"""``deckbuild new NAME``: scaffold a working outline, a chart with a CSV and a theme."""

from __future__ import annotations

import re
from pathlib import Path

from deckbuild.theme import BUILTIN_THEMES

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
SCHEMA_URL = "../schema/{kind}.schema.json"


def scaffold(name: str, root: Path) -> list[Path]:
    """Write decks/NAME.yaml, charts/NAME-quarters.yaml/.csv, templates/NAME/theme.yaml and the
    JSON Schema under schema/; refuse to overwrite anything. Returns the files written."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name):
        raise ValueError(f"'{name}' is not a valid name; use letters, digits, '_' and '-', starting with a letter")
    title = name.replace("-", " ").replace("_", " ").capitalize()
    files = {
        root / "decks" / f"{name}.yaml": (SCAFFOLD / "outline.yaml").read_text(encoding="utf-8"),
        root / "charts" / f"{name}-quarters.yaml": (SCAFFOLD / "chart.yaml").read_text(encoding="utf-8"),
        root / "charts" / f"{name}-quarters.csv": (SCAFFOLD / "quarters.csv").read_text(encoding="utf-8"),
        root / "templates" / name / "theme.yaml": (BUILTIN_THEMES / "default" / "theme.yaml").read_text(encoding="utf-8")
        .replace("name: default", f"name: {name}"),
    }
    existing = [p for p in files if p.exists()]
    if existing:
        raise FileExistsError("will not overwrite " + ", ".join(str(p.relative_to(root)) for p in existing))
    import json

    from deckbuild.schema_export import schema_for

    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".yaml" and "{schema}" in text:
            kind = "outline" if path.parent.name == "decks" else "chart"
            text = text.format(schema=SCHEMA_URL.format(kind=kind), name=name, title=title)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for kind in ("outline", "chart", "theme"):
        schema_file = root / "schema" / f"{kind}.schema.json"
        schema_file.parent.mkdir(parents=True, exist_ok=True)
        schema_file.write_text(json.dumps(schema_for(kind), ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(schema_file)
    return written
