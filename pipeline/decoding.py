"""Decode a page's bytes as a careful reader would, and say what was repaired.

Candidates come from the codecs themselves (UTF-8 with a repairing error handler, GB18030, the Big5
family, UTF-16 without a byte-order mark, each line on its own) and from charset-normalizer; the
judgement between them is ours: a plausibility score that counts common CJK characters (the
first-level characters of GB2312 and Big5, taken from the codecs' own tables), readable ASCII and
punctuation against private-use characters, control characters, replacement characters and odd
scripts (kana, Hangul, Latin-1 letters) that mojibake is made of. A decoding with private-use
characters, a storm of replacements, or no CJK where the bytes clearly hold CJK is never accepted.
A page is kept whenever readable text remains: bad bytes become U+FFFD and are counted.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np
from charset_normalizer import from_bytes


class UndecodableError(UnicodeError):
    """No reading of the bytes gives readable text (the message starts with binary or undecodable)."""


@dataclass(frozen=True)
class Segment:
    """A run of bytes decoded with one encoding: bytes [byte_start, byte_end) → text [char_start, char_end)."""

    encoding: str
    byte_start: int
    byte_end: int
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # one codec, or mixed(a+b) when segments use several
    warning: str | None = None  # what was repaired (stray NULs, replaced bytes, no byte-order mark…)
    decode_errors: int = 0  # bytes replaced by U+FFFD or dropped
    segments: tuple[Segment, ...] = ()


# ---------------------------------------------------------------------------------------------
# Plausibility


def _charset(encoding: str, leads: range, trails: list[int]) -> frozenset[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                char = bytes([lead, trail]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and "\u4e00" <= char <= "\u9fff":
                chars.add(char)
    return frozenset(chars)


@cache
def common_characters() -> tuple[frozenset[str], frozenset[str]]:
    """(GB2312 level 1, Big5 level 1): the 3755 and 5401 characters of everyday simplified and
    traditional text, read from the codecs' own tables (ordered by frequency band, not by rank)."""
    gb = _charset("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))
    big5 = _charset("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return gb, big5


@cache
def _common() -> frozenset[str]:
    gb, big5 = common_characters()
    return gb | big5


@cache
def _telling_characters() -> tuple[re.Pattern, re.Pattern]:
    """Character classes of the characters common only in Big5 text and only in GB2312 text: a
    regex class tests a character in C, where a loop over the page tested two sets per character."""
    gb, big5 = common_characters()
    return tuple(re.compile("[" + "".join(map(re.escape, sorted(only))) + "]") for only in (big5 - gb, gb - big5))


def script_counts(text: str) -> tuple[int, int]:
    """(traditional, simplified): characters common only in Big5 text, and only in GB2312 text."""
    traditional, simplified = _telling_characters()
    return len(traditional.findall(text)), len(simplified.findall(text))


def script_of(text: str) -> str | None:
    """traditional, simplified, or None when the text has too few telling characters."""
    traditional, simplified = script_counts(text)
    if traditional >= 3 and traditional > 2 * simplified:
        return "traditional"
    if simplified >= 3 and simplified > 2 * traditional:
        return "simplified"
    return None


def _is_cjk(o: int) -> bool:
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


def _is_punct(o: int) -> bool:
    # CJK symbols, full-width forms (not half-width katakana/Hangul), general punctuation, middle dot.
    return 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFEF or 0x2010 <= o <= 0x206F or o == 0xB7


@dataclass
class Plausibility:
    n: int = 0  # non-space characters
    common: int = 0  # common CJK characters
    rare: int = 0  # other CJK ideographs
    readable: int = 0  # ASCII and CJK / general punctuation
    bad: int = 0  # private use, control, unassigned, surrogate
    replaced: int = 0  # U+FFFD
    pua: int = 0
    odd: int = 0  # anything else (kana, Hangul, Latin-1 letters, box drawing…)

    @property
    def score(self) -> float:
        """Share of the text a reader would accept, between -3 (garbage) and 1 (all common text)."""
        if not self.n:
            return 0.0
        return self.quality / self.n

    @property
    def quality(self) -> float:
        """The same judgement, absolute: comparable between readings of the same bytes."""
        return self.common + self.readable + 0.5 * self.rare - self.odd - self.replaced - 3 * self.bad

    @property
    def cjk(self) -> int:
        return self.common + self.rare


def _char_class(char: str) -> str:
    o = ord(char)
    if char in _common():
        return "common"
    if _is_cjk(o):
        return "rare"
    if 0x20 < o < 0x7F or _is_punct(o):
        return "readable"
    if 0xE000 <= o <= 0xF8FF or o >= 0xF0000:
        return "pua"
    if o == 0xFFFD:
        return "replaced"
    if unicodedata.category(char) in ("Cc", "Cf", "Cn", "Cs"):
        return "bad"
    return "odd"


def plausibility(text: str) -> Plausibility:
    """Count the classes of the characters (each distinct character is classified once)."""
    p = Plausibility()
    for char, n in Counter(text).items():
        if char.isspace():
            continue
        p.n += n
        kind = _char_class(char)
        if kind == "pua":
            p.pua += n
            p.bad += n
        else:
            setattr(p, kind, getattr(p, kind) + n)
    return p


def _high_share(data: bytes) -> float:
    """Share of bytes >= 0x80 among the non-space bytes: Chinese in any encoding is mostly high bytes."""
    body = data.translate(None, b" \t\r\n")
    if not body:
        return 0.0
    return sum(1 for b in body if b >= 0x80) / len(body)


def acceptable(text: str, data: bytes, p: Plausibility | None = None) -> bool:
    """Would a careful reader keep this reading? Enough plausible text, few private-use characters,
    and CJK where the bytes clearly hold CJK (half or more of them high bytes)."""
    p = p or plausibility(text)
    if p.n == 0 or p.score < 0.5:
        return False
    if p.pua > max(2, 0.01 * p.n):
        return False
    if _high_share(data) >= 0.5 and p.cjk < 0.3 * p.n:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Codec machinery: error handlers that count, and one that repairs UTF-8

_state = threading.local()


def _count_replace(exc: UnicodeDecodeError) -> tuple[str, int]:
    _state.errors += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error("difang.count", _count_replace)


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with U+FFFD for bad bytes; also return how many bytes were replaced (a reading with
    thousands of bad places is hopeless: its count is then the number of U+FFFD, a lower bound)."""
    text = data.decode(encoding, "replace")
    replaced = text.count("\ufffd")
    if not replaced or replaced > 1000:
        return text, replaced
    _state.errors = 0
    text = data.decode(encoding, "difang.count")
    return text, _state.errors


_LATIN_LETTERS = frozenset(range(0xC0, 0x100)) - {0xD7, 0xF7}


def _is_ascii_letter(b: int) -> bool:
    return 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A


@dataclass
class _Repair:
    errors: int = 0  # bytes replaced
    truncated: int = 0  # bytes of a cut character at the very end, dropped
    cesu: int = 0  # surrogate pairs joined
    lone_surrogates: int = 0
    latin: list[tuple[int, int]] = field(default_factory=list)  # byte spans read as Latin-1


def _utf8_char_at(data: bytes, i: int) -> bool:
    """Does a valid multi-byte UTF-8 character start at data[i]?"""
    lead = data[i]
    size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
    if not size:
        return False
    try:
        data[i : i + size].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf8_char_ends_at(data: bytes, i: int) -> bool:
    """Does a valid multi-byte UTF-8 character end just before data[i]?"""
    return any(i - size >= 0 and _utf8_char_at(data, i - size) for size in (2, 3, 4))


def _utf8_repair_handler(exc: UnicodeDecodeError) -> tuple[str, int]:
    state: _Repair = _state.repair
    data, start = exc.object, exc.start
    if data[start] == 0xED and start + 3 <= len(data) and 0xA0 <= data[start + 1] <= 0xBF and 0x80 <= data[start + 2] <= 0xBF:
        # CESU-8 / Java "modified UTF-8": a UTF-16 surrogate written as three bytes.
        high = 0xD000 | ((data[start + 1] & 0x3F) << 6) | (data[start + 2] & 0x3F)
        b = data[start + 3 : start + 6]
        if high < 0xDC00 and len(b) == 3 and b[0] == 0xED and 0xB0 <= b[1] <= 0xBF and 0x80 <= b[2] <= 0xBF:
            low = 0xD000 | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F)
            state.cesu += 1
            return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), start + 6
        state.lone_surrogates += 1
        state.errors += 3
        return "\ufffd", start + 3
    if exc.end == len(data) and exc.reason == "unexpected end of data" and getattr(_state, "at_end", True):
        state.truncated += exc.end - start
        return "", exc.end
    # Latin-1 letters pasted into the text (naïve, Müller, café里): 1-3 accented-letter bytes next
    # to an ASCII letter, with ASCII or a valid UTF-8 character on the other side.
    end = start
    while end < len(data) and end - start < 3 and data[end] in _LATIN_LETTERS and (end == start or not _utf8_char_at(data, end)):
        end += 1
    if end > start:
        before = data[start - 1] if start else 0x20
        after = data[end] if end < len(data) else 0x20
        before_ok = before < 0x80 or _utf8_char_ends_at(data, start)
        after_ok = after < 0x80 or _utf8_char_at(data, end)
        if before_ok and after_ok and (_is_ascii_letter(before) or _is_ascii_letter(after)):
            state.latin.append((start, end))
            return data[start:end].decode("latin-1"), end
    state.errors += exc.end - start
    return "\ufffd", exc.end


codecs.register_error("difang.utf8-repair", _utf8_repair_handler)


def _utf8_repair(data: bytes) -> tuple[str, _Repair]:
    _state.repair = _Repair()
    text = data.decode("utf-8", "difang.utf8-repair")
    return text, _state.repair


# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass
class _Candidate:
    text: str
    encoding: str
    errors: int
    segments: list[Segment]
    notes: list[str] = field(default_factory=list)
    dropped: int = 0  # bytes of a cut last character, dropped rather than replaced
    p: Plausibility | None = None

    def judge(self) -> _Candidate:
        self.p = plausibility(self.text)
        return self

    @property
    def rank(self) -> float:
        return self.p.quality - 2 * (self.errors + self.dropped)


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for s in segments:
        if s.byte_end == s.byte_start:
            continue
        if merged and merged[-1].encoding == s.encoding and merged[-1].byte_end == s.byte_start:
            last = merged[-1]
            merged[-1] = Segment(s.encoding, last.byte_start, s.byte_end, last.char_start, s.char_end)
        else:
            merged.append(s)
    return merged


def _utf8_candidate(data: bytes, offset: int = 0, char_offset: int = 0, name: str = "utf-8") -> _Candidate:
    """UTF-8 with repairs; Latin-1 runs become their own segments. Bytes that are mostly not UTF-8
    (a GBK page) are only counted: repairing each of their errors would be slow and pointless."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if bad > max(64, 0.05 * len(data)):
        errors = len(data) - (len(text.encode("utf-8")) - 3 * bad)  # bytes not decoded
        return _Candidate(text, name, errors, [Segment(name, offset, offset + len(data), char_offset, char_offset + len(text))])
    text, repair = _utf8_repair(data)
    segments: list[Segment] = []
    if repair.latin:
        # Map the Latin-1 byte runs to characters by decoding the pieces between them.
        position, chars = 0, 0
        _state.at_end = False  # a piece ending before a Latin-1 run is not the end of the page
        for start, end in repair.latin:
            piece, _ = _utf8_repair(data[position:start])
            segments.append(Segment(name, offset + position, offset + start, char_offset + chars, char_offset + chars + len(piece)))
            chars += len(piece)
            segments.append(Segment("latin-1", offset + start, offset + end, char_offset + chars, char_offset + chars + end - start))
            chars += end - start
            position = end
        _state.at_end = True
        segments.append(Segment(name, offset + position, offset + len(data), char_offset + chars, char_offset + len(text)))
    else:
        segments.append(Segment(name, offset, offset + len(data), char_offset, char_offset + len(text)))
    notes = []
    if repair.cesu:
        notes.append(f"{repair.cesu} CESU-8 surrogate pairs (Java export) joined into characters")
    if repair.lone_surrogates:
        notes.append(f"{repair.lone_surrogates} unpaired CESU-8 surrogates replaced")
    if repair.latin:
        notes.append(f"{len(repair.latin)} Latin-1 runs (naïve) decoded as latin-1")
    if repair.truncated:
        notes.append(f"truncated UTF-8 character at the end dropped ({repair.truncated} bytes)")
    encoding = "cesu-8" if repair.cesu and name == "utf-8" else name
    if encoding != name:
        segments = [Segment(encoding, s.byte_start, s.byte_end, s.char_start, s.char_end) if s.encoding == name else s for s in segments]
    return _Candidate(text, encoding, repair.errors, segments, notes, dropped=repair.truncated)


def _codec_candidate(data: bytes, encoding: str, offset: int = 0, char_offset: int = 0) -> _Candidate:
    if encoding in ("utf-8", "utf_8"):
        return _utf8_candidate(data, offset, char_offset)
    text, errors = decode_counting(data, encoding)
    return _Candidate(text, encoding, errors, [Segment(encoding, offset, offset + len(data), char_offset, char_offset + len(text))])


def _big5_candidate(data: bytes, offset: int = 0, char_offset: int = 0) -> _Candidate:
    """Big5, or the variant that reads more of the bytes (cp950 for 碁銹裏, big5hkscs for Hong Kong characters)."""
    best = None
    for encoding in ("big5", "cp950", "big5hkscs"):
        candidate = _codec_candidate(data, encoding, offset, char_offset)
        if best is None or candidate.errors < best.errors:
            best = candidate
        if not best.errors:
            break
    return best


def _line_readings(line: bytes, offset: int, chars: int, order: list[str]) -> dict[str, _Candidate]:
    readings = {}
    for encoding in order:
        if encoding == "big5":
            readings[encoding] = _big5_candidate(line, offset, chars).judge()
        else:
            readings[encoding] = _codec_candidate(line, encoding, offset, chars).judge()
    return readings


def _choose_line(readings: dict[str, _Candidate], prefer: str) -> _Candidate:
    utf8, best = readings["utf-8"], readings[prefer]
    valid = not utf8.errors and (prefer == "utf-8" or utf8.p.score >= 0.5)
    # Three- and four-byte UTF-8 sequences (CJK, full-width punctuation) hardly ever occur by
    # chance in GBK or Big5 bytes: a line that has them is a (damaged) UTF-8 line, whatever its
    # mojibake in another codec happens to score.
    wide = sum(1 for c in utf8.text if c >= "\u0800" and c != "\ufffd")
    if valid or (prefer == "utf-8" and wide and wide >= 0.25 * utf8.p.replaced):
        return utf8
    for candidate in readings.values():
        # A line leaves the page's own encoding only when that reading is damaged or implausible,
        # for a reading that is clean text by itself.
        if (best.errors or best.p.score < 0.8 or best.p.pua) and (
            candidate.rank > best.rank and candidate.p.score >= 0.8 and not candidate.p.pua
        ):
            best = candidate
    return best


_SHORT_LINE_BYTES = 8  # fewer non-ASCII bytes than this are too few to tell an encoding by


def _per_line_candidate(data: bytes, encodings: list[str], prefer: str) -> _Candidate:
    """Each line in the encoding that reads it best (pages glued from UTF-8, GBK and Big5 sources).
    A short line (a few characters) is no evidence by itself: it keeps the page's own encoding
    unless that reading is damaged and a neighbouring line's encoding reads it cleanly."""
    order = [prefer, *(e for e in encodings if e != prefer)]
    lines, offset = [], 0
    for line in data.splitlines(keepends=True):
        lines.append((line, offset))
        offset += len(line)
    # Character offsets are not known before the lines are chosen: decide with 0, then rebuild.
    choice: list[str | None] = []
    readings: list[dict[str, _Candidate] | None] = []
    for line, _ in lines:
        if line.isascii():
            choice.append(None)
            readings.append(None)
            continue
        r = _line_readings(line, 0, 0, order)
        readings.append(r)
        high = sum(1 for b in line if b >= 0x80)
        choice.append(_choose_line(r, prefer).encoding if high >= _SHORT_LINE_BYTES else "?")
    for i, c in enumerate(choice):
        if c != "?":
            continue
        r = readings[i]
        chosen = r[prefer]
        if chosen.errors:
            near = [choice[j] for j in (*range(i - 1, -1, -1), *range(i + 1, len(choice))) if choice[j] not in (None, "?")]
            neighbours = [e for e in dict.fromkeys(near[:2]) if e]
            for encoding in neighbours:
                key = encoding if encoding in r else ("big5" if encoding in ("cp950", "big5hkscs") else "utf-8")
                alt = r.get(key)
                if alt is not None and not alt.errors and alt.p.score >= 0.8 and not alt.p.pua:
                    chosen = alt
                    break
        choice[i] = chosen.encoding
    pieces, segments, notes, errors, dropped, chars = [], [], [], 0, 0, 0
    for (line, offset), encoding in zip(lines, choice):
        if encoding is None:
            best = _Candidate(line.decode("ascii"), "ascii", 0, [Segment("ascii", offset, offset + len(line), chars, chars + len(line))])
        elif encoding in ("utf-8", "cesu-8"):
            best = _utf8_candidate(line, offset, chars)
        else:
            best = _codec_candidate(line, encoding, offset, chars)
        pieces.append(best.text)
        segments += best.segments
        notes += best.notes
        errors += best.errors
        dropped += best.dropped
        chars += len(best.text)
    # ASCII lines belong to the encoding of the text around them.
    used = [s.encoding for s in segments if s.encoding != "ascii"]
    fill = used[0] if used else "ascii"
    fixed = []
    for s in segments:
        if s.encoding == "ascii":
            s = Segment(fixed[-1].encoding if fixed else fill, s.byte_start, s.byte_end, s.char_start, s.char_end)
        fixed.append(s)
    return _Candidate("".join(pieces), "per-line", errors, _merge(fixed), sorted(set(notes)), dropped)


def _utf16_candidates(data: bytes) -> list[_Candidate]:
    """UTF-16 without a byte-order mark, little- and big-endian: the plausibility judge picks (NUL
    bytes, the high half of ASCII, fall on one side; 一 U+4E00 puts one on the other)."""
    if len(data) < 4:
        return []
    return [_codec_candidate(data, "utf-16-le"), _codec_candidate(data, "utf-16-be")]


def _normalizer_candidates(data: bytes, known: set[str]) -> list[_Candidate]:
    out = []
    for match in from_bytes(data):
        encoding = match.encoding
        if encoding and encoding not in known:
            try:
                candidate = _codec_candidate(data, encoding)
            except LookupError:
                continue
            candidate.notes.append("encoding guessed by charset-normalizer")
            out.append(candidate)
            known.add(encoding)
    return out


def _result(candidate: _Candidate, notes: list[str], byte_offset: int = 0) -> Decoded:
    segments = candidate.segments
    if byte_offset:
        segments = [Segment(s.encoding, s.byte_start + byte_offset, s.byte_end + byte_offset, s.char_start, s.char_end) for s in segments]
    segments = _merge(segments)
    encodings = list(dict.fromkeys(s.encoding for s in segments))
    if len(encodings) > 1:
        encoding = f"mixed({'+'.join(encodings)})"
    else:
        encoding = encodings[0] if encodings else candidate.encoding
        if encoding == "ascii" and candidate.encoding != "per-line":
            encoding = candidate.encoding
    notes = [*notes, *candidate.notes]
    if candidate.errors:
        notes.append(f"{candidate.errors} undecodable bytes replaced by U+FFFD")
    warning = "; ".join(dict.fromkeys(notes)) or None
    return Decoded(candidate.text, encoding, warning, candidate.errors + candidate.dropped, tuple(segments))


# ---------------------------------------------------------------------------------------------
# The decision

CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")


def _looks_binary(data: bytes) -> bool:
    """More than 5% control bytes (NUL and friends) in the first 64 KiB: not a text page."""
    head = data[:65536]
    return sum(head.count(bytes([b])) for b in CONTROL_BYTES) > 0.05 * len(head)


def _few_errors(candidate: _Candidate, data: bytes) -> bool:
    """A handful of bad bytes in a page that is otherwise valid: repair, do not look further."""
    return candidate.errors <= max(3, 0.005 * len(data))


def decode(data: bytes) -> Decoded:
    """Decode page bytes. Raises UndecodableError (message: binary… or undecodable…) when no
    reading leaves readable text."""
    # A byte-order mark is believed when its reading is clean or plausible; otherwise the bytes
    # that look like one are judged like any others (a stray \xff\xfe at the start of a UTF-8 page).
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        candidate = _utf8_candidate(body, name="utf-8-sig").judge()
        if not candidate.errors or acceptable(candidate.text, body, candidate.p):
            return _result(candidate, [], len(codecs.BOM_UTF8))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, errors = decode_counting(data, "utf-16")
        candidate = _Candidate(text, "utf-16", errors, [Segment("utf-16", 0, len(data), 0, len(text))]).judge()
        if (not errors and not candidate.p.bad) or acceptable(text, data, candidate.p):
            return _result(candidate, [])
    if 0 in data:
        readings = [c.judge() for c in _utf16_candidates(data)]
        readings = [c for c in readings if c.errors <= 2 and acceptable(c.text, b"", c.p) and c.p.score >= 0.8]
        if readings:
            return _result(max(readings, key=lambda c: c.rank), ["UTF-16 without a byte-order mark"])
    notes = []
    if _looks_binary(data):
        raise UndecodableError("binary content (control bytes such as NUL) without a UTF-16 byte-order mark")
    if b"\x00" in data:
        notes.append(f"{data.count(0)} stray NUL bytes removed")
        kept = np.flatnonzero(np.frombuffer(data, dtype=np.uint8))  # file index of each byte kept
        decoded = _decode_text(data.replace(b"\x00", b""), notes)
        return replace(decoded, segments=tuple(_to_file_bytes(s, kept) for s in decoded.segments))
    return _decode_text(data, notes)


def _to_file_bytes(segment: Segment, kept: np.ndarray) -> Segment:
    start = int(kept[segment.byte_start]) if segment.byte_start < len(kept) else int(kept[-1]) + 1
    end = int(kept[segment.byte_end - 1]) + 1 if segment.byte_end else 0
    return replace(segment, byte_start=start, byte_end=end)


def _decode_text(data: bytes, notes: list[str]) -> Decoded:
    """Decode bytes without BOM or NULs: UTF-8, repaired UTF-8, or the most plausible other reading."""
    try:
        text = data.decode("utf-8")
        return Decoded(text, "utf-8", "; ".join(notes) or None, 0, (Segment("utf-8", 0, len(data), 0, len(text)),))
    except UnicodeDecodeError:
        pass
    utf8 = _utf8_candidate(data).judge()
    if _few_errors(utf8, data) and acceptable(utf8.text, data, utf8.p):
        return _result(utf8, notes)
    gb = _codec_candidate(data, "gb18030").judge()
    if not gb.errors and acceptable(gb.text, data, gb.p) and gb.p.score >= 0.9:
        return _result(gb, notes)  # a clean GBK page (Big5 read as GBK has private-use characters)
    big5 = _big5_candidate(data).judge()
    if not big5.errors and acceptable(big5.text, data, big5.p) and big5.p.score >= 0.9 and big5.rank > gb.rank:
        return _result(big5, notes)
    candidates = [utf8, gb, big5]
    if len(data) % 2 == 0:
        candidates += [c.judge() for c in _utf16_candidates(data) if not c.errors]
    single = max(candidates, key=lambda c: c.rank)
    if single.errors or not acceptable(single.text, data, single.p):
        prefer = {id(candidates[1]): "gb18030", id(candidates[2]): "big5"}.get(id(single), "utf-8")
        candidates.append(_per_line_candidate(data, ["utf-8", "gb18030", "big5"], prefer).judge())
    good = [c for c in candidates if acceptable(c.text, data, c.p)]
    if not good or max(c.rank for c in good) < 0.9 * max(1, max(c.p.n for c in good)) - 1e-9:
        known = {"utf_8", "utf-8", "gb18030", "big5", "cp950", "big5hkscs", "utf_16_le", "utf_16_be"}
        good += [c for c in (c.judge() for c in _normalizer_candidates(data, known)) if acceptable(c.text, data, c.p)]
    if not good:
        best = max(candidates, key=lambda c: c.rank)
        raise UndecodableError(
            f"undecodable: no encoding gives readable text (best reading {best.encoding}: "
            f"{max(best.p.score, 0):.0%} plausible, {best.errors} bad bytes)"
        )
    return _result(max(good, key=lambda c: c.rank), notes)
