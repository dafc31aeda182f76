"""zipsite: the built site as one site.zip that works after unzipping: pages, fonts and search from file://.

Every link of the site is relative and the search index loads as <script> files, so an unzipped copy needs
nothing else. The archive is reproducible: entries in name order, one fixed timestamp, fixed permissions,
all inside one top folder (unzipping never scatters files into the current folder).
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

TOP = "arshif-site"
_STAMP = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: the same bytes on every build
_STORED = {".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".gz", ".zip"}  # already compressed


class ZipError(Exception):
    pass


@dataclass(frozen=True)
class ZipSummary:
    path: Path
    files: int
    bytes_in: int
    bytes_out: int


def zip_site(site: Path, output: Path, top: str = TOP) -> ZipSummary:
    site, output = Path(site), Path(output)
    if not (site / "index.html").is_file():
        raise ZipError(f"{site}: no built site here (index.html is missing); run `arshif build` first")
    files = sorted(p for p in site.rglob("*") if p.is_file() and not p.is_symlink())
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.arshif-tmp-{os.getpid()}")
    size = 0
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                rel = path.relative_to(site).as_posix()
                info = zipfile.ZipInfo(f"{top}/{rel}", date_time=_STAMP)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_STORED if path.suffix.lower() in _STORED else zipfile.ZIP_DEFLATED
                data = path.read_bytes()
                size += len(data)
                archive.writestr(info, data)
        os.replace(tmp, output)
    finally:
        if tmp.exists():
            tmp.unlink()
    return ZipSummary(output, len(files), size, output.stat().st_size)
