"""The YAML loader: positions of nodes and exact diagnostics for unreadable input."""

from pathlib import Path

import pytest

from deckbuild.diagnostics import InputError
from deckbuild.input.yaml_nodes import Mapping, Scalar, Sequence, load_yaml, plain


def load(tmp_path: Path, text, name="t.yaml"):
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_yaml(p, name)


def error(tmp_path: Path, text) -> str:
    with pytest.raises(InputError) as exc:
        load(tmp_path, text)
    assert len(exc.value.diagnostics) == 1
    return exc.value.diagnostics[0].format()


def test_positions_of_nodes(tmp_path):
    root = load(tmp_path, "title: 标题\nslides:\n  - kind: bullets\n    bullets: [a, b]\n")
    assert isinstance(root, Mapping)
    assert (root.loc.line, root.loc.column) == (1, 1)
    assert root.key_loc("slides").line == 2
    slides = root.get("slides")
    assert isinstance(slides, Sequence)
    first = slides.items[0]
    assert (first.loc.line, first.loc.column) == (3, 5)
    bullets = first.get("bullets")
    assert [(b.loc.line, b.loc.column) for b in bullets.items] == [(4, 15), (4, 18)]
    assert isinstance(first.get("kind"), Scalar) and first.get("kind").value == "bullets"


def test_plain_values_and_dates(tmp_path):
    root = load(tmp_path, "a: 1\nb: 2.5\nc: true\nd: 2025-08-01\ne: ~\n")
    assert plain(root) == {"a": 1, "b": 2.5, "c": True, "d": "2025-08-01", "e": None}


def test_bom_is_accepted(tmp_path):
    assert plain(load(tmp_path, b"\xef\xbb\xbftitle: x\n")) == {"title": "x"}


def test_syntax_error(tmp_path):
    assert error(tmp_path, "title: [a, b\nslides: []\n") == (
        "t.yaml:2:7: error: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 1, column 8)")


def test_duplicate_key(tmp_path):
    assert error(tmp_path, "title: a\nsubtitle: b\ntitle: c\n") == (
        "t.yaml:3:1: error: duplicate key 'title' (first defined at line 1); keep one")


def test_python_tag_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "ran"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    assert error(tmp_path, text) == (
        "t.yaml:1:4: error: tag '!!python/object/apply:os.system' is not allowed; deckbuild reads plain data only")
    assert not marker.exists()


def test_billion_laughs_is_refused(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    msg = error(tmp_path, "\n".join(lines) + "\n")
    assert "too many YAML nodes (limit 200000)" in msg


def test_invalid_utf8_has_position(tmp_path):
    assert error(tmp_path, b"title: ok\nsub: \xff\xfe\n") == (
        "t.yaml:2:6: error: invalid UTF-8 byte 0xff; save the file as UTF-8")


def test_control_character_has_position(tmp_path):
    assert error(tmp_path, "title: a\x07b\n") == (
        "t.yaml:1:9: error: control character U+0007 is not allowed; remove it")


def test_empty_file(tmp_path):
    assert error(tmp_path, "# only a comment\n") == (
        "t.yaml:1:1: error: file is empty; expected a mapping of keys such as 'title:'")


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError) as exc:
        load_yaml(tmp_path / "nope.yaml", "nope.yaml")
    assert exc.value.diagnostics[0].format() == "nope.yaml: error: file not found; check the path"
    with pytest.raises(InputError) as exc:
        load_yaml(tmp_path, "dir")
    assert exc.value.diagnostics[0].format() == "dir: error: is a directory, not a YAML file"


def test_deep_nesting(tmp_path):
    msg = error(tmp_path, "a: " + "[" * 100 + "]" * 100 + "\n")
    assert "nesting is too deep (limit 64 levels)" in msg
