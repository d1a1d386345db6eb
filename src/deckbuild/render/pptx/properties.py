"""The document properties of a deck: core (title, subject, author, language, dates), extended
(slide, note, word and paragraph counts, slide titles; docProps/app.xml) and the thumbnail
(docProps/thumbnail.jpeg), all from the deck, none left as the template says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from lxml import etree

from deckbuild.cjk import is_wide
from deckbuild.model.deck import Deck
from deckbuild.render.pptx import ooxml
from deckbuild.render.pptx.ns import qn

_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_HANGUL = ((0x1100, 0x11FF), (0xA960, 0xA97F), (0xAC00, 0xD7FF))


def core_properties(prs, deck: Deck, when: dt.datetime) -> None:
    """docProps/core.xml: title, subject, author, language from the deck; created, modified and
    last printed at ``when``; nothing of the template's (comments, keywords, category)."""
    naive = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    cp = prs.core_properties
    cp.title = deck.title[:255]
    cp.subject = deck.subtitle[:255]
    cp.author = deck.author[:255]
    cp.last_modified_by = deck.author[:255]
    cp.language = deck.language
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.created = naive
    cp.modified = naive
    cp.last_printed = naive
    cp.revision = 1


def _ideographic(ch: str) -> bool:
    """A character that is a word of its own (Chinese and Japanese; Korean separates words)."""
    o = ord(ch)
    return is_wide(ch) and not any(lo <= o <= hi for lo, hi in _HANGUL)


def count_words(texts: Iterable[str]) -> int:
    """Words as Office counts them: runs of letters between spaces, and each Chinese or
    Japanese character."""
    words = 0
    for text in texts:
        inside = False
        for ch in text:
            if ch.isspace():
                inside = False
            elif _ideographic(ch):
                words += 1
                inside = False
            elif not inside:
                words += 1
                inside = True
    return words


def _slide_paragraphs(slides) -> list[str]:
    """The text of every paragraph with text on the slides (notes pages left out)."""
    found = []
    for slide in slides:
        for p in slide.element.iter(qn("a:p")):
            text = "".join(t.text or "" for t in p.iter(qn("a:t")))
            if text.strip():
                found.append(text)
    return found


def app_properties(prs, deck: Deck, widescreen: bool) -> None:
    """docProps/app.xml: the template's describes an empty deck (python-pptx's: a 4:3 one made
    by PowerPoint): deckbuild as the application, the slide, note, hidden-slide, word and
    paragraph counts, and the slide titles among the titles of parts."""
    part = next((p for p in ooxml.parts_of(prs) if ooxml.part_name(p) == "/docProps/app.xml"), None)
    if part is None:
        return
    root = etree.fromstring(ooxml.part_bytes(part))
    paragraphs = _slide_paragraphs(prs.slides)
    values = {"TotalTime": "0", "Words": str(count_words(paragraphs)), "Application": "deckbuild",
              "PresentationFormat": "Widescreen" if widescreen else "Custom", "Paragraphs": str(len(paragraphs)),
              "Slides": str(len(deck.slides)), "Notes": str(sum(1 for s in deck.slides if s.notes)),
              "HiddenSlides": "0"}
    for name, value in values.items():
        el = root.find(f"{{{_APP_NS}}}{name}")
        if el is None:
            el = etree.SubElement(root, f"{{{_APP_NS}}}{name}")
        el.text = value
    themes = [etree.fromstring(ooxml.part_bytes(ooxml.theme_part(m))).get("name", "") for m in prs.slide_masters]
    _slide_titles(root, themes, [s.title.plain for s in deck.slides])
    ooxml.set_part_bytes(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _slide_titles(root, themes: list[str], titles: list[str]) -> None:
    """The "Slide Titles" heading pair and the titles it counts, after the template's other
    headings (fonts, theme: named as the masters' themes now are), as PowerPoint writes them."""
    pairs, parts = root.find(f"{{{_APP_NS}}}HeadingPairs"), root.find(f"{{{_APP_NS}}}TitlesOfParts")
    if pairs is None or parts is None:
        return
    pair_vector, part_vector = pairs.find(f"{{{_VT}}}vector"), parts.find(f"{{{_VT}}}vector")
    if pair_vector is None or part_vector is None:
        return
    variants = list(pair_vector)
    kept, others = [], 0
    for name, count in zip(variants[::2], variants[1::2]):
        label, number = name.findtext(f"{{{_VT}}}lpstr"), count.findtext(f"{{{_VT}}}i4")
        if label == "Slide Titles" or number is None or not number.isdigit():
            continue
        kept.append((label, int(number)))
        others += int(number)
    for el in list(pair_vector):
        pair_vector.remove(el)
    for label, number in [*kept, ("Slide Titles", len(titles))]:
        etree.SubElement(etree.SubElement(pair_vector, f"{{{_VT}}}variant"), f"{{{_VT}}}lpstr").text = label
        etree.SubElement(etree.SubElement(pair_vector, f"{{{_VT}}}variant"), f"{{{_VT}}}i4").text = str(number)
    pair_vector.set("size", str(2 * (len(kept) + 1)))
    names = [el.text or "" for el in part_vector][:others]
    start = 0
    for label, number in kept:  # the themes' names (deckbuild renames python-pptx's theme)
        if label == "Theme" and number == len(themes):
            names[start:start + number] = themes
        start += number
    for el in list(part_vector):
        part_vector.remove(el)
    for name in [*names, *titles]:
        etree.SubElement(part_vector, f"{{{_VT}}}lpstr").text = name[:255]
    part_vector.set("size", str(len(names) + len(titles)))


def set_thumbnail(prs, jpeg: bytes) -> None:
    """docProps/thumbnail.jpeg holds ``jpeg``: python-pptx's template carries a stock picture
    there; a template without a thumbnail gets one. A template's thumbnail of another format
    (rare) is left alone rather than given JPEG bytes under another content type."""
    found = [p for p in ooxml.parts_of(prs) if ooxml.part_name(p).lower().startswith("/docprops/thumbnail.")]
    jpegs = [p for p in found if ooxml.part_name(p).lower().endswith((".jpeg", ".jpg"))]
    if jpegs:
        ooxml.set_part_bytes(jpegs[0], jpeg)
    elif not found:
        ooxml.add_part(prs, "/docProps/thumbnail.jpeg", "image/jpeg", jpeg, _THUMBNAIL_REL, of_package=True)
