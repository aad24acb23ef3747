"""The one reader of difang's word lists (data/*/ *.txt): gazetteers, segmentation cues, place
filters, metric words.

Formats: entries separated by whitespace, one or more per line (`read_list`); whole lines, for
lists of regular-expression alternatives that may contain spaces (`read_lines`); fields of a
line, for small tables (`read_rows`); entries with a trailing kind marker (`split_marker`, and
`CreditRoles` for the one list of credit-line words). Everywhere `#` starts a comment and blank lines are skipped.
Nothing is cached here: each module keeps what it builds from a list (and pipeline/fingerprints.py
declares, per module, the files it asks for).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteers"


def read_lines(path: Path) -> list[str]:
    """The non-empty lines of a list file, comments removed and ends stripped."""
    lines = (line.split("#", 1)[0].strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def read_rows(path: Path) -> list[list[str]]:
    """The whitespace-separated fields of each non-empty line."""
    return [line.split() for line in read_lines(path)]


def read_list(path: Path) -> list[str]:
    """The entries of a list file in file order: one per line or several separated by spaces."""
    return [entry for row in read_rows(path) for entry in row]


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Distinct words, longest first (ties in first-seen order), as regex alternatives and
    prefix/suffix tests need them: 见习记者 before 记者."""
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


def trie_alternation(words: Iterable[str]) -> str:
    """A non-capturing regex group that matches any of `words`, longest first, written as a
    prefix tree (店长|店员|店 → 店(?:[长员])?).

    It matches exactly what the flat longest-first alternation `(?:店长|店员|店)` matches, with the
    same preference and backtracking order: the words that can match at one position are all
    prefixes of one another, and the tree's greedy optional groups try them longest first. Python's
    `re` tries a flat alternation's branches one by one at every position of the text; the tree
    tests one character class per level instead (rules over hundreds of titles and places run
    several times faster). Empty words are ignored; with no word the group matches nothing.
    """
    trie: dict = {}
    for word in set(words):
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return "(?:" + (_trie_pattern(trie) if trie else "(?!)") + ")"


def _trie_pattern(node: dict) -> str:
    """The pattern of the words below `node` (a key "" marks a word ending at the node)."""
    leaves = sorted(char for char, child in node.items() if char and list(child) == [""])
    inner = sorted((char, child) for char, child in node.items() if char and list(child) != [""])
    branches = [re.escape(char) + _trie_pattern(child) for char, child in inner]
    if len(leaves) == 1:
        branches.append(re.escape(leaves[0]))
    elif leaves:  # characters that end a word and go no further: one class
        branches.append("[" + "".join(map(re.escape, leaves)) + "]")
    atom = len(branches) == 1 and not inner  # one character or one class
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return body + "?" if atom else "(?:" + body + ")?"


def split_marker(entry: str, markers: str) -> tuple[str, str]:
    """(word, marker) of a list entry that may end with one of `markers` (`发布:` → ('发布', ':'));
    the marker is '' for a plain entry."""
    if len(entry) > 1 and entry[-1] in markers:
        return entry[:-1], entry[-1]
    return entry, ""


CREDIT_ROLES_FILE = GAZETTEER_DIR / "credit_roles.txt"
COLON_ONLY, FURNITURE = ":", "-"


@dataclass(frozen=True)
class CreditRoles:
    """The words of newsroom credit lines (data/gazetteers/credit_roles.txt), by kind; each tuple
    longest first. Every user honours the kinds: the NER rules (TITLE + PER), the post finder
    (relations/officials.py), the segmenter's closing cues and the invented training sentences.

    - `free`: a person's role, the name after it with or without a colon (`编辑 甲`, `编辑：甲`);
    - `colon_only`: a person's role only before a colon or bar (`发布：甲`), since the word is also
      an everyday verb or noun (发布会, 统筹推进);
    - `furniture`: a label of web-page furniture (`来源：某某网`), no person's role: it ends a
      credit name and, for the segmenter, marks furniture, but names no one and is no post.
    """

    free: tuple[str, ...]
    colon_only: tuple[str, ...]
    furniture: tuple[str, ...]

    @classmethod
    def parse(cls, entries: Iterable[str]) -> "CreditRoles":
        """The kinds of marked entries (`编辑`, `发布:`, `来源-`). A list saved before the markers
        existed (a model's copy) parses as all free."""
        kinds: dict[str, list[str]] = {"": [], COLON_ONLY: [], FURNITURE: []}
        for entry in entries:
            word, marker = split_marker(entry, COLON_ONLY + FURNITURE)
            kinds[marker].append(word)
        return cls(longest_first(kinds[""]), longest_first(kinds[COLON_ONLY]), longest_first(kinds[FURNITURE]))

    @property
    def roles(self) -> tuple[str, ...]:
        """Every person's role (free and colon-only), longest first."""
        return longest_first(self.free + self.colon_only)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word of the list (roles and furniture), longest first: what ends a credit name."""
        return longest_first(self.roles + self.furniture)


def read_credit_roles(path: Path = CREDIT_ROLES_FILE) -> CreditRoles:
    """The credit-line words of `path` by kind (see `CreditRoles`)."""
    return CreditRoles.parse(read_list(path))


def role_heads() -> frozenset[str]:
    """What may stand before a role word in a post without naming a place or an organisation:
    the qualifiers kept inside a post (代, 代理, 原, 时任: the + entries of post_qualifiers.txt), the
    role prefixes (常务副, 副: role_prefixes.txt), a qualifier and a prefix together (代理副), and
    nothing. 代县长 is 代 + 县长, not the county 代县."""
    qualifiers = [w[:-1] for w in read_list(GAZETTEER_DIR / "post_qualifiers.txt") if w.endswith("+")]
    prefixes = read_list(GAZETTEER_DIR / "role_prefixes.txt")
    return frozenset({"", *qualifiers, *prefixes} | {q + p for q in qualifiers for p in prefixes})
