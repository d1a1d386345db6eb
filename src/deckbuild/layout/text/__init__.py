"""Text measurement with the real fonts, CJK-aware line breaking, and fitting text to boxes."""
