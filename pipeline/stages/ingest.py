"""ingest stage: input files → `documents` (decoded raw text, encoding, status and reason).

The runner lists and reads the files (it owns I/O); this module decides what each file is.
"""

import codecs
import hashlib
from dataclasses import dataclass

import pandas as pd
from bs4 import BeautifulSoup
from charset_normalizer import from_bytes
from pydantic import Field

from pipeline.configbase import StageConfig
from pipeline.schemas import DOCUMENTS

IMPLEMENTED = True


class IngestConfig(StageConfig):
    extensions: tuple[str, ...] = Field((".txt", ".md", ".html", ".htm"), description="File suffixes read as pages; other files are recorded as skipped.")
    max_file_bytes: int = Field(20_000_000, ge=1, description="Larger files are recorded as failed without being read.")
    max_line_chars: int = Field(200_000, ge=1, description="A page with a longer line is recorded as failed (not a newspaper page).")
    min_chars: int = Field(1, ge=0, description="Pages with fewer non-space characters are skipped as empty.")


@dataclass(frozen=True)
class InputFile:
    """One file under the input root, as the runner read it."""

    path: str  # relative to the input root, POSIX separators
    data: bytes | None  # None when the file could not be read
    error: str | None = None  # why it could not be read
    n_bytes: int = 0
    skipped: bool = False  # not read on purpose (e.g. a folder symlink), rather than failed


def doc_id_for(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # something was repaired (stray NULs, a truncated last character…)


def _looks_binary(data: bytes) -> bool:
    """More than 5% control bytes (NUL and friends) in the first 64 KiB: not a text page."""
    head = data[:65536]
    return sum(head.count(bytes([b])) for b in CONTROL_BYTES) > 0.05 * len(head)


def _decode_lines(data: bytes) -> Decoded | None:
    """Pages glued from UTF-8 and GBK sources: decode line by line; None if a line fits neither."""
    lines, used = [], set()
    for line in data.splitlines(keepends=True):
        for encoding in ("utf-8", "gb18030"):
            try:
                lines.append(line.decode(encoding))
                if not line.isascii():
                    used.add(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
    return Decoded("".join(lines), "mixed(utf-8+gb18030)" if len(used) > 1 else (used.pop() if used else "ascii"))


def decode(data: bytes) -> Decoded:
    """Decode page bytes, recording the encoding. Raises UnicodeError when no encoding fits."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise UnicodeError(f"undecodable: UTF-16 byte-order mark but invalid UTF-16 ({exc.reason})") from None
    warning = None
    if _looks_binary(data):
        raise UnicodeError("binary content (control bytes such as NUL) without a UTF-16 byte-order mark")
    if b"\x00" in data:
        data, warning = data.replace(b"\x00", b""), f"{data.count(0)} stray NUL bytes removed"
    try:
        return Decoded(data.decode("utf-8"), "utf-8", warning)
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            note = "truncated UTF-8 character at the end dropped"
            return Decoded(data[: exc.start].decode("utf-8"), "utf-8", "; ".join(filter(None, [warning, note])))
    mixed = _decode_lines(data)
    if mixed is not None:
        return Decoded(mixed.text, mixed.encoding, warning)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnicodeError("undecodable: not UTF-8, UTF-16, GB18030 or any encoding charset-normalizer knows")
    return Decoded(str(best), best.encoding, "; ".join(filter(None, [warning, "encoding guessed by charset-normalizer"])))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text("\n")


def _row(file: InputFile, **values) -> dict:
    row = dict.fromkeys(DOCUMENTS.names)
    row.update(path=file.path, n_bytes=file.n_bytes)
    row.update(values)
    return row


def _ingest_one(file: InputFile, config: IngestConfig, seen: dict[str, str]) -> dict:
    if file.data is None:
        return _row(file, status="skipped" if file.skipped else "failed", error=file.error or "unreadable")
    digest = hashlib.sha256(file.data).hexdigest()
    base = dict(doc_id=digest[:16], sha256=digest, n_bytes=len(file.data))
    suffix = "." + file.path.rsplit(".", 1)[-1].lower() if "." in file.path.rsplit("/", 1)[-1] else ""
    if suffix not in config.extensions:
        return _row(file, **base, status="skipped", error=f"not a page file (suffix {suffix or 'none'!r}; read: {', '.join(config.extensions)})")
    if len(file.data) > config.max_file_bytes:
        return _row(file, **base, status="failed", error=f"file has {len(file.data)} bytes, over ingest.max_file_bytes={config.max_file_bytes}")
    try:
        decoded = decode(file.data)
    except UnicodeError as exc:
        reason = str(exc) if str(exc).startswith(("binary", "undecodable")) else f"undecodable: {exc}"
        return _row(file, **base, status="failed", error=reason)
    text, encoding = decoded.text, decoded.encoding
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
        encoding += "+html"
    base.update(encoding=encoding, n_chars=len(text), error=decoded.warning)
    if len(text.strip()) < max(config.min_chars, 1):
        return _row(file, **{**base, "error": "empty page (no text)"}, status="skipped")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > config.max_line_chars:
        return _row(file, **{**base, "error": f"a line has {longest} characters, over ingest.max_line_chars={config.max_line_chars}"}, status="failed")
    if base["doc_id"] in seen:
        return _row(file, **{**base, "error": f"duplicate content of {seen[base['doc_id']]}"}, status="skipped", duplicate_of=seen[base["doc_id"]])
    seen[base["doc_id"]] = file.path
    return _row(file, **base, status="ok", raw_text=text)


def ingest(files: list[InputFile], config: IngestConfig, seen: dict[str, str] | None = None) -> pd.DataFrame:
    """One `documents` row per file. `seen` (doc_id → first path) carries duplicate detection across batches."""
    seen = {} if seen is None else seen
    rows = [_ingest_one(f, config, seen) for f in files]
    frame = pd.DataFrame(rows, columns=DOCUMENTS.names)
    return frame
