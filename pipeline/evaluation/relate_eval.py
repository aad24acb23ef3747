"""Score official_post and metric_value against the seed gold, on the clean page text.

Two settings: relations from the gold entities (the relation rules alone) and relations from
predicted entities (end to end), where `predict` is any function page text → mentions — the
leave-one-document-out NER models in `pipeline.evaluation.ner_eval` supply one per seed.

Matching: official_post exact = same person span and same post span; lenient = same person
span and overlapping post spans. metric_value = same value span (so value and unit are exact)
and overlapping metric phrase spans. A gold metric phrase whose value the system found but
whose phrase does not overlap counts as both a false positive and a false negative.
"""

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.annotations.gold import GoldDocument, load_all
from pipeline.offsets import raw_to_clean_span
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.officials import Mention, pair_officials
from pipeline.stages.clean import CleanConfig, clean_text

Predictor = Callable[[GoldDocument, str], list[Mention]]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class CleanGold:
    """A seed's clean text with its gold spans mapped from raw to clean offsets."""

    stem: str
    text: str
    mentions: list[Mention]
    officials: set[tuple[tuple[int, int], tuple[int, int]]]  # (person span, post span)
    metric_values: dict[tuple[int, int], list[tuple[int, int]]]  # value span → metric phrase spans


def clean_gold(doc: GoldDocument, config: CleanConfig | None = None) -> CleanGold:
    """Clean the seed and carry its gold entities and relations over to the clean text."""
    page = clean_text(doc.raw, config or CleanConfig())
    spans: dict[str, tuple[int, int]] = {}
    for span in (*doc.entities, *doc.metrics):
        mapped = raw_to_clean_span(page.offsets, span.start, span.end)
        if mapped is not None:
            spans[span.id] = mapped
    labels = {s.id: s.label for s in (*doc.entities, *doc.metrics)}
    mentions = [Mention(*spans[e.id], e.label, page.text[slice(*spans[e.id])]) for e in doc.entities if e.id in spans]
    officials = set()
    metric_values: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for relation in doc.relations:
        if relation.head not in spans or relation.tail not in spans:
            continue  # an endpoint inside removed text (a caption moved out of the page)
        if relation.type == "official_post" and labels[relation.head] == "PER":
            officials.add((spans[relation.head], spans[relation.tail]))
        elif relation.type == "metric_value":
            metric_values.setdefault(spans[relation.tail], []).append(spans[relation.head])
    return CleanGold(doc.stem, page.text, mentions, officials, metric_values)


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    return re.sub(r"\s+", " ", f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}")


def score_document(gold: CleanGold, mentions: list[Mention], scores: dict[str, Score]) -> None:
    """Add one document's official_post (exact, lenient) and metric_value counts to `scores`."""
    text = gold.text
    predicted = {((p.person.start, p.person.end), (p.post.start, p.post.end)) for p in pair_officials(text, mentions)}
    exact, lenient = scores["official_post"], scores["official_post_lenient"]
    for pair in sorted(predicted):
        if pair in gold.officials:
            exact.tp += 1
        else:
            exact.fp += 1
            exact.errors.append(f"FP {gold.stem[:3]} {text[slice(*pair[0])]} → {text[slice(*pair[1])]}: {_context(text, min(pair[0][0], pair[1][0]), max(pair[0][1], pair[1][1]))}")
    for pair in sorted(gold.officials - predicted):
        exact.fn += 1
        exact.errors.append(f"FN {gold.stem[:3]} {text[slice(*pair[0])]} → {text[slice(*pair[1])]}: {_context(text, min(pair[0][0], pair[1][0]), max(pair[0][1], pair[1][1]))}")

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    unmatched_gold = set(gold.officials)
    for person, post in sorted(predicted):
        match = next((g for g in unmatched_gold if g[0] == person and overlaps(g[1], post)), None)
        if match:
            unmatched_gold.discard(match)
            lenient.tp += 1
        else:
            lenient.fp += 1
    lenient.fn += len(unmatched_gold)

    metric = scores["metric_value"]
    found = set()
    for result in relate_metrics(text, mentions):
        value = (result.value.start, result.value.end)
        if result.metric_start is None:
            continue
        phrase = (result.metric_start, result.metric_end)
        golds = gold.metric_values.get(value, [])
        if any(overlaps(phrase, g) for g in golds):
            metric.tp += 1
            found.add(value)
        else:
            metric.fp += 1
            wanted = " / ".join(text[slice(*g)] for g in golds) or "(not a gold figure)"
            metric.errors.append(f"FP {gold.stem[:3]} [{text[slice(*phrase)]}] → {text[slice(*value)]} (gold: {wanted}): {_context(text, *value, width=20)}")
    for value, phrases in sorted(gold.metric_values.items()):
        if value not in found:
            metric.fn += 1
            metric.errors.append(f"FN {gold.stem[:3]} [{' / '.join(text[slice(*g)] for g in phrases)}] → {text[slice(*value)]}: {_context(text, *value, width=20)}")


def evaluate_relations(seeds_dir: Path, predict: Predictor | None = None) -> dict[str, Score]:
    """Relation scores over all annotated seeds, from gold entities or from `predict`."""
    scores = {name: Score() for name in ("official_post", "official_post_lenient", "metric_value")}
    for doc in load_all(Path(seeds_dir)):
        gold = clean_gold(doc)
        mentions = gold.mentions if predict is None else predict(doc, gold.text)
        score_document(gold, mentions, scores)
    return scores


def print_scores(title: str, scores: dict[str, Score], console: Console, examples: int = 8) -> None:
    table = Table(title=title)
    for column in ("relation", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "relation" else "right")
    for name, score in scores.items():
        table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}", str(score.tp), str(score.fp), str(score.fn))
    console.print(table)
    for name in ("official_post", "metric_value"):
        for line in scores[name].errors[:examples]:
            console.print(f"  {name} {line}", highlight=False, markup=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--examples", type=int, default=8, help="error examples to print per relation")
    args = parser.parse_args()
    print_scores("relations from gold entities (relation rules alone)", evaluate_relations(args.seeds), Console(), args.examples)


if __name__ == "__main__":
    main()
