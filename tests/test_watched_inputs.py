"""What an outline is built from, as ``watch`` and the manifest follow it: every file its
loaders looked at, found or not, including those that failed to load (a fix to one is a change
to build), and a file named through a link by the link as well (switching it is a change)."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from deckbuild.build.pipeline import build
from deckbuild.diagnostics import Diagnostics
from deckbuild.input.outline import load_outline_checked
from project import CHART, OUTLINE, make_project

CSV_CHART = """\
title: 柱状图
kind: column
csv: data.csv
category_column: q
series:
  - name: 值
    column: v
source: src
"""


def looked_at(deck: Path) -> tuple[set[Path], set[Path]]:
    """The outline's inputs and absent files; it must fail to load (the cases here are errors)."""
    diags = Diagnostics()
    outline = load_outline_checked(deck, diags)
    assert outline is not None and diags.has_errors, [d.format() for d in diags.items]
    return set(outline.inputs), set(outline.absent)


@pytest.mark.parametrize("spec", ["title: 图\nkind: colum\ncategories: [a]\nseries: []\n", "title: [unclosed\n"],
                         ids=["schema error", "syntax error"])
def test_a_chart_spec_that_fails_to_load_is_an_input(tmp_path, spec):
    deck = make_project(tmp_path, charts={"bars": spec})
    inputs, _ = looked_at(deck)
    assert tmp_path / "charts" / "bars.yaml" in inputs


def test_a_chart_named_before_its_spec_exists_is_looked_for(tmp_path):
    deck = make_project(tmp_path, charts={})
    _, absent = looked_at(deck)
    assert tmp_path / "charts" / "bars.yaml" in absent


def test_a_chart_s_missing_csv_is_looked_for(tmp_path):
    deck = make_project(tmp_path, charts={"bars": CSV_CHART})
    inputs, absent = looked_at(deck)
    assert tmp_path / "charts" / "bars.yaml" in inputs and tmp_path / "charts" / "data.csv" in absent


def test_a_missing_theme_is_looked_for_where_the_error_says_to_create_it(tmp_path):
    deck = make_project(tmp_path, "theme: demo\n" + OUTLINE)
    _, absent = looked_at(deck)
    assert tmp_path / "templates" / "demo" / "theme.yaml" in absent


def test_an_invalid_theme_is_an_input(tmp_path):
    deck = make_project(tmp_path, "theme: demo\n" + OUTLINE)
    (tmp_path / "templates" / "demo").mkdir(parents=True)
    (tmp_path / "templates" / "demo" / "theme.yaml").write_text('colors: {primary: "#1B2A4"}\n', encoding="utf-8")
    inputs, _ = looked_at(deck)
    assert tmp_path / "templates" / "demo" / "theme.yaml" in inputs


def test_fonts_of_scripts_no_edition_uses_are_not_inputs(tmp_path):
    """Looking at every file the loaders look at must not make an edition depend on the theme's
    families for other scripts (their files are checked, not read)."""
    deck = make_project(tmp_path)
    diags = Diagnostics()
    outline = load_outline_checked(deck, diags)
    assert outline is not None and not diags.has_errors
    names = {p.name for p in outline.inputs}
    assert "NotoSansSC-Regular.ttf" in names
    assert not names & {"NotoSansJP-Regular.ttf", "NotoSansKR-Regular.ttf", "NotoSansTC-Regular.ttf"}


needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symlinks")


@needs_links
def test_a_csv_link_switched_to_another_file_is_built_again(tmp_path):
    deck = make_project(tmp_path, charts={"bars": CSV_CHART})
    data = tmp_path / "data"
    data.mkdir()
    (data / "v1.csv").write_text("q,v\n甲,1\n乙,2\n", encoding="utf-8")
    (data / "v2.csv").write_text("q,v\n甲,7\n乙,8\n", encoding="utf-8")
    link = tmp_path / "charts" / "data.csv"
    link.symlink_to(Path("..") / "data" / "v1.csv")
    out = tmp_path / "build"
    assert build([deck], out, ("pptx",), Diagnostics()).written
    link.unlink()
    link.symlink_to(Path("..") / "data" / "v2.csv")
    diags = Diagnostics()
    result = build([deck], out, ("pptx",), diags)
    assert [p.name for p in result.written] == ["t.pptx"], [d.format() for d in diags.items]
    assert link in result.inputs  # watch follows the link as named too


