"""ingest stage: input files → `documents` (decoded raw text, encoding, status and reason).

The runner lists and reads the files (it owns I/O); this module decides what each file is.
Decoding (which encoding, per segment, what was repaired) is in pipeline/decoding.py.
"""

import hashlib
from dataclasses import dataclass

import pandas as pd
from bs4 import BeautifulSoup

from pipeline.config import IngestConfig
from pipeline.decoding import Decoded, UndecodableError, decode, script_of
from pipeline.ids import content_doc_id, copy_doc_id
from pipeline.schemas import DOCUMENTS

__all__ = ["Decoded", "UndecodableError", "IngestConfig", "InputFile", "decode", "ingest", "too_large"]


@dataclass(frozen=True)
class InputFile:
    """One file under the input root, as the runner read it."""

    path: str  # relative to the input root, POSIX separators
    data: bytes | None  # None when the file could not be read
    error: str | None = None  # why it could not be read
    n_bytes: int = 0
    skipped: bool = False  # not read on purpose (e.g. a folder symlink), rather than failed


def page_suffix(path: str) -> str:
    """The lower-cased suffix of a relative POSIX path's file name (`a/B.TXT` → `.txt`), '' when
    the name has no dot; compared with `ingest.extensions`."""
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def too_large(n_bytes: int, max_bytes: int) -> str | None:
    """Why a file of `n_bytes` is not read (over ingest.max_file_bytes), else None. The runner asks
    before reading a file; ingest asks again for files handed to it in memory."""
    return f"file has {n_bytes} bytes, over ingest.max_file_bytes={max_bytes}" if n_bytes > max_bytes else None


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text("\n")


def _row(file: InputFile, **values) -> dict:
    row = dict.fromkeys(DOCUMENTS.names)
    row.update(doc_id=copy_doc_id(None, file.path), path=file.path, n_bytes=file.n_bytes)
    row.update(values)
    return row


def _ingest_one(file: InputFile, config: IngestConfig, seen: dict[str, str]) -> dict:
    if file.data is None:
        return _row(file, status="skipped" if file.skipped else "failed", error=file.error or "unreadable")
    digest = hashlib.sha256(file.data).hexdigest()
    content_id = content_doc_id(file.data)
    # Only a page processed as ok takes its content's id; every other row (duplicates, files that
    # are not pages) gets one from content + path, so doc_id is unique per row.
    base = dict(doc_id=copy_doc_id(content_id, file.path), sha256=digest, n_bytes=len(file.data))
    suffix = page_suffix(file.path)
    if suffix not in config.extensions:
        return _row(file, **base, status="skipped", error=f"not a page file (suffix {suffix or 'none'!r}; read: {', '.join(config.extensions)})")
    if error := too_large(len(file.data), config.max_file_bytes):
        return _row(file, **base, status="failed", error=error)
    try:
        decoded = decode(file.data)
    except UnicodeError as exc:
        reason = str(exc) if str(exc).startswith(("binary", "undecodable")) else f"undecodable: {exc}"
        return _row(file, **base, status="failed", error=reason)
    text, encoding = decoded.text, decoded.encoding
    segments = [
        {"encoding": s.encoding, "byte_start": s.byte_start, "byte_end": s.byte_end, "raw_start": s.char_start, "raw_end": s.char_end}
        for s in decoded.segments
    ]
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
        encoding += "+html"
        segments = [{**s, "raw_start": None, "raw_end": None} for s in segments]  # they index the HTML source
    base.update(
        encoding=encoding,
        segments=segments,
        decode_errors=decoded.decode_errors,
        script=script_of(text),
        n_chars=len(text),
        warning=decoded.warning,
    )
    if len(text.strip()) < max(config.min_chars, 1):
        return _row(file, **base, status="skipped", error="empty page (no text)")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > config.max_line_chars:
        return _row(file, **base, status="failed", error=f"a line has {longest} characters, over ingest.max_line_chars={config.max_line_chars}")
    if content_id in seen:
        return _row(file, **base, status="skipped", error=f"duplicate content of {seen[content_id]}", duplicate_of=content_id)
    seen[content_id] = file.path
    return _row(file, **{**base, "doc_id": content_id}, status="ok", raw_text=text)


def ingest(files: list[InputFile], config: IngestConfig, seen: dict[str, str] | None = None) -> pd.DataFrame:
    """One `documents` row per file, doc_id unique per row. `seen` (content doc_id → first path) carries
    duplicate detection across batches."""
    seen = {} if seen is None else seen
    rows = [_ingest_one(f, config, seen) for f in files]
    frame = pd.DataFrame(rows, columns=DOCUMENTS.names)
    return frame
