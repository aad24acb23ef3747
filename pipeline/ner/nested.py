"""Entities inside entities: the organisation part of a post, the places inside an organisation.

A post names its organisation (`县委` in `县委书记`, `县政协` in `县政协副主席`) and an
organisation or post names its place (`某某区` in `中共某某区委`); researchers count both as
mentions (see ../shared/corpus/realnews/README: orgs include the organisation part of a title,
places include a suffixed place occurring only inside an organisation or a title). The flat NER
keeps the outer span; this module finds the inner ones:

- `title_org`: strip the role word at the end of a TITLE (the longest one of
  data/gazetteers/titles.txt, byline roles and role_words.txt, with 副/常务/代 prefixes) and a
  qualifier at its start (原, 代, 时任); what is left is an ORG when it ends in an organisational
  unit (org_units.txt, org_suffixes.txt) and is not a bare generic word (政府, 中央, 党工委).
- `places_inside`: administrative divisions (jionlp, to townships) inside an ORG or TITLE that
  end with a division suffix (省, 市, 区, 县, 旗, 盟, 州, 乡, 镇, 街道 …); a bare `县` or `区`
  is not a place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.ner.rules import load_gazetteers
from pipeline.wordlists import GAZETTEER_DIR, longest_first, read_list, role_heads

DATA_FILES = ("role_words.txt", "org_suffixes.txt", "generic_orgs.txt", "division_suffixes.txt", "titles.txt", "byline_roles.txt", "org_units.txt", "post_qualifiers.txt", "role_prefixes.txt")
# Qualifiers written inside a TITLE before its role (时任, 代理, 原, 代: the + entries of the file).
QUALIFIERS = longest_first(w[:-1] for w in read_list(GAZETTEER_DIR / "post_qualifiers.txt") if w.endswith("+"))
ROLE_PREFIXES = tuple(read_list(GAZETTEER_DIR / "role_prefixes.txt"))


@dataclass(frozen=True)
class NestedLexicon:
    roles: tuple[str, ...]  # longest first
    org_endings: tuple[str, ...]
    generic_orgs: frozenset[str]
    place_suffixes: tuple[str, ...]  # longest first


@lru_cache(maxsize=1)
def lexicon() -> NestedLexicon:
    """The word lists, read once per process from data/gazetteers/."""
    gaz = load_gazetteers()
    roles = {t.rstrip("*") for t in gaz["titles"]} | set(gaz["byline_roles"]) | set(read_list(GAZETTEER_DIR / "role_words.txt"))
    roles |= {p + r for r in list(roles) for p in ROLE_PREFIXES}
    endings = set(gaz["org_units"]) | set(read_list(GAZETTEER_DIR / "org_suffixes.txt"))
    return NestedLexicon(
        roles=tuple(sorted(roles, key=lambda r: (-len(r), r))),
        org_endings=tuple(sorted(endings, key=len, reverse=True)),
        generic_orgs=frozenset(read_list(GAZETTEER_DIR / "generic_orgs.txt")),
        place_suffixes=longest_first(read_list(GAZETTEER_DIR / "division_suffixes.txt")),
    )


def title_org(title: str) -> tuple[int, int] | None:
    """(start, end) of the organisation part of a post title, in title coordinates, or None."""
    lex = lexicon()
    start = next((len(q) for q in QUALIFIERS if title.startswith(q)), 0)
    for role in lex.roles:
        if title.endswith(role) and len(title) - len(role) > start:
            end = len(title) - len(role)
            org = title[start:end]
            # Otherwise a shorter role may fit: 镇党委书记 is 镇党委 + 书记, not 镇 + 党委书记.
            if len(org) >= 2 and org.endswith(lex.org_endings) and org not in lex.generic_orgs:
                return start, end
    return None


def places_inside(text: str, automaton) -> list[tuple[int, int]]:
    """(start, end) of the suffixed divisions inside an ORG/TITLE string (longest matches).

    `automaton` is the `div` Aho-Corasick automaton of pipeline.ner.crf_backend.Lexicon."""
    lex = lexicon()
    found = []
    for end, length in automaton.iter_long(text):
        start = end - length + 1
        name = text[start : end + 1]
        if length >= 2 and name.endswith(lex.place_suffixes) and name != text and not _prefixed_role(text, start, end):
            found.append((start, end + 1))
    return found


def _prefixed_role(text: str, start: int, level: int) -> bool:
    """The division text[start:level + 1] ends in a character that opens a role (县长, 区长) and
    what stands before that character is a qualifier or role prefix, in the division (代|县长) or
    in its link of the post (代理|县长, 常务副|县长): the division the text seems to name there (代县,
    理县) is a qualifier and a level, not a place."""
    if not any(text.startswith(role, level) for role in lexicon().roles):
        return False
    link_start = max(text.rfind(mark, 0, level) for mark in "、，,") + 1
    return text[start:level] in _ROLE_HEADS or text[link_start:level] in _ROLE_HEADS


_ROLE_HEADS = role_heads()


# One-character suffixes that also start common words (市民, 市场, 区域, 区委): a place is not
# extended over them.
_AMBIGUOUS_SUFFIXES = frozenset({"市", "区"})


def with_division_suffix(text: str, rows: list[tuple]) -> list[tuple]:
    """LOC spans the tagger ended before their division suffix (大石坝|街道, 成渝|地区,
    洪洞|村) take the suffix: places are written with it and the division table knows them so.
    Not over 市/区 (市民, 区域), not when an organisation word follows the suffix (某某镇党委 is
    an organisation) and never into another entity. rows: (start, end, label, …), offsets into text."""
    lex = lexicon()
    starts = [r[0] for r in rows]
    out = []
    for row in rows:
        start, end = row[0], row[1]
        if row[2] == "LOC" and not text[start:end].endswith(lex.place_suffixes):
            suffix = next((x for x in lex.place_suffixes if text.startswith(x, end)), None)
            after = end + len(suffix or "")
            if (
                suffix
                and suffix not in _AMBIGUOUS_SUFFIXES
                and not text.startswith((*lex.org_endings, "委"), after)
                and not any(end <= s < after for s in starts)
            ):
                row = (start, after, *row[2:])
        out.append(row)
    return out
