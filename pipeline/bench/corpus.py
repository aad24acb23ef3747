"""A scaled benchmark corpus: whole copies of the source pages, each copy made unique by one footer line.

The footer (`- 17 -`, a page-number line as printed at the foot of a page) changes every copy's bytes,
so doc_ids differ and ingest does not drop copies as duplicates, while the pages' own noise (hard wraps,
captions, chrome, spaced names) is kept as is.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class CorpusStats:
    files: int
    bytes: int
    copies: int
    sources: int


def source_pages(*folders: Path) -> list[Path]:
    """The page files directly inside each folder, sorted (a missing folder is an error)."""
    pages = []
    for folder in folders:
        if not folder.is_dir():
            raise FileNotFoundError(f"source folder {folder} does not exist (set SEEDS_DIR or --seeds)")
        pages += sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
    if not pages:
        raise FileNotFoundError(f"no pages (*{', *'.join(PAGE_SUFFIXES)}) in {', '.join(map(str, folders))}")
    return pages


def footer(copy: int) -> bytes:
    """The line appended to copy number `copy` (from 1)."""
    return f"\n- {copy} -\n".encode()


def build_corpus(sources: list[Path], target: Path, megabytes: float) -> CorpusStats:
    """Write copies of `sources` into `target` (emptied first) until they hold `megabytes` (10^6 bytes);
    always at least one file. Copy k of page p is `target/copy-<k>/<p.name>`, deterministic."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    contents = [(p.name, p.read_bytes()) for p in sources]
    limit = megabytes * 1_000_000
    written = files = copy = 0
    while written < limit or files == 0:
        copy += 1
        folder = target / f"copy-{copy:05d}"
        folder.mkdir()
        for name, data in contents:
            page = data + footer(copy)
            (folder / name).write_bytes(page)
            written += len(page)
            files += 1
            if written >= limit:
                break
    return CorpusStats(files=files, bytes=written, copies=copy, sources=len(sources))
