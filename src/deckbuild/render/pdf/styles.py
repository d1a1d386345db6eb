"""Paragraph styles of the PDF report, all in the theme's fonts and colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from deckbuild.cjk import is_cjk_language
from deckbuild.model.theme import Theme
from deckbuild.render.pdf.fonts import report_fonts
from deckbuild.render.pdf.rl_internals import BULLET_GAP
from deckbuild.text.phrases import phrased

BULLET_CHARS = ("•", "–", "·")


def color(hex_rgb: str) -> Color:
    return HexColor(hex_rgb)


def hanging(style: ParagraphStyle, bullet: str) -> ParagraphStyle:
    """``style`` with its bullet moved left where it would push the first line past ``leftIndent``
    (reportlab keeps BULLET_GAP bullet sizes between the two): every line of a bulleted paragraph
    then starts at ``leftIndent``. A CJK face's "•" and "·" are one em wide, the dot in the middle."""
    width = stringWidth(bullet, style.bulletFontName, style.bulletFontSize)
    room = style.leftIndent - width - BULLET_GAP * style.bulletFontSize
    style.bulletIndent = min(style.bulletIndent, room)
    return style


@dataclass(frozen=True)
class Styles:
    regular: str  # reportlab font names: the edition's text face
    bold: str
    family_regular: str  # the theme's family (figures drawn in it)
    family_bold: str
    cjk: bool
    body: ParagraphStyle
    lead: ParagraphStyle  # a slide's subtitle under its heading
    summary: ParagraphStyle
    kicker: ParagraphStyle  # "Part 1" above an H1
    h1: ParagraphStyle
    h2: ParagraphStyle
    front: ParagraphStyle  # headings of the front and back matter (contents, summary, sources)
    label: ParagraphStyle  # "Key points"
    bullets: tuple[ParagraphStyle, ...]  # per nesting level
    cite: ParagraphStyle
    figure_title: ParagraphStyle
    table_title: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    column_head: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    stat_value: ParagraphStyle
    stat_label: ParagraphStyle
    source: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]
    title: ParagraphStyle
    subtitle: ParagraphStyle
    title_meta: ParagraphStyle
    placeholder: ParagraphStyle
    small_size: float  # header and footer


_UNHYPHENATED = ("toc", "title", "subtitle")
_PHRASED_STYLES = ("h1", "h2", "front", "title", "subtitle", "toc", "figure_title", "table_title", "column_head")


def hyphenation_language(language: str) -> str:
    """pyphen's dictionary for a language tag ('en-US' → 'en_US', 'de-CH' → 'de_CH'), or ''
    when it has none (the text is then not hyphenated)."""
    import pyphen

    return pyphen.language_fallback(language.replace("-", "_")) or ""


