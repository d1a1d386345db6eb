"""``deckbuild preview``: every slide through LibreOffice, every report page through poppler,
as PNG files, plus a contact sheet of numbered thumbnails per artifact."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional, Sequence

from deckbuild.theme import Fonts


class MissingTool(Exception):
    """A program the preview needs is not installed; the message says how to get it."""


INSTALL_HINT = {
    "soffice": "LibreOffice Impress renders the slides: install it (Debian/Ubuntu: "
               "'apt-get install libreoffice-impress'; macOS: 'brew install --cask libreoffice')",
    "pdftoppm": "poppler renders the pages: install it (Debian/Ubuntu: 'apt-get install poppler-utils'; "
                "macOS: 'brew install poppler')",
}


def need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise MissingTool(f"'{tool}' not found. {INSTALL_HINT.get(tool, '')}")
    return path


def fontconfig_env(fonts: Fonts, workdir: Path) -> dict[str, str]:
    """Environment for LibreOffice that makes the theme's font files visible to it."""
    conf = workdir / "fonts.conf"
    dirs = sorted({str(fonts.regular.parent), str(fonts.bold.parent)})
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "".join(f"  <dir>{d}</dir>\n" for d in dirs)
        + f"  <cachedir>{workdir / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def pptx_to_pdf(pptx: Path, outdir: Path, fonts: Fonts, timeout: float = 300) -> Path:
    """Convert a deck with LibreOffice (a private profile, so runs do not collide)."""
    soffice = need("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deckbuild-lo-") as tmp:
        work = Path(tmp)
        env = fontconfig_env(fonts, work)
        cmd = [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(pptx)]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    out = outdir / (pptx.stem + ".pdf")
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"LibreOffice could not convert {pptx}: {proc.stderr.strip() or proc.stdout.strip()}")
    return out


def pdf_to_pngs(pdf: Path, outdir: Path, prefix: str, dpi: int = 50) -> list[Path]:
    pdftoppm = need("pdftoppm")
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(outdir / prefix)], check=True,
                   capture_output=True, timeout=300)
    return sorted(outdir.glob(f"{prefix}-*.png"))


def contact_sheet(images: Sequence[Path], target: Path, font_file: Optional[Path] = None, columns: int = 4,
                  thumb_width: int = 320) -> Path:
    """A grid of numbered thumbnails."""
    from PIL import Image, ImageDraw, ImageFont

    thumbs = []
    for p in images:
        with Image.open(p) as im:
            im = im.convert("RGB")
            h = round(im.height * thumb_width / im.width)
            thumbs.append(im.resize((thumb_width, h)))
    if not thumbs:
        raise RuntimeError("nothing to put on a contact sheet")
    pad, label = 16, 22
    cell_h = max(t.height for t in thumbs) + label
    rows = (len(thumbs) + columns - 1) // columns
    sheet = Image.new("RGB", (pad + columns * (thumb_width + pad), pad + rows * (cell_h + pad)), "#E9ECF0")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(font_file), 14) if font_file else ImageFont.load_default()
    for i, t in enumerate(thumbs):
        x = pad + (i % columns) * (thumb_width + pad)
        y = pad + (i // columns) * (cell_h + pad)
        draw.text((x, y), str(i + 1), fill="#1B2A41", font=font)
        sheet.paste(t, (x, y + label))
        draw.rectangle([x - 1, y + label - 1, x + t.width, y + label + t.height], outline="#9AA3AF")
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, optimize=True)
    return target


def preview(artifacts: Sequence[Path], out_dir: Path, fonts: Fonts, dpi: int = 50) -> list[Path]:
    """PNG pages under out_dir/preview/NAME/ and contact sheets; returns the sheets written."""
    sheets = []
    for art in artifacts:
        name = art.stem
        folder = out_dir / "preview" / name
        if art.suffix == ".pptx":
            pdf = pptx_to_pdf(art, folder / "libreoffice", fonts)
            pngs = pdf_to_pngs(pdf, folder, "slide", dpi)
            sheets.append(contact_sheet(pngs, out_dir / f"{name}.preview.png", fonts.regular))
        elif art.suffix == ".pdf":
            pngs = pdf_to_pngs(art, folder, "page", dpi)
            sheets.append(contact_sheet(pngs, out_dir / f"{name}.report.preview.png", fonts.regular, columns=6,
                                        thumb_width=200))
    return sheets
