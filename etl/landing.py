"""The landing zone: every input received is hashed and kept, byte for byte.

Inputs are never modified or deleted. Each file is copied once into a
content-addressed store (`<landing>/<2 hex>/<sha256>`), so re-running over the
same files costs a hash per file and nothing else, and the pipeline can always
re-parse exactly what arrived.

Landing a file is mostly file-system calls (open, write, rename), which the
kernel runs on whichever core asks: `land_all` spreads a large arrival over
several processes, each landing chunks of files, in the order they were given.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl.parallel import map_chunks
from etl.sources.detect import sniff_media_type

IGNORED_NAMES = {".DS_Store", "Thumbs.db", "SOURCE.md"}


@dataclass(frozen=True)
class LandedFile:
    doc_id: str
    source: str
    uri: str
    media_type: str
    size_bytes: int


@dataclass(frozen=True)
class UnreadableFile:
    """A file found under a source that could not be read or landed, and why."""

    source: str
    uri: str
    reason: str


class SourceNotFound(FileNotFoundError):
    """A configured or given source path does not exist."""


def iter_input_files(
    sources: Iterable[tuple[str, str | os.PathLike[str]]],
) -> Iterator[tuple[str, Path]]:
    """Yield (source name, file) for every file under the named files and folders, stably ordered.

    Hidden files and folders are skipped. A missing source raises SourceNotFound
    before anything is yielded, so a typo never produces a half-ingested run.
    """
    resolved = [(name, Path(src).expanduser()) for name, src in sources]
    missing = [str(path) for _, path in resolved if not path.exists()]
    if missing:
        raise SourceNotFound(f"source not found: {', '.join(missing)}")
    for name, path in resolved:
        if path.is_file():
            yield name, path.resolve()
            continue
        # The walk starts from the resolved folder and does not follow linked folders, so
        # only a linked file needs resolving: one lstat each, not one per path component.
        for folder, dirs, files in os.walk(path.resolve()):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file_name in sorted(files):
                if not file_name.startswith(".") and file_name not in IGNORED_NAMES:
                    found = os.path.join(folder, file_name)
                    yield name, Path(os.path.realpath(found) if os.path.islink(found) else found)


def landed_path(landing_dir: Path, doc_id: str) -> Path:
    """Where the document `doc_id` is kept in `landing_dir`."""
    return landing_dir / doc_id[:2] / doc_id


def read_landed(landing_dir: Path, doc_id: str) -> bytes:
    """The bytes of the landed document `doc_id`."""
    return landed_path(landing_dir, doc_id).read_bytes()


def store_bytes(data: bytes, landing_dir: Path) -> str:
    """Keep `data` under its SHA-256 in `landing_dir` (once); return the hex digest."""
    doc_id = hashlib.sha256(data).hexdigest()
    target = landed_path(landing_dir, doc_id)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{doc_id}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, target)
    return doc_id


def land(source: str, path: Path, landing_dir: Path) -> LandedFile:
    """Hash `path` and store its bytes under `landing_dir` unless already there."""
    data = path.read_bytes()
    doc_id = store_bytes(data, landing_dir)
    return LandedFile(doc_id, source, path.as_uri(), sniff_media_type(data, path.name), len(data))


def land_files(
    files: Sequence[tuple[str, Path]], landing_dir: Path
) -> list[LandedFile | UnreadableFile]:
    """`land` each (source, path) in turn; a file that cannot be read says why."""
    landed: list[LandedFile | UnreadableFile] = []
    for source, path in files:
        try:
            landed.append(land(source, path, landing_dir))
        except OSError as exc:
            landed.append(
                UnreadableFile(source, path.as_uri(), f"unreadable: {exc.strerror or exc}")
            )
    return landed


# Below this many files, starting processes costs more than they save.
PARALLEL_FROM = 20_000
CHUNK_FILES = 1_000


def land_all(
    files: Iterable[tuple[str, Path]], landing_dir: Path, processes: int | None = None
) -> Iterator[LandedFile | UnreadableFile]:
    """`land_files` over every file, in one process per core (etl/parallel.py) when
    there are PARALLEL_FROM files or more; the results come in the files' order."""
    files = list(files)
    if len(files) < PARALLEL_FROM:
        processes = 1
    chunks = [files[start : start + CHUNK_FILES] for start in range(0, len(files), CHUNK_FILES)]
    for landed in map_chunks(_land_chunk, chunks, landing_dir, processes):
        yield from landed


def _land_chunk(landing_dir: Path, files: Sequence[tuple[str, Path]]) -> list:
    return land_files(files, landing_dir)
