"""Authoring for real teams (issue 19): every problem in one pass, messages that say what
happened and where, lints everywhere and silenceable, one outline in many brands."""

from __future__ import annotations

import subprocess
import textwrap

import pytest

from conftest import require_tool
from deckbuild.cli.commands import main
from project import OUTLINE, make_project

FOUR_MISTAKES = """\
title: {en: Test, de: Test}
language: en
translations: [de]
theme: corprate
sources:
  - id: src
    title: A source
facts:
  share: {value: 0.604, unit: percnt}
slides:
  - kind: bullets
    title: {en: "Share {{share}}", de: "Anteil {{share}}"}
    bullets: [one, two]
    sources: [scr]
  - kind: bullets
    title: {en: Only English}
    bullets: [{en: a, de: b}]
"""


def deckbuild(capsys, *args: str) -> tuple[int, list[str], str]:
    """Run the command line in the current folder: (exit code, stderr lines, stdout)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, err.splitlines(), out


@pytest.mark.parametrize("command", ["check", "build"])
def test_four_mistakes_in_one_run(tmp_path, monkeypatch, capsys, command):
    """A misspelt unit (schema), an unknown theme (theme), an unknown source (references) and
    a missing translation (the German edition): one run reports all four, each at its place."""
    make_project(tmp_path, FOUR_MISTAKES, charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, command, "decks/t.yaml")
    assert code == 2
    assert err == [
        "decks/t.yaml:4:8: error: theme 'corprate' not found; create templates/corprate/theme.yaml or use one of: "
        "default",
        "decks/t.yaml:9:31: error: unknown unit 'percnt' for 'unit' in 'share' in 'facts' in the outline; did you "
        "mean 'percent'? (expected one of: number, compact, percent, usd, multiple, year)",
        "decks/t.yaml:14:15: error: unknown source 'scr'; did you mean 'src'? add it to the deck's 'sources:' list",
        "decks/t.yaml:16:12: error: missing translation for de; add 'de:'",
    ]
    assert not (tmp_path / "build").exists() or not list((tmp_path / "build").glob("*.pptx"))


def test_a_broken_slide_does_not_hide_the_others(tmp_path, monkeypatch, capsys):
    """An unknown slide kind and an invalid fact value: the slides after them are still
    compiled and checked, and the fact counts as declared (no 'unknown fact' echo)."""
    make_project(tmp_path, textwrap.dedent("""\
        title: T
        facts:
          n: {value: many}
        slides:
          - kind: bulets
            bullets: [a]
          - kind: bullets
            title: "{{n}} and {{m}}"
            bullets: [b]
        """), charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert code == 2
    assert err == [
        "decks/t.yaml:3:14: error: 'value' in 'n' in 'facts' in the outline must be a number or a [low, high] pair, "
        "not a string ('many')",
        "decks/t.yaml:5:11: error: unknown slide kind 'bulets' for slide 1; did you mean 'bullets'? (expected one of: "
        "title, section, bullets, columns, chart, table, quote, stats, image, diagram, closing)",
        "decks/t.yaml:8:12: error: unknown fact 'm' in '{{m}}'; declare it under 'facts:'",
    ]


BILINGUAL = """\
title: {en: Brands, de: Marken}
language: en
translations: [de]
slides:
  - kind: title
  - kind: bullets
    title: {en: One outline, de: Eine Gliederung}
    bullets: [{en: many brands, de: viele Marken}]
"""


def brand_project(root):
    import shutil

    from conftest import ROOT

    deck = make_project(root, BILINGUAL, charts={})
    (root / "templates" / "acme").mkdir(parents=True)
    shutil.copyfile(ROOT / "tests" / "fixtures" / "templates" / "acme.pptx", root / "templates" / "acme" / "acme.pptx")
    (root / "templates" / "acme" / "theme.yaml").write_text(
        "name: acme\npptx:\n  template: acme.pptx\n  layouts: {title: Titelfolie, bullets: Titel und Inhalt}\n",
        encoding="utf-8")
    return deck


def layout_names(path):
    from pptx import Presentation

    return [s.slide_layout.name for s in Presentation(str(path)).slides]


def test_build_on_another_theme_in_one_language(tmp_path, monkeypatch, capsys):
    """``--theme acme --lang de``: the German edition alone, on the company template, from
    the outline as it is; without them, the outline's own theme and every edition."""
    brand_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, err, out = deckbuild(capsys, "build", "decks/t.yaml", "--theme", "acme", "--lang", "de",
                               "--format", "pptx", "--out", "build/acme")
    assert (code, err) == (0, [])
    assert out.splitlines() == ["wrote build/acme/t.de.pptx"]
    assert layout_names("build/acme/t.de.pptx") == ["Titelfolie", "Titel und Inhalt"]
    code, err, out = deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx")
    assert (code, err) == (0, [])
    assert out.splitlines() == ["wrote build/t.pptx", "wrote build/t.de.pptx"]
    assert layout_names("build/t.de.pptx") == ["Title Slide", "Title and Content"]
    # The same outline on its own theme again is up to date; on the other theme, it is not.
    assert deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx")[2] == ""
    code, _, out = deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx", "--theme", "acme")
    assert code == 0 and out.splitlines() == ["wrote build/t.pptx", "wrote build/t.de.pptx"]
    assert layout_names("build/t.pptx") == ["Titelfolie", "Titel und Inhalt"]


