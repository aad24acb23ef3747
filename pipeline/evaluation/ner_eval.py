"""Leave-one-document-out NER evaluation over the annotated seeds.

For each seed: train on the other seeds + the invented sentences (same settings as the shipped
model), then score on the held-out seed's CLEAN page text against its gold entities mapped
through the cleaner's offset map. Exact span + label match; per-label P/R/F1 and micro averages
for three setups: model alone, rules alone, model + rules.

    python -m pipeline.evaluation.ner_eval --seeds DIR [--write-card]

Reproducible: every fold is seeded and trains in its own process with one BLAS/OpenMP thread and a
fixed hash seed, so neither the number of parallel folds nor their finishing order changes a score
(tests/test_eval_repro.py). Only `--write-card` (or `make record-eval`) touches models/.
"""

from __future__ import annotations

import argparse
import os
import time
from contextlib import contextmanager
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from pipeline.annotations.gold import ENTITY_LABELS, load_all
from pipeline.training.corpus import clean_gold, examples_of
from pipeline.training.synthetic import synthetic_examples

SETUPS = ("model", "rules", "model+rules")
NUMBER_LABELS = ("DATE", "MONEY", "PERCENT", "QUANTITY")


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn}


def score(counts: dict[str, Counter]) -> dict:
    """Per-label and micro P/R/F1 from tp/fp/fn counters by label."""
    out = {label: prf(counts["tp"][label], counts["fp"][label], counts["fn"][label]) for label in ENTITY_LABELS}
    for name, labels in (("micro", ENTITY_LABELS), ("numbers", NUMBER_LABELS)):
        out[name] = prf(*(sum(counts[k][label] for label in labels) for k in ("tp", "fp", "fn")))
    return out


def compare(gold: set, predicted: set, counts: dict[str, Counter]) -> None:
    for _, _, label in predicted & gold:
        counts["tp"][label] += 1
    for _, _, label in predicted - gold:
        counts["fp"][label] += 1
    for _, _, label in gold - predicted:
        counts["fn"][label] += 1


def evaluate_ner(
    seeds_dir: Path,
    synthetic: int | None = None,
    seed: int | None = None,
    max_steps: int | None = None,
    workers: int = 2,
    reuse: bool = True,
    verbose: bool = True,
    folds_dir: Path | None = None,
    held_out: list[str] | None = None,
) -> dict:
    """LODO scores {setup: {label|micro|numbers: {p, r, f, tp, fp, fn}}} plus timing and fold info.

    Folds train in `workers` fresh processes, in seed-name order (each fold is seeded and
    single-threaded, so the result does not depend on `workers`). With `reuse`, a fold model already
    trained in `folds_dir` (default build/ner/lodo/) from identical inputs and code is reused, so
    changing only the scoring re-scores in seconds. `held_out`: the seeds (file stems) whose folds
    run, default every seed."""
    from pipeline.training.train import BUILD_DIR, DEFAULTS, config_hash, training_params

    synthetic = DEFAULTS["synthetic"] if synthetic is None else synthetic
    seed = DEFAULTS["seed"] if seed is None else seed
    folds_dir = Path(folds_dir) if folds_dir else BUILD_DIR / "lodo"
    stems = sorted(d.stem for d in load_all(Path(seeds_dir)) if held_out is None or d.stem in held_out)
    started = time.perf_counter()
    jobs = [(str(seeds_dir), stem, synthetic, seed, max_steps, reuse, str(folds_dir)) for stem in stems]
    with _fold_environment(), ProcessPoolExecutor(max_workers=max(workers, 1), mp_context=get_context("spawn")) as pool:
        folds = list(pool.map(_fold, *zip(*jobs)))
    counts = {setup: {k: Counter() for k in ("tp", "fp", "fn")} for setup in SETUPS}
    for fold in folds:
        for setup in SETUPS:
            for k in ("tp", "fp", "fn"):
                counts[setup][k].update(fold["counts"][setup][k])
        if verbose:
            print(f"fold {fold['held_out']}: trained {fold['train_seconds']:.0f}s; micro F1 " + ", ".join(f"{s} {fold[s]:.3f}" for s in SETUPS), flush=True)
    return {
        "scores": {setup: score(counts[setup]) for setup in SETUPS},
        "folds": [{k: v for k, v in fold.items() if k != "counts"} for fold in folds],
        "seconds": round(time.perf_counter() - started, 1),
        "synthetic": synthetic,
        "seed": seed,
        "max_steps": max_steps,
        "config_hash": config_hash(*training_params(synthetic, seed, max_steps)),
    }