def make_styles(theme: Theme, language: str) -> Styles:
    fonts = report_fonts(theme.fonts, language)
    regular, bold = fonts.regular, fonts.bold
    cjk = is_cjk_language(language)
    page, c = theme.page, theme.colors
    size = page.body_size
    lead = page.leading
    text, muted, primary, accent = color(c.text), color(c.muted), color(c.primary), color(c.accent)
    wrap = "CJK" if cjk else None
    hyphens = "" if cjk else hyphenation_language(language)

    def style(name: str, **kw) -> ParagraphStyle:
        # running text hyphenates (at a dictionary's points and at the hyphens a word has);
        # headings, titles and contents entries do not, as in books
        hyphenated = hyphens and kw.get("fontName", regular) == regular and not name.startswith(_UNHYPHENATED)
        base: dict[str, Any] = dict(  # ParagraphStyle's keywords, each of its own type
            fontName=regular, fontSize=size, leading=size * lead, textColor=text,
            alignment=TA_LEFT, wordWrap=wrap, bulletFontName=regular,
            hyphenationLang=hyphens if hyphenated else "", embeddedHyphenation=1 if hyphenated else 0,
            uriWasteReduce=0, allowWidows=0, allowOrphans=0,
        )
        base.update(kw)
        if "leading" not in kw and "fontSize" in kw:
            base["leading"] = kw["fontSize"] * lead
        made = ParagraphStyle(name, **base)
        if name.startswith(_PHRASED_STYLES) and phrased(language):
            made.phrase_language = language  # wrap.PhrasedParagraph: headings break between phrases
        return made

    body_align = TA_JUSTIFY if cjk else TA_LEFT
    body = style("body", alignment=body_align, spaceAfter=size * 0.7)
    bullets = tuple(
        hanging(style(
            f"bullet{level}", alignment=body_align,
            leftIndent=size * (1.5 + 1.5 * level), bulletIndent=size * (0.3 + 1.5 * level),
            bulletColor=accent if level == 0 else muted,
            bulletFontSize=size, spaceAfter=size * 0.25,
        ), BULLET_CHARS[level % len(BULLET_CHARS)])
        for level in range(6)
    )
    cap = page.caption_size
    cell_size = max(size - 1.5, cap)
    h1_size, h2_size = page.h1_size, page.h2_size
    return Styles(
        regular=regular,
        bold=bold,
        family_regular=fonts.family_regular,
        family_bold=fonts.family_bold,
        cjk=cjk,
        body=body,
        lead=style("lead", fontSize=size + 1, textColor=muted, spaceAfter=size * 0.8, alignment=body_align),
        summary=style("summary", alignment=body_align, spaceAfter=size * 0.8),
        kicker=style("kicker", fontName=bold, fontSize=cap + 0.5, leading=(cap + 0.5) * 1.3,
                     textColor=accent, spaceBefore=size * 2.5, spaceAfter=size * 0.35, keepWithNext=1),
        h1=style("h1", fontName=bold, fontSize=h1_size, leading=h1_size * 1.3, textColor=primary,
                 spaceBefore=0, spaceAfter=size * 1.1, keepWithNext=1),
        h2=style("h2", fontName=bold, fontSize=h2_size, leading=h2_size * 1.35, textColor=primary,
                 spaceBefore=size * 1.6, spaceAfter=size * 0.6, keepWithNext=1),
        front=style("front", fontName=bold, fontSize=h1_size, leading=h1_size * 1.3, textColor=primary,
                    spaceBefore=size * 2.5, spaceAfter=size * 1.2, keepWithNext=1),
        label=style("label", fontName=bold, fontSize=cap + 0.5, leading=(cap + 0.5) * 1.4,
                    textColor=accent, spaceBefore=size * 0.5, spaceAfter=size * 0.3, keepWithNext=1),
        bullets=bullets,
        cite=style("cite", fontSize=cap, leading=cap * 1.5, textColor=muted, spaceBefore=size * 0.2,
                   spaceAfter=size * 0.6),
        figure_title=style("figure_title", fontName=bold, fontSize=size, leading=size * 1.4,
                           textColor=primary, spaceBefore=size * 0.8, spaceAfter=size * 0.4, keepWithNext=1),
        table_title=style("table_title", fontName=bold, fontSize=size, leading=size * 1.4,
                          textColor=primary, spaceBefore=size * 0.8, spaceAfter=size * 0.4),
        caption=style("caption", fontSize=cap, leading=cap * 1.5, textColor=muted, spaceBefore=size * 0.3,
                      spaceAfter=size * 0.9),
        cell=style("cell", fontSize=cell_size, leading=cell_size * 1.4),
        cell_head=style("cell_head", fontName=bold, fontSize=cell_size, leading=cell_size * 1.4,
                        textColor=color(c.background)),
        column_head=style("column_head", fontName=bold, fontSize=size, leading=size * 1.4, textColor=primary),
        quote=style("quote", fontSize=size + 2, leading=(size + 2) * 1.55, textColor=primary,
                    alignment=TA_LEFT),
        attribution=style("attribution", fontSize=cap + 0.5, leading=(cap + 0.5) * 1.5, textColor=muted,
                          spaceBefore=size * 0.4),
        stat_value=style("stat_value", fontName=bold, fontSize=size * 2.3, leading=size * 2.3 * 1.15,
                         textColor=accent, alignment=TA_CENTER),
        stat_label=style("stat_label", fontSize=cap + 0.5, leading=(cap + 0.5) * 1.45, textColor=muted,
                         alignment=TA_CENTER),
        source=style("source", fontSize=size - 1, leading=(size - 1) * 1.5, leftIndent=size * 2.6,
                     bulletIndent=0, bulletFontSize=size - 1, bulletColor=muted, spaceAfter=size * 0.45),
        toc=(
            style("toc0", fontName=bold, fontSize=size, leading=size * 1.5, textColor=primary,
                  spaceBefore=size * 0.6, rightIndent=size * 3),
            style("toc1", fontSize=size - 0.5, leading=(size - 0.5) * 1.6, leftIndent=size * 2.4,
                  rightIndent=size * 3),
            style("toc2", fontSize=size - 1, leading=(size - 1) * 1.6, leftIndent=size * 4.4,
                  rightIndent=size * 3),
        ),
        title=style("title", fontName=bold, fontSize=30, leading=30 * 1.25, textColor=primary,
                    spaceAfter=14),
        subtitle=style("subtitle", fontSize=15, leading=15 * 1.45, textColor=muted, spaceAfter=6),
        title_meta=style("title_meta", fontSize=size, leading=size * 1.6, textColor=text),
        placeholder=style("placeholder", fontName=bold, fontSize=size + 1, textColor=muted, alignment=TA_CENTER),
        small_size=cap,
    )
