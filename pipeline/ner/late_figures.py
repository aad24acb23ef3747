"""Figures found after the model: number forms that are not (yet) features of the CRF (issue 17).

The CRF reads the rules' labels as features (pipeline/ner/rules.py; `rules_hash` is part of the
shipped model's config hash), so a number form added to the rules changes what `make train`
trains on, and a retrain moves the name and place scores by about 0.01 either way (one draw of a
noisy estimate). The forms here are found after the model instead, in the gaps the merged
entities leave, as QUANTITY entities of the rules layer; at the next retrain they move into
rules.py and this module shrinks. Three forms:

- a number with a unit or measure word the rules stop short of (data/metrics/late_units.txt):
  接种疫苗5000剂次, 十万余剂次, 开行12趟, 年发电量2.3吉瓦时 (a Chinese numeral only before a unit of two
  characters or more: 一门心思, 一股劲 are idioms); a unit followed by a character that makes it another
  word (秒杀, 集团, 门口: the second field of the file) is none;
- an Arabic number with 万 or 亿 and no unit, before the people it counts, perhaps after a
  modifier of up to four characters (43万农民, 200多万贫困人口, 1290万农村妇女; nouns:
  data/metrics/people_nouns.txt), not after a money word (投资5000万建设农民新村: money written
  without 元). Its unit is 万 (the multiplier, as written);
- an age that is the fact, not who someone is: N岁 after an age word in its sentence (平均年龄46.3岁,
  年龄最大的74岁, 比换届前下降5.2岁: data/metrics/age_words.txt), not before 的 (年满60岁的老人). The
  rules leave 岁 out: most ages in the news say who a person is.

Offsets index the input text; spaces inside figures are skipped as the rules skip them.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from pipeline.ner.rules import APPROX_AFTER, APPROX_BEFORE, ARABIC, HALF_WIDTH, MONEY_CONTEXT, MULTIPLIER, NOT_BEFORE_NUMBER, NUMBER, REPO_ROOT, squeeze
from pipeline.offsets import first_disjoint
from pipeline.wordlists import longest_first, read_list, read_rows

LATE_UNITS_FILE = REPO_ROOT / "data" / "metrics" / "late_units.txt"
PEOPLE_NOUNS_FILE = REPO_ROOT / "data" / "metrics" / "people_nouns.txt"
AGE_WORDS_FILE = REPO_ROOT / "data" / "metrics" / "age_words.txt"
# How far before an age its age word may stand, within the sentence (平均年龄46.3岁，比换届前下降5.2岁).
AGE_WORD_WINDOW = 20
# A clause that goes on with the age before it: its change or its other end (比换届前下降5.2岁, 最小的60岁).
AGE_CHANGE = re.compile(r"比|较|下降|降低|提高|增加|减少|上升|年轻|最大|最小|最高|最低")
# Characters of a modifier between the figure and the people it counts (43万|农村|妇女).
MAX_MODIFIER_CHARS = 4


@lru_cache(maxsize=1)
def _ages() -> tuple[re.Pattern, re.Pattern]:
    """An age (N岁, not before 的) and the age words (data/metrics/age_words.txt)."""
    age = re.compile(rf"{NOT_BEFORE_NUMBER}{APPROX_BEFORE}{NUMBER}{APPROX_AFTER}岁(?!的)")
    return age, re.compile("|".join(longest_first(read_list(AGE_WORDS_FILE))))


def _age_facts(text: str) -> list[tuple[int, int]]:
    """Spans of the ages that are facts: an age word before them in their sentence, within AGE_WORD_WINDOW."""
    age, words = _ages()
    if not words.search(text):
        return []  # most texts name no age word: skip the number scan
    spans = []
    for m in age.finditer(text):
        window = text[max(0, m.start() - AGE_WORD_WINDOW) : m.start()]
        clauses = re.split(r"[，,；;。！？!?\n]", re.split(r"[。！？!?\n]", window)[-1])
        # the clause's own age word, or the clause before when this one states a change of it
        # (平均年龄46.3岁，比换届前下降5.2岁); not 寿命…15岁，园里的这只今年3岁
        if words.search(clauses[-1]) or (len(clauses) > 1 and AGE_CHANGE.search(clauses[-1]) and words.search(clauses[-2])):
            spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a figure in a late unit, a count in 万 before people, any late unit alone: a text without
    one needs no scan for the first)."""
    rows = read_rows(LATE_UNITS_FILE)
    clashes = {row[0]: row[1] for row in rows if len(row) == 2}
    units = longest_first(row[0] for row in rows)
    def checked(words) -> str:
        return "|".join(f"{re.escape(u)}(?![{clashes[u]}])" if u in clashes else re.escape(u) for u in words)

    # the units of the file are only ever read as whole words: not 秒 of 秒杀, not 集 of 集团; and
    # not the seconds of a time in minutes (1分1秒16). A Chinese numeral only before a unit of two
    # characters or more (十万余剂次): before one measure character it makes idioms and names far
    # more often than counts (一门心思, 一股劲, 三门峡)
    arabic = rf"{ARABIC}{APPROX_AFTER}(?:[万亿千])?{APPROX_AFTER}(?:{checked(units)})"
    chinese = rf"{NUMBER}{APPROX_AFTER}{MULTIPLIER}{APPROX_AFTER}(?:{checked(u for u in units if len(u) >= 2)})"
    unit = re.compile(rf"{NOT_BEFORE_NUMBER}(?<![0-9０-９][分时]){APPROX_BEFORE}(?:{arabic}|{chinese})")
    people = "|".join(longest_first(read_list(PEOPLE_NOUNS_FILE)))
    counted = re.compile(
        rf"{NOT_BEFORE_NUMBER}{APPROX_BEFORE}{ARABIC}{APPROX_AFTER}[万亿]{APPROX_AFTER}(?!元)(?=[\u4e00-\u9fff]{{0,{MAX_MODIFIER_CHARS}}}?(?:{people}))"
    )
    return unit, counted, re.compile("|".join(map(re.escape, units)))


def late_figures(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """QUANTITY spans (start, end, "QUANTITY") of the forms above that overlap none of `taken`
    (the entities found so far, which do not overlap each other), in text order, non-overlapping."""
    squeezed, index = squeeze(text)
    squeezed = squeezed.translate(HALF_WIDTH)
    unit, counted, unit_words = _patterns()
    scanned = ([unit] if unit_words.search(squeezed) else []) + ([counted] if "万" in squeezed or "亿" in squeezed else [])
    matches = [(m.start(), m.end()) for pattern in scanned for m in pattern.finditer(squeezed)]
    # 投资5000万建设农民新村: an amount of money written without 元, not a count of the people after it
    matches = [(s, e) for s, e in matches if not (squeezed[e - 1] in "万亿" and MONEY_CONTEXT.search(squeezed, max(0, s - 8), s))]
    matches += _age_facts(squeezed)
    # the entities first, so a figure only fills a gap; then each figure in the order found
    candidates = [(index[s], index[e - 1] + 1, "QUANTITY") for s, e in matches]
    kept = first_disjoint([*((s, e, None) for s, e in taken), *candidates], lambda row: row[:2])
    return sorted(row for row in kept if row[2] is not None)


def late_figures_hash() -> str:
    """Hash of this module and its word lists (part of the rules layer's id, not of the CRF's)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in (LATE_UNITS_FILE, PEOPLE_NOUNS_FILE, AGE_WORDS_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
