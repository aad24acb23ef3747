"""Combine the entity spans of several layers (spacy, hanlp, rules) with a strategy per label.

Strategies, applied to the spans of one label:
- `vote`: keep a span (exact start, end) that a majority of the layers that ran found
  (2 of 3; with two layers, both).
- `union`: keep every layer's spans.
- `priority`: take the first layer in the priority order, then add each next layer's spans that do
  not overlap a span already taken.
A label missing from the strategy map uses `priority`. Afterwards spans of different labels (and
overlapping spans that `union` kept) are resolved greedily: more agreeing layers first, then the
layer higher in the priority order, then the longer span. Every kept span carries the layers that
found it exactly and a score = that number / the number of layers that ran.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from pipeline.offsets import first_disjoint

Strategy = Literal["vote", "union", "priority"]
Source = Literal["rules", "spacy", "hanlp"]
Span = tuple[int, int, str]

DEFAULT_PRIORITY: tuple[str, ...] = ("rules", "spacy", "hanlp")


@dataclass(frozen=True)
class Combined:
    start: int
    end: int
    label: str
    sources: tuple[str, ...]  # in priority order
    score: float


def _label_spans(by_source: dict[str, set[tuple[int, int]]], strategy: str, order: list[str], n_layers: int) -> set[tuple[int, int]]:
    if strategy == "union":
        return set().union(*by_source.values()) if by_source else set()
    if strategy == "vote":
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for spans in by_source.values():
            for span in spans:
                counts[span] += 1
        need = n_layers // 2 + 1
        return {span for span, n in counts.items() if n >= need}
    if strategy == "priority":
        return set(first_disjoint((span for source in order for span in sorted(by_source.get(source, ()))), lambda span: span))
    raise ValueError(f"unknown ensemble strategy {strategy!r}; use vote, union or priority")


def combine(
    predictions: dict[str, list[Span]],
    strategies: dict[str, str] | None = None,
    priority: list[str] | tuple[str, ...] = DEFAULT_PRIORITY,
) -> list[Combined]:
    """One non-overlapping list of spans (sorted by start) from the layers' predictions."""
    strategies = strategies or {}
    order = [s for s in priority if s in predictions] + sorted(s for s in predictions if s not in priority)
    rank = {s: i for i, s in enumerate(order)}
    n_layers = len(predictions)
    found: dict[Span, set[str]] = defaultdict(set)
    for source, spans in predictions.items():
        for span in spans:
            found[tuple(span)].add(source)
    labels = sorted({label for _, _, label in found})
    candidates: list[Combined] = []
    for label in labels:
        by_source = {
            source: {(s, e) for s, e, lab in spans if lab == label}
            for source, spans in predictions.items()
        }
        by_source = {k: v for k, v in by_source.items() if v}
        for start, end in _label_spans(by_source, strategies.get(label, "priority"), order, n_layers):
            sources = tuple(sorted(found[(start, end, label)], key=rank.__getitem__))
            candidates.append(Combined(start, end, label, sources, len(sources) / n_layers))
    candidates.sort(key=lambda c: (-len(c.sources), rank[c.sources[0]], -(c.end - c.start), c.start, c.label))
    kept = first_disjoint(candidates, lambda c: (c.start, c.end))
    return sorted(kept, key=lambda c: (c.start, c.end, c.label))