@needs_links
def test_watch_follows_the_outline_as_named_when_it_is_a_link(tmp_path, monkeypatch):
    from deckbuild.cli import watch as module

    make_project(tmp_path)
    (tmp_path / "decks" / "t.yaml").rename(tmp_path / "decks" / "real.yaml")
    deck = tmp_path / "decks" / "t.yaml"
    deck.symlink_to("real.yaml")
    monkeypatch.chdir(tmp_path)
    looks: list[set[Path]] = []
    real_stamps = module.stamps_of
    monkeypatch.setattr(module, "stamps_of", lambda paths: looks.append(set(paths)) or real_stamps(paths))
    assert module.watch(Path("decks/t.yaml"), tmp_path / "build", ("pptx",), lambda d: d.has_errors,
                        lambda s: None, interval=0.01, max_cycles=2) == 0
    assert deck in looks[-1] and (tmp_path / "decks" / "real.yaml") in looks[-1]


def test_watch_builds_again_once_a_chart_that_failed_is_fixed(tmp_path, monkeypatch):
    from deckbuild.cli import watch as module

    deck = make_project(tmp_path, charts={"bars": CHART.replace("kind: column", "kind: colum")})
    monkeypatch.chdir(tmp_path)
    said: list[str] = []
    spec = tmp_path / "charts" / "bars.yaml"

    def say(text: str) -> None:
        said.append(text)
        if text.startswith("build failed"):
            spec.write_text(textwrap.dedent(CHART), encoding="utf-8")
            st = spec.stat()
            os.utime(spec, ns=(st.st_atime_ns, st.st_mtime_ns - 5_000_000_000))  # saved a while ago

    module.watch(deck, tmp_path / "build", ("pptx",), lambda d: d.has_errors, say, interval=0.01, max_cycles=50)
    assert [s.split(" ")[0] for s in said][:3] == ["build", "changed:", "built"], said


def test_a_picture_that_is_not_an_image_is_an_input(tmp_path):
    deck = make_project(tmp_path, OUTLINE + "  - kind: image\n    title: 图片\n    image: pic.png\n    alt: 图\n")
    (tmp_path / "decks" / "pic.png").write_bytes(b"not a picture")
    inputs, _ = looked_at(deck)
    assert tmp_path / "decks" / "pic.png" in inputs


def test_a_theme_font_that_is_no_truetype_file_is_an_input(tmp_path):
    deck = make_project(tmp_path, "theme: demo\n" + OUTLINE)
    (tmp_path / "templates" / "demo").mkdir(parents=True)
    (tmp_path / "templates" / "demo" / "bad.ttf").write_bytes(b"not a font")
    (tmp_path / "templates" / "demo" / "theme.yaml").write_text("fonts: {regular: bad.ttf}\n", encoding="utf-8")
    inputs, _ = looked_at(deck)
    assert tmp_path / "templates" / "demo" / "bad.ttf" in inputs


@needs_links
def test_a_link_refused_for_leading_outside_the_project_is_looked_at(tmp_path):
    """The error says to copy the file into the project: doing so is a change to build."""
    project = tmp_path / "p"
    deck = make_project(project, OUTLINE + "  - kind: image\n    title: 图片\n    image: pic.png\n    alt: 图\n")
    (tmp_path / "elsewhere.png").write_bytes(b"")
    (project / "decks" / "pic.png").symlink_to(tmp_path / "elsewhere.png")
    inputs, absent = looked_at(deck)
    assert project / "decks" / "pic.png" in inputs | absent


@needs_links
def test_fonts_reached_through_a_linked_folder_count_only_when_an_edition_uses_them(tmp_path):
    """A theme's font folder that is a link: the files of the script families no edition uses
    are not inputs by their spelling through the link either."""
    fonts = Path(__file__).resolve().parent.parent / "src" / "deckbuild" / "fonts"
    shared = tmp_path / "shared-fonts"
    shared.mkdir()
    for name in ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf", "NotoSansJP-Regular.ttf", "NotoSansJP-Bold.ttf"):
        shutil.copy(fonts / name, shared / name)
    deck = make_project(tmp_path, "theme: brand\n" + OUTLINE)
    theme = tmp_path / "templates" / "brand"
    theme.mkdir(parents=True)
    (theme / "fonts").symlink_to(Path("..") / ".." / "shared-fonts")
    (theme / "theme.yaml").write_text(textwrap.dedent("""\
        fonts:
          family: Noto Sans SC
          regular: fonts/NotoSansSC-Regular.ttf
          bold: fonts/NotoSansSC-Bold.ttf
          scripts:
            Jpan: {family: Noto Sans JP, regular: fonts/NotoSansJP-Regular.ttf, bold: fonts/NotoSansJP-Bold.ttf}
        """), encoding="utf-8")
    diags = Diagnostics()
    outline = load_outline_checked(deck, diags)
    assert outline is not None and not diags.has_errors, [d.format() for d in diags.items]
    inputs = set(outline.inputs)
    assert theme / "fonts" / "NotoSansSC-Regular.ttf" in inputs  # used (a zh-CN outline), by its link too
    assert not {p for p in inputs if "NotoSansJP" in p.name}
