"""Bylines and their authors: `本报讯(记者 王某 通讯员 李某)`, `记者 陈某 摄`, `张某 李某/文`, `某单位供图`.

Names keep no OCR spaces (`甘 明` → `甘明`), matching how the officials table writes persons.
"""

import re
import unicodedata
from dataclasses import dataclass

from pipeline.wordlists import GAZETTEER_DIR, longest_first, read_list

# What a paper writes before a role (本报记者): read apart, so the role is 记者.
NEWSROOM_PREFIXES = longest_first(read_list(GAZETTEER_DIR / "newsroom_prefixes.txt"))
PREFIX_RE = "|".join(NEWSROOM_PREFIXES)
# Longest first, so 见习记者 is not read as 记者.
ROLES = longest_first(r for r in read_list(GAZETTEER_DIR / "byline_roles.txt") if not r.startswith(NEWSROOM_PREFIXES))
ROLE_RE = "|".join(ROLES)
_HAN = r"[\u3400-\u9fff]"
_OPEN = r"[(（]"
_CLOSE = r"[)）]"
_MARKUP = re.compile(r"\*+")  # bold markers a PDF converter may leave around names (**刘某**)
_SEPARATORS = re.compile(r"[\s、，,]+")
_BULLET = r"[□■◇◆●○]"

# `本报讯(记者 王某)` / `本报讯 （记者 甘 明）` — the news lead that opens most articles.
LEAD_RE = re.compile(rf"^\s*(?:本报讯|本报消息|讯)\s*(?P<byline>{_OPEN}[^()（）]{{0,60}}?{_CLOSE})?")
# A whole line that is only a byline: `□ 记者 黄某`, `记者 陈某 摄`, `通讯员 张某 特约记者 何某`.
STANDALONE_BYLINE_RE = re.compile(
    rf"^\s*{_BULLET}?\s*{_OPEN}?\s*(?:(?:{PREFIX_RE})?(?:{ROLE_RE})[\s:：]*(?:\**{_HAN}[{_HAN[1:-1]}\s*]{{0,6}}?\**)[\s、，,]*)+(?:摄影?|/?文|供图)?\s*{_CLOSE}?\s*$"
)
# `张某 李某/文 某单位供图`: the author line features print at the end, often in brackets.
# Also several items, after a byline role: `记者 甲/文 乙 丙/图`.
SLASH_BYLINE_RE = re.compile(
    rf"^\s*{_OPEN}?\s*(?:(?:{PREFIX_RE})?(?:{ROLE_RE})\s*)?(?:(?:{_HAN}{{2,4}}[\s、]*)+/\s*(?:文|图|摄)\s*)+(?:\S*?(?:供图|摄))?\s*{_CLOSE}?\s*$"
)
# The same, at the very end of a paragraph: `…新气象。 (戴某 张某/文 某某供图)`, `(记者 甲/文 乙/图)`.
TRAILING_BYLINE_RE = re.compile(rf"\s*(?P<byline>{_OPEN}[^()（）\n]{{2,60}}?(?:/\s*[文图]|供图|摄){_CLOSE})\s*$")


# Every surname (public knowledge, the 百家姓 core), as first characters: a byline name must start
# with one. The rarer ones are accepted here, where a name is expected, but not by the name rules.
SURNAMES = frozenset(s[0] for name in ("surnames.txt", "surnames_rare.txt") for s in read_list(GAZETTEER_DIR / name))
# The common one-character surnames themselves (not the first characters of 宇文, 欧阳 …): a lone
# character that starts the next name after a wrap is one of these.
COMMON_SURNAMES = frozenset(s for s in read_list(GAZETTEER_DIR / "surnames.txt") if len(s) == 1)


@dataclass(frozen=True)
class Author:
    name: str  # OCR spaces and markup removed
    role: str  # a byline role without its newsroom prefix (记者, 见习记者, 通讯员 …) | 摄 | 文 | 供图 | 作者
    start: int  # span of the name as written, relative to the parsed text
    end: int


def normalize_name(text: str) -> str:
    """A name without OCR spaces, markup or width variants."""
    return unicodedata.normalize("NFKC", _MARKUP.sub("", re.sub(r"\s+", "", text)))


def _split_names(segment: str, offset: int) -> list[tuple[str, int, int]]:
    """Split a run of names (`王某 李某`, `甘 明`, `王某、李某`) into (name, start, end).

    Single characters separated by spaces are one name broken by OCR (`甘 明`), not two people. A
    single surname after a whole name, before one or two characters, starts the next name: a
    line wrap fell inside it (`王某某 徐 某某` is 王某某 and 徐某某, not 王某某徐).
    """
    pieces = [(m.group(), m.start() + offset, m.end() + offset) for m in re.finditer(r"[^\s、，,]+", segment)]
    pieces = [(_MARKUP.sub("", t), s, e) for t, s, e in pieces if _MARKUP.sub("", t)]
    names: list[tuple[str, int, int]] = []
    for k, (text, start, end) in enumerate(pieces):
        if opens_broken_name(text, names[-1][0] if names else None, pieces[k + 1][0] if k + 1 < len(pieces) else None):
            names.append((text, start, end))
        elif names and _continues_name(names[-1][0], text):
            prev_text, prev_start, _ = names[-1]
            names[-1] = (prev_text + text, prev_start, end)
        else:
            names.append((text, start, end))
    return names


