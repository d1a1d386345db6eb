"""What one build keeps from its start to its end: a ``Session``.

What outlives a build is kept by content, so it can neither go stale nor mix two files up:
file digests by file version (``digests``), font metrics by font digest
(``text.metrics``), and fonts registered with reportlab and matplotlib under names made
from their digests (``render.pdf.fonts``, ``charts.fonts``: those libraries keep one table of
fonts per process). The versions of the font files a build uses travel with its theme
(``Fonts.sha256``).

What belongs to one build is here: where it writes and what, the manifest, how it reports
progress, what it has written, and the version of every input file each outline was made
from, taken when the outline was compiled. The manifest records those versions (not the files
as they are once rendering has ended) and ``watch`` compares the files with them, so a file
saved during a build is built again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuild.build.manifest import FileVersion, Manifest, stamp_now
from deckbuild.digests import file_sha256, used_digest

if TYPE_CHECKING:
    from deckbuild.input.outline import Outline

Tick = Callable[[int, int], None]
"""What a build calls as work advances, with (done, total); the command line draws it."""


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    rendered_charts: int = 0
    # every input file of the outlines built or up to date, at the version their artifacts
    # were made from (or, for an outline with errors, the version that was read)
    inputs: dict[Path, FileVersion] = field(default_factory=dict)


@dataclass
class Session:
    """One build: its output folder, formats, manifest, reporting, result and parallelism."""

    out_dir: Path
    formats: tuple[str, ...]
    manifest: Manifest
    log: Callable[[str], None] = lambda s: None
    counter: Callable[[str], Tick | None] = lambda label: None
    result: BuildResult = field(default_factory=BuildResult)
    jobs: int = 1  # artifacts rendered at a time (``build.parallel``)

    def snapshot(self, outline: Outline) -> dict[Path, FileVersion]:
        """The version of every file ``outline`` was compiled from (a file it looked for and
        did not find stays absent, even if it has appeared since; a file saved since the
        build read it or took its digest is unsettled); kept in the result."""
        versions = {p: FileVersion() for p in outline.absent}
        for p in outline.inputs:
            version = versions[p] = FileVersion.of(p)
            used = used_digest(p)
            if used is not None and used != version.sha256:  # saved since it was read, or a digest kept too long
                fresh = file_sha256(p, fresh=True)
                versions[p] = replace(version, sha256=fresh) if fresh == used else version.unsettled()
        self.result.inputs.update(versions)
        return versions

    def up_to_date(self, key: str) -> list[Path] | None:
        """The artifacts of manifest entry ``key`` when nothing changed since they were made."""
        fresh = self.manifest.up_to_date(key)
        if fresh is not None:
            self.result.inputs.update({p: _as_now(p, v) for p, v in self.manifest.inputs(key).items()})
        return fresh


def _as_now(path: Path, recorded: FileVersion) -> FileVersion:
    """``recorded``, or the file as it is now when it was only touched (saved unchanged): the
    version ``watch`` compares with next, so that it does not build again at every look."""
    if recorded.absent or stamp_now(path) == recorded.stamp():
        return recorded
    now = FileVersion.of(path)
    return now if now.sha256 == recorded.sha256 else recorded
