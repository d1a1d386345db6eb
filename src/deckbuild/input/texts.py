"""Text fields of one edition: pick the language, substitute facts, parse inline Markdown,
and keep only the links the allow-list permits (``deckbuild.model.links``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from deckbuild.diagnostics import Diagnostics, Location, did_you_mean, quoted, with_fix
from deckbuild.input.dates import shown_date
from deckbuild.input.facts import REFERENCE, Fact, substitute
from deckbuild.input.inline import parse_inline, quotes_for, split_paragraphs
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar, describe_character, illegal_character
from deckbuild.model import links
from deckbuild.model.deck import Rich, Span
from deckbuild.text.ties import NBSP, tie_at

if TYPE_CHECKING:
    from deckbuild.input.glyphs import Coverage

# The longest piece of text between two line-break opportunities shown whole (see
# Texts._cut_long_words).
MAX_WORD = 1000
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD + 1},}}")
_CODE = re.compile(r"`[^`]*`")  # a code span: its braces are text
_OPENED = re.compile(r"\{\{[^{}]{0,30}(?:\}\})?")  # a '{{' no reference starts, shown with what follows it
LINK_HELP = "link to http://, https:// or mailto: addresses, or to #ID of a slide with 'id: ID'"


def _substitute(text: str, facts: dict[str, Fact], language: str) -> tuple[str, list[str]]:
    """``substitute`` outside code spans: in `code` two braces are text ('`{{#each}}`')."""
    out: list[str] = []
    unknown: list[str] = []
    pos = 0
    for m in [*_CODE.finditer(text), None]:
        part, missing = substitute(text[pos:m.start() if m else len(text)], facts, language)
        out.append(part + (m.group() if m else ""))
        unknown += missing
        pos = m.end() if m else len(text)
    return "".join(out), unknown


def _meant(key: str, languages: list[str]) -> str:
    """"; did you mean 'de'?" for a language ``key`` misspells ('ed', 'dee'), or ''."""
    swapped = [lang for lang in languages if sorted(lang.lower()) == sorted(key.lower())]
    return f"; did you mean '{swapped[0]}'?" if swapped else did_you_mean(key, languages)


@dataclass
class Texts:
    """Resolves text nodes for one language; problems go to ``diags``. ``anchors``: the
    slide ids a ``[text](#id)`` link may name."""

    language: str
    languages: tuple[str, ...]  # every edition's language, for completeness checks
    facts: dict[str, Fact]
    diags: Diagnostics
    used_facts: set[str] = field(default_factory=set)
    anchors: frozenset[str] = frozenset()
    coverage: Coverage | None = None  # the theme's fonts: a text with characters they lack is warned of
    shared: dict[Location, str] | None = None  # where to note texts written once for every language

    def drawn(self, text: str, where: Location) -> str:
        """``text``, which the outputs draw, checked against the theme's fonts."""
        if self.coverage is not None:
            self.coverage.check(text, where, self.diags)
        return text

    def raw(self, node: AnyNode | None, default: str = "", *, drawn: bool = True) -> str:
        """The node's string in this language, facts substituted; checked against the theme's
        fonts unless it is not ``drawn`` (alt text)."""
        return self._located(node, default, drawn=drawn)[0]

    def _located(self, node: AnyNode | None, default: str = "", *,
                 drawn: bool = True) -> tuple[str, Location | None]:
        """The node's string in this language and where it was written."""
        if node is None:
            return default, None
        if isinstance(node, Mapping):
            missing = [lang for lang in self.languages if lang not in node]
            if missing:
                hint = "".join(f"; '{key}' is not one of the deck's languages ({', '.join(self.languages)})"
                               + _meant(key, missing) for key, _ in node.items() if key not in self.languages)
                self.diags.error(node.loc, f"missing translation for {', '.join(missing)}; add "
                                 + ", ".join(f"'{m}:'" for m in missing) + hint, "translation")
            chosen = node.get(self.language)
            if chosen is None:
                return default, node.loc
            node = chosen
        elif self.shared is not None and len(self.languages) > 1 and isinstance(node, Scalar) \
                and isinstance(node.value, str):
            self.shared[node.loc] = node.value
        if not isinstance(node, Scalar) or node.value is None:
            return default, node.loc
        text = str(node.value)
        if "{{" in text:
            text, unknown = _substitute(text, self.facts, self.language)
            for name in unknown:
                self.diags.error(node.loc, with_fix(f"unknown fact '{name}' in '{{{{{name}}}}}'",
                                                    did_you_mean(name, self.facts), "declare it under 'facts:'"),
                                 "unknown-fact")
            self.used_facts.update(m for m in self.facts if "{{" + m in str(node.value) or "{{ " + m in str(node.value))
            opened = _OPENED.search(REFERENCE.sub("", _CODE.sub("", str(node.value))))
            if opened:
                self.diags.error(node.loc, f"'{opened.group().rstrip()}' is not a fact reference: write {{{{name}}}}, "
                                 "{{name.low}}, {{name.high}} or {{name.mid}}, closed with '}}', for a fact under "
                                 "'facts:' (two braces as text: {\\{, or inside `code`)", "fact-reference")
        return self._checked(text, node.loc, drawn), node.loc

    def _checked(self, text: str, loc: Location, drawn: bool = True) -> str:
        """``text`` as the outputs can hold it: without characters no deck or report may hold,
        words too long to break cut, checked against the fonts if ``drawn``."""
        bad = illegal_character(text)
        if bad:  # the loader refuses these; text made some other way is checked here too
            self.diags.error(loc, f"{describe_character(bad.group())} cannot go into a deck or report; remove it",
                             "control-char")
            text = "".join(ch for ch in text if not illegal_character(ch))
        if len(text) > MAX_WORD and _LONG_RUN.search(text):
            text = self._cut_long_words(text, loc)
        return self.drawn(text, loc) if drawn else text

    def cell(self, text: str, where: Location) -> Rich:
        """A data cell (a CSV field) as one plain run: never markup, never a {{fact}} or a
        formula, shown as written; checked as any text is."""
        text = self._checked(text, where)
        return Rich((Span(text),)) if text else Rich()

    def _cut_long_words(self, text: str, loc: Location) -> str:
        """``text`` with every piece longer than MAX_WORD characters between two line-break
        opportunities cut to its first MAX_WORD, with a warning: such a word is never prose
        (a hash, a pasted blob), and laying it out costs time that grows with its square."""
        from deckbuild.text.linebreak import break_units

        out, pos = [], 0
        for m in _LONG_RUN.finditer(text):
            units = break_units(m.group())
            if all(len(u.rstrip()) <= MAX_WORD for u in units):
                continue  # long, but with places to break (CJK, a URL's segments)
            out.append(text[pos:m.start()])
            for u in units:
                core = u.rstrip()
                if len(core) > MAX_WORD:
                    self.diags.warning(loc, f"a word of {len(core)} characters has no place to break a line; it is "
                                       f"shown cut to its first {MAX_WORD} characters; add spaces or shorten it",
                                       "long-word")
                    u = core[:MAX_WORD] + "…" + u[len(core):]
                out.append(u)
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    def _rich(self, text: str, loc: Location | None, typeset: bool = True) -> Rich:
        """``text`` parsed, each link checked against the allow-list: a refused link is a
        warning at ``loc`` and its text stays, without the link."""
        rich = parse_inline(text, quotes_for(self.language) if typeset else None)
        if not any(s.href for s in rich.spans):
            return rich
        spans = []
        for s in rich.spans:
            if s.href:
                verdict = links.check(s.href, self.anchors)
                if verdict.target is None and loc is not None:
                    self.diags.warning(loc, f"link to {quoted(links.shown(s.href))} is shown as plain text: "
                                       f"{verdict.reason}; {LINK_HELP}", "link")
                s = replace(s, href=verdict.target)
            spans.append(s)
        return Rich(tuple(spans))

    def url(self, node: Scalar) -> str:
        """A source's ``url`` as written; a warning when the allow-list refuses it (the
        renderers then show it as plain text)."""
        url = str(node.value)
        verdict = links.check(url)
        if verdict.target is None:
            self.diags.warning(node.loc, f"url {quoted(links.shown(url))} is shown as plain text: "
                               f"{verdict.reason}; use an http:// or https:// address", "link")
        return self.drawn(url, node.loc)

    def as_written(self, node: AnyNode | None) -> str:
        """A plain string field the outputs show as written (a label), checked against the fonts."""
        return self.drawn(str(node.value), node.loc) if isinstance(node, Scalar) and node.value is not None else ""

    def date(self, node: AnyNode | None) -> str:
        """A date field (the deck's, a source's) as the edition's reader writes it
        (``input.dates.shown_date``), checked against the fonts."""
        if not isinstance(node, Scalar) or node.value is None:
            return ""
        return self.drawn(shown_date(str(node.value), self.language), node.loc)

    def plain(self, node: AnyNode | None, default: str = "", *, drawn: bool = True, data: bool = False) -> str:
        """Plain text: inline Markdown markers dropped; typeset (``inline``) unless it is
        ``data``: a chart's categories and series names stay as written, as in its workbook."""
        text, loc = self._located(node, default, drawn=drawn)
        return self._rich(text, loc, typeset=not data).plain if text else ""

    def rich(self, node: AnyNode | None) -> Rich:
        return self._rich(*self._located(node))

    def heading(self, node: AnyNode | None) -> Rich:
        """A title: its last two words tied (``text.ties``), so no line holds one word alone."""
        rich = self.rich(node)
        at = tie_at(rich.plain, self.language)
        if at is None:
            return rich
        spans, pos = [], 0
        for span in rich.spans:
            i = at - pos
            if 0 <= i < len(span.text) and not span.code:
                span = replace(span, text=span.text[:i] + NBSP + span.text[i + 1:])
            spans.append(span)
            pos += len(span.text)
        return Rich(tuple(spans))

    def paragraphs(self, node: AnyNode | None) -> tuple[Rich, ...]:
        text, loc = self._located(node)
        return tuple(r for r in (self._rich(p, loc) for p in split_paragraphs(text)) if r)

    def plain_paragraphs(self, node: AnyNode | None) -> tuple[str, ...]:
        return tuple(r.plain for r in self.paragraphs(node))
