"""Validation: every problem reported at once, exactly, with its position and a fix."""

import os

import pytest

from deckbuild.diagnostics import Diagnostics
from deckbuild.input.editions import compile_outline
from project import CHART, OUTLINE, make_project


def check(tmp_path, outline=OUTLINE, charts=None):
    deck = make_project(tmp_path, outline, charts)
    diags = Diagnostics()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        _, decks = compile_outline(deck, diags)
    finally:
        os.chdir(cwd)
    return [d.format() for d in diags.sorted()], decks


def test_valid_outline_compiles(tmp_path):
    messages, decks = check(tmp_path)
    assert messages == []
    (deck,) = decks
    assert [s.title.plain for s in deck.slides] == ["标题 60.4%", "图"]
    assert deck.charts[0].series[0].values == (1.0, 0.604)


def test_unknown_key_with_suggestion(tmp_path):
    messages, _ = check(tmp_path, OUTLINE.replace("    title: 图", "    titel: 图"))
    assert messages == ["decks/t.yaml:14:5: error: unknown key 'titel' in slide 2; did you mean 'title'?"]


def test_wrong_type(tmp_path):
    messages, _ = check(tmp_path, OUTLINE.replace("bullets: [甲, 乙]", "bullets: 甲"))
    assert messages == ["decks/t.yaml:11:14: error: 'bullets' in slide 1 must be a list, not a string ('甲')"]


def test_missing_required_field(tmp_path):
    messages, _ = check(tmp_path, OUTLINE.replace("    chart: bars\n", ""))
    assert messages == ["decks/t.yaml:14:5: error: slide 2 has no 'kind' and it cannot be inferred; add 'kind:' "
                        "with one of: title, section, bullets, columns, chart, table, quote, stats, image, diagram, "
                        "closing"
                        ] or messages == ["decks/t.yaml:13:5: error: slide 2 is missing required key 'chart'"]


def test_unknown_kind_with_suggestion(tmp_path):
    messages, _ = check(tmp_path, OUTLINE.replace("kind: bullets", "kind: bulets"))
    assert messages == ["decks/t.yaml:9:11: error: unknown slide kind 'bulets' for slide 1; did you mean 'bullets'? "
                        "(expected one of: title, section, bullets, columns, chart, table, quote, stats, image, "
                        "diagram, closing)"]


def test_unknown_chart(tmp_path):
    messages, _ = check(tmp_path, OUTLINE.replace("chart: bars", "chart: bar"))
    assert messages == [
        "decks/t.yaml:15:12: error: chart 'bar' not found: no file charts/bar.yaml; did you mean 'bars'?"]


def test_unknown_source(tmp_path):
    messages, _ = check(tmp_path, OUTLINE.replace("sources: [src]", "sources: [scr]"))
    assert messages == ["decks/t.yaml:12:15: error: unknown source 'scr'; did you mean 'src'? "
                        "add it to the deck's 'sources:' list"]


def test_unknown_fact(tmp_path):
    messages, _ = check(tmp_path, OUTLINE.replace("{{share}}", "{{shares}}"))
    assert messages == ["decks/t.yaml:10:12: error: unknown fact 'shares' in '{{shares}}'; did you mean 'share'? "
                        "declare it under 'facts:'"]


def test_every_problem_at_once(tmp_path):
    bad = OUTLINE.replace("titel", "x").replace("    title: 图", "    titel: 图")
    bad = bad.replace("kind: bullets", "kind: bulets")
    bad = bad.replace("id: src", "id: src\n    colour: red")
    messages, _ = check(tmp_path, bad)
    assert len(messages) == 3
    assert all(m.startswith("decks/t.yaml:") and ": error: " in m for m in messages)


def test_missing_translation(tmp_path):
    outline = OUTLINE.replace("language: zh-CN", "language: zh-CN\ntranslations: [en]").replace(
        "title: 图", "title: {zh-CN: 图, en: Chart}")
    messages, _ = check(tmp_path, outline.replace("title: 测试", "title: {zh-CN: 测试}"))
    assert "decks/t.yaml:1:8: error: missing translation for en; add 'en:'" in messages


@pytest.mark.parametrize("given, meant", [("ne", "; did you mean 'en'?"), ("eng", "; did you mean 'en'?"),
                                          ("fr", "")])
