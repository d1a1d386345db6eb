"""Pictures made ready for the report once per file version: a picture wider or taller than
the report prints (``MAX_SIDE`` pixels: 300 dpi across a page's text) is scaled down once,
into a private temporary folder, and every use of it draws from one shared ImageReader, so
its pixels are decoded once and held once (reportlab names the image by its content: the
bytes do not depend on where the file is). A 49-megapixel picture on 20 slides took 64 s and
7 GB to set; it takes 10 s and under 400 MB, most of it decoding the picture once
(docs/security.md)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from reportlab.lib.utils import ImageReader

from deckbuild.digests import file_sha256
from deckbuild.render.pdf.tagging import Tagged

KEPT = 32  # pictures whose readers (and decoded pixels) a process keeps
MAX_SIDE = 2000  # pixels: 300 dpi across the widest text a report page has (6.5 in on A4)
_folder: Path | None = None
_ready: dict[str, Path] = {}  # SHA-256 of a picture file → the file the report reads
_readers: dict[str, ImageReader] = {}  # SHA-256 of a picture file → the reader every use shares


def report_copy(path: Path) -> Path:
    """The file the report reads for the picture ``path``: the file itself, or a copy scaled
    down to ``MAX_SIDE`` pixels (made once per content in a process)."""
    digest = file_sha256(path)
    if digest is None:
        return path
    found = _ready.get(digest)
    if found is not None:
        return found
    from PIL import Image

    with Image.open(path) as im:
        if max(im.size) <= MAX_SIDE:
            _ready[digest] = path
            return path
        im.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        smaller = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
    target = _private_folder() / f"{digest}.png"
    smaller.save(target, format="PNG")
    _ready[digest] = target
    return target


def _private_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="deckbuild-pictures-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def shared_reader(path: Path) -> ImageReader:
    """One ImageReader for every use of the picture ``path`` (its report copy) in a process."""
    digest = file_sha256(path) or str(path)
    reader = _readers.pop(digest, None)
    if reader is None:
        reader = ImageReader(str(report_copy(path)))
    _readers[digest] = reader  # the last used last: a long ``watch`` keeps the newest KEPT
    while len(_readers) > KEPT:
        del _readers[next(iter(_readers))]
    return reader


class Picture(Tagged):
    """A picture drawn from a shared ImageReader at a fixed size, centred in the frame."""

    def __init__(self, reader: ImageReader, width: float, height: float):
        super().__init__()
        self.reader, self.width, self.height = reader, width, height
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")

