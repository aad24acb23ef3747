"""The default NER (crf backend) on the five seed pages, none of which it was trained on.

Leave-one-document-out would need five CRF trainings (≈20 minutes each here); instead one model is
trained with `seeds_repeat=0` (People's Daily 1998, real-news train and invented sentences only:
every seed is held out at once, a stricter test than LODO) and the whole ner stage (rules + CRF +
name fixes) runs on each seed's clean page. Scored as the LODO table is: exact span and label,
per label and micro, against the seed gold mapped onto clean text; nested entities (inside a
TITLE/ORG, which the seed gold does not annotate) are left out.

    python -m pipeline.training --seeds ../shared/seeds --models crf --crf-param seeds_repeat=0 --crf-out build/crf_noseeds
    python -m pipeline.evaluation.seeds_heldout --seeds ../shared/seeds --model build/crf_noseeds
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import pandas as pd

from pipeline.annotations.gold import ENTITY_LABELS, load_all
from pipeline.evaluation.ner_eval import compare, score
from pipeline.training.corpus import clean_gold


def evaluate(seeds_dir: Path, model_dir: Path, overrides: dict | None = None) -> dict:
    """{label|micro|numbers: {p, r, f, tp, fp, fn}} over the five seeds, and the model id;
    `overrides` are ner config keys (e.g. {"rule_fill": ["PER", "ORG", "LOC"]})."""
    from pipeline.stages.ner import NerConfig, model_ids, ner

    config = NerConfig(crf_model=str(model_dir), allow_external_model=True, **(overrides or {}))
    counts = {k: Counter() for k in ("tp", "fp", "fn")}
    for doc in load_all(Path(seeds_dir)):
        gold = clean_gold(doc)
        articles = pd.DataFrame({"article_id": [f"{doc.stem}:0"], "doc_id": [doc.stem], "text": [gold.text], "page_start": [0], "page_end": [len(gold.text)]})
        pages = pd.DataFrame({"doc_id": [doc.stem], "text": [gold.text], "offsets": [list(range(len(gold.text)))]})
        entities = ner(articles, pages, config)
        top = entities[entities["nested_in"].isna()]
        compare(set(gold.entities), {(int(s), int(e), label) for s, e, label in zip(top["start"], top["end"], top["label"])}, counts)
    return {"scores": score(counts), "model_id": model_ids(config)["ner"]}


def format_table(result: dict) -> str:
    lines = ["| label (gold) | P | R | F1 |", "|---|---:|---:|---:|"]
    for label in (*ENTITY_LABELS, "numbers", "micro"):
        s = result["scores"][label]
        lines.append(f"| {label} ({s['tp'] + s['fn']}) | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.seeds_heldout", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--model", type=Path, required=True, help="a CRF model folder trained with seeds_repeat=0")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--rule-fill", default=None, help="comma-separated labels for ner.rule_fill (default: the config's)")
    args = parser.parse_args(argv)
    result = evaluate(args.seeds, args.model, {"rule_fill": args.rule_fill.split(",")} if args.rule_fill else None)
    print(f"model {result['model_id']}")
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