def test_a_translation_under_another_language_is_named(tmp_path, given, meant):
    outline = OUTLINE.replace("language: zh-CN", "language: zh-CN\ntranslations: [en]").replace(
        "title: 图", "title: {zh-CN: 图, en: Chart}")
    messages, _ = check(tmp_path, outline.replace("title: 测试", f"title: {{zh-CN: 测试, {given}: Test}}"))
    assert messages == [f"decks/t.yaml:1:8: error: missing translation for en; add 'en:'; '{given}' is not one "
                        f"of the deck's languages (zh-CN, en){meant}"]


def test_a_comma_that_split_a_translation_is_named(tmp_path):
    outline = OUTLINE.replace("language: zh-CN", "language: zh-CN\ntranslations: [en]").replace(
        "title: 图", "title: {zh-CN: 图, en: Weather, not demand}")
    messages, _ = check(tmp_path, outline)
    assert "decks/t.yaml:15:36: error: key 'not demand' in 'title' in slide 2 is not valid: use a language tag " \
           "such as 'zh-CN' or 'en'; if it is the end of the text before it, a ',' inside '{...}' split that " \
           "text (in '1,000' too): quote the text, e.g. {en: \"weather, not demand\"}" in messages
    # one word after the comma, or a number's comma
    for text in ("mostly", "000人以上"):
        messages, _ = check(tmp_path, outline.replace(", not demand", ("," if text[0].isdigit() else ", ") + text))
        assert any(f"key '{text}' in 'title' in slide 2 is not valid" in m and "split that text" in m
                   for m in messages), messages
    # a key that is not a language and was given a value: no comma split it
    messages, _ = check(tmp_path, OUTLINE.replace("title: 图", "title: {zh-CN: 图, not a tag: x}"))
    assert messages == ["decks/t.yaml:14:23: error: key 'not a tag' in 'title' in slide 2 is not valid: use a "
                        "language tag such as 'zh-CN' or 'en'"]


@pytest.mark.parametrize("text, shown", [
    ("截至 {{share", "{{share"),
    ("{{share.lo}} 与 {{share}}", "{{share.lo}}"),
    ("{{ 份额 }}", "{{ 份额 }}"),
    ("份额 {{", "{{"),
    ("`{{a}}` 与 {{b", "{{b"),
])
def test_a_fact_reference_left_open_or_misspelt_is_an_error(tmp_path, text, shown):
    messages, _ = check(tmp_path, OUTLINE.replace("bullets: [甲, 乙]", f'bullets: [甲, "{text}"]'))
    assert messages == [f"decks/t.yaml:11:18: error: '{shown}' is not a fact reference: write {{{{name}}}}, "
                        "{{name.low}}, {{name.high}} or {{name.mid}}, closed with '}}', for a fact under 'facts:' "
                        "(two braces as text: {\\{, or inside `code`)"]


@pytest.mark.parametrize("text", ["`{{#each items}}` 模板", "Jinja 的 {\\\\{ x }} 写法"])
def test_two_braces_as_text_in_code_or_escaped(tmp_path, text):
    messages, decks = check(tmp_path, OUTLINE.replace("bullets: [甲, 乙]", f'bullets: [甲, "{text}"]'))
    assert messages == []
    assert "{{" in decks[0].slides[0].content.bullets[1].text.plain


def test_translations_make_two_editions(tmp_path):
    outline = OUTLINE.replace("language: zh-CN", "language: zh-CN\ntranslations: [en]")
    messages, decks = check(tmp_path, outline)
    assert messages == []
    assert [d.name for d in decks] == ["t", "t.en"]
    assert [d.language for d in decks] == ["zh-CN", "en"]


@pytest.mark.parametrize("values, message", [
    ("[1, x]", "charts/bars.yaml:6:17: error: value 2 is 'x', which is not valid: use a number or a fact "
               "reference such as $capex.low"),
    ("[1]", "charts/bars.yaml:5:5: error: series has 1 values but the chart has 2 categories; give one value per "
            "category"),
    ("[1, .nan]", "charts/bars.yaml:6:17: error: value 2 must be a finite number, not nan"),
    ("[]", "charts/bars.yaml:5:5: error: series has no values; add 'values:' (or 'column:' with 'csv:')"),
])
def test_chart_data_errors(tmp_path, values, message):
    messages, _ = check(tmp_path, charts={"bars": CHART.replace("[1, $share]", values)})
    assert messages == [message]


