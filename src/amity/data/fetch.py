"""Download, verify and cache the registry's files (a small pooch).

Where files come from, in order: the cache (``$AMITY_HOME/files``), a mirror (``AMITY_DATA_MIRROR`` or
``--mirror``: a directory laid out like the registry's mirror paths, or a base URL), the pinned public
URL. Every file is checked against its sha256 before it is used; a file that fails is never cached.
Downloads go to ``*.part`` first and resume from there, so an interrupted fetch loses nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path

from amity.data.registry import SOURCES, DataFile, Source, get_source
from amity.errors import ChecksumError, DataUnavailableError

Progress = Callable[[int, int | None], None]  # (bytes_done, bytes_total) -> None

MIRROR_ENV = "AMITY_DATA_MIRROR"
HOME_ENV = "AMITY_HOME"


def amity_home() -> Path:
    """Where amity keeps its cache and store: ``$AMITY_HOME`` or the platform user cache dir."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("amity"))


def cache_path(f: DataFile) -> Path:
    return amity_home() / "files" / f.path


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_status(f: DataFile) -> str:
    """``fetched`` (present and verified), ``missing`` or ``corrupt``."""
    path = cache_path(f)
    if not path.exists():
        return "missing"
    return "fetched" if sha256_of(path) == f.sha256 else "corrupt"


def mirror() -> str | None:
    return os.environ.get(MIRROR_ENV) or None


def _copy_verified(src: Path, f: DataFile, dest: Path) -> None:
    tmp = dest.with_name(dest.name + ".part")
    shutil.copyfile(src, tmp)
    _accept(tmp, f, dest, origin=str(src))


def _accept(tmp: Path, f: DataFile, dest: Path, origin: str) -> None:
    """Move ``tmp`` into the cache only if its sha256 is the pinned one."""
    got = sha256_of(tmp)
    if got != f.sha256:
        tmp.unlink(missing_ok=True)
        raise ChecksumError(
            f"{f.path}: sha256 mismatch (expected {f.sha256[:12]}…, got {got[:12]}…) from {origin}. "
            "The file is corrupted, truncated or a different version; it was not cached. Delete or "
            "replace the mirror copy, or fetch again without --mirror to download the pinned file."
        )
    os.replace(tmp, dest)


def _download(url: str, f: DataFile, dest: Path, progress: Progress | None) -> None:
    tmp = dest.with_name(dest.name + ".part")
    have = tmp.stat().st_size if tmp.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "amity"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    with urllib.request.urlopen(request, timeout=60) as response:
        resumed = response.status == 206
        mode = "ab" if resumed else "wb"
        done = have if resumed else 0
        length = response.headers.get("Content-Length")
        total = done + int(length) if length else None
        with open(tmp, mode) as out:
            while chunk := response.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    _accept(tmp, f, dest, origin=url)


def fetch_file(f: DataFile, mirror_dir: str | None = None, progress: Progress | None = None) -> tuple[Path, bool]:
    """Make sure ``f`` is in the cache and verified; return its path and whether it was copied now."""
    dest = cache_path(f)
    if dest.exists():
        if sha256_of(dest) == f.sha256:
            return dest, False
        dest.unlink()  # a corrupt cached copy is replaced, never used
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = mirror_dir if mirror_dir is not None else mirror()
    if src and not src.startswith(("http://", "https://")):
        local = Path(src).expanduser() / f.path
        if not local.exists():
            raise DataUnavailableError(
                f"{f.path} is not in the mirror {src}. Point --mirror/{MIRROR_ENV} at a directory laid out "
                "like shared/data, or unset it to download from the public source."
            )
        _copy_verified(local, f, dest)
        if progress:
            progress(dest.stat().st_size, dest.stat().st_size)
        return dest, True
    url = f"{src.rstrip('/')}/{f.path}" if src else f.url
    try:
        _download(url, f, dest, progress)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        if isinstance(exc, ChecksumError):
            raise
        raise DataUnavailableError(
            f"cannot download {f.path} from {url} ({exc}). You look offline: connect to the internet, or "
            f"set {MIRROR_ENV} (or pass --mirror) to a directory laid out like shared/data, e.g. "
            f"{MIRROR_ENV}=../shared/data amity data fetch"
        ) from None
    return dest, True


def source_files(source: Source | str, mirror_dir: str | None = None) -> dict[str, Path]:
    """Fetch (if needed) and verify every file of a source; map mirror path -> cached path."""
    source = get_source(source) if isinstance(source, str) else source
    return {f.path: fetch_file(f, mirror_dir)[0] for f in source.files}


def source_file(source: str, path_suffix: str, mirror_dir: str | None = None) -> Path:
    """The verified local path of one file of a source (fetched on first use).

    >>> source_file("conflibert", "cameo_class_train.tsv")  # doctest: +SKIP
    PosixPath('~/.cache/amity/files/events/conflibert_train/cameo_class_train.tsv')
    """
    f = get_source(source).file(path_suffix)
    return fetch_file(f, mirror_dir)[0]


def resolve_names(names: Iterable[str] | None) -> list[Source]:
    """The sources named, or with no names every source but the on-demand ones (e.g. the statement corpus)."""
    return [get_source(n) for n in names] if names else [s for s in SOURCES.values() if not s.on_demand]
