"""Robustness of reading input: limits with bounded work and memory, the two YAML parsers
agreeing, merge keys, escapes, line endings, path resolution, images and fonts."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib

import pytest

from conftest import ROOT
from deckbuild.diagnostics import Diagnostics, InputError, Location
from deckbuild.input import yaml_nodes as loader
from deckbuild.input.project import Project, image_problem
from deckbuild.input.yaml_nodes import Scalar, plain
from test_loader import error, load

CALLS = 20_000  # Python calls a refusal may take: a few hundred; expanding the aliases takes millions

_LOAD = """\
import json, resource, sys
from pathlib import Path
import yaml.scanner
from deckbuild.diagnostics import InputError
from deckbuild.input.yaml_nodes import load_yaml

scanned = [0]  # tokens fetched by PyYAML's pure-Python scanner (libyaml's are not counted)
fetch = yaml.scanner.Scanner.fetch_more_tokens
def counted(self):
    scanned[0] += 1
    return fetch(self)
yaml.scanner.Scanner.fetch_more_tokens = counted
calls = [0]
def profile(frame, event, arg):
    if event == "call":
        calls[0] += 1
if sys.argv[2] == "count":
    sys.setprofile(profile)
try:
    load_yaml(Path(sys.argv[1]), "t.yaml")
    message = ""
except InputError as exc:
    message = exc.diagnostics[0].format()
sys.setprofile(None)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
# On Linux ru_maxrss keeps the peak of the process that forked the child (pytest, hundreds
# of MB after the build tests); VmHWM is this program's own peak.
try:
    peak = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) * 1024
except (OSError, StopIteration):
    pass
