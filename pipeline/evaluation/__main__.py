"""`make eval`: every quality score of difang in one run, on the annotated seeds.

1. cleaning: character error rate of noised-then-cleaned invented text, legitimate spaces destroyed;
2. segmentation: article boundary P/R/F1, title match, author F1 (tuning vs held-out seeds);
3. NER: leave-one-document-out per-label P/R/F1 (model, rules, model + rules); fold models are
   cached in build/ner/lodo/, so a second run only re-scores;
4. relations: official_post and metric_value from the gold entities (the relation rules alone) and
   end to end from the leave-one-document-out NER predictions, with error examples;
5. real news: the shipped pipeline on the hand-annotated real articles of `--realnews`/dev.jsonl,
   as they are and with PDF noise, next to LAC and jieba (realnews_eval; skipped without the folder);
6. segmentation on pages composed of 3–5 real-news articles, clean and PDF-noised (compose_eval).

The results are also written to build/eval.json (details of sections 5 and 6 beside it in build/).
Nothing outside build/ changes: `make record-eval` (pipeline/evaluation/record.py) copies the last
run's scores into the model cards, on purpose.
"""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.annotations.gold import GoldDocument
from pipeline.evaluation import clean_eval, compose_eval, ner_eval, realnews_eval, relate_eval, segment_eval
from pipeline.relations.officials import Mention

REPO = Path(__file__).resolve().parents[2]


def _lodo_predictor(result: dict) -> relate_eval.Predictor:
    """Mentions predicted for each seed by the NER model that was trained without it."""
    by_stem = {fold["held_out"]: fold["predictions"] for fold in result["folds"]}

    def predict(doc: GoldDocument, text: str) -> list[Mention]:
        return [Mention(start, end, label, text[start:end]) for start, end, label in by_stem[doc.stem]]

    return predict


app = typer.Typer(add_completion=False)


@app.command()
def main(
    seeds: Annotated[Path, typer.Option("--seeds", help="Folder with the raw seed pages (SEEDS_DIR).")],
    examples: Annotated[int, typer.Option("--examples", help="Error examples per relation.")] = 6,
    out: Annotated[Path, typer.Option("--out", help="Summary of every score (JSON).", show_default="build/eval.json")] = REPO / "build" / "eval.json",
    realnews: Annotated[
        Path, typer.Option("--realnews", help="Real-news corpus folder (dev.jsonl is scored; REALNEWS_DIR).", show_default="../shared/corpus/realnews")
    ] = realnews_eval.DEFAULT_DIR,
) -> None:
    """Score cleaning, segmentation, NER and relations on the seeds and the real news, and
    segmentation on composed real-news pages (also: python -m pipeline.evaluation; = make eval).
    Writes only build/. Exit 2 when the seeds folder is missing."""
    if not seeds.is_dir():
        print(f"seeds folder {seeds} does not exist (set SEEDS_DIR)", file=sys.stderr)
        raise typer.Exit(2)
    console = Console(width=max(Console().width, 140))

    console.rule("1. cleaning (noised invented text, then cleaned)")
    cleaning = clean_eval.evaluate_cleaning()
    console.print(clean_eval.format_table(cleaning), highlight=False, markup=False)

    console.rule("2. segmentation")
    segmentation = segment_eval.evaluate_segmentation(seeds)
    console.print(segment_eval.format_table(segmentation), highlight=False, markup=False)

    console.rule("3. NER, leave-one-document-out")
    ner = ner_eval.evaluate_ner(seeds)
    console.print(ner_eval.format_table(ner), highlight=False, markup=False)

    console.rule("4. relations")
    from_gold = relate_eval.evaluate_relations(seeds)
    relate_eval.print_scores("from gold entities (relation rules alone)", from_gold, console, examples)
    end_to_end = relate_eval.evaluate_relations(seeds, _lodo_predictor(ner))
    relate_eval.print_scores("end to end (leave-one-document-out NER + relation rules)", end_to_end, console, examples)

    console.rule("5. real news (dev.jsonl: as written, PDF-noised, peers)")
    realnews_scores = realnews_eval.section(realnews, console)

    console.rule("6. segmentation on pages composed from real-news articles (dev.jsonl, train.jsonl)")
    composed = compose_eval.section(realnews, console)

    out.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "cleaning": cleaning,
        "segmentation": segmentation,
        "ner": {k: v for k, v in ner.items() if k != "folds"} | {"folds": [{k: v for k, v in f.items() if k != "predictions"} for f in ner["folds"]]},
        "relations": {
            "from_gold_entities": {name: score.as_dict() for name, score in from_gold.items()},
            "end_to_end": {name: score.as_dict() for name, score in end_to_end.items()},
        },
        "realnews": realnews_scores,
        "composed_pages": composed,
    }
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    console.print(f"written {out}")


if __name__ == "__main__":
    app()
