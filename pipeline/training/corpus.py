"""Gold annotations → clean-text examples for NER training and evaluation.

Gold entities index the RAW seed text; the model sees CLEAN text (what the pipeline feeds it).
Each entity is mapped through the cleaner's offset map; entities whose text was removed by the
cleaner (captions, chrome) or that collide with another mapped entity are counted, not trained on.
Pages are split into paragraph/sentence-sized chunks, never mixing documents and never cutting
through an entity.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.annotations.gold import GoldDocument
from pipeline.offsets import raw_to_clean_span, strip_span
from pipeline.stages.clean import CleanConfig, clean_text

Entity = tuple[int, int, str]  # start, end (exclusive), label


@dataclass
class CleanGold:
    """One seed's clean text with its gold entities mapped onto it."""

    stem: str
    text: str
    entities: list[Entity]
    report: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class Example:
    """A training/evaluation chunk: text plus entities relative to it."""

    source: str  # stem of the seed, or "synthetic"
    text: str
    entities: tuple[Entity, ...]


def clean_gold(doc: GoldDocument, config: CleanConfig | None = None) -> CleanGold:
    """Clean the raw page and map its gold entities onto the clean text, counting what is lost."""
    page = clean_text(doc.raw, config or CleanConfig())
    report: Counter = Counter()
    mapped: list[Entity] = []
    for span in doc.entities:
        report["gold"] += 1
        clean = raw_to_clean_span(page.offsets, span.start, span.end)
        if clean is None:
            report["removed_by_cleaner"] += 1
            continue
        start, end = strip_span(page.text, *clean)
        if start >= end:
            report["removed_by_cleaner"] += 1
            continue
        if _squash(page.text[start:end]) != _squash(doc.raw[span.start : span.end]):
            report["changed_text"] += 1  # e.g. half-width → full-width brackets; still trained on
        mapped.append((start, end, span.label))
    mapped.sort()
    kept: list[Entity] = []
    for ent in mapped:
        if kept and ent[0] < kept[-1][1]:
            report["overlapping"] += 1
            continue
        kept.append(ent)
    report["mapped"] = len(kept)
    return CleanGold(doc.stem, page.text, kept, report)



_NORMALISE = str.maketrans("（）：，；！？", "():,;!?")


def _squash(text: str) -> str:
    return "".join(text.split()).translate(_NORMALISE)


_BREAK = re.compile(r"\n+|(?<=[。！？；])")


def chunk(gold: CleanGold, max_chars: int = 160) -> list[Example]:
    """Split a clean page into paragraph/sentence chunks of at most ~max_chars, keeping entities whole."""
    cuts = sorted({m.end() for m in _BREAK.finditer(gold.text)} | {len(gold.text)})
    inside = [(s, e) for s, e, _ in gold.entities]
    cuts = [c for c in cuts if not any(s < c < e for s, e in inside)]
    examples: list[Example] = []
    start = 0
    pending = 0
    for cut in cuts:
        paragraph_end = gold.text[cut - 1 : cut] == "\n"
        if cut - start >= max_chars or paragraph_end or cut == len(gold.text):
            pending = cut
        else:
            continue
        examples.extend(_example(gold, start, pending))
        start = pending
    return examples


def _example(gold: CleanGold, start: int, end: int) -> list[Example]:
    text = gold.text[start:end]
    left = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return []
    offset = start + left
    ents = tuple((s - offset, e - offset, label) for s, e, label in gold.entities if s >= offset and e <= offset + len(text))
    return [Example(gold.stem, text, ents)]


def examples_of(docs: list[GoldDocument], max_chars: int = 160) -> tuple[list[Example], Counter]:
    """Chunked clean-text examples of several seeds, and the summed alignment report."""
    report: Counter = Counter()
    examples: list[Example] = []
    for doc in docs:
        gold = clean_gold(doc)
        report.update(gold.report)
        examples.extend(chunk(gold, max_chars))
    return examples, report