# The environment of the fold processes: one thread for BLAS/OpenMP (sums in one order whatever
# the load) and one hash seed (set and dict orders of strings), fixed before Python starts.
FOLD_ENVIRONMENT = {"PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextmanager
def _fold_environment() -> Iterator[None]:
    """FOLD_ENVIRONMENT while the fold processes start (spawned children inherit it), then as before."""
    saved = {key: os.environ.get(key) for key in FOLD_ENVIRONMENT}
    os.environ.update(FOLD_ENVIRONMENT)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _fold(seeds_dir: str, held_out_stem: str, synthetic: int, seed: int, max_steps: int | None, reuse: bool, folds_dir: str) -> dict:
    """Train without one seed, score the three setups on its clean page text."""
    from pipeline.ner.component import FACTORY
    from pipeline.ner.spacy_backend import rules_pipeline
    from pipeline.training.train import add_rules, train, training_params

    docs = load_all(Path(seeds_dir))
    held_out = next(d for d in docs if d.stem == held_out_stem)
    examples, _ = examples_of([d for d in docs if d.stem != held_out_stem])
    overrides, _ = training_params(synthetic, seed, max_steps)
    result = train(examples + synthetic_examples(synthetic, seed), examples[:20], Path(folds_dir) / held_out_stem, overrides, reuse=reuse)
    nlp = add_rules(result.nlp)
    gold_page = clean_gold(held_out)
    gold = set(gold_page.entities)
    predictions = {
        "model": _run(nlp, gold_page.text, [FACTORY]),
        "rules": _run(rules_pipeline(), gold_page.text, []),
        "model+rules": _run(nlp, gold_page.text, []),
    }
    fold = {"held_out": held_out_stem, "train_seconds": round(result.seconds, 1), "n_gold": len(gold), "counts": {}}
    fold["predictions"] = sorted(predictions["model+rules"])  # clean-text spans, for end-to-end relation scores
    fold.update({k: v for k, v in gold_page.report.items()})
    for setup, predicted in predictions.items():
        c = {k: Counter() for k in ("tp", "fp", "fn")}
        compare(gold, predicted, c)
        fold["counts"][setup] = c
        fold[setup] = score(c)["micro"]["f"]
    return fold


def _run(nlp, text: str, disable: list[str]) -> set:
    doc = nlp(text, disable=disable) if disable else nlp(text)
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents}


def format_table(result: dict) -> str:
    """Markdown table: one row per label, P/R/F1 per setup."""
    head = "| label | " + " | ".join(f"{s} P | {s} R | {s} F1" for s in SETUPS) + " |"
    rule = "|---|" + "---:|" * (3 * len(SETUPS))
    lines = [head, rule]
    for label in (*ENTITY_LABELS, "numbers", "micro"):
        cells = []
        for setup in SETUPS:
            s = result["scores"][setup][label]
            cells += [f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f']:.3f}"]
        name = {"numbers": "numbers (DATE+MONEY+PERCENT+QUANTITY, micro)", "micro": "**all (micro)**"}.get(label, label)
        support = result["scores"]["model"][label]
        lines.append(f"| {name} ({support['tp'] + support['fn']}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from pipeline.training import card

    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.ner_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps (default: configs/ner.cfg)")
    parser.add_argument("--workers", type=int, default=2, help="folds trained in parallel (processes)")
    parser.add_argument("--retrain", action="store_true", help="retrain every fold even if an identical one is cached in build/")
    parser.add_argument("--write-card", action="store_true", help="also write the table into models/ner/MODEL_CARD.md")
    args = parser.parse_args(argv)
    result = evaluate_ner(args.seeds, max_steps=args.max_steps, workers=args.workers, reuse=not args.retrain)
    table = format_table(result)
    print(table)
    print(f"total {result['seconds']:.0f}s")
    if args.write_card:
        card.write_lodo(result, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
