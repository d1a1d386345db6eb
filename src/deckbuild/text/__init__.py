"""Text measured in its real fonts, a foundation every layer may use: ``metrics`` reads the
advance widths of a font file (by its SHA-256; ``fontcache`` keeps them in the user's cache,
``widths`` packs them), ``linebreak`` finds line-break opportunities (UAX #14 in ``uax14``,
tailored for Chinese and numbers), and ``fit`` breaks paragraphs into lines and finds the
size at which they fit a box. The outline compiler uses it to check glyphs and cut
unbreakable words, the layout to size every text box, the charts to wrap labels."""
