"""Text fields of one edition: pick the language, substitute facts, parse inline Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from deckbuild.diagnostics import Diagnostics, Location, did_you_mean, with_fix
from deckbuild.facts import Fact, substitute
from deckbuild.inline import paragraphs, parse_inline, plain_paragraphs
from deckbuild.loader import AnyNode, Mapping, Scalar, describe_character, illegal_character
from deckbuild.model import Rich

if TYPE_CHECKING:
    from deckbuild.glyphs import Coverage


@dataclass
class Texts:
    """Resolves text nodes for one language; problems go to ``diags``."""

    language: str
    languages: tuple[str, ...]  # every edition's language, for completeness checks
    facts: dict[str, Fact]
    diags: Diagnostics
    used_facts: set[str] = field(default_factory=set)
    coverage: Optional[Coverage] = None  # the theme's fonts: a text with characters they lack is warned of

    def drawn(self, text: str, where: Location) -> str:
        """``text``, which the outputs draw, checked against the theme's fonts."""
        if self.coverage is not None:
            self.coverage.check(text, where, self.diags)
        return text

    def raw(self, node: Optional[AnyNode], default: str = "", *, drawn: bool = True) -> str:
        """The node's string in this language, facts substituted; checked against the theme's
        fonts unless it is not ``drawn`` (alt text)."""
        if node is None:
            return default
        if isinstance(node, Mapping):
            missing = [lang for lang in self.languages if lang not in node]
            if missing:
                self.diags.error(node.loc, f"missing translation for {', '.join(missing)}; add "
                                 + ", ".join(f"'{m}:'" for m in missing), "translation")
            chosen = node.get(self.language)
            if chosen is None:
                return default
            node = chosen
        if not isinstance(node, Scalar) or node.value is None:
            return default
        text = str(node.value)
        if "{{" in text:
            text, unknown = substitute(text, self.facts, self.language)
            for name in unknown:
                self.diags.error(node.loc, with_fix(f"unknown fact '{name}' in '{{{{{name}}}}}'",
                                                    did_you_mean(name, self.facts), "declare it under 'facts:'"),
                                 "unknown-fact")
            self.used_facts.update(m for m in self.facts if "{{" + m in str(node.value) or "{{ " + m in str(node.value))
        bad = illegal_character(text)
        if bad:  # the loader refuses these; text made some other way is checked here too
            self.diags.error(node.loc, f"{describe_character(bad.group())} cannot go into a deck or report; remove it",
                             "control-char")
            text = "".join(ch for ch in text if not illegal_character(ch))
        return self.drawn(text, node.loc) if drawn else text

    def plain(self, node: Optional[AnyNode], default: str = "", *, drawn: bool = True) -> str:
        """Plain text: inline Markdown markers dropped."""
        text = self.raw(node, default, drawn=drawn)
        return parse_inline(text).plain if text else ""

    def rich(self, node: Optional[AnyNode]) -> Rich:
        return parse_inline(self.raw(node))

    def paragraphs(self, node: Optional[AnyNode]) -> tuple[Rich, ...]:
        return paragraphs(self.raw(node))

    def plain_paragraphs(self, node: Optional[AnyNode]) -> tuple[str, ...]:
        return plain_paragraphs(self.raw(node))
