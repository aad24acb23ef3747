"""How close difang's metric names are to the gold names of the real-news corpus, under tests
stricter than the scorer's (issue 17).

The reference scorer counts a metric when value and unit are equal and the names overlap: one
inside the other, or half of the gold name's distinct characters predicted. That hides names that
are right only by luck on the text the rules were written on and miss on unseen text. Here every
pair the scorer matches (realnews_eval.match_metrics: same number and unit) is put in one class,
strictest first:
  exact          the same string (whitespace removed, NFKC)
  gold_in_ours   ours holds the gold name and more (七圩镇工业销售收入 / 工业销售收入)
  ours_in_gold   the gold name holds ours (签约项目 / 工业签约项目)
  overlap        neither inside the other, half of the gold characters shared: a scorer hit
  miss           less: a scorer miss (false positive and false negative)
and the non-exact ones get kinds, from the two strings and the article text (`name_kinds`):
  subject        the gold name is ours with words in front (a sub-entity, 其中某镇…)
  tail           the gold name is ours with words after (产量, 人次, 长度)
  growth         one name ends in growth wording and the other does not (data/metrics/growth_words.txt)
  list           the gold name holds a list mark (、和及与) ours does not
  respectively   the figure's sentence holds 分别
  after          our name is written after the figure (a noun after a count, 3个公园)
  headline       the figure stands in the first line
  longer         ours holds the gold name and more
  built          neither inside the other (words joined or reordered)

    python -m pipeline.evaluation.metric_names_eval --corpus ../shared/corpus/realnews/train.jsonl \\
        [--output-dir OUT] [--show]

Without --output-dir, difang runs on the corpus (realnews_eval.run_difang, a temporary folder
under build/). --show lists the non-exact pairs with their kinds; it refuses a file named dev*,
which is for measuring only (counts are printed for any file).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation.realnews_eval import BUILD, match_metrics, norm, original_text, read_output, run_difang, to_number, unit_key
from pipeline.relations.numbers import DATA
from pipeline.wordlists import longest_first, read_list

CLASSES = ("exact", "gold_in_ours", "ours_in_gold", "overlap", "miss")
GROWTH_WORDS = longest_first(read_list(DATA / "growth_words.txt"))
LIST_MARKS = "、和及与"


@dataclass(frozen=True)
class NamePair:
    """One gold metric and the prediction the scorer matched to it (same number and unit)."""

    article: str
    gold: str
    ours: str
    value: str
    unit: str
    klass: str
    kinds: tuple[str, ...]


def name_class(gold: str, ours: str) -> str:
    """The strictest of CLASSES that holds for the two names (whitespace removed, NFKC)."""
    g, o = norm(gold), norm(ours)
    if g == o:
        return "exact"
    if g and g in o:
        return "gold_in_ours"
    if o and o in g:
        return "ours_in_gold"
    return "overlap" if g and o and len(set(g) & set(o)) / len(set(g)) >= 0.5 else "miss"


def name_kinds(gold: str, ours: str, text: str = "", value: str = "") -> tuple[str, ...]:
    """Kinds of difference between two names (module docstring); () for equal names. `text` and
    `value` (the figure as written) place the figure in its article for the context kinds."""
    g, o = norm(gold), norm(ours)
    if g == o:
        return ()
    kinds = []
    if o and g.endswith(o):
        kinds.append("subject")
    elif o and g.startswith(o):
        kinds.append("tail")
    if g.endswith(GROWTH_WORDS) != o.endswith(GROWTH_WORDS):
        kinds.append("growth")
    if any(mark in g and mark not in o for mark in LIST_MARKS):
        kinds.append("list")
    if g and g in o:
        kinds.append("longer")
    elif not (o and o in g):
        kinds.append("built")
    kinds += _context_kinds(text, value, o)
    return tuple(kinds)


def _context_kinds(text: str, value: str, ours: str) -> list[str]:
    """respectively / after / headline, from where the figure `value` first stands in `text`."""
    at = text.find(value) if value else -1
    if at == -1:
        return []
    start = max(text.rfind(mark, 0, at) for mark in "。！？\n") + 1
    stops = [i for i in (text.find(mark, at) for mark in "。！？\n") if i != -1]
    sentence = text[start : min(stops, default=len(text))]
    kinds = ["respectively"] if "分别" in sentence else []
    if ours and ours in norm(text[at + len(value) : min(stops, default=len(text))]) and ours not in norm(text[start:at]):
        kinds.append("after")
    if "\n" not in text[:at]:
        kinds.append("headline")
    return kinds


def compare(articles: list[dict], out: Path) -> tuple[list[NamePair], Counter]:
    """Every scorer-matched pair of a difang output `out` with its class and kinds, and the counts
    of CLASSES plus 'spurious' (no gold with that number and unit) and 'unpredicted'."""
    predictions = read_output(out, articles)
    pairs, counts = [], Counter()
    for article in articles:
        gold = [(m["metric"], m["value"], m.get("unit", "")) for m in article.get("metrics", [])]
        ours = predictions[article["id"]]["metrics"]
        match = match_metrics(gold, ours)
        matched = list(match.hits)
        # a pair whose names do not overlap is in both lists: find it again by number and unit
        used = {i for i, _ in matched}
        for j in match.spurious:
            same = next((i for i in match.missed if i not in used and _same_figure(gold[i], ours[j])), None)
            if same is None:
                counts["spurious"] += 1
            else:
                used.add(same)
                matched.append((same, j))
        counts["unpredicted"] += len([i for i in match.missed if i not in used])
        for i, j in matched:
            g, o = str(gold[i][0]), str(ours[j][0])
            klass = name_class(g, o)
            counts[klass] += 1
            kinds = name_kinds(g, o, article.get("text", ""), str(gold[i][1]))
            pairs.append(NamePair(article["id"], g, o, str(gold[i][1]), str(gold[i][2]), klass, kinds))
    return pairs, counts


def _same_figure(gold: tuple, ours: tuple) -> bool:
    """The same number and unit, as the scorer compares them."""
    return to_number(gold[1]) == to_number(ours[1]) and unit_key(gold[2]) == unit_key(ours[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a realnews .jsonl file")
    parser.add_argument("--output-dir", type=Path, help="an existing difang output of that corpus")
    parser.add_argument("--show", action="store_true", help="list the non-exact pairs (not for dev*)")
    args = parser.parse_args()
    if args.show and args.corpus.name.startswith("dev"):
        parser.error("dev is for measuring only: counts, no pairs (house rules)")

    articles = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    work = None
    out = args.output_dir
    if out is None:
        BUILD.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="metric-names-", dir=BUILD))
        out, _ = run_difang(articles, work, [], original_text)
    try:
        pairs, counts = compare(articles, out)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    total = sum(counts[c] for c in CLASSES)
    print(f"{total} matched pairs: " + ", ".join(f"{c} {counts[c]}" for c in CLASSES) + f"; spurious {counts['spurious']}, unpredicted {counts['unpredicted']}")
    kinds = Counter(k for p in pairs if p.klass != "exact" for k in p.kinds)
    print("kinds of the non-exact pairs: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    if args.show:
        for p in sorted(pairs, key=lambda p: (CLASSES.index(p.klass), p.article)):
            if p.klass != "exact":
                print(f"{p.klass:13s} {p.article} ours {p.ours} | gold {p.gold} | {p.value} {p.unit} | {','.join(p.kinds)}")


if __name__ == "__main__":
    main()