def test_unknown_theme_and_language_on_the_command_line(tmp_path, monkeypatch, capsys):
    brand_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml", "--theme", "acmee", "--lang", "fr")
    assert code == 2
    assert err == [
        "--lang: error: the outline decks/t.yaml has no edition in 'fr'; its languages are en, de",
        "--theme: error: theme 'acmee' not found; did you mean 'acme'? create templates/acmee/theme.yaml or use one "
        "of: acme, default",
    ]


LINTED = """\
title: Lints
slides:
  - kind: bullets
    title: Launch on 14 May 2027
    bullets: [Sales grew 22 %, "Again: 22 %"]
  - kind: bullets
    title: Without a source
    bullets: [Margin of 14.5 %, Costs fell, Prices held]
  - kind: bullets
    title: ""
    bullets: [no title here, nor here, nor here]
"""


def test_figures_lint_skips_dates_and_names_each_figure_once(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, LINTED, charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert code == 0
    assert err == [
        'decks/t.yaml:3:5: warning: slide 1 "Launch on 14 May 2027": figures without a cited source (22 %); add '
        "'sources:'",
        'decks/t.yaml:6:5: warning: slide 2 "Without a source": figures without a cited source (14.5); add '
        "'sources:'",
        "decks/t.yaml:9:5: warning: slide 3 has no title; add 'title:' stating its takeaway",
    ]


def test_build_and_watch_show_lints_as_one_line(tmp_path, monkeypatch, capsys):
    """``build`` says how many lint warnings there are, by code, and where to see them; the
    same line again when the build is up to date (and the artifacts are not made again)."""
    make_project(tmp_path, LINTED, charts={})
    monkeypatch.chdir(tmp_path)
    summary = ["decks/t.yaml: warning: 3 lint warnings (2 uncited-figure, 1 no-title); run 'deckbuild check "
               "decks/t.yaml' to see them"]
    code, err, out = deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx")
    assert (code, err, out) == (0, summary, "wrote build/t.pptx\n")
    code, err, out = deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx")
    assert (code, err, out) == (0, summary, "")
    assert deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx", "--strict")[0] == 2



BILINGUAL_PLAIN = """\
title: {en: Plan, de: Plan}
language: en
translations: [de]
slides:
  - title: Where We Stand
    lint: {ignore: [uncited-figure]}
    bullets:
      - Facebook · Instagram · WhatsApp · iPhone · Émile Zola · user@example.com
      - "+{{growth}} in Q4 2025"
      - {en: Ridership grew, de: Mehr Fahrgäste}
      - 广告是唯一的大胜
    notes: The winter dip is weather, not demand.
facts:
  growth: {value: 0.22, unit: percent}
"""


def test_untranslated_texts_of_a_translated_outline_are_linted(tmp_path, monkeypatch, capsys):
    """A text written once for every edition that reads as words (two small-letter words, two
    CJK characters) is shown as written in every edition: warned of, by 'check' one by one and
    by 'build' in its summary; names, figures and codes are not."""
    make_project(tmp_path, BILINGUAL_PLAIN, charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    same = "is the same in every edition (en, de); write it once per language, e.g. {en: …, de: …}, or " \
           "silence 'untranslated' where it is meant to be"
    assert (code, err) == (0, [f"decks/t.yaml:5:12: warning: 'Where We Stand' {same}",
                               f"decks/t.yaml:11:9: warning: '广告是唯一的大胜' {same}",
                               f"decks/t.yaml:12:12: warning: 'The winter dip is weather, not demand.' {same}"])
    code, err, _ = deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx")
    assert (code, err) == (0, ["decks/t.yaml: warning: 3 lint warnings (3 untranslated); run 'deckbuild check "
                               "decks/t.yaml' to see them"])
    make_project(tmp_path, "lint: {ignore: [untranslated]}\n" + BILINGUAL_PLAIN, charts={})
    assert deckbuild(capsys, "check", "decks/t.yaml", "--strict")[:2] == (0, [])
    # editions in one language share their texts
    british = BILINGUAL_PLAIN.replace("[de]", "[en-GB]").replace("de: Plan", "en-GB: Plan")
    make_project(tmp_path, british.replace("de: Mehr Fahrgäste", "en-GB: More riders"), charts={})
    assert deckbuild(capsys, "check", "decks/t.yaml", "--strict")[:2] == (0, [])
    # but Chinese in simplified and traditional characters do not
    chinese = ("title: {zh-CN: 计划, zh-TW: 計劃}\nlanguage: zh-CN\ntranslations: [zh-TW]\nslides:\n"
               "  - title: 广告是唯一的大胜\n    bullets: [{zh-CN: 甲, zh-TW: 甲}]\n")
    make_project(tmp_path, chinese, charts={})
    assert [e for e in deckbuild(capsys, "check", "decks/t.yaml")[1] if "untranslated" in e] == [
        "decks/t.yaml:5:12: warning: '广告是唯一的大胜' "
        + same.replace("(en, de)", "(zh-CN, zh-TW)").replace("{en: …, de: …}", "{zh-CN: …, zh-TW: …}")]


def test_a_chart_s_untranslated_texts_are_silenced_by_the_slides_showing_it(tmp_path, monkeypatch, capsys):
    chart = "title: {en: Riders, de: Fahrgäste}\nkind: column\ncategories: [new members, old members]\n" \
            "series:\n  - {name: {en: Riders, de: Fahrgäste}, values: [1, 2]}\n"
    outline = "title: {en: Plan, de: Plan}\nlanguage: en\ntranslations: [de]\nslides:\n" \
              "  - {title: {en: A, de: A}, chart: bars}\n  - {title: {en: B, de: B}, chart: bars}\n"
    make_project(tmp_path, outline, charts={"bars": chart})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert [e.split(": warning: ")[0] for e in err if "untranslated" in e] == ["charts/bars.yaml:3:14",
                                                                              "charts/bars.yaml:3:27"]
    one = outline.replace("chart: bars}\n  - {title", "chart: bars, lint: {ignore: [untranslated]}}\n  - {title", 1)
    make_project(tmp_path, one, charts={"bars": chart})
    assert sum("untranslated" in e for e in deckbuild(capsys, "check", "decks/t.yaml")[1]) == 2  # one slide of two
    both = one.replace("chart: bars}\n", "chart: bars, lint: {ignore: [untranslated]}}\n")
    make_project(tmp_path, both, charts={"bars": chart})
    assert deckbuild(capsys, "check", "decks/t.yaml", "--strict")[:2] == (0, [])


def test_a_strict_build_with_lint_warnings_writes_nothing(tmp_path, monkeypatch):
    """The lint summary is a warning like any other: ``build(strict=True)`` stops before
    writing (main's rule for strict builds), as ``build --strict`` does after its check."""
    from pathlib import Path

    from deckbuild.build.pipeline import build
    from deckbuild.diagnostics import Diagnostics

    make_project(tmp_path, LINTED, charts={})
    monkeypatch.chdir(tmp_path)
    diags = Diagnostics()
    result = build([Path("decks/t.yaml")], Path("build"), ("pptx",), diags, strict=True)
    assert result.written == [] and not Path("build/t.pptx").exists()
    assert [d.code for d in diags.items] == ["lint-summary"]

def test_watch_shows_the_lint_line(tmp_path, monkeypatch):
    from pathlib import Path

    from deckbuild.cli.watch import watch

    make_project(tmp_path, LINTED, charts={})
    monkeypatch.chdir(tmp_path)
    seen = []
    watch(Path("decks/t.yaml"), Path("build"), ("pptx",), lambda d: seen.extend(x.format() for x in d.sorted()),
          lambda s: None, interval=0.01, max_cycles=1)
    assert [s for s in seen if "lint" in s] == [
        "decks/t.yaml: warning: 3 lint warnings (2 uncited-figure, 1 no-title); run 'deckbuild check decks/t.yaml' "
        "to see them"]


def test_lints_silenced_per_slide_and_per_outline(tmp_path, monkeypatch, capsys):
    silenced = LINTED.replace("    title: Launch on 14 May 2027\n",
                              "    title: Launch on 14 May 2027\n    lint: {ignore: [uncited-figure]}\n")
    make_project(tmp_path, silenced, charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml", "--strict")
    assert code == 2 and [e.split(": error: ")[0] for e in err] == ["decks/t.yaml:7:5", "decks/t.yaml:10:5"]
    make_project(tmp_path, "lint: {ignore: [uncited-figure, no-title]}\n" + silenced, charts={})
    assert deckbuild(capsys, "check", "decks/t.yaml", "--strict")[:2] == (0, [])
    assert deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx", "--strict")[:2] == (0, [])
    make_project(tmp_path, "lint: {ignore: [uncited-figures]}\n" + LINTED, charts={})
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert code == 2 and err[0] == (
        "decks/t.yaml:1:17: error: unknown lint 'uncited-figures' for item 1 of 'ignore' in 'lint' in the outline; "
        "did you mean 'uncited-figure'? "
        "(expected one of: no-title, too-many-bullets, uncited-figure, no-alt, unused-source, overflow, "
        "repeated-text, sparse-slide, chart-colors, palette-colors, untranslated)")


@pytest.mark.parametrize("text, message", [
    ("title: T\nslides:\n  - kind: bullets\n    title: {{share}} grew\n    bullets: [a]\n",
     "decks/t.yaml:4:22: error: YAML syntax error: expected <block end>, but found '<scalar>' (while parsing a block "
     "mapping that starts at line 3, column 5); a value that starts with '{{' is read as a YAML mapping: quote it, "
     "e.g. title: \"{{fact}} grew\""),
    ("title: T\nslides:\n  - kind: bullets\n    title: {{share}}\n    bullets: [a]\n",
     "decks/t.yaml:4:13: error: a value that starts with '{{' is read as a YAML mapping: quote it, e.g. title: "
     "\"{{fact}} grew\""),
    ("title: T\nslides:\n  - kind: bullets\n    title: X\n   bullets: [a]\n",
     "decks/t.yaml:5:4: error: YAML syntax error: expected <block end>, but found '<block mapping start>' (while "
     "parsing a block collection that starts at line 3, column 3); check the indentation: line 5 is indented 3 "
     "spaces, but the key on line 4 that it seems to go with is indented 4; the items of one list, and the keys of "
     "one mapping, must line up"),
    ("title: T\nslides:\n  - title: {en: A,\n      de: B}\n    bullets: [a]\n     notes: x\n",
     "decks/t.yaml:6:6: error: YAML syntax error: expected <block end>, but found '<block mapping start>' (while "
     "parsing a block mapping that starts at line 3, column 5); check the indentation: line 6 is indented 5 "
     "spaces, but the key on line 5 that it seems to go with is indented 4; the items of one list, and the keys of "
     "one mapping, must line up"),
    ("title: T\nslides:\n  - kind: bullets\n    bullets:\n      - One\n        - Sub\n     - Two\n",
     "decks/t.yaml:7:6: error: YAML syntax error: expected <block end>, but found '<block sequence start>' (while "
     "parsing a block mapping that starts at line 3, column 5); check the indentation: line 7 is indented 5 "
     "spaces, but the list item on line 5 that it seems to go with is indented 6; the items of one list, and the "
     "keys of one mapping, must line up"),
    ("title: {en: Share {x} now, de: y}\nslides: []\n",
     "decks/t.yaml:1:19: error: YAML syntax error: expected ',' or '}', but got '{' (while parsing a flow mapping "
     "that starts at line 1, column 8); quote a text that contains '{' or '}' inside a '{...}' mapping, e.g. {en: "
     "\"Share {x}\"}"),
    ("title: {en: T, de: U\nslides: []\n",
     "decks/t.yaml:2:7: error: YAML syntax error: expected ',' or '}', but got ':' (while parsing a flow mapping "
     "that starts at line 1, column 8); close the '{' that opens at line 1, column 8 with '}' on its line, or put a "
     "',' between its entries; quote a value that contains ':', '{' or '}'"),
    ("title: {en: \"{{n}} up\" {{m}}}\nslides: []\n",
     "decks/t.yaml:1:24: error: YAML syntax error: expected ',' or '}', but got '{' (while parsing a flow mapping "
     "that starts at line 1, column 8); a value that starts with '{{' is read as a YAML mapping: quote it, e.g. "
     "title: \"{{fact}} grew\""),
])
def test_yaml_syntax_errors_say_the_likely_cause(tmp_path, monkeypatch, capsys, text, message):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "t.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert deckbuild(capsys, "check", "decks/t.yaml")[:2] == (2, [message])


def test_missing_image_and_csv_get_a_did_you_mean(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, textwrap.dedent("""\
        title: T
        slides:
          - kind: image
            title: A picture
            image: images/chrat.png
            alt: a chart
          - kind: chart
            title: Data
            chart: bars
        """), charts={"bars": "title: B\nkind: column\ncsv: quartrs.csv\ncategory_column: q\n"
                                "series: [{name: v, column: v}]\n"})
    (tmp_path / "decks" / "images").mkdir()
    (tmp_path / "decks" / "images" / "chart.png").write_bytes(b"")
    (tmp_path / "charts" / "quarters.csv").write_text("q,v\nQ1,1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert code == 2
    assert err == [
        "charts/bars.yaml:3:6: error: csv file 'quartrs.csv' not found beside charts/bars.yaml; did you mean "
        "'quarters.csv'?",
        "decks/t.yaml:5:12: error: image file 'images/chrat.png' not found (paths are relative to decks); did you "
        "mean 'images/chart.png'?",
    ]


def test_a_missing_csv_is_not_answered_with_its_chart_s_spec(tmp_path, monkeypatch, capsys):
    """Beside a chart's spec (demo-quarters.yaml), its missing data (demo-quarters.csv) is not
    'did you mean demo-quarters.yaml?': only a file of the same kind is offered."""
    make_project(tmp_path, OUTLINE.replace("chart: bars", "chart: demo-quarters"),
                 charts={"demo-quarters": "title: B\nkind: column\ncsv: demo-quarters.csv\ncategory_column: q\n"
                                          "series: [{name: v, column: v}]\n"})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert code == 2
    assert ("charts/demo-quarters.yaml:3:6: error: csv file 'demo-quarters.csv' not found beside "
            "charts/demo-quarters.yaml") in err, err


def test_a_missing_picture_is_offered_a_picture_of_another_format(tmp_path):
    from deckbuild.input.project import similar_file

    (tmp_path / "logo.jpg").write_bytes(b"")
    (tmp_path / "logo.yaml").write_text("", encoding="utf-8")
    assert similar_file(tmp_path / "logo.png", "img/logo.png") == "; did you mean 'img/logo.jpg'?"
    assert similar_file(tmp_path / "logo.csv", "logo.csv") == ""

def test_new_never_overwrites_a_file(tmp_path, monkeypatch, capsys):
    """A second ``deckbuild new`` keeps the user's edited schema (and says so); the same name
    again is refused, and nothing changes."""
    monkeypatch.chdir(tmp_path)
    assert deckbuild(capsys, "new", "demo")[0] == 0
    edited = tmp_path / "schema" / "outline.schema.json"
    edited.write_text('{"my": "edit"}', encoding="utf-8")
    code, err, out = deckbuild(capsys, "new", "other")
    assert (code, err) == (0, [])
    assert out.splitlines() == [
        "wrote decks/other.yaml", "wrote charts/other-quarters.yaml", "wrote charts/other-quarters.csv",
        "wrote templates/other/theme.yaml",
        *(f"kept schema/{k}.schema.json (it exists; delete it and run 'deckbuild new' again, or 'deckbuild schema "
          f"--kind {k} > schema/{k}.schema.json', for the current one)" for k in ("outline", "chart", "theme")),
        "next: deckbuild build decks/other.yaml",
    ]
    assert edited.read_text(encoding="utf-8") == '{"my": "edit"}'
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, err, out = deckbuild(capsys, "new", "demo")
    assert code == 2 and err[0].startswith("deckbuild: error: will not overwrite decks/demo.yaml")
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_chart_without_deck_finds_the_outline_that_uses_it(tmp_path, monkeypatch, capsys):
    """The chart's $share is declared in decks/t.yaml, which uses the chart: found, used, said."""
    from project import CHART

    make_project(tmp_path, charts={"bars": CHART, "orphan": CHART})
    monkeypatch.chdir(tmp_path)
    code, err, out = deckbuild(capsys, "chart", "charts/bars.yaml", "--out", "bars.svg")
    assert (code, err) == (0, [])
    assert out.splitlines() == [
        "using decks/t.yaml, the outline that uses chart 'bars', for its facts, sources and theme (--deck chooses "
        "another)",
        "wrote bars.svg"]
    code, err, _ = deckbuild(capsys, "chart", "charts/orphan.yaml", "--out", "orphan.svg")
    assert code == 2
    assert err == [
        "charts/orphan.yaml: error: no outline in decks/ uses chart 'orphan', so its facts and sources are unknown; "
        "pass --deck DECK.yaml, the outline that declares them",
        "charts/orphan.yaml:6:17: error: unknown fact 'share'; declare it under 'facts:' in the outline",
    ]
    assert deckbuild(capsys, "chart", "charts/orphan.yaml", "--deck", "decks/t.yaml", "--out", "o.svg")[0] == 0


def test_chart_found_in_a_flow_mapping_slide(tmp_path, monkeypatch, capsys):
    """A slide written on one line (``- {kind: chart, chart: bars}``) uses the chart too."""
    from project import CHART, OUTLINE

    inline = OUTLINE.replace("  - kind: chart\n    title: 图\n    chart: bars\n",
                             "  - {kind: chart, title: 图, chart: bars}\n")
    assert inline != OUTLINE
    make_project(tmp_path, inline, charts={"bars": CHART})
    monkeypatch.chdir(tmp_path)
    code, err, out = deckbuild(capsys, "chart", "charts/bars.yaml", "--out", "bars.svg")
    assert (code, err) == (0, [])
    assert out.startswith("using decks/t.yaml, the outline that uses chart 'bars'")


@pytest.mark.parametrize("lang", [None, "en", "zh-CN"])
def test_chart_without_any_outline_uses_the_built_in_theme(tmp_path, monkeypatch, capsys, lang):
    """A chart with no facts, in a project with no outline, renders with the built-in fonts in
    any language (a Latin-script one draws its labels in the built-in Latin face)."""
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "plain.yaml").write_text(
        "title: Revenue\nkind: column\ncategories: [Q1, Q2]\nseries:\n  - name: Revenue\n    values: [1, 2]\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, err, out = deckbuild(capsys, "chart", "charts/plain.yaml", "--out", "plain.pdf",
                               *(["--lang", lang] if lang else []))
    assert (code, err, out.splitlines()) == (0, [], ["wrote plain.pdf"])
    text = subprocess.run([require_tool("pdftotext"), "plain.pdf", "-"], check=True, capture_output=True,
                          text=True).stdout
    assert {"Q1", "Q2"} <= set(text.split())  # the labels, drawn in the built-in faces


def test_overflow_warnings_name_the_key_the_size_and_the_floor(tmp_path, monkeypatch, capsys):
    """Each overflow says which text shrank, to what size, below which floor of the theme, and
    whether it fits there, at the key it comes from (not the slide's first line)."""
    rows = "\n".join("      - [" + ", ".join(f"Cell {r}{c} with several longer words inside" for c in range(8)) + "]"
                     for r in range(9))
    title = ("A very long title that goes on and on about the quarterly results of the company " * 3)[:200]
    bullet = "a long bullet that has many many words in it and then some more words to fill " * 12
    make_project(tmp_path, f"""\
title: T
lint: {{ignore: [uncited-figure, too-many-bullets, sparse-slide]}}
slides:
  - kind: table
    title: Eight columns
    table:
      header: [A, B, C, D, E, F, G, H]
      rows:
{rows}
  - kind: bullets
    title: {title}
    bullets: [a]
  - kind: bullets
    title: Too much
    bullets: [{", ".join([bullet] * 12)}]
""", charts={})
    monkeypatch.chdir(tmp_path)
    code, err, _ = deckbuild(capsys, "check", "decks/t.yaml")
    assert code == 0
    assert err == [
        'decks/t.yaml:6:5: warning: slide 1 "Eight columns": table text fits only at 10 pt, below the table floor of '
        "12 pt (small_size + 2); shorten it",
        'decks/t.yaml:19:5: warning: slide 2 "A very long title that goes on and on a…": title fits only at 20 pt, '
        "below the ¾ floor of 21 pt; shorten it",
        'decks/t.yaml:23:5: warning: slide 3 "Too much": bullet text shrunk to 8.4 pt, below body_min 14, still '
        "overflows its box by 41 %; shorten it or split the slide",
    ]
    code, err, _ = deckbuild(capsys, "build", "decks/t.yaml", "--format", "pptx")
    assert code == 0 and [e.split(": warning: ")[0] for e in err] == ["decks/t.yaml:6:5", "decks/t.yaml:19:5",
                                                                       "decks/t.yaml:23:5"]