print(json.dumps({"message": message, "peak": peak, "calls": calls[0], "scanned": scanned[0]}))
"""


def bounded(tmp_path, text, megabytes=300, count_calls=True) -> str:
    """The error for ``text``, read in a fresh process within the peak memory budget (peak
    resident size, interpreter included), by libyaml's scanner, in at most CALLS Python
    function calls (counted unless ``count_calls`` is false: counting costs time)."""
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", _LOAD, str(path), "count" if count_calls else "-"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["peak"] < megabytes * 1024 * 1024, f"peak memory {result['peak'] / 1e6:.0f} MB"
    assert result["scanned"] == 0, "PyYAML's pure-Python scanner read the file (70 s for the flat list), not libyaml"
    assert result["calls"] <= CALLS, f"{result['calls']} Python calls"
    return result["message"]


# --- limits ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["007-billion-laughs", "008-merge-key-bomb", "009-recursive-alias",
                                  "113-alias-text-bomb"])
def test_alias_bombs_stop_early_with_bounded_work_and_memory(tmp_path, case):
    """The hostile cases' alias bombs (test_hostile checks deckbuild's whole answer to each),
    read alone in a process of their own: refused with the case's error, within the bounds."""
    deck = ROOT / "tests" / "hostile" / "cases" / case / "decks" / "t.yaml"
    message = bounded(tmp_path, deck.read_text(encoding="utf-8"))
    expected = (deck.parent.parent / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert "decks/" + message in expected


def test_huge_flat_list_is_refused_while_parsing(tmp_path):
    text = "a: [" + "0, " * 1_500_000 + "0]\n"  # 4.5 MB, under the size limit
    message = bounded(tmp_path, text, count_calls=False)  # composing 200000 nodes takes 1.6 million calls
    # refused at the 200001st node (the mapping, its key, the list, then item 199997), not after
    # the whole list was read
    assert message.startswith("t.yaml:1:599996: error: too many YAML nodes (limit 200000)"), message


def test_huge_file_of_one_string(tmp_path):
    message = bounded(tmp_path, "a: " + "x" * 5_000_000 + "\n")
    assert message == "", "a 5 MB string is within the limits (validation refuses it later, by length)"


def test_depth_limit_is_exact(tmp_path):
    ok = "a: " + "[" * 62 + "]" * 62 + "\n"  # the mapping, 'a' value and 62 lists: 64 levels
    load(tmp_path, ok)
    assert "nesting is too deep" in error(tmp_path, "a: " + "[" * 64 + "]" * 64 + "\n")


def test_file_size_limit(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text("a: " + "x" * 200)
    with pytest.raises(InputError) as exc:
        loader.read_text(p, "t.yaml", limit=100)
    assert exc.value.diagnostics[0].format() == (
        "t.yaml: error: file is 203 bytes, over the limit of 100 bytes (100 bytes); split it into smaller files")


# --- the two parsers agree ---------------------------------------------------------------

SAMPLES = [
    "title: 标题\nslides:\n  - {kind: bullets, bullets: [a, 'b: c', \"d\\u00e9\"]}\n",
    "a: &x {k: 1}\nb: *x\nc: [1, 2.5, true, ~, 2025-08-01, '2025-08-01', 0x10, 1e3]\n",
    "text: |\n  line 1\n\n  line 2\nfolded: >\n  a\n  b\n",
    "base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n",
    "title: [a, b\nslides: []\n",
    "a: b: c\n",
    "a:\n\t- x\n",
    "a: 'unterminated\n",
    "a: *nowhere\n",
    "a: 1\n---\nb: 2\n",
    "a: !!python/object:os.system x\n",
    "a: {b: 1, b: 2}\n",
    '"\\x01": x\n',
]


@pytest.mark.parametrize("text", SAMPLES)
def test_libyaml_and_pure_python_give_the_same_result(tmp_path, monkeypatch, text):
    def outcome():
        try:
            return "ok", plain(load(tmp_path, text))
        except InputError as exc:
            return "error", [d.format() for d in exc.diagnostics]

    fast = outcome()
    monkeypatch.setattr(loader, "FastLoader", None)
    assert outcome() == fast


# --- semantics -----------------------------------------------------------------------------


def test_merge_keys_explicit_keys_win_and_first_merge_wins(tmp_path):
    root = load(tmp_path, "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 0\n")
    assert plain(root)["c"] == {"x": 0, "y": 1, "z": 2}


def test_merge_key_needs_a_mapping(tmp_path):
    assert error(tmp_path, "a:\n  <<: [1, 2]\n") == (
        "t.yaml:2:8: error: a merge key '<<' takes an alias of a mapping (<<: *name) or a list of them")


def test_json_style_surrogate_pair_is_joined(tmp_path):
    assert plain(load(tmp_path, 'a: "smile \\ud83d\\ude00!"\n')) == {"a": "smile 😀!"}


def test_escape_position_in_a_folded_double_quoted_string(tmp_path):
    text = 'a: "first line\n  second \\x07 line"\n'
    assert error(tmp_path, text) == ("t.yaml:2:10: error: control character U+0007 (written as an escape) cannot "
                                     "go into a deck or report; remove the escape")


def test_escaped_backslash_is_not_an_escape(tmp_path):
    assert plain(load(tmp_path, 'a: "C:\\\\x01"\n')) == {"a": "C:\\x01"}


def test_allowed_escapes(tmp_path):
    assert plain(load(tmp_path, 'a: "tab\\there\\nnew line \\u00e9 \\U0001F600 \\N"\n')) == {
        "a": "tab\there\nnew line é 😀 \x85"}


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_positions_with_other_line_endings(tmp_path, newline):
    text = newline.join(["a: 1", "b: 2", "a: 3", ""])
    assert error(tmp_path, text.encode()) == "t.yaml:3:1: error: duplicate key 'a' (first defined at line 1); keep one"
    raw = newline.join(["a: 1", "b: x\x07", ""])
    assert error(tmp_path, raw.encode()) == "t.yaml:2:5: error: control character U+0007 is not allowed; remove it"


def test_tag_on_a_key_is_refused_before_anything_else(tmp_path):
    assert error(tmp_path, "? !!python/tuple [1, 2]\n: x\n") == (
        "t.yaml:1:3: error: tag '!!python/tuple' is not allowed; deckbuild reads plain data only")


def test_constructor_failures_are_positioned(tmp_path):
    assert error(tmp_path, "a: !!bool maybe\n").startswith("t.yaml:1:4: error: invalid !!bool value 'maybe'")
    assert error(tmp_path, "a: !!timestamp soon\n").startswith("t.yaml:1:4: error: 'soon' is not a valid date")
    assert error(tmp_path, "a: " + "9" * 5000 + "\n").startswith("t.yaml:1:4: error: number '99999")


def test_texts_refuse_control_characters_from_any_source():
    from deckbuild.input.texts import Texts

    diags = Diagnostics()
    text = Texts("en", ("en",), {}, diags).raw(Scalar(Location("x.yaml", 3, 7), "a\x0bb"))
    assert text == "ab"
    assert [d.format() for d in diags.items] == [
        "x.yaml:3:7: error: control character U+000B cannot go into a deck or report; remove it"]


# --- paths ---------------------------------------------------------------------------------


def test_resolution_inside_the_project(tmp_path):
    (tmp_path / "decks").mkdir()
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "a.png").write_bytes(b"x")
    project = Project(tmp_path)
    path, why = project.resolve("../charts/a.png", tmp_path / "decks")
    assert (path, why) == ((tmp_path / "charts" / "a.png").resolve(), "")
    (tmp_path / "decks" / "link.png").symlink_to(tmp_path / "charts" / "a.png")
    assert project.resolve("link.png", tmp_path / "decks")[1] == ""  # a symlink that stays inside is fine


@pytest.mark.parametrize("name, reason", [
    ("", "the path is empty"),
    ("a\x00b", "the path contains a NUL character"),
    ("file:///etc/passwd", "URLs are not supported"),
    ("C:/Windows/win.ini", "absolute paths are not allowed"),
    ("~root/x", "absolute paths are not allowed"),
    ("..\\..\\x", "backslashes are not allowed"),
    ("a" * 300, "the path is too long"),
    ("../../../../../../../../etc/passwd", "it leads outside the project folder"),
])
def test_refused_paths(tmp_path, name, reason):
    (tmp_path / "decks").mkdir()
    path, why = Project(tmp_path).resolve(name, tmp_path / "decks")
    assert path is None and why.startswith(reason)


def test_symlink_loop(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    path, why = Project(tmp_path).resolve("loop/x.png", tmp_path)
    assert path is None and "symlink" in why


def test_project_root_behind_a_symlink(tmp_path):
    real = tmp_path / "real"
    (real / "decks").mkdir(parents=True)
    (real / "a.png").write_bytes(b"x")
    (tmp_path / "alias").symlink_to(real)
    project = Project.of_deck(tmp_path / "alias" / "decks" / "t.yaml")
    assert project.resolve("../a.png", tmp_path / "alias" / "decks")[1] == ""


# --- images ----------------------------------------------------------------------------------


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = zlib.compress(b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(min(height, 2))))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def test_images_are_checked_by_content(tmp_path):
    ok = tmp_path / "ok.png"
    ok.write_bytes(png(2, 2))
    assert image_problem(ok) is None
    huge = tmp_path / "huge.png"
    huge.write_bytes(png(100_000, 100_000))  # a 40-byte file claiming ten gigapixels
    assert "pixels" in image_problem(huge)
    big = tmp_path / "big.png"
    big.write_bytes(png(8000, 7000))
    assert image_problem(big) == ("is 8000×7000 pixels, over the limit of 50000000 pixels; scale it down "
                                  "(a slide needs no more than about 4000 pixels across)")
    from PIL import Image

    bmp = tmp_path / "bmp.png"
    Image.new("RGB", (2, 2)).save(bmp, format="BMP")
    assert image_problem(bmp) == "is a BMP image; use PNG, JPEG or GIF"


def test_fonts_are_checked_by_content(tmp_path):
    from deckbuild.input.theme import font_problem
    from deckbuild.model.theme import BUILTIN_FONTS

    assert font_problem(BUILTIN_FONTS / "NotoSansSC-Regular.ttf") is None
    for magic, words in ((b"OTTO", "CFF"), (b"ttcf", "collection"), (b"wOF2", "web font"),
                         (b"\x00\x01\x00\x00", "cannot be used")):
        f = tmp_path / "f.ttf"
        f.write_bytes(magic + b"\x00" * 64)
        assert words in font_problem(f)
