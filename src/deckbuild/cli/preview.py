"""``deckbuild preview``: every slide through LibreOffice, every report page through poppler,
as PNG files, plus a contact sheet of numbered thumbnails per artifact.

LibreOffice and poppler run in a private temporary folder (their home, caches, profile and
temporary files included); what they make is then written atomically into the output folder,
so nothing is written through a link and nothing lands in the user's home."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional, Sequence
from xml.sax.saxutils import escape

from deckbuild.build.output import atomic_write, check_folders, safe_folder
from deckbuild.model.theme import Fonts
from deckbuild.usercache import user_cache_dir


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


def contained_env(fonts: Fonts, work: Path, designer: bool = False) -> dict[str, str]:
    """The environment for LibreOffice and poppler: the system's fonts, as a recipient of
    the deck has them (with ``designer``, the theme's font files too), and every file these programs write of their own accord (profile, caches,
    settings, temporary files, fontconfig's cache) kept under ``work``, which is removed
    afterwards; nothing lands in the user's home."""
    dirs = {name: work / name for name in ("home", "config", "cache", "data", "state", "runtime", "tmp")}
    for d in dirs.values():
        d.mkdir(mode=0o700, exist_ok=True)
    conf = work / "fonts.conf"
    fonts_dirs = sorted({str(fonts.regular.parent), str(fonts.bold.parent)}) if designer else []
    # fontconfig writes its cache into the first writable cache folder it is given: deckbuild's
    # (kept between runs: scanning the CJK fonts takes a few seconds), else one under ``work``.
    cache = user_cache_dir("fontconfig")
    try:
        cache.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.access(cache, os.W_OK | os.X_OK):
            raise PermissionError(cache)
    except OSError:
        cache = work / "fc-cache"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <cachedir>{escape(str(cache))}</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "".join(f"  <dir>{escape(d)}</dir>\n" for d in fonts_dirs)
        + "</fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(dirs["home"]),
            "XDG_CONFIG_HOME": str(dirs["config"]), "XDG_CACHE_HOME": str(dirs["cache"]),
            "XDG_DATA_HOME": str(dirs["data"]), "XDG_STATE_HOME": str(dirs["state"]),
            "XDG_RUNTIME_DIR": str(dirs["runtime"]), "TMPDIR": str(dirs["tmp"]), "TMP": str(dirs["tmp"]),
            "TEMP": str(dirs["tmp"]), "GSETTINGS_BACKEND": "memory"}


def pptx_to_pdf(pptx: Path, work: Path, env: dict[str, str], timeout: float = 300) -> Path:
    """Convert a deck with LibreOffice (a private profile under ``work``, so runs do not
    collide); the PDF is written under ``work``."""
    soffice = need("soffice")
    outdir = work / "libreoffice"
    outdir.mkdir(exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), str(pptx)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=work)
    out = outdir / (pptx.stem + ".pdf")
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"LibreOffice could not convert {pptx}: {proc.stderr.strip() or proc.stdout.strip()}")
    return out


def pdf_to_pngs(pdf: Path, work: Path, env: dict[str, str], prefix: str, dpi: int = 50) -> list[Path]:
    """Every page of ``pdf`` as ``PREFIX-N.png``, rendered into a fresh folder under ``work``."""
    pdftoppm = need("pdftoppm")
    outdir = Path(tempfile.mkdtemp(prefix=prefix + "-", dir=work))
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(outdir / prefix)], check=True,
                   capture_output=True, timeout=300, env=env, cwd=work)
    return sorted(outdir.glob(f"{prefix}-*.png"))


def _publish(pages: Sequence[Path], folder: Path, prefix: str) -> list[Path]:
    """Replace the ``PREFIX-*.png`` files of ``folder`` by ``pages`` (each written atomically)."""
    for old in folder.glob(f"{prefix}-*.png"):
        old.unlink()  # a link is removed, not followed
    out = []
    for page in pages:
        atomic_write(folder / page.name, page.read_bytes())
        out.append(folder / page.name)
    return out


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
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", optimize=True)
    atomic_write(target, buf.getvalue())
    return target


def preview(artifacts: Sequence[Path], out_dir: Path, fonts: Fonts, dpi: int = 50, designer: bool = False) -> list[Path]:
    """PNG pages under out_dir/preview/NAME/ and contact sheets; returns the sheets written.
    Slides are rendered with the system's fonts only, as a recipient sees them; with
    ``designer``, with the theme's font files as well.
    UnsafeFolder (before anything is written) when a preview folder is a link out of out_dir."""
    check_folders(out_dir, *[("preview", a.stem, "libreoffice") for a in artifacts])
    sheets = []
    with tempfile.TemporaryDirectory(prefix="deckbuild-preview-") as tmp:
        work = Path(tmp)
        env = contained_env(fonts, work, designer)
        for art in artifacts:
            name = art.stem
            folder = safe_folder(out_dir, "preview", name)
            if art.suffix == ".pptx":
                pdf = pptx_to_pdf(art.resolve(), work, env)
                atomic_write(safe_folder(out_dir, "preview", name, "libreoffice") / pdf.name, pdf.read_bytes())
                pngs = _publish(pdf_to_pngs(pdf, work, env, "slide", dpi), folder, "slide")
                sheets.append(contact_sheet(pngs, out_dir / f"{name}.preview.png", fonts.regular))
            elif art.suffix == ".pdf":
                pngs = _publish(pdf_to_pngs(art.resolve(), work, env, "page", dpi), folder, "page")
                sheets.append(contact_sheet(pngs, out_dir / f"{name}.report.preview.png", fonts.regular, columns=6,
                                            thumb_width=200))
    return sheets
