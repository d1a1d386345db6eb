"""The report's XMP metadata packet: title, author, subject, language, keywords and the build's
dates, the same as the document information dictionary says, for the readers and archives that
read XMP only. Written uncompressed, in a fixed order, so that the bytes stay reproducible."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import XMP

PRODUCER = "deckbuild"


def xmp_date(when: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC (a naive time is taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return f"{when.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%SZ}"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str  # BCP 47
    keywords: Sequence[str]
    when: datetime
    creator: str = PRODUCER

    def packet(self) -> str:
        """The XMP packet (RDF/XML)."""
        t = escape
        lang = t(self.language, {'"': "&quot;"})
        date = xmp_date(self.when)
        keywords = "".join(f"<rdf:li>{t(k)}</rdf:li>" for k in self.keywords)
        parts = [
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
            "<dc:format>application/pdf</dc:format>",
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t(self.title)}</rdf:li>'
            f'<rdf:li xml:lang="{lang}">{t(self.title)}</rdf:li></rdf:Alt></dc:title>',
        ]
        if self.author:
            parts.append(f"<dc:creator><rdf:Seq><rdf:li>{t(self.author)}</rdf:li></rdf:Seq></dc:creator>")
        if self.subject:
            parts.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{t(self.subject)}</rdf:li>'
                         f"</rdf:Alt></dc:description>")
        parts += [
            f"<dc:language><rdf:Bag><rdf:li>{t(self.language)}</rdf:li></rdf:Bag></dc:language>",
            f"<dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>",
            f"<dc:date><rdf:Seq><rdf:li>{date}</rdf:li></rdf:Seq></dc:date>",
            f"<xmp:CreateDate>{date}</xmp:CreateDate>",
            f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
            f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
            f"<xmp:CreatorTool>{t(self.creator)}</xmp:CreatorTool>",
            f"<pdf:Keywords>{t('; '.join(self.keywords))}</pdf:Keywords>",
            "</rdf:Description>",
            "</rdf:RDF>",
            "</x:xmpmeta>",
            '<?xpacket end="r"?>',
        ]
        return "\n".join(parts)

    def attach(self, canvas) -> None:
        """Make the packet the document's metadata stream (``canvas``: the document's canvas)."""
        stream = XMP(creator=lambda doc: self.packet().encode("utf-8"))
        stream.filters = []  # uncompressed: XMP is meant to be readable in the file
        canvas.setCatalogEntry("Metadata", stream)