def _continues_name(before: str, piece: str) -> bool:
    """A piece that ends the name before it: after a single character (`甘 明`, `欧 阳某某`), or a
    single character after a name of two (`王某 某`); after a whole three-character name a single
    character is no part of it (`王某某 区` + `委…`: a wrap inside the next word)."""
    return (len(before) == 1 and len(before) + len(piece) <= 4) or (len(piece) == 1 and len(before) <= 2)


def opens_broken_name(piece: str, before: str | None, after: str | None) -> bool:
    """A one-character piece that is a common surname, between a whole name (2+ characters) and one
    or two characters: the start of the next name, broken by a wrap (`王某某 徐 某某`)."""
    return len(piece) == 1 and piece in COMMON_SURNAMES and before is not None and len(before) >= 2 and after is not None and len(after) <= 2


def parse_authors(byline: str) -> list[Author]:
    """Authors with roles from a byline text (brackets optional); empty if nothing parses."""
    text = byline
    authors: list[Author] = []
    # `某单位供图` anywhere: the organisation credited for the photos.
    for match in re.finditer(rf"(?P<org>{_HAN}[{_HAN[1:-1]}\w]{{1,20}}?)供图", text):
        authors.append(Author(normalize_name(match["org"]), "供图", match.start("org"), match.end("org")))
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    if _SLASH_ITEM.search(text):
        return sorted(authors + _slash_authors(text), key=lambda a: a.start)
    photo = re.search(r"摄影?\s*[)）]?\s*$", text)
    role_matches = list(re.finditer(ROLE_RE, text))
    for i, match in enumerate(role_matches):
        seg_end = role_matches[i + 1].start() if i + 1 < len(role_matches) else len(text)
        segment = text[match.end() : seg_end]
        if photo and i + 1 == len(role_matches):
            segment = segment[: photo.start() - match.end()]
        segment = re.sub(r"[)）:：]", " ", segment)
        role = "摄" if photo and i + 1 == len(role_matches) else match.group()
        for name, start, end in _split_names(segment, match.end()):
            if 1 < len(normalize_name(name)) <= 4:
                authors.append(Author(normalize_name(name), role, start, end))
    return sorted(authors, key=lambda a: a.start)


_SLASH_ITEM = re.compile(r"/\s*(文|图|摄)")
_SLASH_ROLES = {"文": "文", "图": "摄", "摄": "摄"}


def _slash_authors(text: str) -> list[Author]:
    """Authors of slash credits: `张某 李某/文` (every name before the slash wrote the text),
    `甲/文 乙/图` (one item per slash), `记者 甲/文 乙 丙/图` (a byline role before the names is
    theirs, and the later items' too: all three are 记者; the slash says only what each did)."""
    authors: list[Author] = []
    role_written: str | None = None
    position = 0
    for slash in _SLASH_ITEM.finditer(text):
        segment = text[position : slash.start()]
        written = list(re.finditer(ROLE_RE, segment))
        if written:
            role_written = written[-1].group()
            segment = " " * written[-1].end() + segment[written[-1].end() :]
        segment = re.sub(rf"[{_BULLET[1:-1]}(（)）:：]", " ", segment)
        for name, start, end in _split_names(segment, position):
            if 1 < len(normalize_name(name)) <= 4:
                authors.append(Author(normalize_name(name), role_written or _SLASH_ROLES[slash.group(1)], start, end))
        position = slash.end()
    return authors


def caption_credit(caption: str) -> list[Author]:
    """The photographer (摄) or photo supplier (供图) credited at the end of a caption."""
    tail = re.split(r"[。！？!?；;，,]", caption)[-1]
    return [a for a in parse_authors(tail) if a.role in ("摄", "供图")]


def _names_look_personal(byline: str) -> bool:
    """Every person's name starts with a common surname (rejects `记者百企行`, a column label)."""
    people = [a for a in parse_authors(byline) if a.role not in ("供图",)]
    return bool(people) and all(a.name[0] in SURNAMES for a in people)


def is_standalone_byline(line: str) -> bool:
    """True when the whole line is an author line (and not a sentence that mentions a reporter)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or re.search(r"[。，,；;！!？?]", stripped):
        return False
    if STANDALONE_BYLINE_RE.match(stripped) or SLASH_BYLINE_RE.match(stripped):
        return _names_look_personal(stripped)
    return False


def lead_byline(line: str) -> tuple[int, int] | None:
    """Span of the bracketed byline in a news lead (`本报讯(记者 王某)`), relative to the line."""
    match = LEAD_RE.match(line)
    if not match or not match.group("byline"):
        return None
    return match.span("byline")


def is_lead(line: str) -> bool:
    """True for the first paragraph of a news story: it opens with 本报讯, 某某网讯, 本报某地电 or
    (记者 甲) (segmentation.cues)."""
    from pipeline.segmentation.cues import is_strong_opening

    return bool(re.match(r"^\s*(?:本报讯|本报消息)", line)) or is_strong_opening(line)


def trailing_byline(line: str) -> tuple[int, int] | None:
    """Span of an author credit closing a paragraph (`… (张某 李某/文 某某供图)`), relative to the line."""
    match = TRAILING_BYLINE_RE.search(line)
    if not match or not parse_authors(match.group("byline")):
        return None
    return match.span("byline")
