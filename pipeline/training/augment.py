"""Mention replacement: copies of the in-domain examples with every person swapped for another name.

The real-news train split and the seeds are small and repeated in training; repeated verbatim, the
CRF learns their few hundred names by heart (the characters of 甲某 in B-PER position) instead of the
contexts that announce a name (a list after 县领导, a credit line, a title). Each extra copy gets
other names, drawn from the People's Daily names, so only the contexts repeat. This is the
"mention replacement" augmentation of Dai & Adel (2020), "An Analysis of Simple Data Augmentation
for Named Entity Recognition" (COLING), restricted to PER.

Shapes: an `Example` is text + (start, end, label) spans, end exclusive; replacing a name shifts
every later span by the length difference. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re

from pipeline.training.corpus import Example

# A plain Han name: what a swap may replace and what the pool may hold (not 王 群 with a space,
# not 阿布·热合曼: their shapes are part of the context a model should learn as written).
HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def name_pool(examples: list[Example], surnames: list[str]) -> list[str]:
    """The distinct PER strings of `examples` that look like a Han name (2–4 Han characters
    starting with a surname of `surnames`), sorted so a seed gives the same draws everywhere."""
    single = {s for s in surnames if len(s) == 1}
    double = {s for s in surnames if len(s) == 2}
    names = set()
    for example in examples:
        for start, end, label in example.entities:
            name = example.text[start:end]
            if label == "PER" and HAN_NAME.fullmatch(name) and (name[:2] in double or (name[0] in single and len(name) <= 3)):
                names.add(name)
    return sorted(names)


def swap_names(example: Example, pool: list[str], rng: random.Random) -> Example:
    """The example with every plain Han PER replaced by a name drawn from `pool`; the same name
    gets the same replacement within the example, other spans move with the text."""
    chosen: dict[str, str] = {}
    parts, entities, cursor, shift = [], [], 0, 0
    for start, end, label in sorted(example.entities):
        name = example.text[start:end]
        if label == "PER" and HAN_NAME.fullmatch(name) and start >= cursor:
            new = chosen.setdefault(name, rng.choice(pool))
            parts.append(example.text[cursor:start] + new)
            entities.append((start + shift, start + shift + len(new), label))
            shift += len(new) - len(name)
            cursor = end
        else:
            entities.append((start + shift, end + shift, label))
    parts.append(example.text[cursor:])
    return Example(example.source, "".join(parts), tuple(entities))


def swapped_copies(examples: list[Example], copies: int, pool: list[str], seed: int) -> list[Example]:
    """`copies` copies of `examples`, each with its own draw of names (copy k draws from
    random.Random(f"{seed}:{k}"))."""
    out = []
    for k in range(copies):
        rng = random.Random(f"{seed}:{k}")
        out.extend(swap_names(example, pool, rng) for example in examples)
    return out
