"""``deckbuild preview``: every slide through LibreOffice, every report page through poppler,
as PNG files, plus a contact sheet of numbered thumbnails per artifact.

LibreOffice and poppler run in a private temporary folder (their home, caches, profile and
temporary files included); what they make is then written atomically into the output folder,
so nothing is written through a link and nothing lands in the user's home."""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from deckbuild.atomic import atomic_write
from deckbuild.build.output import check_folders, safe_folder
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
    the deck has them (with ``designer``, the theme's font files too), and every file these
    programs write of their own accord (profile, caches, settings, temporary files,
    fontconfig's cache) kept under ``work``, which is removed afterwards; nothing lands in
    the user's home."""
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


PAGES_LIST = ".deckbuild-pages"  # in preview/NAME/: the page files the last preview wrote there
_PAGE = re.compile(r"(slide|page)-[0-9]+\.png")


class InTheWay(OSError):
    """Something that is not a file (a folder, a pipe) is where a file is written, or (with
    ``file``) a file is where a folder on its way goes."""

    def __init__(self, path: Path, file: bool = False):
        super().__init__(f"{path} is in the way")
        self.path, self.file = path, file

    def said(self, command: str) -> str:
        """The problem and its fix, for deckbuild ``command``."""
        if self.file:
            return f"this is a file where deckbuild {command} needs a folder; remove it or choose another --out"
        return f"this is not a file (a folder, or a pipe) where deckbuild {command} writes one; remove it or choose " \
               "another --out"


def clear_way(paths: Sequence[Path]) -> None:
    """InTheWay for the first of ``paths`` that exists as anything but a file or a link
    (a link is replaced, never followed)."""
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            continue
        except NotADirectoryError:  # a file where a folder on the way goes
            blocker = next(p for p in reversed(path.parents) if p.exists() and not p.is_dir())
            raise InTheWay(blocker, file=True) from None
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise InTheWay(path)


def _written_before(folder: Path) -> list[str]:
    """The page files an earlier preview listed in ``folder`` (none when it made no list)."""
    try:
        listed = (folder / PAGES_LIST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [name for name in listed if _PAGE.fullmatch(name)]


def _publish(pages: Sequence[Path], folder: Path, prefix: str) -> list[Path]:
    """Write ``pages`` (``PREFIX-N.png``) into ``folder`` (each atomically), remove the pages
    of this prefix an earlier preview wrote there that these do not replace (a file of the
    user's, even named like a page, stays), and list what the folder now holds of deckbuild's."""
    new = {page.name for page in pages}
    kept = []
    for name in _written_before(folder):
        if not name.startswith(prefix + "-"):
            kept.append(name)
        elif name not in new:
            try:
                (folder / name).unlink()  # a link is removed, not followed
            except FileNotFoundError:
                pass
    out = []
    for page in pages:
        atomic_write(folder / page.name, page.read_bytes())
        out.append(folder / page.name)
    atomic_write(folder / PAGES_LIST, "".join(f"{name}\n" for name in sorted({*kept, *new})).encode())
    return out


def contact_sheet(images: Sequence[Path], target: Path, font_file: Path | None = None, columns: int = 4,
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


def preview(artifacts: Sequence[Path], out_dir: Path, fonts: Fonts, dpi: int = 50,
            designer: bool = False) -> list[Path]:
    """PNG pages under out_dir/preview/NAME/ and contact sheets; returns the sheets written.
    Slides are rendered with the system's fonts only, as a recipient sees them; with
    ``designer``, with the theme's font files as well. Everything is rendered first;
    UnsafeFolder or InTheWay (before anything is written) when a preview folder is a link out
    of out_dir or a folder is where a file goes."""
    check_folders(out_dir, *[("preview", a.stem, "libreoffice") for a in artifacts])
    sheets = []
    with tempfile.TemporaryDirectory(prefix="deckbuild-preview-") as tmp:
        work = Path(tmp)
        env = contained_env(fonts, work, designer)
        # (name, the converted PDF to keep or None, page prefix, pages, sheet, sheet options)
        plans: list[tuple[str, Path | None, str, list[Path], Path, dict[str, int]]] = []
        for art in artifacts:
            if art.suffix == ".pptx":
                pdf = pptx_to_pdf(art.resolve(), work, env)
                plans.append((art.stem, pdf, "slide", pdf_to_pngs(pdf, work, env, "slide", dpi),
                              out_dir / f"{art.stem}.preview.png", {}))
            elif art.suffix == ".pdf":
                plans.append((art.stem, None, "page", pdf_to_pngs(art.resolve(), work, env, "page", dpi),
                              out_dir / f"{art.stem}.report.preview.png", {"columns": 6, "thumb_width": 200}))
        folder_of = {name: out_dir / "preview" / name for name, *_ in plans}
        clear_way([p for name, kept, _, pages, sheet, _ in plans
                   for p in (sheet, folder_of[name] / PAGES_LIST, *(folder_of[name] / page.name for page in pages),
                             *([folder_of[name] / "libreoffice" / kept.name] if kept else []))])
        for name, kept, prefix, pages, sheet, options in plans:
            folder = safe_folder(out_dir, "preview", name)
            if kept is not None:
                atomic_write(safe_folder(out_dir, "preview", name, "libreoffice") / kept.name, kept.read_bytes())
            sheets.append(contact_sheet(_publish(pages, folder, prefix), sheet, fonts.regular, **options))
    return sheets
