"""Where the report's files go and how its pages link to each other: the index page, and a pages
folder named after it beside it, replaced whole on each build."""

from __future__ import annotations

import hashlib
import posixpath
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError

MARKER = ".difang-report"  # marks a pages folder as the report's, so it may be replaced


@dataclass(frozen=True)
class Site:
    """Where the report's pages go. Page names are POSIX paths relative to the index's folder: the
    index itself (`report.html`) and the pages folder named after it (`report/…`)."""

    index: Path

    @property
    def folder_name(self) -> str:
        return self.index.stem

    @property
    def folder(self) -> Path:
        return self.index.with_name(self.folder_name)

    def page(self, name: str) -> str:
        return f"{self.folder_name}/{name}"

    def document(self, path: str) -> str:
        """The page of a document: named by a digest of its path, so links stay the same across runs."""
        return self.page(f"docs/{hashlib.sha1(path.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}.html")

    def family(self, key: str) -> str:
        return self.page(f"figures/{key}.html")

    @property
    def timeline(self) -> str:
        return self.page("timeline.html")

    @property
    def figures(self) -> str:
        return self.page("figures.html")


def relative(from_page: str, target: str) -> str:
    """Link from page `from_page` to `target` (both site page names, target may carry #fragment)."""
    path, hash_, fragment = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(from_page) or ".") + hash_ + fragment


def nav_links(site: Site, from_page: str) -> dict[str, str]:
    return {
        "index": relative(from_page, site.index.name),
        "timeline": relative(from_page, site.timeline),
        "figures": relative(from_page, site.figures),
    }


def replace_folder(site: Site, pages: Iterator[tuple[str, str]]) -> None:
    """Write `pages` into a fresh folder beside the old one, then swap it in."""
    folder = site.folder
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise UsageError(f"{folder} exists and is not a difang report folder; choose another --html name")
    staging = folder.with_name(f".{folder.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / MARKER).write_text("pages of the difang report beside it; replaced whole by each `make report`\n", encoding="utf-8")
    prefix = f"{site.folder_name}/"
    for name, html in pages:
        target = staging / name.removeprefix(prefix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    retired = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if folder.exists():
        folder.rename(retired)
    staging.rename(folder)
    shutil.rmtree(retired, ignore_errors=True)
