"""The words a theme or an outline gives for the labels deckbuild prints (``labels:``),
checked: the same rules in both."""

from __future__ import annotations

from deckbuild.diagnostics import Diagnostics, did_you_mean, with_fix
from deckbuild.input.yaml_nodes import AnyNode, Mapping, Scalar


def check_labels(node: AnyNode | None, diags: Diagnostics) -> None:
    """Every label override names a known label and is a valid template (``labels.parse``)."""
    from deckbuild.model.labels import DEFAULTS, TemplateError, parse

    names = DEFAULTS["en"]
    for _, words in node.items() if isinstance(node, Mapping) else ():
        if not isinstance(words, Mapping):
            continue
        for name, value in words.items():
            if name not in names:
                diags.error(words.key_loc(name), with_fix(f"unknown label '{name}'", did_you_mean(name, names),
                                                          "labels are " + ", ".join(names)), "unknown-label")
            elif isinstance(value, Scalar) and isinstance(value.value, str):
                try:
                    parse(name, value.value)
                except TemplateError as exc:
                    diags.error(value.loc, str(exc), "label-template")
