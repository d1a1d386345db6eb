"""A fact prints the same number in every edition, with the digits it was given, in each
language's own way (CLDR, through Babel): 412000000 is 4.12億, $412 million and 412 Millionen $,
never 4.1億."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import require_tool
from deckbuild.input.facts import Fact, format_fact
from numbers_in_text import values

FACTS = {
    "revenue": (412e6, "usd"), "cost": (338e6, "usd"), "users": (1234567, "compact"), "capex": ((66e9, 72e9), "usd"),
    "share": (0.604, "percent"), "growth": (0.2215, "percent"), "ratio": (2.75, "multiple"), "count": (18400, "number"),
}

@pytest.mark.parametrize("language", ["zh-CN", "zh-TW", "ja", "ko", "en", "de", "fr", "es"])
def test_every_fact_keeps_the_digits_it_was_given(language):
    comma = language in ("de", "fr", "es")
    for name, (value, unit) in FACTS.items():
        fact = Fact(name, value, unit)
        for part, number in (zip(("low", "high"), value) if isinstance(value, tuple) else ((None, value),)):
            text = format_fact(fact, language, part)
            wanted = Decimal(str(number)) * (100 if unit == "percent" else 1)
            assert [v.normalize() for v in values(text, comma)] == [wanted.normalize()], (language, name, text)


def test_currency_follows_the_language_and_decimals_can_be_set_per_language():
    usd = Fact("r", 412e6, "usd")
    assert format_fact(usd, "en") == "$412\u00a0million"  # one amount: a no-break space
    assert format_fact(usd, "ja") == "4.12億ドル"
    assert format_fact(usd, "de") == "412\u00a0Millionen\u00a0$"
    assert format_fact(usd, "zh-CN") == "4.12亿美元"
    assert format_fact(Fact("r", -5e6, "usd"), "en") == "−$5\u00a0million"
    per = Fact("u", 1234567, "compact", decimals=(("en", 1), ("ja", 0)))
    assert format_fact(per, "en-GB") == "1.2\u00a0million"
    assert format_fact(per, "ja") == "123万"
    assert format_fact(per, "de") == "1,234567\u00a0Millionen"  # no decimals set for German: all digits
    assert format_fact(Fact("p", 0.25, "percent"), "en") == "25%"  # no needless '25.0%'
    assert format_fact(Fact("x", 0.1 + 0.2, "number"), "en") == "0.3"  # a computed value's float noise goes


@pytest.mark.parametrize("language, low, high, falls", [
    ("en", "12.5%", "12.5–15%", "−3%"),
    ("zh-CN", "12.5%", "12.5–15%", "-3%"),
    ("de", "12,5\u00a0%", "12,5–15\u00a0%", "−3\u00a0%"),  # CLDR: a no-break space before the sign
    ("fr", "12,5\u00a0%", "12,5–15\u00a0%", "−3\u00a0%"),
    ("tr", "%12,5", "%12,5–%15", "−%3"),  # the sign first, the minus before it
    ("ur", "12.5%", "12.5–15%", "−3%"),  # as Babel formats it (not CLDR's symbol ٪)
])
def test_a_percentage_puts_its_sign_where_the_language_does(language, low, high, falls):
    assert format_fact(Fact("p", 0.125, "percent"), language) == low
    assert format_fact(Fact("p", (0.125, 0.15), "percent"), language) == high
    assert format_fact(Fact("p", -0.03, "percent"), language) == falls


def _deckbuild(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuild", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_the_japanese_english_and_german_editions_print_the_same_numbers(tmp_path):
    facts = "\n".join(f"  {name}: {{value: {list(v) if isinstance(v, tuple) else v}, unit: {u}}}"
                      for name, (v, u) in FACTS.items())
    bullets = ", ".join(f'"{{{{{name}}}}}"' for name in FACTS)
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "t.yaml").write_text(
        f"title: Numbers\nlanguage: ja\ntranslations: [en, de]\nfacts:\n{facts}\n"
        f"slides:\n  - title: {{ja: 数字, en: Numbers, de: Zahlen}}\n    bullets: [{bullets}]\n",
        encoding="utf-8")
    build = _deckbuild(tmp_path, "build", "decks/t.yaml", "--format", "pdf")
    assert build.returncode == 0, build.stderr
    seen = {}
    for name, comma in (("t", False), ("t.en", False), ("t.de", True)):
        text = subprocess.run([require_tool("pdftotext"), str(tmp_path / "build" / f"{name}.pdf"), "-"],
                              check=True, capture_output=True, text=True).stdout
        body = text.split("\f")[-2]  # the slide's page: its bullets, then the page number
        seen[name] = sorted(v.normalize() for v in values(body, comma) if v > 10)
    assert seen["t"] and seen["t"] == seen["t.en"] == seen["t.de"], seen


def test_a_language_cldr_does_not_know_is_formatted_as_its_base_or_english(tmp_path):
    assert format_fact(Fact("r", 412e6, "usd"), "de-XX") == "412\u00a0Millionen\u00a0$"
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "t.yaml").write_text(
        "title: T\nlanguage: xx-QQ\nfacts:\n  a: {value: 5000000, unit: usd}\n"
        "slides:\n  - {title: 'A {{a}}', bullets: [b]}\n", encoding="utf-8")
    build = _deckbuild(tmp_path, "build", "decks/t.yaml", "--format", "pdf")
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr
    text = subprocess.run([require_tool("pdftotext"), str(tmp_path / "build" / "t.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "A $5 million" in text


def test_chart_numbers_use_the_editions_decimal_and_grouping_marks():
    from deckbuild.charts.style import fmt_number

    assert fmt_number(-1234.5, 1, "de") == "\u22121.234,5"
    assert fmt_number(1234.5, 1, "fr") == "1\u202f234,5"
    assert fmt_number(1234.5, 1, "ja") == fmt_number(1234.5, 1) == "1,234.5"
    assert fmt_number(-0.04, 1, "de") == "0,0"  # no minus before a zero