def test_chart_unknown_kind(tmp_path):
    messages, _ = check(tmp_path, charts={"bars": CHART.replace("kind: column", "kind: colum")})
    assert messages == ["charts/bars.yaml:2:7: error: unknown chart kind 'colum' for 'kind' in the chart spec; "
                        "did you mean 'column'? (expected one of: column, bar, line, area, pie, donut, scatter, "
                        "range, magnitude, combo, scorecard)"]


def test_csv_data(tmp_path):
    chart = "title: t\nkind: column\ncsv: d.csv\ncategory_column: year\nseries:\n  - {name: v, column: value}\n"
    (tmp_path / "charts").mkdir(parents=True)
    (tmp_path / "charts" / "d.csv").write_text("year,value\n2024,1\n2025,oops\n")
    messages, _ = check(tmp_path, charts={"bars": chart})
    assert messages == ["charts/d.csv:3:6: error: 'oops' is not a number"]
    (tmp_path / "charts" / "d.csv").write_text("year,value\n2024,1\n2025,2\n")
    messages, decks = check(tmp_path, charts={"bars": chart})
    assert messages == [] and decks[0].charts[0].categories == ("2024", "2025")


def test_path_outside_project_is_refused(tmp_path):
    outline = OUTLINE + "  - kind: image\n    title: 图片\n    image: ../../etc/passwd\n    alt: x\n"
    messages, _ = check(tmp_path, outline)
    assert len(messages) == 1
    assert messages[0].startswith("decks/t.yaml:18:12: error: image '../../etc/passwd' is refused: it leads outside "
                                  "the project folder")


def test_formula_facts(tmp_path):
    outline = OUTLINE.replace("  share: {value: 0.604, unit: percent}",
                              "  share: {value: 0.604, unit: percent}\n  rest: {formula: 1 - share, unit: percent}")
    messages, decks = check(tmp_path, outline.replace("标题 {{share}}", "标题 {{share}} {{rest}}"))
    assert messages == []
    assert decks[0].slides[0].title.plain == "标题 60.4% 39.6%"


@pytest.mark.parametrize("facts, message", [
    ("  rest: {formula: 1 - shar}", "decks/t.yaml:8:19: error: formula '1 - shar' names unknown fact 'shar'; "
                                     "did you mean 'share'?"),
    ("  a: {formula: b + 1}\n  b: {formula: a + 1}", "decks/t.yaml:8:16: error: formula of fact 'a' depends on "
                                                       "itself through b"),
    ("  rest: {value: 1, formula: share}", "decks/t.yaml:8:9: error: fact 'rest' needs exactly one of 'value' or "
                                            "'formula'"),
    ("  rest: {formula: __import__('os')}", "decks/t.yaml:8:19: error: 'formula' in 'rest' in 'facts' in the "
                                             "outline is '__import__('os')', which is not valid: use numbers, "
                                             "fact names, + - * / and ()"),
])
def test_formula_errors(tmp_path, facts, message):
    share = "  share: {value: 0.604, unit: percent}"
    outline = OUTLINE.replace(share, share + "\n" + facts)
    messages, _ = check(tmp_path, outline)
    assert messages[0] == message


@pytest.mark.parametrize("language, text, expected", [
    ("zh-CN", "给出 {{capex}} 的指引", "给出 660–720亿美元的指引"),  # no space between two CJK characters
    ("zh-CN", "约 {{share}} 的中断", "约 60.4% 的中断"),  # a number keeps its spaces
    ("zh-CN", "月活逾 {{users}}，但", "月活逾 4亿，但"),
    ("en", "Capex of {{capex}} buys", "Capex of $66–72\u00a0billion buys"),  # one amount: a no-break space
])
def test_facts_in_cjk_text_drop_the_space_between_cjk_characters(language, text, expected):
    from deckbuild.input.facts import Fact, substitute

    facts = {"capex": Fact("capex", (66e9, 72e9), "usd"), "share": Fact("share", 0.604, "percent"),
             "users": Fact("users", 4e8, "compact")}
    assert substitute(text, facts, language) == (expected, [])


def test_korean_keeps_its_spaces_around_facts():
    from deckbuild.input.facts import Fact, substitute

    assert substitute("매출은 {{n}} 증가했다", {"n": Fact("n", 1.2e8, "compact")}, "ko")[0].endswith(" 증가했다")
