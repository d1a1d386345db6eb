"""The words a theme or an outline gives for the labels deckbuild prints (``labels:``):
checked, and gathered for one edition."""

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




def words_for(node: AnyNode | None, language: str) -> dict[str, str]:
    """The label words ``labels:`` gives for ``language`` (its own tag's, over its base
    language's: 'de' words serve a 'de-CH' edition), as written."""
    out: dict[str, str] = {}
    if not isinstance(node, Mapping):
        return out
    for tag in (language.split("-")[0], language):
        words = node.get(tag)
        if isinstance(words, Mapping):
            out.update({k: str(v.value) for k, v in words.items() if isinstance(v, Scalar) and v.value is not None})
    return out
