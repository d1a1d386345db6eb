"""Helpers that run real clients (LibreOffice, poppler) on generated files.

Callers check the programs exist first with ``conftest.require_tool``.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from deckbuild.model.theme import BUILTIN_FONTS

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {fonts}
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def fonts_conf(directory: Path, designer: bool = False) -> Path:
    """Write a fontconfig file for LibreOffice; return its path. By default the system's
    fonts only, as a recipient has them (the deck names Office's fonts: Carlito stands in
    for Calibri, a system CJK font for Microsoft YaHei); with ``designer`` deckbuild's
    bundled fonts too (Noto Sans SC), as ``deckbuild preview --designer`` shows."""
    cache = Path(tempfile.gettempdir()) / "deckbuild-fc-cache"  # shared: the CJK fonts are slow to scan
    cache.mkdir(parents=True, exist_ok=True)
    path = directory / "fonts.conf"
    fonts = f"<dir>{BUILTIN_FONTS}</dir>" if designer else ""
    path.write_text(_FONTS_CONF.format(fonts=fonts, cache=cache), encoding="utf-8")
    return path


def libreoffice_to_pdf(pptx_path: Path, outdir: Path) -> Path:
    """Convert a .pptx (or any document) to PDF with headless LibreOffice; return the PDF."""
    (pdf,) = libreoffice_to_pdfs([pptx_path], outdir)
    return pdf


def libreoffice_to_pdfs(paths: list[Path], outdir: Path, designer: bool = False) -> list[Path]:
    """Convert documents of different names to PDF in one run of headless LibreOffice (it
    takes seconds to start); return the PDFs, in order.

    Uses a private LibreOffice profile in ``outdir`` so it neither touches nor waits for
    a running instance, and the recipient's fonts (``fonts_conf``) through FONTCONFIG_FILE."""
    paths, outdir = [Path(p).resolve() for p in paths], Path(outdir).resolve()
    assert len({p.stem for p in paths}) == len(paths), "two documents would give the same PDF"
    outdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf(outdir, designer)))
    profile = (outdir / "lo-profile").as_uri()
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    pdfs = [outdir / (p.stem + ".pdf") for p in paths]
    if proc.returncode != 0 or not all(pdf.exists() for pdf in pdfs):
        raise RuntimeError(f"LibreOffice failed ({proc.returncode}): {proc.stdout}\n{proc.stderr}")
    return pdfs
